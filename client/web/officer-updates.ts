// An officer's action as the Update it becomes, and its delivery to the complaint in one round trip: the
// workflow's validator checks the link's recipient, the step and its state, and the Update completes once the
// action is in the complaint's state. An Update that cannot be admitted in time (no worker running, the server
// unreachable) is said to be so, not failed: the caller then keeps it in the inbox and delivers it later.
import {
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type {
  AnswerSubmission,
  ExtensionRequestSubmission,
  SummonsAcknowledgement,
} from '../../lib/domain/answer';
import type { ClockStopRequestSubmission } from '../../lib/domain/clock-stops';
import { refusalOf, type RefusalType } from '../../lib/domain/refusals';
import {
  acknowledgeSummons,
  requestClockStop,
  requestExtension,
  submitAnswer,
  submitInterimReply,
} from '../../workflows/messages';
import type { InterimReplySubmission } from '../../lib/domain/interim-replies';
import { workflowNotRunning } from '../workflow-not-running';

export type OfficerAction =
  'answer' | 'request-extension' | 'acknowledge' | 'request-clock-stop' | 'interim-reply';

export type OfficerUpdate = { workflowId: string; updateId: string } & (
  | { action: 'answer'; submission: AnswerSubmission }
  | { action: 'request-extension'; submission: ExtensionRequestSubmission }
  | { action: 'acknowledge'; submission: SummonsAcknowledgement }
  | { action: 'request-clock-stop'; submission: ClockStopRequestSubmission }
  | { action: 'interim-reply'; submission: InterimReplySubmission }
);

/** The Update an action becomes (one shape for all three: a submission in, a small receipt out). */
function updateFor(u: OfficerUpdate): { update: UpdateDefinition<unknown, [unknown]>; arg: unknown } {
  const update = {
    answer: submitAnswer,
    'request-extension': requestExtension,
    acknowledge: acknowledgeSummons,
    'request-clock-stop': requestClockStop,
    'interim-reply': submitInterimReply,
  }[u.action];
  return { update, arg: u.submission };
}

export type Delivery =
  | { outcome: 'recorded'; receipt: unknown }
  /** The complaint refused it (`refusal`: why, as lib/domain/refusals.ts names it), or no longer runs. */
  | { outcome: 'refused'; reason: string; refusal?: RefusalType; notRunning: boolean }
  /** Not admitted within the time given: nothing is known to have happened (yet). */
  | { outcome: 'not-admitted'; why: string };

/** gRPC status codes (grpc-js is the SDK's, not ours to import): cancelled, deadline exceeded, resource exhausted, unavailable. */
const NOT_ADMITTED_CODES = [1, 4, 8, 14];

/** Whether the call ran out of time or found no server: the Update may simply not have been admitted yet. */
export function notAdmitted(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  // A query's gRPC failure comes wrapped (ServiceError), an Update's raw.
  const grpc = isGrpcServiceError(err) ? err : err instanceof Error ? err.cause : undefined;
  return isGrpcServiceError(grpc) && NOT_ADMITTED_CODES.includes(grpc.code);
}

/** Delivers an officer's Update, waiting at most `withinMs` for it to be admitted and complete. */
export async function deliverOfficerUpdate(
  client: Client,
  u: OfficerUpdate,
  withinMs: number,
): Promise<Delivery> {
  const { update, arg } = updateFor(u);
  try {
    const receipt = await client.withDeadline(Date.now() + withinMs, () =>
      client.workflow.getHandle(u.workflowId).executeUpdate(update, { args: [arg], updateId: u.updateId }),
    );
    return { outcome: 'recorded', receipt };
  } catch (err) {
    if (workflowNotRunning(err))
      return {
        outcome: 'refused',
        reason: 'This complaint no longer takes answers: it is not running any more.',
        notRunning: true,
      };
    if (err instanceof WorkflowUpdateFailedError) {
      const reason = (err.cause?.message ?? err.message).replace(/^\w+: /, '');
      const refusal = refusalOf(err)?.type;
      return { outcome: 'refused', reason, ...(refusal ? { refusal } : {}), notRunning: false };
    }
    if (notAdmitted(err))
      return { outcome: 'not-admitted', why: err instanceof Error ? err.message : String(err) };
    throw err;
  }
}
