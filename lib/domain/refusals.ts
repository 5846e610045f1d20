// Why a complaint refused a message. The workflow's validators and handlers throw an ApplicationFailure whose
// `type` is one of these; the web app and the CLI branch on the type, never on the message's text (which names
// the field for the person reading it and may be reworded freely). Pure: imported by workflows and clients.
import { ApplicationFailure } from '@temporalio/common';

export const Refusal = {
  /** An argument fails its check; the message names the field. */
  invalidArgument: 'InvalidArgument',
  /** The complaint is closed (withdrawn, disposed of): nothing more is taken. */
  complaintClosed: 'ComplaintClosed',
  /** No such respondent or step in this complaint. */
  noSuchStep: 'NoSuchStep',
  /** The step exists but does not take this now (answered, closed, already acknowledged, not a summons...). */
  stepNotOpen: 'StepNotOpen',
  /** The officer's link names a recipient the step no longer goes to (its address was corrected). */
  linkSuperseded: 'LinkSuperseded',
} as const;

export type RefusalType = (typeof Refusal)[keyof typeof Refusal];

const TYPES = new Set<string>(Object.values(Refusal));

/** The failure a validator or handler throws: non-retryable, typed, with a message naming the field. */
export function refuse(type: RefusalType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** The refusal inside an error a client got back (an Update's failure wraps it as its cause), if any. */
export function refusalOf(err: unknown): { type: RefusalType; message: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ApplicationFailure && e.type && TYPES.has(e.type))
      return { type: e.type as RefusalType, message: e.message };
  }
  return undefined;
}
