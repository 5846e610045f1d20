// Registers the complaint in the commission's records (idempotent: a retry finds the row and moves on).
import type { CaseFile } from '../lib/case-file';
import type { ActivityDependencies } from './dependencies';

export interface RegisterComplaintRequest {
  workflowId: string;
  caseFile: CaseFile;
  procedureId: string;
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
      });
    },
  };
}
