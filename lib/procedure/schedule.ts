// Where a step's dates are worked out from the procedure: its deadline, its due-soon reminder, when its lapse
// escalates, a hearing's date and time. Activities call these for running complaints; `complaint preview`
// calls them to show a case's whole schedule without starting anything. One source for both.
import type { DateTime } from 'luxon';
import type { CaseFile } from './case-file';
import type { DateDerivation, DayPassedOver, DerivationStep } from './date-derivation';
import {
  addPeriod,
  at,
  calendarDate,
  clockChangeAt,
  dayOf,
  type DayOffTrace,
  formatForPeople,
  issueDate,
  nextWorkingDay,
  subtractPeriod,
  toInstant,
} from './deadlines';
import type { DeadlineRules, Period, Procedure, ProcedureStep } from './procedure';

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
  | { kind: 'hearing'; hearingAfter: Period; time: string };

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
  const passedOver: DayPassedOver[] = [];
  const trace: DayOffTrace = (date, why) => passedOver.push({ date: date.toISODate() ?? '', why });
  let counted: DateTime;
  if (req.until) {
    counted = calendarDate(req.until);
    derivation?.push({ step: 'set-by-staff', date: req.until });
  } else if (req.answerWithin) {
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
  // A staff date, or working days, roll to a working day; calendar days to the next day.
  const working = req.until !== undefined || req.answerWithin?.kind === 'working';
  passedOver.length = 0;
  const { day: dueDay, at: due } = afterIssue(counted, rules.dueTime, req.issuedAt, rules, working, trace);
  const dueAt = toInstant(due);
  if (derivation) {
    if (+dueDay !== +counted)
      derivation.push({
        step: 'moved',
        from: counted.toISODate() ?? '',
        to: dueDay.toISODate() ?? '',
        passedOver: [...passedOver],
        notAfterIssue: at(counted, rules.dueTime, zone).toMillis() <= Date.parse(req.issuedAt),
      });
    derivation.push({
      step: 'due',
      date: dueDay.toISODate() ?? '',
      time: rules.dueTime,
      instant: dueAt,
      clock: clockChangeAt(dueDay, rules.dueTime, zone),
    });
  }

  let dueSoonAt: string | null = null;
  if (req.dueSoonReminderBefore) {
    const dueSoon = toInstant(
      at(subtractPeriod(dueDay, req.dueSoonReminderBefore, rules), rules.sendTime, zone),
    );
    if (Date.parse(dueSoon) > Date.parse(req.issuedAt) && Date.parse(dueSoon) < Date.parse(dueAt))
      dueSoonAt = dueSoon;
  }
  let escalatesAt: string | null = null;
  if (req.onLapse.next !== null) {
    escalatesAt =
      req.onLapse.after.days === 0
        ? dueAt
        : toInstant(at(addPeriod(dueDay, req.onLapse.after, rules), rules.sendTime, zone));
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
      plan: planHearing({ rules, issuedAt, hearingAfter: then.hearingAfter, time: then.time }, derivation),
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
}

/** A hearing's date and time; with `derivation`, written as planDemand writes a deadline's. */
export function planHearing(req: HearingPlanRequest, derivation?: DerivationStep[]): HearingPlan {
  const { rules } = req;
  const zone = rules.timeZone;
  const issuedOn = dayOf(req.issuedAt, zone);
  const passedOver: DayPassedOver[] = [];
  const trace: DayOffTrace = (date, why) => passedOver.push({ date: date.toISODate() ?? '', why });
  let counted: DateTime;
  if (req.date) {
    counted = calendarDate(req.date);
    derivation?.push({ step: 'set-by-staff', date: req.date });
  } else if (req.hearingAfter) {
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
  };
}

export type ScheduledEventKind =
  'notice' | 'due-soon-reminder' | 'deadline' | 'overdue-reminder' | 'summons' | 'hearing' | 'staff-decision';

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

/**
 * The schedule the procedure gives a case if nobody answers, its notice issued at `issuedAt` (as `start` issues
 * it: now): every notice, reminder, summons and hearing, by the same planning the running complaint does.
 */
export function previewSchedule(
  caseFile: CaseFile,
  procedure: Procedure,
  issuedAt: string,
  options: { explain?: boolean } = {},
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
    const recipientOf = (step: ProcedureStep) => {
      const officer =
        step.recipient === 'summoned-officer'
          ? (respondent.summonedOfficer ?? respondent.officer)
          : respondent.officer;
      return `${officer.name}, ${officer.designation} <${officer.email}>`;
    };
    const events: ScheduledEvent[] = [];
    let step: ProcedureStep | undefined = procedure.steps[0];
    let stepIssuedAt = issuedAt;
    let first = true;
    while (step) {
      const derivation: DerivationStep[] | undefined = options.explain ? [] : undefined;
      if (step.kind === 'summons') {
        const hearing = planHearing(
          { rules, issuedAt: stepIssuedAt, hearingAfter: step.hearingAfter, time: step.hearingTime },
          derivation,
        );
        events.push(event('summons', step.id, stepIssuedAt, recipientOf(step)));
        events.push({
          ...event('hearing', step.id, hearing.hearingAt),
          ...(derivation ? { derivation } : {}),
        });
        break;
      }
      const plan = planDemand(
        {
          rules,
          issuedAt: stepIssuedAt,
          ...(first ? { receivedOn: caseFile.receivedOn } : {}),
          answerWithin: step.answerWithin,
          dueSoonReminderBefore: step.dueSoonReminderBefore,
          onLapse: step.onLapse,
        },
        derivation,
      );
      events.push(
        event(
          step.kind === 'notice' ? 'notice' : 'overdue-reminder',
          step.id,
          stepIssuedAt,
          recipientOf(step),
        ),
      );
      if (plan.dueSoonAt) events.push(event('due-soon-reminder', step.id, plan.dueSoonAt, recipientOf(step)));
      events.push({ ...event('deadline', step.id, plan.dueAt), ...(derivation ? { derivation } : {}) });
      if (!plan.escalatesAt || step.onLapse.next === null) {
        events.push(event('staff-decision', step.id, plan.dueAt));
        break;
      }
      stepIssuedAt = plan.escalatesAt;
      step = byId.get(step.onLapse.next);
      first = false;
    }
    return { respondentId: respondent.id, name: respondent.name, events };
  });
}

/** The instant a what-if preview issues its notice: `date` at the procedure's send time, in its zone. */
export function issuedOnDate(date: string, rules: DeadlineRules): string {
  return toInstant(at(calendarDate(date), rules.sendTime, rules.timeZone));
}
