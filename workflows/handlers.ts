// The complaint's Update handlers: officers' answers and requests, staff decisions. Each validator runs before
// anything is written to history and rejects with a message naming the field; each handler marks its step busy
// while it awaits an activity, so a timer of the track cannot act on the step halfway through the change.
import type { UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, patched, setHandler } from '@temporalio/workflow';
import {
  answerProblem,
  extensionRequestProblem,
  type AnswerSubmission,
  type ExtensionRequestSubmission,
  type OfficerSubmission,
  type StepAddress,
} from '../lib/domain/answer';
import { recipientHash } from '../lib/domain/recipient-hash';
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
import { planDemand, planHearing, recordAnswer, recordReview } from './activity-proxies';
import type { Complaint } from './complaint-context';
import {
  findStep,
  pendingExtensionRequest,
  type OfficerUpdateKind,
  type StepState,
} from '../lib/domain/complaint-state';
import {
  acknowledgeSummons,
  closeComplaint,
  correctRecipient,
  extendDeadline,
  getComplaint,
  recordHearingOutcome,
  requestExtension,
  rescheduleHearing,
  reviewAnswer,
  submitAnswer,
  type StepReceipt,
} from './messages';
import type { MomentItem } from './outbox';
import { ANSWER_IN_ONE_ROUND_TRIP_PATCH } from './patches';
import { closeStep, nextStepRequest, openDemandStep, reschedule } from './steps';
import { nowIso } from './time';

function reject(problem: string | null): void {
  if (problem) throw new Error(problem);
}

/** The addressed step, if the complaint is open and the step is not being changed; else a clear rejection. */
function stepFor(
  c: Complaint,
  address: StepAddress,
  expect: { status?: StepState['status'][]; summons?: boolean } = {},
): StepState {
  if (c.ended()) throw new Error(`complaint: ${c.state.caseReference} is closed`);
  const step = findStep(c.state, address.respondentId, address.stepId);
  if (!step) {
    if (!c.state.respondents.some((r) => r.respondentId === address.respondentId))
      throw new Error(`respondentId: no respondent ${address.respondentId} in this complaint`);
    throw new Error(`stepId: no step ${address.stepId} for respondent ${address.respondentId}`);
  }
  if (c.busy.has(step)) throw new Error(`stepId: step ${step.stepId} is being changed; try again`);
  const allowed = expect.status ?? ['open'];
  if (!allowed.includes(step.status)) {
    const why =
      step.status === 'closed'
        ? `closed (${step.closedAs ?? ''})`
        : step.status === 'open'
          ? 'open, with no answer to review'
          : 'answered and waiting for review';
    throw new Error(`stepId: step ${step.stepId} is ${why}`);
  }
  if (expect.summons === true && step.kind !== 'summons')
    throw new Error(`stepId: step ${step.stepId} is not a summons`);
  if (expect.summons === false && step.kind === 'summons')
    throw new Error(`stepId: step ${step.stepId} is a summons: reschedule its hearing instead`);
  return step;
}

/** The step an officer's link addresses, refused when the link went to an address since corrected. */
function officerStepFor(
  c: Complaint,
  submission: OfficerSubmission,
  expect: { status?: StepState['status'][]; summons?: boolean } = {},
): StepState {
  const step = stepFor(c, submission, expect);
  if (
    submission.recipientHash !== undefined &&
    submission.recipientHash !== recipientHash(step.recipient.email)
  )
    throw new Error(
      `link: step ${step.stepId} now goes to another address; use the link in the latest email`,
    );
  return step;
}

/**
 * Registers an Update whose result is remembered by Update ID: a retry of an Update already applied (in this run
 * or one before a continue-as-new) gets the same result and changes nothing, its validator skipped.
 */
function onUpdate<R, A>(
  c: Complaint,
  update: UpdateDefinition<R, [A]>,
  handler: (arg: A) => R | Promise<R>,
  validator: (arg: A) => void,
): void {
  const applied = () => c.appliedUpdates.has(currentUpdateInfo()?.id ?? '');
  setHandler(
    update,
    // A handler that does not await stays synchronous: it completes in the same step as before (replay).
    (arg: A): R | Promise<R> => {
      const updateId = currentUpdateInfo()?.id;
      if (updateId !== undefined && c.appliedUpdates.has(updateId))
        return c.appliedUpdates.get(updateId) as R;
      const remember = (result: R): R => {
        if (updateId !== undefined) c.rememberUpdate(updateId, result);
        return result;
      };
      const result = handler(arg);
      // (Chained: the histories recorded since this wrapper came complete an async Update one tick after its
      // handler; every generation before it replays either way.)
      return result instanceof Promise ? result.then(remember) : remember(result);
    },
    { validator: (arg: A) => (applied() ? undefined : validator(arg)) },
  );
}

/** An Update with its handler and validator, as functions of the complaint, ready to register on one. */
function registration<R, A>(
  update: UpdateDefinition<R, [A]>,
  handler: (c: Complaint, arg: A) => R | Promise<R>,
  validator: (c: Complaint, arg: A) => void,
): (c: Complaint) => void {
  return (c) =>
    onUpdate(
      c,
      update,
      (arg) => handler(c, arg),
      (arg) => validator(c, arg),
    );
}

/** What an action did to its step (and the step it opened, if any): the Update's small result. */
function receiptOf(c: Complaint, step: StepState, opened?: StepState): StepReceipt {
  return {
    respondentId: c.trackOf(step).respondentId,
    stepId: step.stepId,
    status: step.status,
    version: step.version,
    dueAt: step.dueAt,
    ...(opened ? { opened: { stepId: opened.stepId, dueAt: opened.dueAt } } : {}),
  };
}

/** Takes an officer's answer into the step: the clock stops, and the step waits for staff review. */
function takeAnswer(
  c: Complaint,
  step: StepState,
  answer: AnswerSubmission,
  answerId: string,
  receivedAt: string,
): void {
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
}

/** Runs `change` with the step marked busy. */
async function changing<T>(c: Complaint, step: StepState, change: () => Promise<T>): Promise<T> {
  c.busy.add(step);
  try {
    return await change();
  } finally {
    c.busy.delete(step);
    c.publish();
  }
}

/** An officer's answer: the step waits for review, its clock stopped. */
const officerAnswer = registration(
  submitAnswer,
  async (c: Complaint, { recipientHash: _link, ...answer }) => {
    const step = findStep(c.state, answer.respondentId, answer.stepId)!;
    const answerId = `${c.workflowId}/${answer.respondentId}/${answer.stepId}/${step.answers.length + 1}`;
    if (patched(ANSWER_IN_ONE_ROUND_TRIP_PATCH)) {
      // The history is the durable record: the Update completes now, the records row follows by activity.
      const receivedAt = nowIso();
      takeAnswer(c, step, answer, answerId, receivedAt);
      const record = { answerId, workflowId: c.workflowId, firstRunId: c.firstRunId, receivedAt, ...answer };
      if (c.momentsTogether) {
        // The row, the officer's receipt and the staff's alert: one activity.
        const [track, n] = [c.trackOf(step), step.answers.length];
        const about = { track, step, version: n, scheduledFor: receivedAt };
        c.outbox.dispatchMoment(
          [
            { ...about, to: 'officer', kind: 'answer-receipt' },
            { ...about, to: 'staff', kind: 'answer-to-review' },
          ],
          { answer: record, also: `record|${answerId}` },
        );
      } else
        c.underway.start(`record|${answerId}`, async () => {
          await recordAnswer(record);
        });
      c.publish();
      return { answerId, stepId: step.stepId, receivedAt };
    }
    return changing(c, step, async () => {
      const receivedAt = nowIso();
      await recordAnswer({
        answerId,
        workflowId: c.workflowId,
        firstRunId: c.firstRunId,
        receivedAt,
        ...answer,
      });
      takeAnswer(c, step, answer, answerId, receivedAt);
      return { answerId, stepId: step.stepId, receivedAt };
    });
  },
  (c: Complaint, answer: AnswerSubmission) => {
    reject(answerProblem(answer));
    officerStepFor(c, answer);
  },
);

/** An officer asks for more time: one request waits for staff at a time. */
const officerExtensionRequest = registration(
  requestExtension,
  (c: Complaint, request) => {
    const step = findStep(c.state, request.respondentId, request.stepId)!;
    const at = nowIso();
    step.extensionRequests.push({
      reason: request.reason,
      ...(request.requestedDate ? { requestedDate: request.requestedDate } : {}),
      at,
    });
    c.journal(c.trackOf(step), step, 'extension-requested', {
      requestedDate: request.requestedDate ?? null,
    });
    // Staff are told, with the link to decide on the dashboard (the nth request is the alert's version).
    if (c.tellsEveryone)
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
  },
  (c: Complaint, request: ExtensionRequestSubmission) => {
    reject(extensionRequestProblem(request));
    const step = officerStepFor(c, request);
    // One request at a time per step: a flood of requests through one link must not grow the complaint.
    const pending = pendingExtensionRequest(step);
    if (pending)
      throw new Error(
        `stepId: an extension request for step ${step.stepId} already waits for the commission's decision (sent ${pending.at})`,
      );
  },
);

/** The summoned officer acknowledges the summons. */
const officerAcknowledgement = registration(
  acknowledgeSummons,
  (c: Complaint, ack) => {
    const step = findStep(c.state, ack.respondentId, ack.stepId)!;
    const hearing = step.hearing!;
    if (!hearing.acknowledgedAt) {
      hearing.acknowledgedAt = nowIso();
      c.journal(c.trackOf(step), step, 'summons-acknowledged');
    }
    return receiptOf(c, step);
  },
  (c: Complaint, ack: OfficerSubmission) => {
    const step = officerStepFor(c, ack, { summons: true, status: ['open', 'answered'] });
    // Once is enough: a link's form cannot mint new Update IDs to grow the history.
    if (step.hearing?.acknowledgedAt)
      throw new Error(`stepId: the summons was acknowledged on ${step.hearing.acknowledgedAt}`);
  },
);

/** Staff extend a demand's deadline: its reminders and escalation move with it. */
const staffExtension = registration(
  extendDeadline,
  async (c: Complaint, extension) => {
    const step = findStep(c.state, extension.respondentId, extension.stepId)!;
    await changing(c, step, async () => {
      const def = c.demandDefinition(step);
      const at = nowIso();
      const plan = await planDemand({
        rules: c.procedure.rules,
        issuedAt: at,
        until: extension.until,
        dueSoonReminderBefore: def.dueSoonReminderBefore,
        onLapse: def.onLapse,
        ...nextStepRequest(c, def),
      });
      step.extensions.push({
        previousDueAt: step.dueAt,
        dueAt: plan.dueAt,
        reason: extension.reason,
        ...(extension.by ? { by: extension.by } : {}),
        at,
      });
      reschedule(step, plan);
      c.journal(c.trackOf(step), step, 'extended', {
        previousDueAt: step.extensions.at(-1)!.previousDueAt,
        reason: extension.reason,
      });
      // The officer holds the old date: they are told the new one (this version of the step).
      if (c.tellsEveryone) tellOfficer(c, step, 'deadline-extended', step.version, at);
    });
    return receiptOf(c, step);
  },
  (c: Complaint, extension: DeadlineExtension) => {
    reject(extensionProblem(extension));
    const step = stepFor(c, extension, { summons: false });
    if (extension.until <= step.dueDate)
      throw new Error(`until: must be later than the current due date ${step.dueDate}`);
  },
);

/** Staff accept an answer (the step closes) or return it (what is missing becomes a new demand). */
const staffReview = registration(
  reviewAnswer,
  async (c: Complaint, review) => {
    const step = findStep(c.state, review.respondentId, review.stepId)!;
    const answer = step.answers.at(-1)!;
    return changing(c, step, async () => {
      const at = nowIso();
      const note = review.decision === 'return' ? review.missing : review.note;
      // The answer's row first: the review updates it. (Awaited as every recorded history since
      // answer-in-one-round-trip has it, even when nothing is under way: the ticks are part of its replay.)
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
      c.journal(c.trackOf(step), step, 'reviewed', {
        answerId: answer.answerId,
        decision: review.decision,
      });
      if (review.decision === 'accept') {
        closeStep(c, step, 'accepted');
        if (c.tellsEveryone) tellOfficer(c, step, 'answer-accepted', step.answers.length, at);
        return receiptOf(c, step);
      }
      // Returned: what is missing becomes a new demand with its own deadline.
      closeStep(c, step, 'returned');
      const track = c.track(review.respondentId);
      const followUp = await openDemandStep(c, track, c.followUpDefinition(), {
        issuedAt: at,
        demands: [review.missing!],
        note: review.missing!,
      });
      return receiptOf(c, step, followUp);
    });
  },
  (c: Complaint, review: AnswerReview) => {
    reject(reviewProblem(review));
    stepFor(c, review, { status: ['answered'] });
  },
);

/** Staff record a hearing's outcome: closed, a further hearing, or a fresh demand. */
const staffHearingOutcome = registration(
  recordHearingOutcome,
  async (c: Complaint, outcome) => {
    const step = findStep(c.state, outcome.respondentId, outcome.stepId)!;
    const hearing = step.hearing!;
    return changing(c, step, async () => {
      const at = nowIso();
      hearing.outcomes.push({
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
      else if (next.action === 'further-hearing') {
        await moveHearing(c, step, next.date, next.time, 'further hearing ordered', outcome.by, at);
      } else {
        closeStep(c, step, 'fresh-demand');
        const track = c.track(outcome.respondentId);
        const demand = await openDemandStep(c, track, c.followUpDefinition(), {
          issuedAt: at,
          demands: next.demands,
        });
        return receiptOf(c, step, demand);
      }
      return receiptOf(c, step);
    });
  },
  (c: Complaint, outcome: HearingOutcomeRecord) => {
    reject(hearingOutcomeProblem(outcome));
    const step = stepFor(c, outcome, { summons: true, status: ['open', 'answered'] });
    if (Date.now() < Date.parse(step.hearing!.hearingDayStartsAt))
      throw new Error(`stepId: the hearing on ${step.dueDate} has not taken place yet`);
    if (outcome.next.action === 'further-hearing' && outcome.next.date <= step.dueDate)
      throw new Error(`next.date: must be later than the hearing date ${step.dueDate}`);
  },
);

/** Staff move a hearing. */
const staffHearingMove = registration(
  rescheduleHearing,
  async (c: Complaint, change) => {
    const step = findStep(c.state, change.respondentId, change.stepId)!;
    await changing(c, step, () =>
      moveHearing(c, step, change.date, change.time, change.reason, change.by, nowIso()),
    );
    return receiptOf(c, step);
  },
  (c: Complaint, change: HearingReschedule) => {
    reject(rescheduleProblem(change));
    const step = stepFor(c, change, { summons: true, status: ['open', 'answered'] });
    if (change.date === step.dueDate && (change.time ?? null) === null)
      throw new Error(`date: the hearing is already on ${change.date}`);
  },
);

/** Staff correct an officer's address: the step's message goes there (its deadline per the procedure). */
const staffAddressCorrection = registration(
  correctRecipient,
  async (c: Complaint, fix) => {
    const step = findStep(c.state, fix.respondentId, fix.stepId)!;
    const track = c.trackOf(step);
    return changing(c, step, async () => {
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
    });
  },
  (c: Complaint, fix: RecipientCorrection) => {
    reject(recipientCorrectionProblem(fix));
    const step = stepFor(c, fix, { status: ['open'] });
    if (fix.email.toLowerCase() === step.recipient.email.toLowerCase())
      throw new Error(`email: step ${step.stepId} already goes to ${fix.email}`);
  },
);

/** Staff withdraw or dispose of the complaint: every open step closes. */
const staffClosure = registration(
  closeComplaint,
  (c: Complaint, closure) => {
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
        told.push({
          track,
          step: last,
          version: 1,
          scheduledFor: at,
          to: 'officer',
          kind: 'complaint-closed',
        });
    }
    if (c.tellsEveryone && told.length) c.outbox.dispatchMoment(told);
    c.publish();
    return { caseReference: c.state.caseReference, closure: c.state.closure };
  },
  (c: Complaint, closure: ComplaintClosure) => {
    reject(closureProblem(closure));
    if (c.ended()) throw new Error(`complaint: ${c.state.caseReference} is already closed`);
  },
);

/** Tells a step's officer what staff decided (EVERYONE_TOLD_PATCH), beside the clock, once. */
function tellOfficer(
  c: Complaint,
  step: StepState,
  kind: OfficerUpdateKind,
  version: number,
  scheduledFor: string,
): void {
  c.outbox.dispatchMoment([{ track: c.trackOf(step), step, version, scheduledFor, to: 'officer', kind }]);
}

/** The complaint's Updates, each a handler and its validator, registered in this order. */
const UPDATES = [
  officerAnswer,
  officerExtensionRequest,
  officerAcknowledgement,
  staffExtension,
  staffReview,
  staffHearingOutcome,
  staffHearingMove,
  staffAddressCorrection,
  staffClosure,
];

export function registerHandlers(c: Complaint): void {
  setHandler(getComplaint, () => c.state);
  for (const register of UPDATES) register(c);
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
  });
  const hearing = step.hearing!;
  hearing.rescheduled.push({ hearingAt: hearing.hearingAt, reason, ...(by ? { by } : {}), at });
  Object.assign(hearing, {
    hearingAt: plan.hearingAt,
    hearingText: plan.hearingText,
    hearingDayStartsAt: plan.hearingDayStartsAt,
    alertAt: plan.alertAt,
  });
  delete hearing.acknowledgedAt;
  reschedule(step, { dueAt: plan.hearingAt, dueDate: plan.hearingDate, dueText: plan.hearingText });
  c.journal(c.trackOf(step), step, 'hearing-moved', { hearingAt: plan.hearingAt, reason });
}
