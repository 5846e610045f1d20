// Where a step's dates are worked out from the procedure: its deadline, its due-soon reminder, when its lapse
// escalates, a hearing's date and time. Activities call these for running complaints; `complaint preview`
// calls them to show a case's whole schedule without starting anything. One source for both.
import type { DateTime } from 'luxon';
import type { CaseFile } from './case-file';
import {
  addPeriod,
  at,
  dayOf,
  formatForPeople,
  issueDate,
  localDay,
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
}

export function planDemand(req: DemandPlanRequest): DemandPlan {
  const { rules } = req;
  const issuedOn = req.receivedOn
    ? issueDate(req.receivedOn, req.issuedAt, rules)
    : dayOf(req.issuedAt, rules.timeZone);
  let dueDay: DateTime;
  if (req.until) dueDay = localDay(req.until, rules.timeZone);
  else if (req.answerWithin) dueDay = addPeriod(issuedOn, req.answerWithin, rules);
  else throw new RangeError('a demand needs answerWithin or until');
  const due = at(dueDay, rules.dueTime);
  const dueAt = toInstant(due);

  let dueSoonAt: string | null = null;
  if (req.dueSoonReminderBefore) {
    const dueSoon = toInstant(at(subtractPeriod(dueDay, req.dueSoonReminderBefore, rules), rules.sendTime));
    if (Date.parse(dueSoon) > Date.parse(req.issuedAt) && Date.parse(dueSoon) < Date.parse(dueAt))
      dueSoonAt = dueSoon;
  }
  let escalatesAt: string | null = null;
  if (req.onLapse.next !== null) {
    escalatesAt =
      req.onLapse.after.days === 0
        ? dueAt
        : toInstant(at(addPeriod(dueDay, req.onLapse.after, rules), rules.sendTime));
    if (Date.parse(escalatesAt) < Date.parse(dueAt)) escalatesAt = dueAt;
  }
  return {
    issuedOn: issuedOn.toISODate() ?? '',
    dueAt,
    dueDate: dueDay.toISODate() ?? '',
    dueText: formatForPeople(due, rules.timeZone),
    dueSoonAt,
    escalatesAt,
    ...(req.then && escalatesAt !== null ? { next: planNext(rules, escalatesAt, req.then) } : {}),
  };
}

function planNext(rules: DeadlineRules, issuedAt: string, then: NextStepRequest): NextStepPlan {
  if (then.kind === 'hearing')
    return {
      kind: 'hearing',
      plan: planHearing({ rules, issuedAt, hearingAfter: then.hearingAfter, time: then.time }),
    };
  const { answerWithin, dueSoonReminderBefore, onLapse } = then;
  const further = then.then ? { then: then.then } : {};
  return {
    kind: 'demand',
    plan: planDemand({ rules, issuedAt, answerWithin, dueSoonReminderBefore, onLapse, ...further }),
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
}

export function planHearing(req: HearingPlanRequest): HearingPlan {
  const { rules } = req;
  const issuedOn = dayOf(req.issuedAt, rules.timeZone);
  let day: DateTime;
  if (req.date) day = localDay(req.date, rules.timeZone);
  else if (req.hearingAfter) day = addPeriod(issuedOn, req.hearingAfter, rules);
  else throw new RangeError('a hearing needs hearingAfter or date');
  const hearing = at(day, req.time);
  const alert = toInstant(at(day.minus({ days: 1 }), rules.sendTime));
  return {
    alertAt:
      Date.parse(alert) > Date.parse(req.issuedAt) && Date.parse(alert) < Date.parse(toInstant(hearing))
        ? alert
        : null,
    issuedOn: issuedOn.toISODate() ?? '',
    hearingAt: toInstant(hearing),
    hearingDate: day.toISODate() ?? '',
    hearingText: formatForPeople(hearing, rules.timeZone),
    hearingDayStartsAt: toInstant(day),
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
}

export interface RespondentSchedule {
  respondentId: string;
  name: string;
  events: ScheduledEvent[];
}

/** The schedule the procedure gives a case if nobody answers: every notice, reminder, summons and hearing. */
export function previewSchedule(caseFile: CaseFile, procedure: Procedure): RespondentSchedule[] {
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
    // The preview assumes the notice goes out at the send time on the day the complaint was received.
    let issuedAt = toInstant(at(localDay(caseFile.receivedOn, rules.timeZone), rules.sendTime));
    let first = true;
    while (step) {
      if (step.kind === 'summons') {
        const hearing = planHearing({
          rules,
          issuedAt,
          hearingAfter: step.hearingAfter,
          time: step.hearingTime,
        });
        events.push(event('summons', step.id, issuedAt, recipientOf(step)));
        events.push(event('hearing', step.id, hearing.hearingAt));
        break;
      }
      const plan = planDemand({
        rules,
        issuedAt,
        ...(first ? { receivedOn: caseFile.receivedOn } : {}),
        answerWithin: step.answerWithin,
        dueSoonReminderBefore: step.dueSoonReminderBefore,
        onLapse: step.onLapse,
      });
      events.push(
        event(step.kind === 'notice' ? 'notice' : 'overdue-reminder', step.id, issuedAt, recipientOf(step)),
      );
      if (plan.dueSoonAt) events.push(event('due-soon-reminder', step.id, plan.dueSoonAt, recipientOf(step)));
      events.push(event('deadline', step.id, plan.dueAt));
      if (!plan.escalatesAt || step.onLapse.next === null) {
        events.push(event('staff-decision', step.id, plan.dueAt));
        break;
      }
      issuedAt = plan.escalatesAt;
      step = byId.get(step.onLapse.next);
      first = false;
    }
    return { respondentId: respondent.id, name: respondent.name, events };
  });
}
