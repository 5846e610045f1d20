// A holiday declared (or withdrawn) after the complaint started: the complaint observes the procedure's new
// holidays from now on, and each open demand whose deadline is still to come is planned again as it was planned
// (from its issue, or the date staff set, with its clock's stops); a deadline that moves is rescheduled and its
// officer told once. A date already passed never moves; a stopped clock keeps its dates until its restart, which
// counts with the new holidays. A hearing the procedure set (not one staff set) moves the same way while its day
// is still to come, and its summons goes out again with the new date, as when staff move it.
import { runningStop } from '../lib/domain/clock-stops';
import type { HolidayMove, StepState } from '../lib/domain/complaint-state';
import {
  observedHolidays,
  type HolidayChange,
  type HolidayReceipt,
  type MovedDeadline,
} from '../lib/domain/holidays';
import type { DemandPlan, DemandPlanRequest, HearingPlan } from '../lib/procedure/schedule';
import { planDemand, planHearing } from './activity-proxies';
import type { Complaint } from './complaint-context';
import { moveHearingTo, nextStepRequest, reschedule, tellOfficer } from './steps';
import { nowIso } from './time';

/** The moves a step keeps (each is a few dates): enough for its pages and its officer's last messages. */
const HOLIDAY_MOVES_KEPT = 10;

/**
 * A date the change may move: an open demand's deadline still to come, its clock running; or a hearing the
 * procedure set (staff set none of its dates) whose day is still to come.
 */
function movable(step: StepState, now: number): boolean {
  if (step.kind === 'summons')
    return (
      step.status !== 'closed' &&
      step.hearing !== undefined &&
      step.hearing.rescheduled.every((r) => r.holidays !== undefined) &&
      Date.parse(step.hearing.hearingDayStartsAt) > now
    );
  return step.status === 'open' && !runningStop(step) && Date.parse(step.dueAt) > now;
}

/** The hearing's plan as the procedure set it: counted from the summons. */
function hearingAsPlanned(c: Complaint, step: StepState): Promise<HearingPlan> {
  const def = c.stepDefinition(step.definitionId);
  if (def.kind !== 'summons') throw new Error(`step ${step.stepId} is not a summons`);
  return planHearing({
    rules: c.procedure.rules,
    issuedAt: step.issuedAt,
    hearingAfter: def.hearingAfter,
    time: def.hearingTime,
    ...(def.dispensation ? { reportBefore: def.dispensation.reportBefore } : {}),
  });
}

/** Gives the hearing its new date; its summons goes out again with it (respondent-track.ts runSummons). */
function moveHearing(step: StepState, plan: HearingPlan, revision: string, why: string, at: string): void {
  moveHearingTo(step, plan, { reason: why, at, holidays: revision });
}

/** The step's plan request as its current deadline was planned (steps.ts, handlers.ts, clock-stops.ts). */
function planAsPlanned(c: Complaint, step: StepState): DemandPlanRequest {
  const def = c.demandDefinition(step);
  const common = {
    rules: c.procedure.rules,
    dueSoonReminderBefore: def.dueSoonReminderBefore,
    onLapse: def.onLapse,
    ...nextStepRequest(c, def),
  };
  const extension = step.extensions.at(-1);
  const lastStop = step.clockStops?.at(-1);
  // A date staff set after the last restart: counted from the extension, as extendStep counted it.
  if (extension?.until && !(lastStop?.restartedAt && lastStop.restartedAt > extension.at))
    return { ...common, issuedAt: extension.at, until: extension.until };
  const asIssued: DemandPlanRequest = {
    ...common,
    issuedAt: step.issuedAt,
    receivedOn: step.issuedOn,
    // A date staff set (an extension's, or the step's own when it opened), else the period.
    ...((extension?.until ?? step.until)
      ? { until: (extension?.until ?? step.until)! }
      : { answerWithin: def.answerWithin }),
  };
  if (!lastStop?.restartedAt) return asIssued;
  const span = (s: NonNullable<StepState['clockStops']>[number]) =>
    s.to && s.days ? [{ from: s.from, to: s.to, days: s.days }] : [];
  if ((def.clockStops?.counts ?? 'toll') === 'restart') {
    const { receivedOn: _from, until: _staffDate, ...fresh } = asIssued;
    return {
      ...fresh,
      answerWithin: def.answerWithin,
      issuedAt: lastStop.restartedAt,
      stops: { counts: 'restart', spans: span(lastStop) },
    };
  }
  // Toll: every stop since the date was last set adds its days (restartStepClock).
  const spans = (step.clockStops ?? []).flatMap((s) =>
    !extension || s.stoppedAt > extension.at ? span(s) : [],
  );
  return { ...asIssued, stops: { counts: 'toll', spans }, notBefore: lastStop.restartedAt };
}

/** A reminder's time, unless it has passed (a reminder is not sent again for a moved date). */
function stillToCome(instant: string | null): string | null {
  return instant !== null && Date.parse(instant) <= Date.now() ? null : instant;
}

/** The changed dates within the step's count (issue to the later of its two deadlines). */
function datesWithin(dates: string[], step: StepState, newDueDate: string): string[] {
  const until = step.dueDate > newDueDate ? step.dueDate : newDueDate;
  return dates.filter((d) => d >= step.issuedOn && d <= until);
}

export async function applyHolidayChange(c: Complaint, change: HolidayChange): Promise<HolidayReceipt> {
  const before = c.state.holidays;
  if (before?.revision === change.revision) return { revision: change.revision, moved: [] };
  const previous = new Set(c.procedure.rules.holidays);
  const at = nowIso();
  const dates = observedHolidays(c.input.procedure.rules, change.holidays);
  const now = new Set(dates);
  c.state.holidays = {
    revision: change.revision,
    dates,
    own: [...change.holidays].sort(),
    ...(change.names && Object.keys(change.names).length ? { names: change.names } : {}),
    ...(change.by ? { by: change.by } : {}),
    at,
  };
  const declared = dates.filter((d) => !previous.has(d));
  const withdrawn = [...previous].filter((d) => !now.has(d)).sort();
  if (declared.length + withdrawn.length === 0) return { revision: change.revision, moved: [] };
  const steps = c.state.respondents.flatMap((t) => t.steps);
  // A lapsed step's next step was planned with the old holidays: planned afresh at its escalation instead.
  for (const step of steps)
    if (step.plannedNext && !movable(step, Date.now()) && step.status !== 'closed') delete step.plannedNext;
  const candidates = steps.filter((s) => movable(s, Date.now()));
  if (candidates.length === 0) return { revision: change.revision, moved: [] };
  // Every plan first (activities), then every change at once: no step is left half moved between them.
  const plans = await c.whileOpening(() =>
    Promise.all(
      candidates.map((step): Promise<DemandPlan | HearingPlan> =>
        step.kind === 'summons' ? hearingAsPlanned(c, step) : planDemand(planAsPlanned(c, step)),
      ),
    ),
  );
  const moved: MovedDeadline[] = [];
  const names = { ...before?.names, ...change.names };
  candidates.forEach((step, i) => {
    const plan = plans[i]!;
    const dueAt = 'hearingAt' in plan ? plan.hearingAt : plan.dueAt;
    const dueDate = 'hearingAt' in plan ? plan.hearingDate : plan.dueDate;
    // Still to come now that the plans are back; and a move only when the instant changed.
    if (!movable(step, Date.now())) return;
    if (dueAt === step.dueAt) {
      if ('hearingAt' in plan) return;
      // The deadline stands; what its lapse leads to is planned with the new holidays (quietly: nobody's date moved).
      if (plan.escalatesAt === step.escalatesAt) {
        if (plan.next) step.plannedNext = plan.next;
        else delete step.plannedNext;
      } else reschedule(step, { ...plan, dueSoonAt: stillToCome(plan.dueSoonAt) });
      return;
    }
    const stepDeclared = datesWithin(declared, step, dueDate);
    const stepWithdrawn = datesWithin(withdrawn, step, dueDate);
    const told = [...stepDeclared, ...stepWithdrawn].filter((d) => names[d] !== undefined);
    const previousDueAt = step.dueAt;
    const track = c.trackOf(step);
    if ('hearingAt' in plan) {
      const why = [
        ...stepDeclared.map((d) => `${d} declared a holiday${names[d] ? ` (${names[d]})` : ''}`),
        ...stepWithdrawn.map((d) => `the holiday of ${d} withdrawn`),
      ].join('; ');
      // The summons with the new date is how the officer is told, as when staff move a hearing.
      moveHearing(step, plan, change.revision, why || 'the holidays changed', at);
    } else {
      // A reminder whose time has passed is not sent again: the officer is told the new date all the same.
      reschedule(step, { ...plan, dueSoonAt: stillToCome(plan.dueSoonAt) });
      const move: HolidayMove = {
        revision: change.revision,
        version: step.version,
        previousDueAt,
        dueAt: step.dueAt,
        declared: stepDeclared,
        withdrawn: stepWithdrawn,
        ...(told.length ? { names: Object.fromEntries(told.map((d) => [d, names[d]!])) } : {}),
        at,
      };
      step.holidayMoves = [...(step.holidayMoves ?? []), move].slice(-HOLIDAY_MOVES_KEPT);
      tellOfficer(c, step, 'deadline-moved', step.version, at);
    }
    const event = step.kind === 'summons' ? 'hearing-moved' : 'deadline-moved';
    c.journal(track, step, event, { revision: change.revision, previousDueAt, dueAt: step.dueAt });
    moved.push({
      respondentId: track.respondentId,
      stepId: step.stepId,
      from: previousDueAt,
      to: step.dueAt,
    });
  });
  return { revision: change.revision, moved };
}
