// Staff actions on a running complaint, as the CLI and the dashboard send them: checked here first (so a bad
// value is named before anything is sent), then as a Temporal Update, whose validator has the last word.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DateTime } from 'luxon';
import { InputError } from '../lib/procedure/validation';
import type { ComplaintState } from '../lib/domain/complaint-state';
import { getComplaint } from '../workflows/messages';
import { legacyComplaintWorkflowId } from '../lib/temporal/workflow-ids';
import { workflowIdOf } from './complaint-queries';

/** Sends the action; returns the complaint's state after it (the Update's own result is a small receipt). */
export async function runStaffAction<A, R>(
  client: Client,
  caseReference: string,
  update: UpdateDefinition<R, [A]>,
  args: A,
  problem: (args: A) => string | null,
): Promise<ComplaintState> {
  workflowIdOf(caseReference); // a malformed reference is named first
  const found = problem(args);
  if (found) throw new InputError(found, [found.split(':')[0]!]);
  const { handle } = await findComplaint(client, caseReference);
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
  return (await findComplaint(client, caseReference)).state;
}

/**
 * The complaint of a case reference, checked to hold that very reference: a complaint started before IDs were
 * one-to-one (workflow-ids.ts) is found under its old ID, and an old ID that another reference mapped to is
 * not taken for this one. Refuses a malformed or unknown reference by name.
 */
export async function findComplaint(
  client: Client,
  caseReference: string,
): Promise<{ handle: WorkflowHandle; state: ComplaintState }> {
  const ids = [workflowIdOf(caseReference), legacyComplaintWorkflowId(caseReference)];
  for (const id of ids) {
    if (!id) continue;
    const handle = client.workflow.getHandle(id);
    const state = await handle.query(getComplaint).catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    });
    if (state?.caseReference === caseReference) return { handle, state };
  }
  throw new InputError(`caseReference: no complaint ${caseReference}`, ['caseReference']);
}
