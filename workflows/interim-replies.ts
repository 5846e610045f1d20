// An officer's interim reply (why the report is late, when it is expected), and staff's decision on the date. The
// procedure's rule (the step's interimRule) says whether the reply moves the deadline to the expected date at once,
// up to `upToDays` past it, or only records it until staff accept the date. Moving a deadline is an extension
// (steps.ts, extendTo): its reminders and escalation follow. The checks are the Updates' (handlers.ts).
import type { StepState } from '../lib/domain/complaint-state';
import type { InterimReply, InterimReplySubmission } from '../lib/domain/interim-replies';
import type { Complaint } from './complaint-context';
import { extendTo, tellOfficer } from './steps';
import { nowIso } from './time';

/** `date` plus `days`, as a calendar date (YYYY-MM-DD): plain arithmetic on the calendar, no zone involved. */
function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date an interim reply may move the deadline to: the expected date, or the procedure's limit before it. */
export function interimTarget(step: StepState, expectedDate: string): { date: string; capped: boolean } {
  const upTo = step.interimRule?.upToDays;
  const limit = upTo === undefined ? undefined : plusDays(step.dueDate, upTo);
  return limit !== undefined && limit < expectedDate
    ? { date: limit, capped: true }
    : { date: expectedDate, capped: false };
}

/** Records the reply; moves the deadline at once where the procedure says so; tells the officer and the staff. */
export async function takeInterimReply(
  c: Complaint,
  step: StepState,
  { recipientHash: _link, ...reply }: InterimReplySubmission,
): Promise<void> {
  const replies = (step.interimReplies ??= []);
  const receivedAt = nowIso();
  const recorded: InterimReply = {
    interimId: `${c.workflowId}/${reply.respondentId}/${reply.stepId}/interim-${replies.length + 1}`,
    reason: reply.reason,
    expectedDate: reply.expectedDate,
    ...(reply.attachments?.length ? { attachments: reply.attachments } : {}),
    receivedAt,
  };
  replies.push(recorded);
  c.journal(c.trackOf(step), step, 'interim-reply', {
    expectedDate: reply.expectedDate,
    attachments: reply.attachments?.length ?? 0,
  });
  if (step.interimRule?.extendsDeadline) await moveToExpectedDate(c, step, recorded, undefined, receivedAt);
  const about = { track: c.trackOf(step), step, version: replies.length, scheduledFor: receivedAt };
  c.outbox.dispatchMoment([
    { ...about, to: 'officer', kind: 'interim-reply-acknowledged' },
    { ...about, to: 'staff', kind: 'interim-reply-received' },
  ]);
}

/** Staff accept the expected date (the deadline moves to it, if it has not) or refuse it (a move is undone). */
export async function decideInterimReply(
  c: Complaint,
  step: StepState,
  decision: { accepted: boolean; note?: string; by?: string },
): Promise<void> {
  const replies = step.interimReplies!;
  const reply = replies.at(-1)!;
  const at = nowIso();
  reply.decision = {
    accepted: decision.accepted,
    ...(decision.note ? { note: decision.note } : {}),
    ...(decision.by ? { by: decision.by } : {}),
    at,
  };
  c.journal(c.trackOf(step), step, 'interim-reply-decided', { accepted: decision.accepted });
  if (decision.accepted) {
    // Moved at once already: the officer knows the new date; nothing more to tell.
    if (reply.moved) return;
    if (interimTarget(step, reply.expectedDate).date > step.dueDate)
      await moveToExpectedDate(c, step, reply, decision.by, at);
    tellOfficer(c, step, 'interim-reply-accepted', replies.length, at);
    return;
  }
  // Refused: a deadline the reply moved goes back to what it was (the check made sure it is still to come).
  if (reply.moved)
    await extendTo(c, step, {
      until: reply.moved.previousDueDate,
      reason: 'Interim reply: expected date refused',
      ...(decision.by ? { by: decision.by } : {}),
      at,
    });
  tellOfficer(c, step, 'interim-reply-refused', replies.length, at);
}

async function moveToExpectedDate(
  c: Complaint,
  step: StepState,
  reply: InterimReply,
  by: string | undefined,
  at: string,
): Promise<void> {
  const { date, capped } = interimTarget(step, reply.expectedDate);
  const previousDueAt = step.dueAt;
  const previousDueDate = step.dueDate;
  await extendTo(c, step, {
    until: date,
    reason: `Interim reply: report expected by ${reply.expectedDate}`,
    ...(by ? { by } : {}),
    at,
  });
  reply.moved = { previousDueAt, previousDueDate, dueAt: step.dueAt, ...(capped ? { capped } : {}) };
}
