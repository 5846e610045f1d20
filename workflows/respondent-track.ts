// One respondent's track through the procedure: the notice, its due-soon reminder, the lapse and what it leads
// to (an overdue reminder with a fresh deadline, then a summons), answers waiting for staff review, and the
// hearing. A changed deadline or hearing bumps the step's version, which re-arms every timer below: a timer
// of the old version never fires a message, and the new version's messages are all still to come. Messages
// go out beside the clock (Outbox.dispatchMessage): a send still retrying never delays a reminder or a lapse.
import { condition } from '@temporalio/workflow';
import type { Complaint } from './complaint-context';
import type { RespondentState, StepState } from '../lib/domain/complaint-state';
import { closeStep, openDemandStep, openSummonsStep } from './steps';
import { restartStepClock } from './clock-stops';
import { runningStop } from '../lib/domain/clock-stops';
import { waitUntil } from './time';
import { complianceCarried, complianceSummons } from './recommendations';

export async function runRespondentTrack(
  c: Complaint,
  respondentId: string,
  startedAt: string,
): Promise<void> {
  const track = c.track(respondentId);
  // A continued run carries its steps over: the track goes on from where the last run left it.
  if (track.steps.length === 0) {
    const first = c.procedure.steps[0]!;
    if (first.kind === 'summons') throw new Error('the first step of a procedure must be the notice');
    // A respondent added later is served from when it was added (its own notice), not from the complaint's receipt.
    const added = track.addedAt;
    await openDemandStep(c, track, first, {
      issuedAt: added ?? startedAt,
      ...(added ? {} : { receivedOn: c.input.caseFile.receivedOn }),
      demands: c.respondent(respondentId).demands,
    });
  }

  // Each open step runs in a line of its own: one at a time along the procedure, but a recommendation's compliance
  // steps run beside it and each other, each with its own reminders and lapse. A step's line ends when it closes
  // (after opening whatever follows it); the track ends when no step is open.
  const lines = new Map<StepState, Promise<void>>();
  let failed: { error: unknown } | undefined;
  const unrun = () => track.steps.filter((s) => s.status !== 'closed' && !lines.has(s));
  for (;;) {
    if (!c.ended())
      for (const step of unrun()) {
        const line = step.kind === 'summons' ? runSummons(c, track, step) : runDemand(c, track, step);
        lines.set(step, line);
        void line.then(
          () => lines.delete(step),
          (error: unknown) => {
            failed ??= { error };
            lines.delete(step);
          },
        );
      }
    if (failed) throw failed.error;
    if (lines.size === 0) break;
    await condition(() => failed !== undefined || lines.size === 0 || (!c.ended() && unrun().length > 0));
  }
  // Withdrawn or disposed while a step was being opened: that step closes with the rest.
  const closure = c.state.closure;
  if (closure && closure.kind !== 'resolved')
    for (const step of track.steps) if (step.status !== 'closed') closeStep(c, step, closure.kind);
  track.status = 'closed';
  c.publish();
}

/** Waits while a handler changes the step; a change may close it and open the next one. */
async function settled(c: Complaint, step: StepState): Promise<void> {
  if (c.beingChanged(step)) await condition(() => !c.beingChanged(step));
}

/**
 * Waits while staff review the step's answer (the answer's handler sent the officer's receipt and the staff's
 * alert, with its record, in one moment).
 */
async function waitForStaff(c: Complaint, step: StepState): Promise<boolean> {
  if (step.status === 'answered') {
    await condition(() => step.status !== 'answered' || c.beingChanged(step) || c.ended());
    return true;
  }
  return false;
}

async function runDemand(c: Complaint, track: RespondentState, step: StepState): Promise<void> {
  const def = c.demandDefinition(step);
  c.outbox.dispatchMessage(track, step, c.outbox.messageKindFor(step), 1, step.issuedAt);
  for (;;) {
    await settled(c, step);
    if (c.ended() || step.status === 'closed') return;
    if (await waitForStaff(c, step)) continue;
    const version = step.version;
    const changed = () =>
      step.version !== version || step.status !== 'open' || c.beingChanged(step) || c.ended();

    // A stopped clock: nothing fires until staff restart it, or the procedure's limit does.
    const stop = runningStop(step);
    if (stop) {
      if (stop.restartsBy === undefined) await condition(changed);
      else if (!(await waitUntil(stop.restartsBy, changed)))
        await c.change(
          () => (runningStop(step) === stop && step.status === 'open' ? step : undefined),
          (s) => (s ? restartStepClock(c, s, 'limit', stop.restartsBy!) : undefined),
        );
      continue;
    }
    if (step.dueSoonAt && !c.outbox.wasSent(track, step, 'due-soon-reminder', version)) {
      const dueSoonAt = step.dueSoonAt;
      if (await waitUntil(dueSoonAt, changed)) continue;
      c.outbox.dispatchMessage(track, step, 'due-soon-reminder', version, dueSoonAt);
      continue;
    }
    if (!step.overdue) {
      if (await waitUntil(step.dueAt, changed)) continue;
      step.overdue = true;
      c.journal(track, step, 'lapsed');
      c.publish();
    }
    // A lapse that escalates at once sends the staff's alert with the step it issues, in one activity.
    const overdueAlert = {
      track,
      step,
      version,
      scheduledFor: step.dueAt,
      to: 'staff',
      kind: 'step-overdue',
    } as const;
    // Lapses that staff read in their daily digest (STAFF_LAPSE_ALERTS=digest) send them no email.
    const lapseAlert = c.emailsEachLapse();
    const escalatesNow =
      step.escalatesAt !== null &&
      def.onLapse.next !== null &&
      Date.parse(step.escalatesAt) <= Date.now() &&
      !c.outbox.wasSent(track, step, 'step-overdue', version);
    if (!escalatesNow && lapseAlert)
      c.outbox.dispatchStaffAlert(track, step, 'step-overdue', version, step.dueAt);
    // Lapsed. Either the procedure escalates at its set time, or the step waits for the staff to decide.
    if (step.escalatesAt === null || def.onLapse.next === null) {
      await condition(changed);
      continue;
    }
    if (await waitUntil(step.escalatesAt, changed)) {
      if (escalatesNow && lapseAlert) c.outbox.dispatchMoment([overdueAlert]);
      continue;
    }
    const next = c.stepDefinition(def.onLapse.next);
    closeStep(c, step, 'lapsed');
    // Planned with this step: the next one opens without an activity of its own.
    const planned = step.plannedNext;
    const issued =
      next.kind === 'summons'
        ? await openSummonsStep(
            c,
            track,
            next,
            step.escalatesAt,
            planned?.kind === 'hearing' ? planned.plan : undefined,
            complianceSummons(step),
          )
        : await openDemandStep(
            c,
            track,
            next,
            {
              issuedAt: step.escalatesAt,
              demands: step.demands,
              lapsedDueAt: step.dueAt,
              ...complianceCarried(step),
            },
            planned?.kind === 'demand' ? planned.plan : undefined,
          );
    // A summons issued by a compliance step's lapse presses the same recommendation: its accepted report is the proof.
    if (issued.kind === 'summons' && step.kind === 'compliance' && step.recommendationId)
      Object.assign(issued, { recommendationId: step.recommendationId, proofDue: step.proofDue ?? '' });
    if (escalatesNow) {
      const message = {
        track,
        step: issued,
        version: 1,
        scheduledFor: issued.issuedAt,
        to: 'officer',
        kind: c.outbox.messageKindFor(issued),
      } as const;
      const moment = [...(lapseAlert ? [overdueAlert] : []), ...(c.ended() ? [] : [message])];
      if (moment.length) c.outbox.dispatchMoment(moment);
    }
    return;
  }
}

async function runSummons(c: Complaint, track: RespondentState, step: StepState): Promise<void> {
  for (;;) {
    await settled(c, step);
    if (c.ended() || step.status === 'closed') return;
    const version = step.version;
    const scheduledFor =
      version === 1 ? step.issuedAt : (step.hearing?.rescheduled.at(-1)?.at ?? step.issuedAt);
    c.outbox.dispatchMessage(track, step, 'summons', version, scheduledFor);
    if (await waitForStaff(c, step)) continue;
    const changed = () =>
      step.version !== version || step.status !== 'open' || c.beingChanged(step) || c.ended();
    const alertAt = step.hearing?.alertAt;
    if (alertAt && !c.outbox.wasSent(track, step, 'hearing-tomorrow', version)) {
      if (await waitUntil(alertAt, changed)) continue;
      c.outbox.dispatchStaffAlert(track, step, 'hearing-tomorrow', version, alertAt);
      continue;
    }
    if (!step.overdue) {
      // Once the hearing's time has come, the step waits for staff to record its outcome.
      if (await waitUntil(step.dueAt, changed)) continue;
      step.overdue = true;
      c.publish();
    }
    await condition(changed);
  }
}
