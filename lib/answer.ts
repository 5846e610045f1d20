// What officers send from the web app: an answer to a step, a request for more time, the acknowledgement of a
// summons. Pure: the web form and the workflow's Update validators check them the same way.
import { firstProblem, optionalDate, optionalLine, requiredText, stepAddress } from './checks';

export interface StepAddress {
  respondentId: string;
  stepId: string;
}

export interface AnswerSubmission extends StepAddress {
  /** The Action Taken Report: what the authority did. */
  atrText: string;
  /** The FIR registration number, where one was registered. */
  firNumber?: string;
  /** The FIR's date, YYYY-MM-DD. */
  firDate?: string;
}

export interface ExtensionRequestSubmission extends StepAddress {
  reason: string;
  requestedDate?: string;
}

export type SummonsAcknowledgement = StepAddress;

export const ATR_MAX_CHARS = 20_000;
export const REASON_MAX_CHARS = 2_000;

/** The first thing wrong with an answer, naming the field, or null when it is acceptable. */
export function answerProblem(answer: AnswerSubmission): string | null {
  const atr: unknown = answer?.atrText;
  return (
    stepAddress(answer) ??
    firstProblem(
      typeof atr === 'string' && atr.trim() ? null : 'atrText: the Action Taken Report is required',
      typeof atr === 'string' && atr.length > ATR_MAX_CHARS
        ? `atrText: must be at most ${ATR_MAX_CHARS} characters`
        : null,
      optionalLine('firNumber', answer.firNumber, 100),
      optionalDate('firDate', answer.firDate),
    )
  );
}

export function extensionRequestProblem(request: ExtensionRequestSubmission): string | null {
  return (
    stepAddress(request) ??
    firstProblem(
      requiredText('reason', request.reason, REASON_MAX_CHARS),
      optionalDate('requestedDate', request.requestedDate),
    )
  );
}
