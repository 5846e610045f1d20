// An officer's interim reply: the report cannot be ready in time, here is why and when it is expected (CPGRAMS'
// interim reply; "report under preparation, expected by ..." from the police). Recorded in the step, staff told;
// the procedure says whether it moves the deadline to the expected date at once (up to a limit) or only records it
// until staff accept the date. Staff accept or refuse the date in one click. Pure: workflows, web app and CLI use it.
import { firstProblem, isCalendarDate, optionalLine, requiredText, stepAddress } from './checks';
import {
  attachmentsProblem,
  REASON_MAX_CHARS,
  type AttachmentReference,
  type OfficerSubmission,
  type StepAddress,
} from './answer';

/** One interim reply, as the step keeps it. */
export interface InterimReply {
  interimId: string;
  reason: string;
  /** When the officer expects to send the report (YYYY-MM-DD, the commission's zone). */
  expectedDate: string;
  attachments?: AttachmentReference[];
  receivedAt: string;
  /** The deadline it moved, when it moved one (at once, or when staff accepted the date); `capped`: short of the
   * expected date, at the procedure's limit. */
  moved?: { previousDueAt: string; previousDueDate: string; dueAt: string; capped?: boolean };
  decision?: { accepted: boolean; note?: string; by?: string; at: string };
}

/** The officer's interim reply through their link. */
export interface InterimReplySubmission extends OfficerSubmission {
  reason: string;
  expectedDate: string;
  attachments?: AttachmentReference[];
}

/** Staff accept the expected date (the deadline moves to it, up to the procedure's limit) or refuse it. */
export interface InterimReplyDecision extends StepAddress {
  decision: 'accept' | 'refuse';
  note?: string;
  by?: string;
}

/** The interim reply still waiting for staff's decision: one at a time. */
export function pendingInterimReply(step: { interimReplies?: InterimReply[] }): InterimReply | undefined {
  const last = step.interimReplies?.at(-1);
  return last && !last.decision ? last : undefined;
}

export function interimReplyProblem(x: InterimReplySubmission): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      requiredText('reason', x.reason, REASON_MAX_CHARS),
      isCalendarDate(x.expectedDate) ? null : 'expectedDate: must be a date as YYYY-MM-DD',
      attachmentsProblem(x.attachments),
    )
  );
}

export function interimReplyDecisionProblem(x: InterimReplyDecision): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      x.decision === 'accept' || x.decision === 'refuse' ? null : 'decision: must be accept or refuse',
      x.note === undefined ? null : requiredText('note', x.note, REASON_MAX_CHARS),
      optionalLine('by', x.by, 200),
    )
  );
}
