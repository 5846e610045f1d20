// The complaint in the commission's records: registered at start, closed at the end (both idempotent).
import type { CaseFile } from '../lib/procedure/case-file';
import { identityOf, type ComplaintIdentity } from '../lib/records/complaint-identity';
import type { ClosureKind, StaffLapseAlerts } from '../lib/domain/complaint-state';
import type { NewLife } from '../lib/records/store';
import type { ActivityDependencies } from './dependencies';

export interface RegisterComplaintRequest extends ComplaintIdentity {
  caseFile: CaseFile;
  procedureId: string;
}

export interface RecordAddedRespondentRequest extends ComplaintIdentity {
  respondentId: string;
  name: string;
  /** Its place among the complaint's respondents (the case file's come first). */
  position: number;
}

export interface RecordClosureRequest extends ComplaintIdentity {
  kind: ClosureKind;
  reason?: string;
  at: string;
}

/** A complaint reopened: its new life, in the records under the complaint's identity. */
export type RecordReopeningRequest = NewLife;

/** What the worker tells a complaint it registers: how staff want to learn of lapses. */
export interface RegisteredComplaint {
  staffLapseAlerts: StaffLapseAlerts;
}

export function createComplaintActivities({
  records,
  staffLapseAlerts,
}: Pick<ActivityDependencies, 'records' | 'staffLapseAlerts'>) {
  return {
    async registerComplaint(req: RegisterComplaintRequest): Promise<RegisteredComplaint> {
      const { caseFile, procedureId } = req;
      await records.registerComplaint({
        ...identityOf(req),
        caseReference: caseFile.caseReference,
        subject: caseFile.subject,
        procedureId,
        receivedOn: caseFile.receivedOn,
        respondents: caseFile.respondents.map((r) => ({ id: r.id, name: r.name })),
      });
      return { staffLapseAlerts: staffLapseAlerts ?? 'each' };
    },
    /** A respondent added to the running complaint: the dashboard's list names and filters by it too. */
    async recordAddedRespondent(req: RecordAddedRespondentRequest): Promise<void> {
      await records.addComplaintRespondent({ ...req, ...identityOf(req) });
    },
    async recordClosure(req: RecordClosureRequest): Promise<void> {
      await records.recordClosure({ ...req, ...identityOf(req) });
    },
    async recordReopening(req: RecordReopeningRequest): Promise<void> {
      await records.recordReopening(req);
    },
  };
}
