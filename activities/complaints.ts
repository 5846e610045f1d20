// The complaint in the commission's records: registered at start, closed at the end (both idempotent).
import type { CaseFile } from '../lib/procedure/case-file';
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

export function createComplaintActivities({ records }: Pick<ActivityDependencies, 'records'>) {
  return {
    async registerComplaint({ workflowId, caseFile, procedureId }: RegisterComplaintRequest): Promise<void> {
      await records.registerComplaint({
        workflowId,
        caseReference: caseFile.caseReference,
        subject: caseFile.subject,
        procedureId,
        receivedOn: caseFile.receivedOn,
        respondents: caseFile.respondents.map((r) => ({ id: r.id, name: r.name })),
      });
    },
    async recordClosure(req: RecordClosureRequest): Promise<void> {
      await records.recordClosure(req);
    },
  };
}
