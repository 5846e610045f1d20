// Staff actions on a running complaint, as the CLI and the dashboard send them: checked here first (so a bad
// value is named before anything is sent), then as a Temporal Update, whose validator has the last word.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DateTime } from 'luxon';
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
    if (!(err instanceof WorkflowUpdateFailedError) && !(err instanceof WorkflowNotFoundError)) throw err;
    // A closed complaint is closed, whatever the action: said so, with when and why (a query still answers).
    const closed = closedProblem(await handle.query(getComplaint).catch(() => null));
    if (closed) throw new InputError(closed, ['caseReference']);
    if (err instanceof WorkflowUpdateFailedError) throw new InputError(err.cause?.message ?? err.message);
    throw new InputError(`caseReference: no complaint ${caseReference}`, ['caseReference']);
  }
  // Done: the state is read after it, outside the action's own errors (it was applied whatever this says).
  return handle.query(getComplaint);
}

/** `complaint X is closed (withdrawn on 2 June 2021: reason)`, in the commission's zone; null while it runs. */
export function closedProblem(state: ComplaintState | null): string | null {
  const closure = state?.closure;
  if (!state || !closure) return null;
  const on = DateTime.fromISO(closure.at, { zone: 'utc' }).setZone(state.timeZone).toFormat('d LLLL yyyy');
  return `complaint ${state.caseReference} is closed (${closure.kind} on ${on}${closure.reason ? `: ${closure.reason}` : ''})`;
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
