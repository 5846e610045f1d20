// Deadline arithmetic: legal time is the product. A deadline is a date in the commission's time zone, at the
// procedure's time of day, stored as an instant. Run inside an activity (activities/deadlines.ts), so its
// result is recorded in history and replay never depends on a worker's time-zone data.
import { DateTime } from 'luxon';
import type { DeadlineRules, Period } from './procedure';

export interface Deadline {
  /** The instant the deadline falls due, ISO 8601 in UTC. */
  dueAt: string;
  /** The calendar date it falls due in the commission's zone, YYYY-MM-DD. */
  dueDate: string;
  /** How people read it, in the commission's zone. */
  dueText: string;
}

function toLocalDate(isoDate: string, zone: string): DateTime {
  const date = DateTime.fromISO(isoDate, { zone });
  if (!date.isValid)
    throw new RangeError(`${isoDate} is not a valid date (${date.invalidExplanation ?? ''})`);
  return date.startOf('day');
}

export function isWorkingDay(date: DateTime, rules: DeadlineRules): boolean {
  return !rules.weekend.includes(date.weekday) && !rules.holidays.includes(date.toISODate() ?? '');
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: DateTime, rules: DeadlineRules): DateTime {
  let day = date;
  // A year of consecutive non-working days would be a broken calendar: stop rather than loop forever.
  for (let i = 0; i < 366; i++, day = day.plus({ days: 1 })) if (isWorkingDay(day, rules)) return day;
  throw new RangeError('the holiday calendar leaves no working day within a year');
}

/** The date `period` after `start` (calendar or working days), rolled to a working day for working-day rules. */
export function addPeriod(start: DateTime, period: Period, rules: DeadlineRules): DateTime {
  if (period.kind === 'calendar') return start.plus({ days: period.days });
  let day = start;
  for (let counted = 0; counted < period.days;) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day, rules)) counted++;
  }
  return nextWorkingDay(day, rules);
}

export function atDueTime(date: DateTime, rules: DeadlineRules): DateTime {
  const [hour, minute] = rules.dueTime.split(':').map(Number) as [number, number];
  return date.set({ hour, minute, second: 0, millisecond: 0 });
}

export function formatForPeople(instant: string | DateTime, timeZone: string): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : instant;
  const local = dt.setZone(timeZone);
  return `${local.toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone}, UTC${local.toFormat('ZZ')})`;
}

export function toDeadline(due: DateTime, rules: DeadlineRules): Deadline {
  return {
    dueAt: due.toUTC().toISO({ suppressMilliseconds: true }) ?? '',
    dueDate: due.toISODate() ?? '',
    dueText: formatForPeople(due, rules.timeZone),
  };
}

/** The date a notice is issued: the day the complaint was received, or today if that day is already past. */
export function issueDate(receivedOn: string, now: string, rules: DeadlineRules): DateTime {
  const received = toLocalDate(receivedOn, rules.timeZone);
  const today = DateTime.fromISO(now, { zone: 'utc' }).setZone(rules.timeZone).startOf('day');
  return received < today ? today : received;
}

/** The deadline of an answer due `period` after `issuedOn`. */
export function answerDeadline(issuedOn: DateTime, period: Period, rules: DeadlineRules): Deadline {
  return toDeadline(atDueTime(addPeriod(issuedOn, period, rules), rules), rules);
}
