// Deadline arithmetic: legal time is the product. A deadline is a date in the commission's time zone, at the
// procedure's time of day, stored as an instant. It runs inside activities (activities/deadlines.ts), so its
// results are recorded in history and replay never depends on the time-zone data of the replaying worker.
import { DateTime } from 'luxon';
import type { DeadlineRules, Period } from './procedure';

/** A calendar date (YYYY-MM-DD) in `zone`, at the start of that day. */
export function localDay(isoDate: string, zone: string): DateTime {
  const date = DateTime.fromISO(isoDate, { zone });
  if (!date.isValid)
    throw new RangeError(`${isoDate} is not a valid date (${date.invalidExplanation ?? ''})`);
  return date.startOf('day');
}

/** The date in `zone` on which `instant` falls. */
export function dayOf(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).startOf('day');
}

export function isWorkingDay(date: DateTime, rules: DeadlineRules): boolean {
  return !rules.weekend.includes(date.weekday) && !rules.holidays.includes(date.toISODate() ?? '');
}

function rollToWorkingDay(date: DateTime, rules: DeadlineRules, direction: 1 | -1): DateTime {
  let day = date;
  // A year of consecutive non-working days would be a broken calendar: stop rather than loop forever.
  for (let i = 0; i < 366; i++, day = day.plus({ days: direction })) if (isWorkingDay(day, rules)) return day;
  throw new RangeError('the holiday calendar leaves no working day within a year');
}

/** The first working day on or after `date`. */
export const nextWorkingDay = (date: DateTime, rules: DeadlineRules) => rollToWorkingDay(date, rules, 1);

function shift(start: DateTime, period: Period, rules: DeadlineRules, direction: 1 | -1): DateTime {
  if (period.kind === 'calendar') return start.plus({ days: direction * period.days });
  let day = start;
  for (let counted = 0; counted < period.days;) {
    day = day.plus({ days: direction });
    if (isWorkingDay(day, rules)) counted++;
  }
  return rollToWorkingDay(day, rules, direction);
}

/** The date `period` after `start`: calendar days, or working days (landing on a working day). */
export const addPeriod = (start: DateTime, period: Period, rules: DeadlineRules) =>
  shift(start, period, rules, 1);

/** The date `period` before `start`, counted the same way. */
export const subtractPeriod = (start: DateTime, period: Period, rules: DeadlineRules) =>
  shift(start, period, rules, -1);

/** `date` at the local time `hhmm` (HH:mm, or HH:mm:ss). */
export function at(date: DateTime, hhmm: string): DateTime {
  const [hour, minute, second = 0] = hhmm.split(':').map(Number) as [number, number, number?];
  return date.set({ hour, minute, second, millisecond: 0 });
}

export function toInstant(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

export function formatForPeople(instant: string | DateTime, timeZone: string): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : instant;
  const local = dt.setZone(timeZone);
  return `${local.toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone}, UTC${local.toFormat('ZZ')})`;
}

/** The date a notice is issued: the day the complaint was received, or today if that day is already past. */
export function issueDate(receivedOn: string, now: string, rules: DeadlineRules): DateTime {
  const received = localDay(receivedOn, rules.timeZone);
  const today = dayOf(now, rules.timeZone);
  return received < today ? today : received;
}
