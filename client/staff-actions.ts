// Staff actions on a running complaint, as the CLI and the dashboard send them: checked here first (so a bad
// value is named before anything is sent), then as a Temporal Update, whose validator has the last word.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { InputError } from '../lib/procedure/validation';
import type { ComplaintState } from '../workflows/complaint-state';
import { getComplaint } from '../workflows/messages';
import { workflowIdOf } from './complaint-queries';

/** Sends the action; returns the complaint's state after it (the Update's own result is a small receipt). */
export async function runStaffAction<A, R>(
  client: Client,
  caseReference: string,
  update: UpdateDefinition<R, [A]>,
  args: A,
  problem: (args: A) => string | null,
): Promise<ComplaintState> {
  const workflowId = workflowIdOf(caseReference);
  const found = problem(args);
  if (found) throw new InputError(found, [found.split(':')[0]!]);
  const handle = client.workflow.getHandle(workflowId);
  try {
    await handle.executeUpdate(update, { args: [args] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new InputError(err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError)
      throw new InputError(`caseReference: no complaint ${caseReference}`, ['caseReference']);
    throw err;
  }
  // Done: the state is read after it, outside the action's own errors (it was applied whatever this says).
  return handle.query(getComplaint);
}

export async function complaintState(client: Client, caseReference: string): Promise<ComplaintState> {
  try {
    return await client.workflow.getHandle(workflowIdOf(caseReference)).query(getComplaint);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new InputError(`caseReference: no complaint ${caseReference}`, ['caseReference']);
    throw err;
  }
}
