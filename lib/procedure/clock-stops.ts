// How a stopped clock counts, in the commission's zone: the day a stop begins, the instant the procedure's limit
// restarts it, the days a stop leaves uncounted, and how many a toll adds to the deadline (calendar days, or
// the working days within the stop for a period in working days). Planning applies them (schedule.ts).
import type { DateTime } from 'luxon';
import { at, calendarDate, dayOf, isWorkingDay, toInstant } from './deadlines';
import type { DeadlineRules } from './procedure';

/** A stop that has ended: `from` to `to`, both days not counted, `days` of them. */
export interface StoppedSpan {
  from: string;
  to: string;
  days: number;
}

export interface ClockStopPlanRequest {
  rules: DeadlineRules;
  stoppedAt: string;
  /** Days the step's clock may still stand stopped (the procedure's maxDays less the days of earlier stops). */
  daysLeft?: number;
}

export interface ClockStopPlan {
  /** The first day not counted: the day the clock stopped, in the commission's zone. */
  from: string;
  /** When the clock restarts by itself, `daysLeft` days uncounted (the start of that day). */
  restartsBy?: string;
}

const iso = (d: DateTime) => d.toISODate() ?? '';

export function planClockStop(req: ClockStopPlanRequest): ClockStopPlan {
  const from = dayOf(req.stoppedAt, req.rules.timeZone);
  if (req.daysLeft === undefined) return { from: iso(from) };
  const restartsBy = at(from.plus({ days: req.daysLeft }), '00:00', req.rules.timeZone);
  return { from: iso(from), restartsBy: toInstant(restartsBy) };
}

/** The days a stop from `from` leaves uncounted when the clock restarts at `restartedAt`: to the day before. */
export function stoppedSpan(from: string, restartedAt: string, rules: DeadlineRules): StoppedSpan | null {
  const restartDay = dayOf(restartedAt, rules.timeZone);
  const start = calendarDate(from);
  const days = Math.round(restartDay.diff(start, 'days').days);
  return days > 0 ? { from, to: iso(restartDay.minus({ days: 1 })), days } : null;
}

/** The working days within a stop: what it adds to a period counted in working days. */
export function workingDaysIn(span: StoppedSpan, rules: DeadlineRules): number {
  let n = 0;
  for (let d = calendarDate(span.from); d <= calendarDate(span.to); d = d.plus({ days: 1 }))
    if (isWorkingDay(d, rules)) n++;
  return n;
}
