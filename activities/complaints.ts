// The complaint in the commission's records: registered at start, closed at the end (both idempotent).
import type { CaseFile } from '../lib/procedure/case-file';
import type { StaffLapseAlerts } from '../workflows/complaint-state';
import type { ActivityDependencies } from './dependencies';

export interface RegisterComplaintRequest {
  workflowId: string;
  caseFile: CaseFile;
  procedureId: string;
}

export interface RecordClosureRequest {
  workflowId: string;
  kind: 'resolved' | 'withdrawn' | 'disposed';
  reason?: string;
  at: string;
}

/** What the worker tells a complaint it registers: how staff want to learn of lapses. */
export interface RegisteredComplaint {
  staffLapseAlerts: StaffLapseAlerts;
}

export function createComplaintActivities({
  records,
  staffLapseAlerts,
}: Pick<ActivityDependencies, 'records' | 'staffLapseAlerts'>) {
  return {
    async registerComplaint({
      workflowId,
      caseFile,
      procedureId,
    }: RegisterComplaintRequest): Promise<RegisteredComplaint> {
      await records.registerComplaint({
        workflowId,
        caseReference: caseFile.caseReference,
        subject: caseFile.subject,
        procedureId,
        receivedOn: caseFile.receivedOn,
        respondents: caseFile.respondents.map((r) => ({ id: r.id, name: r.name })),
      });
      return { staffLapseAlerts: staffLapseAlerts ?? 'each' };
    },
    async recordClosure(req: RecordClosureRequest): Promise<void> {
      await records.recordClosure(req);
    },
  };
}
