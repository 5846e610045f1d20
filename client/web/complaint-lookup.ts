// The complaint a dashboard URL names by its workflow ID (the dashboard's links carry IDs, not references).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { caseReferenceSchema } from '../../lib/procedure/case-file';
import { caseReferenceOfWorkflowId } from '../../lib/temporal/workflow-ids';
import { getComplaint } from '../../workflows/messages';

/** The complaint's state, or null when the ID names no complaint (malformed, or none such in Temporal). */
export async function complaintOfWorkflowId(
  client: Client,
  workflowId: string,
): Promise<ComplaintState | null> {
  const reference = caseReferenceOfWorkflowId(workflowId);
  if (!reference || !caseReferenceSchema.safeParse(reference).success) return null;
  try {
    return await client.workflow.getHandle(workflowId).query(getComplaint);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}
