// Where a step's dates are worked out from the procedure: its deadline, its due-soon reminder, when its lapse
// escalates, a hearing's date and time. Activities call these for running complaints; `complaint preview`
// calls them to show a case's whole schedule without starting anything. One source for both.
import { DateTime } from 'luxon';
import type { CaseFile } from './case-file';
import { stoppedSpan, workingDaysIn, type StoppedSpan } from './clock-stops';
import type { DateDerivation, DayPassedOver, DerivationStep } from './date-derivation';
import {
  addHours,
  addPeriod,
  at,
  calendarDate,
  clockChangeAt,
  dayOf,
  type DayOffTrace,
  formatForPeople,
  issueDate,
  nextWorkingDay,
  subtractHours,
  subtractPeriod,
  toInstant,
} from './deadlines';
import {
  type DeadlineRules,
  type DemandDefinition,
  type DemandStepDefinition,
  type HoursPeriod,
  isHours,
  isZero,
  type Period,
  type Procedure,
  type ProcedureStep,
} from './procedure';
import { InputError } from './validation';
import { cutOffOn, type CutOffPlan } from './dispensation';

export interface DemandPlanRequest {
  rules: DeadlineRules;
  /** When the demand is issued (ISO instant). */
  issuedAt: string;
  /** For a complaint's first notice: the date received, which is the issue date unless it is already past. */
  receivedOn?: string;
  /** The deadline: a period from the issue date, or a date set by staff. */
  answerWithin?: Period;
  until?: string;
  dueSoonReminderBefore: Period | null;
  onLapse: { next: string | null; after: Period };
  /** The step its lapse issues (at the escalation): planned with it, so the lapse needs no activity of its own. */
  then?: NextStepRequest;
  /**
   * The step's ended clock stops: `toll` adds each one's days to the date counted (as the period counts: the
   * working days within it for working days); `restart` names the stop after which the period counts again (from
   * `issuedAt`, the restart), for the derivation.
   */
  stops?: { counts: 'toll' | 'restart'; spans: StoppedSpan[] };
  /** The deadline and its reminder fall after this instant as well as after the issue (a clock's restart). */
  notBefore?: string;
}

/** The step a demand's lapse issues, as much as its plan needs. */
export type NextStepRequest =
  | {
      kind: 'demand';
      answerWithin: Period;
      dueSoonReminderBefore: Period | null;
      onLapse: { next: string | null; after: Period };
      /** And the step its own lapse issues, so that each lapse down the procedure needs no activity. */
      then?: NextStepRequest;
    }
  | { kind: 'hearing'; hearingAfter: Period; time: string; reportBefore?: Period };

/** The plan of the step a lapse issues, made when the lapsing step was planned. */
export type NextStepPlan = { kind: 'demand'; plan: DemandPlan } | { kind: 'hearing'; plan: HearingPlan };

export interface DemandPlan {
  issuedOn: string;
  dueAt: string;
  dueDate: string;
  dueText: string;
  /** When the due-soon reminder goes out, or null (none, or its time had passed at issue). */
  dueSoonAt: string | null;
  /** When the lapse issues the next step, or null when a lapse stays with the staff. */
  escalatesAt: string | null;
  /** The next step's plan, issued at `escalatesAt` (when the request named it). */
  next?: NextStepPlan;
  /** How `dueAt` was computed, when the caller asked (date-derivation.ts). */
  derivation?: DateDerivation;
}

/** The days off a count passes over, as the derivation names them, and the trace that collects them. */
function daysPassedOver(): { passedOver: DayPassedOver[]; trace: DayOffTrace } {
  const passedOver: DayPassedOver[] = [];
  return { passedOver, trace: (date, why) => passedOver.push({ date: date.toISODate() ?? '', why }) };
}

/**
 * `time` on `day`, or, if that is not after `issuedAt`, on the first (working) day after it where it is: a
 * deadline never falls at or before the message that starts it, nor a hearing at or before its summons.
 */
function afterIssue(
  day: DateTime,
  time: string,
  issuedAt: string,
  rules: DeadlineRules,
  working: boolean,
  trace?: DayOffTrace,
): { day: DateTime; at: DateTime } {
  const issued = Date.parse(issuedAt);
  const first = at(day, time, rules.timeZone);
  if (first.toMillis() > issued) return { day, at: first };
  const issuedOn = dayOf(issuedAt, rules.timeZone);
  let candidate = day < issuedOn ? issuedOn : day.plus({ days: 1 });
  // Bounded: the (working) day after the issue date is after the issue.
  for (let tries = 0; tries < 3; tries++, candidate = candidate.plus({ days: 1 })) {
    if (working) candidate = nextWorkingDay(candidate, rules, trace);
    const instant = at(candidate, time, rules.timeZone);
    if (instant.toMillis() > issued) return { day: candidate, at: instant };
  }
  throw new RangeError('rules: no date after the issue');
}

/**
 * The plan of a demand: its deadline, due-soon reminder and escalation. With `derivation`, the steps by which its
 * deadline was computed are written into it (date-derivation.ts), by this same code, and the plan carries it (as
 * does the plan of each step its lapse issues).
 */
export function planDemand(req: DemandPlanRequest, derivation?: DerivationStep[]): DemandPlan {
  const { rules } = req;
  const zone = rules.timeZone;
  const issuedOn = req.receivedOn
    ? issueDate(req.receivedOn, req.issuedAt, rules)
    : dayOf(req.issuedAt, zone);
  const { due, dueDay } =
    req.answerWithin && !req.until && isHours(req.answerWithin)
      ? dueInHours(req, req.answerWithin, issuedOn, derivation)
      : dueOnADay(req, issuedOn, derivation);
  const dueAt = toInstant(due);
  // A restarted clock's reminder and deadline fall after the restart too.
  const floor = laterOf(req.issuedAt, req.notBefore);

  let dueSoonAt: string | null = null;
  if (req.dueSoonReminderBefore) {
    const before = req.dueSoonReminderBefore;
    const dueSoon = toInstant(
      isHours(before)
        ? DateTime.fromMillis(subtractHours(due.toMillis(), before, rules), { zone })
        : at(subtractPeriod(dueDay, before, rules), rules.sendTime, zone),
    );
    if (Date.parse(dueSoon) > Date.parse(floor) && Date.parse(dueSoon) < Date.parse(dueAt))
      dueSoonAt = dueSoon;
  }
  let escalatesAt: string | null = null;
  if (req.onLapse.next !== null) {
    const after = req.onLapse.after;
    escalatesAt = isZero(after)
      ? dueAt
      : toInstant(
          isHours(after)
            ? DateTime.fromMillis(addHours(due.toMillis(), after, rules).at, { zone })
            : at(addPeriod(dueDay, after, rules), rules.sendTime, zone),
        );
    if (Date.parse(escalatesAt) < Date.parse(dueAt)) escalatesAt = dueAt;
  }
  return {
    issuedOn: issuedOn.toISODate() ?? '',
    dueAt,
    // The date it falls on there (a due time a zone skipped is read forward, maybe into the next day).
    dueDate: dayOf(dueAt, zone).toISODate() ?? '',
    dueText: formatForPeople(due, zone),
    dueSoonAt,
    escalatesAt,
    ...(req.then && escalatesAt !== null
      ? { next: planNext(rules, escalatesAt, req.then, derivation !== undefined) }
      : {}),
    ...(derivation ? { derivation } : {}),
  };
}

/** A deadline on a day at the due time: days counted from the issue date, or a date set by staff. */
function dueOnADay(
  req: DemandPlanRequest,
  issuedOn: DateTime,
  derivation?: DerivationStep[],
): { due: DateTime; dueDay: DateTime } {
  const { rules } = req;
  const zone = rules.timeZone;
  const { passedOver, trace } = daysPassedOver();
  let counted: DateTime;
  if (req.until) {
    counted = calendarDate(req.until);
    derivation?.push({ step: 'set-by-staff', date: req.until });
  } else if (req.answerWithin && !isHours(req.answerWithin)) {
    const restarted = req.stops?.counts === 'restart' ? req.stops.spans.at(-1) : undefined;
    if (restarted) derivation?.push({ step: 'stopped', ...restarted, counts: 'restart' });
    counted = addPeriod(issuedOn, req.answerWithin, rules, trace);
    const from = issuedOn.toISODate() ?? '';
    const late = req.receivedOn !== undefined && req.receivedOn < from;
    derivation?.push(
      { step: 'counted-from', date: from, ...(late ? { received: req.receivedOn } : {}) },
      {
        step: 'counted',
        period: req.answerWithin,
        to: counted.toISODate() ?? '',
        passedOver: [...passedOver],
      },
    );
  } else throw new RangeError('a demand needs answerWithin or until');
  if (req.stops?.counts === 'toll')
    for (const span of req.stops.spans) {
      // The stopped days, as the period counts: the working days within the stop for working days.
      const kind = req.answerWithin?.kind === 'working' && !req.until ? 'working' : 'calendar';
      const days = kind === 'working' ? workingDaysIn(span, rules) : span.days;
      counted = addPeriod(counted, { days, kind }, rules);
      derivation?.push({
        step: 'stopped',
        ...span,
        counts: 'toll',
        added: { days, kind },
        then: counted.toISODate() ?? '',
      });
    }
  // A staff date, or working days, roll to a working day; calendar days to the next day.
  const working = req.until !== undefined || req.answerWithin?.kind === 'working';
  passedOver.length = 0;
  const floor = laterOf(req.issuedAt, req.notBefore);
  const { day: dueDay, at: due } = afterIssue(counted, rules.dueTime, floor, rules, working, trace);
  if (derivation) {
    if (+dueDay !== +counted)
      derivation.push({
        step: 'moved',
        from: counted.toISODate() ?? '',
        to: dueDay.toISODate() ?? '',
        passedOver: [...passedOver],
        notAfterIssue: at(counted, rules.dueTime, zone).toMillis() <= Date.parse(floor),
      });
    derivation.push({
      step: 'due',
      date: dueDay.toISODate() ?? '',
      time: rules.dueTime,
      instant: toInstant(due),
      clock: clockChangeAt(dueDay, rules.dueTime, zone),
    });
  }
  return { due, dueDay };
}

/**
 * A deadline in hours: counted from the instant the message went out, not from a day (so a complaint received
 * days before its notice does not shorten it), and due when the hours end, with no due time.
 */
function dueInHours(
  req: DemandPlanRequest,
  period: HoursPeriod,
  issuedOn: DateTime,
  derivation?: DerivationStep[],
): { due: DateTime; dueDay: DateTime } {
  const { rules } = req;
  const zone = rules.timeZone;
  const { passedOver, trace } = daysPassedOver();
  const issued = Date.parse(req.issuedAt);
  const counted = addHours(issued, period, rules, trace);
  const due = DateTime.fromMillis(counted.at, { zone });
  const dueDay = dayOf(counted.at, zone);
  if (derivation) {
    const received = req.receivedOn !== undefined && req.receivedOn < (issuedOn.toISODate() ?? '');
    derivation.push(
      {
        step: 'counted-from-moment',
        instant: req.issuedAt,
        ...(received ? { received: req.receivedOn } : {}),
        ...(counted.startsAt !== issued ? { opensAt: toInstant(DateTime.fromMillis(counted.startsAt)) } : {}),
      },
      {
        step: 'counted-hours',
        period,
        from: toInstant(DateTime.fromMillis(counted.startsAt)),
        to: toInstant(due),
        passedOver,
        ...(period.kind === 'working-hours' && rules.officeHours ? { officeHours: rules.officeHours } : {}),
      },
      {
        step: 'due',
        date: dueDay.toISODate() ?? '',
        time: due.toFormat(due.second === 0 ? 'HH:mm' : 'HH:mm:ss'),
        instant: toInstant(due),
        clock: null,
      },
    );
  }
  return { due, dueDay };
}

/** The later of two instants (the second may be absent). */
function laterOf(instant: string, other?: string): string {
  return other !== undefined && Date.parse(other) > Date.parse(instant) ? other : instant;
}

function planNext(
  rules: DeadlineRules,
  issuedAt: string,
  then: NextStepRequest,
  explain: boolean,
): NextStepPlan {
  const derivation = explain ? [] : undefined;
  if (then.kind === 'hearing')
    return {
      kind: 'hearing',
      plan: planHearing(
        {
          rules,
          issuedAt,
          hearingAfter: then.hearingAfter,
          time: then.time,
          ...(then.reportBefore ? { reportBefore: then.reportBefore } : {}),
        },
        derivation,
      ),
    };
  const { answerWithin, dueSoonReminderBefore, onLapse } = then;
  const further = then.then ? { then: then.then } : {};
  return {
    kind: 'demand',
    plan: planDemand(
      { rules, issuedAt, answerWithin, dueSoonReminderBefore, onLapse, ...further },
      derivation,
    ),
  };
}

export interface HearingPlanRequest {
  rules: DeadlineRules;
  /** When the summons is issued (ISO instant). */
  issuedAt: string;
  /** The hearing: a period from the summons' date, or a date set by staff. */
  hearingAfter?: Period;
  date?: string;
  time: string;
  /** The summons' dispensation (procedure.ts): its cut-off is counted back from the hearing's day. */
  reportBefore?: Period;
}

export interface HearingPlan {
  issuedOn: string;
  hearingAt: string;
  hearingDate: string;
  hearingText: string;
  /** The start of the hearing's day: its outcome can be recorded from then on. */
  hearingDayStartsAt: string;
  /** The day before, at the send time: staff are alerted then (null if that has passed at issue). */
  alertAt: string | null;
  /** How `hearingAt` was computed, when the caller asked (date-derivation.ts). */
  derivation?: DateDerivation;
  /** The dispensation's cut-off, when the request has one and it falls after the summons (else none). */
  dispensation?: CutOffPlan;
}

/** A hearing's date and time; with `derivation`, written as planDemand writes a deadline's. */
export function planHearing(req: HearingPlanRequest, derivation?: DerivationStep[]): HearingPlan {
  const { rules } = req;
  const zone = rules.timeZone;
  const issuedOn = dayOf(req.issuedAt, zone);
  const { passedOver, trace } = daysPassedOver();
  let counted: DateTime;
  if (req.date) {
    counted = calendarDate(req.date);
    derivation?.push({ step: 'set-by-staff', date: req.date });
  } else if (req.hearingAfter && isHours(req.hearingAfter))
    throw new RangeError('hearingAfter: a hearing is set for a day at its time: give it in days');
  else if (req.hearingAfter) {
    counted = addPeriod(issuedOn, req.hearingAfter, rules, trace);
    derivation?.push(
      { step: 'counted-from', date: issuedOn.toISODate() ?? '' },
      {
        step: 'counted',
        period: req.hearingAfter,
        to: counted.toISODate() ?? '',
        passedOver: [...passedOver],
      },
    );
  } else throw new RangeError('a hearing needs hearingAfter or date');
  passedOver.length = 0;
  const { day, at: hearing } = afterIssue(counted, req.time, req.issuedAt, rules, true, trace);
  const hearingAt = toInstant(hearing);
  if (derivation) {
    if (+day !== +counted)
      derivation.push({
        step: 'moved',
        from: counted.toISODate() ?? '',
        to: day.toISODate() ?? '',
        passedOver: [...passedOver],
        notAfterIssue: at(counted, req.time, zone).toMillis() <= Date.parse(req.issuedAt),
      });
    derivation.push({
      step: 'hearing',
      date: day.toISODate() ?? '',
      time: req.time,
      instant: hearingAt,
      clock: clockChangeAt(day, req.time, zone),
    });
  }
  const alert = toInstant(at(day.minus({ days: 1 }), rules.sendTime, zone));
  // A cut-off at or before the summons would be a condition nobody could meet: the summons then carries none.
  const cutOff =
    req.reportBefore && !isHours(req.reportBefore)
      ? cutOffOn(day, { reportBefore: req.reportBefore }, rules, derivation !== undefined)
      : undefined;
  const dispensation =
    cutOff && Date.parse(cutOff.cutOffAt) > Date.parse(req.issuedAt) && cutOff.cutOffAt < hearingAt
      ? cutOff
      : undefined;
  return {
    alertAt:
      Date.parse(alert) > Date.parse(req.issuedAt) && Date.parse(alert) < Date.parse(hearingAt)
        ? alert
        : null,
    issuedOn: issuedOn.toISODate() ?? '',
    hearingAt,
    hearingDate: dayOf(hearingAt, zone).toISODate() ?? '',
    hearingText: formatForPeople(hearing, zone),
    hearingDayStartsAt: toInstant(at(day, '00:00', zone)),
    ...(derivation ? { derivation } : {}),
    ...(dispensation ? { dispensation } : {}),
  };
}

export type ScheduledEventKind =
  | 'notice'
  | 'due-soon-reminder'
  | 'deadline'
  | 'overdue-reminder'
  | 'summons'
  | 'report-cut-off'
  | 'hearing'
  | 'staff-decision'
  | 'compliance';

export interface ScheduledEvent {
  kind: ScheduledEventKind;
  stepId: string;
  at: string;
  atText: string;
  /** Who receives the message, if it is one. */
  to?: string;
  /** A deadline's or hearing's derivation, when the preview was asked to explain (date-derivation.ts). */
  derivation?: DateDerivation;
}

export interface RespondentSchedule {
  respondentId: string;
  name: string;
  events: ScheduledEvent[];
}

/** The preview's what-if of a recommendation: its proof due within `days` calendar days (absent: the procedure's). */
export interface RecommendWhatIf {
  days?: number;
}

/** A recommendation's compliance step as the preview walks it (the procedure's compliance or follow-up rules). */
type ComplianceWalk = Omit<DemandDefinition, 'kind'> & { kind: 'compliance' };

/**
 * The schedule the procedure gives a case if nobody answers, its notice issued at `issuedAt` (as `start` issues
 * it: now): every notice, reminder, summons and hearing, by the same planning the running complaint does.
 */
export function previewSchedule(
  caseFile: CaseFile,
  procedure: Procedure,
  issuedAt: string,
  options: { explain?: boolean; stops?: StopWhatIf[]; recommend?: RecommendWhatIf } = {},
): RespondentSchedule[] {
  const { rules } = procedure;
  const byId = new Map(procedure.steps.map((s) => [s.id, s] as const));
  const event = (kind: ScheduledEventKind, stepId: string, instant: string, to?: string): ScheduledEvent => ({
    kind,
    stepId,
    at: instant,
    atText: formatForPeople(instant, rules.timeZone),
    ...(to ? { to } : {}),
  });

  return caseFile.respondents.map((respondent) => {
    const recipientOf = (step: Pick<ProcedureStep, 'recipient'>) => {
      const officer =
        step.recipient === 'summoned-officer'
          ? (respondent.summonedOfficer ?? respondent.officer)
          : respondent.officer;
      return `${officer.name}, ${officer.designation} <${officer.email}>`;
    };
    const events: ScheduledEvent[] = [];
    // From a step issued at an instant, along its lapses, until a hearing or a decision left to staff.
    const walk = (from: ProcedureStep | ComplianceWalk, fromAt: string, first: boolean) => {
      let step: ProcedureStep | ComplianceWalk | undefined = from;
      let stepIssuedAt = fromAt;
      while (step) {
        const derivation: DerivationStep[] | undefined = options.explain ? [] : undefined;
        if (step.kind === 'summons') {
          const reportBefore = step.dispensation?.reportBefore;
          const hearing = planHearing(
            {
              rules,
              issuedAt: stepIssuedAt,
              hearingAfter: step.hearingAfter,
              time: step.hearingTime,
              ...(reportBefore ? { reportBefore } : {}),
            },
            derivation,
          );
          events.push(event('summons', step.id, stepIssuedAt, recipientOf(step)));
          // The dispensation's cut-off: an answer accepted from by then cancels the hearing.
          if (hearing.dispensation)
            events.push({
              ...event('report-cut-off', step.id, hearing.dispensation.cutOffAt),
              ...(hearing.dispensation.derivation ? { derivation: hearing.dispensation.derivation } : {}),
            });
          events.push({
            ...event('hearing', step.id, hearing.hearingAt),
            ...(derivation ? { derivation } : {}),
          });
          break;
        }
        const request: DemandPlanRequest = {
          rules,
          issuedAt: stepIssuedAt,
          ...(first ? { receivedOn: caseFile.receivedOn } : {}),
          answerWithin: step.answerWithin,
          dueSoonReminderBefore: step.dueSoonReminderBefore,
          onLapse: step.onLapse,
        };
        const plan =
          first && options.stops?.length && step.kind !== 'compliance'
            ? planWithStops(request, step, options.stops, derivation)
            : planDemand(request, derivation);
        events.push(
          event(
            step.kind === 'notice'
              ? 'notice'
              : step.kind === 'compliance'
                ? 'compliance'
                : 'overdue-reminder',
            step.id,
            stepIssuedAt,
            recipientOf(step),
          ),
        );
        if (plan.dueSoonAt)
          events.push(event('due-soon-reminder', step.id, plan.dueSoonAt, recipientOf(step)));
        events.push({ ...event('deadline', step.id, plan.dueAt), ...(derivation ? { derivation } : {}) });
        if (!plan.escalatesAt || step.onLapse.next === null) {
          events.push(event('staff-decision', step.id, plan.dueAt));
          break;
        }
        stepIssuedAt = plan.escalatesAt;
        step = byId.get(step.onLapse.next);
        first = false;
      }
    };
    walk(procedure.steps[0]!, issuedAt, true);
    // A what-if: a recommendation recorded when the schedule ends (at its hearing, or when staff decide), its proof
    // due by the procedure's compliance rules (or within the days given), and what its lapse leads to.
    if (options.recommend) {
      const rules = procedure.compliance ?? procedure.followUp;
      const within = options.recommend.days;
      walk(
        {
          id: 'compliance',
          kind: 'compliance',
          recipient: 'officer',
          ...rules,
          ...(within !== undefined ? { answerWithin: { days: within, kind: 'calendar' } } : {}),
        },
        events.at(-1)!.at,
        false,
      );
    }
    return { respondentId: respondent.id, name: respondent.name, events };
  });
}

export interface ClockRestartRequest {
  /** The step's plan as it was made (its issue, period or staff date, reminders, lapse), without stops. */
  demand: DemandPlanRequest;
  counts: 'toll' | 'restart';
  /** The stop ending now: its first day, and the restart. */
  from: string;
  restartedAt: string;
  /** The step's earlier stops that toll too (ended since its date was last set). */
  earlier: StoppedSpan[];
}

/**
 * A step's dates when its clock restarts, by the procedure's rule: `toll` plans the step as it was, its stopped
 * days added; `restart` counts its whole period again from the restart. The span is null when the clock restarts
 * the day it stopped (no day left uncounted).
 */
export function planClockRestart(
  req: ClockRestartRequest,
  derivation?: DerivationStep[],
): { span: StoppedSpan | null; plan: DemandPlan } {
  const { demand, restartedAt } = req;
  const span = stoppedSpan(req.from, restartedAt, demand.rules);
  const spans = span ? [...req.earlier, span] : req.earlier;
  if (req.counts === 'toll')
    return {
      span,
      plan: planDemand({ ...demand, stops: { counts: 'toll', spans }, notBefore: restartedAt }, derivation),
    };
  const { receivedOn: _countedFrom, until: _staffDate, ...fresh } = demand;
  return {
    span,
    plan: planDemand(
      { ...fresh, issuedAt: restartedAt, ...(span ? { stops: { counts: 'restart', spans: [span] } } : {}) },
      derivation,
    ),
  };
}

/** A what-if stop of the notice's clock: the days from `from` to `to` (both included) not counted. */
export interface StopWhatIf {
  from: string;
  to: string;
}

/**
 * The notice's plan had its clock stood stopped on these days (restarted, each time, as the next day begins), by
 * the procedure's rule for the notice: what a running complaint's restarts plan.
 */
function planWithStops(
  request: DemandPlanRequest,
  step: DemandStepDefinition,
  stops: StopWhatIf[],
  derivation?: DerivationStep[],
): DemandPlan {
  const { rules } = request;
  const rule = step.clockStops;
  const problem = (message: string) => new InputError(`stop: ${message}`, ['stop']);
  if (!rule) throw problem(`the procedure does not let the clock of step ${step.id} stop`);
  if (stops.length > rule.maxStops)
    throw problem(`step ${step.id} allows at most ${rule.maxStops} stops (clockStops.maxStops)`);
  let plan = planDemand(request);
  const spans: StoppedSpan[] = [];
  let last = '';
  for (const stop of stops) {
    const restartedAt = toInstant(at(calendarDate(stop.to).plus({ days: 1 }), '00:00', rules.timeZone));
    if (stop.to < stop.from) throw problem(`${stop.from}:${stop.to} ends before it begins`);
    if (stop.from <= last) throw problem(`${stop.from}:${stop.to} overlaps or precedes the stop before it`);
    if (stop.from < plan.issuedOn || stop.from > plan.dueDate)
      throw problem(
        `${stop.from} is not between the notice (${plan.issuedOn}) and its deadline (${plan.dueDate})`,
      );
    const restarted = planClockRestart(
      { demand: request, counts: rule.counts, from: stop.from, restartedAt, earlier: [...spans] },
      stop === stops.at(-1) ? derivation : undefined,
    );
    if (restarted.span) spans.push(restarted.span);
    plan = restarted.plan;
    last = stop.to;
  }
  const total = spans.reduce((n, s) => n + s.days, 0);
  if (rule.maxDays !== undefined && total > rule.maxDays)
    throw problem(
      `${total} days stopped; step ${step.id} allows at most ${rule.maxDays} (clockStops.maxDays)`,
    );
  return plan;
}

/** The instant a what-if preview issues its notice: `date` at the procedure's send time, in its zone. */
export function issuedOnDate(date: string, rules: DeadlineRules): string {
  return toInstant(at(calendarDate(date), rules.sendTime, rules.timeZone));
}
