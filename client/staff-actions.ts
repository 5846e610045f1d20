// Staff actions on a running complaint, as the CLI and the dashboard send them: checked here first (so a bad
// value is named before anything is sent), then as a Temporal Update, whose validator has the last word.
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DateTime } from 'luxon';
import { InputError } from '../lib/procedure/validation';
import type { ComplaintState } from '../lib/domain/complaint-state';
import { Refusal, refusalOf, type RefusalType } from '../lib/domain/refusals';
import { getComplaint } from '../workflows/messages';
import { workflowIdOf } from './complaint-queries';
import { workflowNotRunning } from './workflow-not-running';

/** An action the complaint refused, with why as lib/domain/refusals.ts names it (exit code 2, a 400 page). */
export class RefusedAction extends InputError {
  override name = 'RefusedAction';
  constructor(
    message: string,
    readonly refusal: RefusalType,
  ) {
    super(message, [message.split(':')[0]!]);
  }
}

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
    throw await refusedAction(err, handle, caseReference);
  }
  // Done: the state is read after it, outside the action's own errors (it was applied whatever this says).
  return handle.query(getComplaint);
}

/** What a failed action tells the person, chosen by the refusal's type (never its text); other errors as they are. */
async function refusedAction(err: unknown, handle: WorkflowHandle, caseReference: string): Promise<unknown> {
  const refusal = refusalOf(err);
  const ended = workflowNotRunning(err);
  if (refusal?.type === Refusal.complaintClosed || ended) {
    // A closed complaint is closed, whatever the action: said so, with when and why (a query still answers).
    const closed = closedProblem(await handle.query(getComplaint).catch(() => null));
    if (closed) return new RefusedAction(closed, Refusal.complaintClosed);
  }
  if (refusal) return new RefusedAction(refusal.message, refusal.type);
  if (ended)
    return new InputError(`caseReference: no complaint ${caseReference} is running`, ['caseReference']);
  return err;
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

/** The complaint of a case reference, checked to hold that very reference; a malformed or unknown one is refused by name. */
export async function findComplaint(
  client: Client,
  caseReference: string,
): Promise<{ handle: WorkflowHandle; state: ComplaintState }> {
  const handle = client.workflow.getHandle(workflowIdOf(caseReference));
  const state = await handle.query(getComplaint).catch((err: unknown) => {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  });
  if (state?.caseReference === caseReference) return { handle, state };
  throw new InputError(`caseReference: no complaint ${caseReference}`, ['caseReference']);
}
