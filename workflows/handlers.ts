// The complaint's Update handlers: officers' answers and requests, staff decisions. Each is an action: a check
// and a named change. The check is the validator (run before anything is written to history) and runs again when
// the change's turn comes; the changes run one at a time (Complaint.change, a mutex as in the samples'
// safe-message-handlers), so a change that arrives while another awaits an activity waits its turn instead of
// being refused. What is refused is refused by a check, with an ApplicationFailure whose type names the reason
// (lib/domain/refusals.ts) and a message naming the field. How an action is registered: actions.ts.
import { setHandler } from '@temporalio/workflow';
import { ADDED_RESPONDENT_ACTIONS } from './added-respondents';
import { TRANSFER_ACTIONS } from './transfers';
import {
  answerProblem,
  extensionRequestProblem,
  type AnswerSubmission,
  type ExtensionRequestSubmission,
  type OfficerSubmission,
} from '../lib/domain/answer';
import { refuse, Refusal } from '../lib/domain/refusals';
import {
  closureProblem,
  extensionProblem,
  hearingOutcomeProblem,
  recipientCorrectionProblem,
  rescheduleProblem,
  reviewProblem,
  type AnswerReview,
  type ComplaintClosure,
  type DeadlineExtension,
  type HearingOutcomeRecord,
  type HearingReschedule,
  type RecipientCorrection,
} from '../lib/domain/staff-actions';
import { action, officerStepFor, receiptOf, reject, stepFor } from './actions';
import { planDemand, planHearing, recordReview } from './activity-proxies';
import type { Complaint } from './complaint-context';
import { pendingExtensionRequest, type StepState } from '../lib/domain/complaint-state';
import {
  clockRestartProblem,
  clockStopDecisionProblem,
  clockStopProblem,
  clockStopRequestProblem,
  pendingClockStopRequest,
  runningStop,
  type ClockRestartOrder,
  type ClockStopDecision,
  type ClockStopOrder,
  type ClockStopRequestSubmission,
} from '../lib/domain/clock-stops';
import { holidayChangeProblem, type HolidayChange } from '../lib/domain/holidays';
import {
  interimReplyDecisionProblem,
  interimReplyProblem,
  pendingInterimReply,
  type InterimReplyDecision,
  type InterimReplySubmission,
} from '../lib/domain/interim-replies';
import { decideInterimReply as decideStepInterimReply, takeInterimReply } from './interim-replies';
import { JOINT_INQUIRY_ACTIONS } from './joint-inquiries';
import {
  acknowledgeSummons,
  applyHolidays,
  closeComplaint,
  decideInterimReply,
  submitInterimReply,
  type InterimReplyReceipt,
  decideClockStop,
  requestClockStop,
  restartClock,
  stopClock,
  correctRecipient,
  extendDeadline,
  getComplaint,
  getGeneration,
  recordHearingOutcome,
  requestExtension,
  rescheduleHearing,
  reviewAnswer,
  submitAnswer,
  type AnswerReceipt,
  type ClosureReceipt,
  type StepReceipt,
} from './messages';
import type { MomentItem } from './outbox';
import { GENERATION } from './generation';
import {
  closeStep,
  extendTo,
  moveHearingTo,
  nextStepRequest,
  openDemandStep,
  reschedule,
  tellOfficer,
} from './steps';
import { clockRule, clockStopRefusal, restartStepClock, stopStepClock } from './clock-stops';
import { applyHolidayChange } from './holidays';
import { acceptOnConditionalSummons, DISPENSATION_ACTIONS, reportBeforeOf } from './dispensation';
import {
  checkHearingMayClose,
  checkProofMayReturn,
  checkRecommendations,
  hasUnpressed,
  recommend,
  RECOMMENDATION_ACTIONS,
  reviewProof,
} from './recommendations';
import { nowIso } from './time';

/**
 * An officer's answer: the step waits for review, its clock stopped. The history is the durable record: the Update
 * completes at once, and the records row, the officer's receipt and the staff's alert follow in one activity.
 */
function takeAnswer(
  c: Complaint,
  step: StepState,
  { recipientHash: _link, ...answer }: AnswerSubmission,
): AnswerReceipt {
  const answerId = `${c.workflowId}/${answer.respondentId}/${answer.stepId}/${step.answers.length + 1}`;
  const receivedAt = nowIso();
  step.answers.push({
    answerId,
    atrText: answer.atrText,
    ...(answer.firNumber ? { firNumber: answer.firNumber } : {}),
    ...(answer.firDate ? { firDate: answer.firDate } : {}),
    ...(answer.attachments?.length ? { attachments: answer.attachments } : {}),
    receivedAt,
  });
  step.status = 'answered';
  c.journal(c.trackOf(step), step, 'answered', { answerId, attachments: answer.attachments?.length ?? 0 });
  const record = { answerId, workflowId: c.workflowId, firstRunId: c.firstRunId, receivedAt, ...answer };
  const about = { track: c.trackOf(step), step, version: step.answers.length, scheduledFor: receivedAt };
  c.outbox.dispatchMoment(
    [
      { ...about, to: 'officer', kind: 'answer-receipt' },
      { ...about, to: 'staff', kind: 'answer-to-review' },
    ],
    { answer: record, also: `record|${answerId}` },
  );
  return { answerId, stepId: step.stepId, receivedAt };
}

/** An officer asks for more time: staff are told, with the link to decide on the dashboard. */
function takeExtensionRequest(
  c: Complaint,
  step: StepState,
  request: ExtensionRequestSubmission,
): StepReceipt {
  const at = nowIso();
  step.extensionRequests.push({
    reason: request.reason,
    ...(request.requestedDate ? { requestedDate: request.requestedDate } : {}),
    at,
  });
  c.journal(c.trackOf(step), step, 'extension-requested', { requestedDate: request.requestedDate ?? null });
  // The nth request is the alert's version.
  c.outbox.dispatchMoment([
    {
      track: c.trackOf(step),
      step,
      version: step.extensionRequests.length,
      scheduledFor: at,
      to: 'staff',
      kind: 'extension-requested',
    },
  ]);
  return receiptOf(c, step);
}

/** The summoned officer acknowledges the summons. */
function takeAcknowledgement(c: Complaint, step: StepState): StepReceipt {
  step.hearing!.acknowledgedAt = nowIso();
  c.journal(c.trackOf(step), step, 'summons-acknowledged');
  return receiptOf(c, step);
}

/** Staff extend a demand's deadline: its reminders and escalation move with it, and the officer is told. */
async function extendStep(c: Complaint, step: StepState, extension: DeadlineExtension): Promise<StepReceipt> {
  const at = nowIso();
  await extendTo(c, step, {
    until: extension.until,
    reason: extension.reason,
    ...(extension.by ? { by: extension.by } : {}),
    at,
  });
  // The officer holds the old date: they are told the new one (this version of the step).
  tellOfficer(c, step, 'deadline-extended', step.version, at);
  return receiptOf(c, step);
}

/** Staff accept an answer (the step closes) or return it (what is missing becomes a new demand). */
async function reviewStepAnswer(c: Complaint, step: StepState, review: AnswerReview): Promise<StepReceipt> {
  const answer = step.answers.at(-1)!;
  const at = nowIso();
  const note = review.decision === 'return' ? review.missing : review.note;
  // The answer's row first (its moment may still be sending): the review updates it.
  await c.underway.finished(`record|${answer.answerId}`);
  await recordReview({
    answerId: answer.answerId,
    firstRunId: c.firstRunId,
    decision: review.decision,
    ...(note ? { note } : {}),
    reviewedAt: at,
  });
  answer.review = {
    decision: review.decision === 'accept' ? 'accepted' : 'returned',
    ...(note ? { note } : {}),
    ...(review.by ? { by: review.by } : {}),
    at,
  };
  c.journal(c.trackOf(step), step, 'reviewed', { answerId: answer.answerId, decision: review.decision });
  if (review.decision === 'accept') {
    // A summons with a condition: dispensed with (received by its cut-off), or its hearing stands.
    // A step pressing a recommendation (a compliance step, or the summons its lapse issued): its proof accepted,
    // the recommendation is complied with (whether the hearing is dispensed with or stands).
    const pressing = step.recommendationId !== undefined;
    if (acceptOnConditionalSummons(c, step, at)) {
      if (pressing) await reviewProof(c, step, true, undefined, at, review.by);
      return receiptOf(c, step);
    }
    closeStep(c, step, 'accepted');
    if (pressing) await reviewProof(c, step, true, undefined, at, review.by);
    tellOfficer(c, step, 'answer-accepted', step.answers.length, at);
    return receiptOf(c, step);
  }
  // Returned: what is missing becomes a new demand with its own deadline.
  closeStep(c, step, 'returned');
  if (step.recommendationId !== undefined) {
    const further = await reviewProof(c, step, false, review.missing, at, review.by);
    if (further) return receiptOf(c, step, further);
  }
  const followUp = await openDemandStep(c, c.trackOf(step), c.followUpDefinition(), {
    issuedAt: at,
    demands: [review.missing!],
    note: review.missing!,
  });
  return receiptOf(c, step, followUp);
}

/** Staff record a hearing's outcome: closed, a further hearing, or a fresh demand. */
async function recordOutcome(
  c: Complaint,
  step: StepState,
  outcome: HearingOutcomeRecord,
): Promise<StepReceipt> {
  const at = nowIso();
  step.hearing!.outcomes.push({
    appeared: outcome.appeared,
    atrFiled: outcome.atrFiled,
    firRegistered: outcome.firRegistered,
    ...(outcome.firNumber ? { firNumber: outcome.firNumber } : {}),
    ...(outcome.notes ? { notes: outcome.notes } : {}),
    next: outcome.next.action,
    ...(outcome.by ? { by: outcome.by } : {}),
    at,
  });
  c.journal(c.trackOf(step), step, 'hearing-outcome', {
    appeared: outcome.appeared,
    next: outcome.next.action,
  });
  const next = outcome.next;
  if (next.action === 'close') closeStep(c, step, 'hearing-closed');
  else if (next.action === 'recommend') {
    // The hearing closes with the commission's recommendations, each followed to compliance.
    closeStep(c, step, 'hearing-closed');
    const opened = await recommend(c, c.trackOf(step), next.recommendations, outcome.by, at);
    const first = opened[0] && c.trackOf(step).steps.find((s) => s.stepId === opened[0]!.stepId);
    return receiptOf(c, step, first);
  } else if (next.action === 'further-hearing')
    await moveHearing(c, step, next.date, next.time, 'further hearing ordered', outcome.by, at);
  else {
    closeStep(c, step, 'fresh-demand');
    const demand = await openDemandStep(c, c.trackOf(step), c.followUpDefinition(), {
      issuedAt: at,
      demands: next.demands,
    });
    return receiptOf(c, step, demand);
  }
  return receiptOf(c, step);
}

/** Staff move a hearing. */
async function rescheduleStepHearing(
  c: Complaint,
  step: StepState,
  change: HearingReschedule,
): Promise<StepReceipt> {
  await moveHearing(c, step, change.date, change.time, change.reason, change.by, nowIso());
  return receiptOf(c, step);
}

/** Staff correct an officer's address: the step's message goes there (its deadline per the procedure). */
async function readdressStep(c: Complaint, step: StepState, fix: RecipientCorrection): Promise<StepReceipt> {
  const track = c.trackOf(step);
  const at = nowIso();
  const corrections = (step.recipientCorrections ??= []);
  corrections.push({
    previous: step.recipient.email,
    email: fix.email,
    reason: fix.reason,
    ...(fix.by ? { by: fix.by } : {}),
    at,
  });
  step.recipient = { ...step.recipient, email: fix.email };
  // Later steps for the same officer go to the right address too.
  (track.correctedAddresses ??= {})[c.recipientRole(step)] = fix.email;
  c.journal(track, step, 'recipient-corrected', { reason: fix.reason });
  // The procedure says whether a demand's time runs afresh from the corrected service (by default it stands).
  if (c.procedure.onAddressCorrection === 'deadline-restarts' && step.kind !== 'summons') {
    const def = c.demandDefinition(step);
    const plan = await planDemand({
      rules: c.procedure.rules,
      issuedAt: at,
      answerWithin: def.answerWithin,
      dueSoonReminderBefore: def.dueSoonReminderBefore,
      onLapse: def.onLapse,
      ...nextStepRequest(c, def),
    });
    reschedule(step, plan);
    c.journal(track, step, 'deadline-restarted', { dueAt: plan.dueAt });
  }
  // The step's message as it now stands, to the right address.
  await c.outbox.sendMessage(
    track,
    step,
    c.outbox.messageKindFor(step),
    step.version,
    at,
    corrections.length,
  );
  return receiptOf(c, step);
}

/** Staff withdraw or dispose of the complaint: every open step closes, and each officer waited on is told. */
function closeWholeComplaint(c: Complaint, closure: ComplaintClosure): ClosureReceipt {
  const at = nowIso();
  c.state.closure = {
    kind: closure.action === 'withdraw' ? 'withdrawn' : 'disposed',
    reason: closure.reason,
    ...(closure.by ? { by: closure.by } : {}),
    at,
  };
  const told: MomentItem[] = [];
  for (const track of c.state.respondents) {
    let last: StepState | undefined;
    for (const step of track.steps)
      if (step.status !== 'closed') {
        closeStep(c, step, closure.action === 'withdraw' ? 'withdrawn' : 'disposed');
        last = step;
      }
    // Every view shows each track closed at once (the track's loop says so too, once it wakes).
    track.status = 'closed';
    // The officer each open track was waiting on is told, once: all of them in one activity.
    if (last)
      told.push({ track, step: last, version: 1, scheduledFor: at, to: 'officer', kind: 'complaint-closed' });
  }
  if (told.length) c.outbox.dispatchMoment(told);
  return { caseReference: c.state.caseReference, closure: c.state.closure };
}

/** An officer asks that the step's clock stop: staff are told, and decide on the dashboard. */
function takeClockStopRequest(
  c: Complaint,
  step: StepState,
  request: ClockStopRequestSubmission,
): StepReceipt {
  const at = nowIso();
  const requests = (step.clockStopRequests ??= []);
  requests.push({ grounds: request.grounds, details: request.details, at });
  c.journal(c.trackOf(step), step, 'clock-stop-requested', { grounds: request.grounds });
  c.outbox.dispatchMoment([
    {
      track: c.trackOf(step),
      step,
      version: requests.length,
      scheduledFor: at,
      to: 'staff',
      kind: 'clock-stop-requested',
    },
  ]);
  return receiptOf(c, step);
}

/** Staff decide on the officer's request: approved, the clock stops from the day they asked; declined, they are told. */
async function decideStepClockStop(
  c: Complaint,
  step: StepState,
  decision: ClockStopDecision,
): Promise<StepReceipt> {
  const request = pendingClockStopRequest(step)!;
  const at = nowIso();
  const approved = decision.decision === 'approve';
  request.decision = {
    approved,
    ...(decision.note ? { note: decision.note } : {}),
    ...(decision.by ? { by: decision.by } : {}),
    at,
  };
  c.journal(c.trackOf(step), step, 'clock-stop-decided', { approved });
  if (approved)
    await stopStepClock(
      c,
      step,
      {
        grounds: request.grounds,
        details: request.details,
        askedByOfficer: true,
        ...(decision.by ? { by: decision.by } : {}),
      },
      request.at,
    );
  else tellOfficer(c, step, 'clock-stop-declined', step.clockStopRequests!.length, at);
  return receiptOf(c, step);
}

/** A demand step whose clock may be stopped or restarted now: open, not a summons. */
function clockStepFor(c: Complaint, address: { respondentId: string; stepId: string }): StepState {
  return stepFor(c, address, { summons: false });
}

/** The complaint's Updates, each a check and its change, registered in this order. */
const ACTIONS = [
  action({
    update: submitAnswer,
    check: (c, answer: AnswerSubmission) => {
      reject(answerProblem(answer));
      return officerStepFor(c, answer);
    },
    apply: (c, answer, step) => takeAnswer(c, step, answer),
  }),
  action({
    update: requestExtension,
    check: (c, request: ExtensionRequestSubmission) => {
      reject(extensionRequestProblem(request));
      const step = officerStepFor(c, request);
      // One request at a time per step: a flood of requests through one link must not grow the complaint.
      const pending = pendingExtensionRequest(step);
      if (pending)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: an extension request for step ${step.stepId} already waits for the commission's decision (sent ${pending.at})`,
        );
      return step;
    },
    apply: (c, request, step) => takeExtensionRequest(c, step, request),
  }),
  action({
    update: acknowledgeSummons,
    check: (c, ack: OfficerSubmission) => {
      const step = officerStepFor(c, ack, { summons: true, status: ['open', 'answered'] });
      // Once is enough: a link's form cannot mint new Update IDs to grow the history.
      if (step.hearing?.acknowledgedAt)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the summons was acknowledged on ${step.hearing.acknowledgedAt}`,
        );
      return step;
    },
    apply: (c, _ack, step) => takeAcknowledgement(c, step),
  }),
  action({
    update: extendDeadline,
    check: (c, extension: DeadlineExtension) => {
      reject(extensionProblem(extension));
      const step = stepFor(c, extension, { summons: false });
      if (runningStop(step))
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the clock of step ${step.stepId} is stopped: restart it first`,
        );
      if (extension.until <= step.dueDate)
        throw refuse(
          Refusal.invalidArgument,
          `until: must be later than the current due date ${step.dueDate}`,
        );
      return step;
    },
    apply: (c, extension, step) => extendStep(c, step, extension),
  }),
  action({
    update: reviewAnswer,
    check: (c, review: AnswerReview) => {
      reject(reviewProblem(review));
      const step = stepFor(c, review, { status: ['answered'] });
      if (review.decision === 'return' && step.recommendationId !== undefined) checkProofMayReturn(c, step);
      return step;
    },
    apply: (c, review, step) => reviewStepAnswer(c, step, review),
  }),
  action({
    update: recordHearingOutcome,
    check: (c, outcome: HearingOutcomeRecord) => {
      reject(hearingOutcomeProblem(outcome));
      const step = stepFor(c, outcome, { summons: true, status: ['open', 'answered'] });
      if (Date.now() < Date.parse(step.hearing!.hearingDayStartsAt))
        throw refuse(Refusal.stepNotOpen, `stepId: the hearing on ${step.dueDate} has not taken place yet`);
      if (outcome.next.action === 'further-hearing' && outcome.next.date <= step.dueDate)
        throw refuse(
          Refusal.invalidArgument,
          `next.date: must be later than the hearing date ${step.dueDate}`,
        );
      const track = c.trackOf(step);
      // A fresh demand does not press a recommendation either: its track could end with it pending.
      if (outcome.next.action === 'close' || outcome.next.action === 'fresh-demand')
        checkHearingMayClose(track);
      if (outcome.next.action === 'recommend') {
        if (outcome.next.recommendations.length === 0 && !hasUnpressed(track))
          throw refuse(
            Refusal.invalidArgument,
            'next.recommendations: must list at least one recommendation (none is pending to renew)',
          );
        checkRecommendations(track, outcome.next.recommendations);
      }
      return step;
    },
    apply: (c, outcome, step) => recordOutcome(c, step, outcome),
  }),
  action({
    update: rescheduleHearing,
    check: (c, change: HearingReschedule) => {
      reject(rescheduleProblem(change));
      const step = stepFor(c, change, { summons: true, status: ['open', 'answered'] });
      if (change.date === step.dueDate && (change.time ?? null) === null)
        throw refuse(Refusal.invalidArgument, `date: the hearing is already on ${change.date}`);
      return step;
    },
    apply: (c, change, step) => rescheduleStepHearing(c, step, change),
  }),
  action({
    update: correctRecipient,
    check: (c, fix: RecipientCorrection) => {
      reject(recipientCorrectionProblem(fix));
      const step = stepFor(c, fix, { status: ['open'] });
      if (fix.email.toLowerCase() === step.recipient.email.toLowerCase())
        throw refuse(Refusal.invalidArgument, `email: step ${step.stepId} already goes to ${fix.email}`);
      return step;
    },
    apply: (c, fix, step) => readdressStep(c, step, fix),
  }),
  action({
    update: requestClockStop,
    check: (c, request: ClockStopRequestSubmission) => {
      reject(clockStopRequestProblem(request));
      const step = officerStepFor(c, request, { summons: false });
      const rule = clockRule(c, step);
      if (!rule?.officerMayRequest)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the procedure does not let an officer ask that the clock of step ${step.stepId} stop`,
        );
      const pending = pendingClockStopRequest(step);
      if (pending)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: a request to stop the clock of step ${step.stepId} already waits for the commission's decision (sent ${pending.at})`,
        );
      // Bounded as the stops are: a link's form cannot grow the complaint's history without end.
      if ((step.clockStopRequests?.length ?? 0) >= rule.maxStops)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the clock of step ${step.stepId} has been asked to stop ${rule.maxStops} times, the procedure's most`,
        );
      if (Date.now() >= Date.parse(step.dueAt))
        throw refuse(Refusal.stepNotOpen, `stepId: the deadline of step ${step.stepId} has passed`);
      const refusal = clockStopRefusal(c, step);
      if (refusal) throw refuse(Refusal.stepNotOpen, refusal);
      return step;
    },
    apply: (c, request, step) => takeClockStopRequest(c, step, request),
  }),
  action({
    update: submitInterimReply,
    check: (c, reply: InterimReplySubmission) => {
      reject(interimReplyProblem(reply));
      const step = officerStepFor(c, reply, { summons: false });
      const rule = step.interimRule;
      if (!rule)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the procedure takes no interim reply on step ${step.stepId}`,
        );
      const pending = pendingInterimReply(step);
      if (pending)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: your interim reply of ${pending.receivedAt} waits for the commission's decision`,
        );
      // Bounded by the procedure: a link's form cannot grow the complaint's history without end.
      if ((step.interimReplies?.length ?? 0) >= rule.maxReplies)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: step ${step.stepId} has taken ${rule.maxReplies} interim replies, the procedure's most`,
        );
      if (runningStop(step))
        throw refuse(Refusal.stepNotOpen, `stepId: the clock of step ${step.stepId} is stopped`);
      if (reply.expectedDate <= step.dueDate)
        throw refuse(
          Refusal.invalidArgument,
          `expectedDate: must be later than the deadline (${step.dueDate}); answer by then`,
        );
      return step;
    },
    apply: async (c, reply, step): Promise<InterimReplyReceipt> => {
      await takeInterimReply(c, step, reply);
      return { ...receiptOf(c, step), interimId: step.interimReplies!.at(-1)!.interimId };
    },
  }),
  action({
    update: decideInterimReply,
    check: (c, decision: InterimReplyDecision) => {
      reject(interimReplyDecisionProblem(decision));
      const step = stepFor(c, decision, { summons: false });
      const reply = pendingInterimReply(step);
      if (!reply)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: no interim reply on step ${step.stepId} waits for a decision`,
        );
      if (
        decision.decision === 'refuse' &&
        reply.moved &&
        Date.now() >= Date.parse(reply.moved.previousDueAt)
      )
        throw refuse(
          Refusal.stepNotOpen,
          `decision: the deadline before the interim reply (${reply.moved.previousDueDate}) has passed: the date it moved to stands`,
        );
      if (decision.decision === 'accept' && !reply.moved && runningStop(step))
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the clock of step ${step.stepId} is stopped: restart it first`,
        );
      return step;
    },
    apply: async (c, decision, step) => {
      await decideStepInterimReply(c, step, {
        accepted: decision.decision === 'accept',
        ...(decision.note ? { note: decision.note } : {}),
        ...(decision.by ? { by: decision.by } : {}),
      });
      return receiptOf(c, step);
    },
  }),
  action({
    update: stopClock,
    check: (c, order: ClockStopOrder) => {
      reject(clockStopProblem(order));
      const step = clockStepFor(c, order);
      const refusal = clockStopRefusal(c, step);
      if (refusal) throw refuse(Refusal.stepNotOpen, refusal);
      if (Date.now() >= Date.parse(step.dueAt))
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the deadline of step ${step.stepId} has passed: extend it instead`,
        );
      return step;
    },
    apply: async (c, order, step) => {
      const why = {
        grounds: order.grounds,
        ...(order.details ? { details: order.details } : {}),
        ...(order.by ? { by: order.by } : {}),
      };
      await stopStepClock(c, step, why, nowIso());
      return receiptOf(c, step);
    },
  }),
  action({
    update: restartClock,
    check: (c, order: ClockRestartOrder) => {
      reject(clockRestartProblem(order));
      const step = clockStepFor(c, order);
      if (!runningStop(step))
        throw refuse(Refusal.stepNotOpen, `stepId: the clock of step ${step.stepId} is not stopped`);
      return step;
    },
    apply: async (c, order, step) => {
      await restartStepClock(c, step, order.by, nowIso());
      return receiptOf(c, step);
    },
  }),
  action({
    update: decideClockStop,
    check: (c, decision: ClockStopDecision) => {
      reject(clockStopDecisionProblem(decision));
      const step = clockStepFor(c, decision);
      if (!pendingClockStopRequest(step))
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: no request to stop the clock of step ${step.stepId} waits for a decision`,
        );
      if (decision.decision === 'approve') {
        const refusal = clockStopRefusal(c, step);
        if (refusal) throw refuse(Refusal.stepNotOpen, refusal);
      }
      return step;
    },
    apply: (c, decision, step) => decideStepClockStop(c, step, decision),
  }),
  action({
    update: applyHolidays,
    check: (c, change: HolidayChange) => {
      reject(holidayChangeProblem(change));
      if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
      if (change.procedureId !== c.state.procedureId)
        throw refuse(
          Refusal.invalidArgument,
          `procedureId: complaint ${c.state.caseReference} runs procedure ${c.state.procedureId}, not ${change.procedureId}`,
        );
      return undefined;
    },
    apply: (c, change) => applyHolidayChange(c, change),
  }),
  action({
    update: closeComplaint,
    check: (c, closure: ComplaintClosure) => {
      reject(closureProblem(closure));
      if (c.ended())
        throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is already closed`);
      return undefined;
    },
    apply: (c, closure) => closeWholeComplaint(c, closure),
  }),
];

export function registerHandlers(c: Complaint): void {
  setHandler(getComplaint, () => c.state);
  setHandler(getGeneration, () => GENERATION);
  // Each movement of the procedure (a module of its own) brings its actions to this list.
  const movements = [
    ...DISPENSATION_ACTIONS,
    ...RECOMMENDATION_ACTIONS,
    ...ADDED_RESPONDENT_ACTIONS,
    ...TRANSFER_ACTIONS,
    ...JOINT_INQUIRY_ACTIONS,
  ];
  for (const add of [...ACTIONS, ...movements]) add(c);
}

async function moveHearing(
  c: Complaint,
  step: StepState,
  date: string,
  time: string | undefined,
  reason: string,
  by: string | undefined,
  at: string,
): Promise<void> {
  const def = c.stepDefinition(step.definitionId);
  const plan = await planHearing({
    rules: c.procedure.rules,
    issuedAt: at,
    date,
    time: time ?? (def.kind === 'summons' ? def.hearingTime : c.procedure.rules.dueTime),
    ...reportBeforeOf(c, step),
  });
  moveHearingTo(step, plan, { reason, ...(by ? { by } : {}), at });
  c.journal(c.trackOf(step), step, 'hearing-moved', { hearingAt: plan.hearingAt, reason });
}
