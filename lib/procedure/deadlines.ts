// Deadline arithmetic: legal time is the product. A deadline is a date in the commission's time zone, at the
// procedure's time of day, stored as an instant. It runs inside activities (activities/deadlines.ts), so its
// results are recorded in history and replay never depends on the time-zone data of the replaying worker.
//
// Days are counted on the calendar alone (plain dates, no clock): a clock change can neither repeat nor skip a
// day while counting. A date becomes an instant once, at the end, by one rule (localInstant): a local time the
// clocks pass twice is its first occurrence; one they skip moves forward by the gap. Nothing here reads the
// machine's clock or time zone, so the same request gives the same plan on any machine, on any day.
import { DateTime, IANAZone } from 'luxon';
import type { DaysPeriod, DeadlineRules, HoursPeriod } from './procedure';

const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) as a plain date: midnight UTC, used for counting only. */
export function calendarDate(isoDate: string): DateTime {
  const date = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (!date.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate))
    throw new RangeError(`${isoDate} is not a valid date (${date.invalidExplanation ?? 'YYYY-MM-DD'})`);
  return date.startOf('day');
}

/** The date in `zone` on which `instant` (an ISO instant or epoch milliseconds) falls, as a plain date. */
export function dayOf(instant: string | number, zone: string): DateTime {
  const utc =
    typeof instant === 'number'
      ? DateTime.fromMillis(instant, { zone: 'utc' })
      : DateTime.fromISO(instant, { zone: 'utc' });
  const local = utc.setZone(zone);
  return DateTime.utc(local.year, local.month, local.day);
}

/** The instants at which `zone` shows the local time `time` on `date` (none, one, or two), and its offset before. */
function occurrencesOf(
  date: DateTime,
  time: string,
  zone: string,
): { occurrences: number[]; before: number; wall: number } {
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  const z = IANAZone.create(zone);
  // The offsets on either side of any clock change near this time (no zone changes twice within a day).
  const before = z.offset(wall - DAY_MS);
  const after = z.offset(wall + DAY_MS);
  const occurrences = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((ms) => z.offset(ms) * 60_000 === wall - ms);
  return { occurrences, before, wall };
}

/** The epoch milliseconds of the local time `time` (HH:mm or HH:mm:ss) on `date` in `zone`, by the rule above. */
export function localMillis(date: DateTime, time: string, zone: string): number {
  const { occurrences, before, wall } = occurrencesOf(date, time, zone);
  // Passed twice: the first occurrence. Skipped: read with the offset before the change, that is, forward by the gap.
  return occurrences.length > 0 ? Math.min(...occurrences) : wall - before * 60_000;
}

/** Whether the clocks in `zone` skip `time` on `date` (read forward by the gap) or pass it twice (the first). */
export function clockChangeAt(date: DateTime, time: string, zone: string): 'skipped' | 'repeated' | null {
  const { occurrences } = occurrencesOf(date, time, zone);
  return occurrences.length === 0 ? 'skipped' : occurrences.length > 1 ? 'repeated' : null;
}

/** `date` at the local time `time` in `zone`, as a DateTime in that zone. */
export function at(date: DateTime, time: string, zone: string): DateTime {
  return DateTime.fromMillis(localMillis(date, time, zone), { zone });
}

/** Whether `date` happened in `zone` at all (Pacific/Apia skipped 30 December 2011). */
export function dayExists(date: DateTime, zone: string): boolean {
  return dayOf(localMillis(date, '00:00', zone), zone).toISODate() === date.toISODate();
}

/** Why a date is not a working day: a weekend day, a holiday, or a day the zone skipped; null if it is one. */
export type DayOff = 'weekend' | 'holiday' | 'not-in-zone';

export function dayOffReason(date: DateTime, rules: DeadlineRules): DayOff | null {
  if (rules.weekend.includes(date.weekday)) return 'weekend';
  if (rules.holidays.includes(date.toISODate() ?? '')) return 'holiday';
  return dayExists(date, rules.timeZone) ? null : 'not-in-zone';
}

export function isWorkingDay(date: DateTime, rules: DeadlineRules): boolean {
  return dayOffReason(date, rules) === null;
}

/** Told of each day off a count or a roll to a working day passes over: how a date is explained. */
export type DayOffTrace = (date: DateTime, why: DayOff) => void;

/**
 * The most days a walk may pass over without finding a working day: the weekend leaves one working day a week
 * at least (validated), so only the holidays (and a day a zone skipped) can stretch a run of days off.
 */
function longestRunOff(rules: DeadlineRules): number {
  return (rules.holidays.length + 2) * 7;
}

function rollToWorkingDay(
  date: DateTime,
  rules: DeadlineRules,
  direction: 1 | -1,
  trace?: DayOffTrace,
): DateTime {
  let day = date;
  for (let i = 0; i <= longestRunOff(rules); i++, day = day.plus({ days: direction })) {
    const off = dayOffReason(day, rules);
    if (off === null) return day;
    trace?.(day, off);
  }
  throw new RangeError('rules: the calendar leaves no working day');
}

/** The first working day on or after `date`. */
export const nextWorkingDay = (date: DateTime, rules: DeadlineRules, trace?: DayOffTrace) =>
  rollToWorkingDay(date, rules, 1, trace);

function shift(
  start: DateTime,
  period: DaysPeriod,
  rules: DeadlineRules,
  direction: 1 | -1,
  trace?: DayOffTrace,
): DateTime {
  if (period.kind === 'calendar') return start.plus({ days: direction * period.days });
  let day = start;
  // Bounded: each working day counted is found within a run of days off.
  for (let counted = 0; counted < period.days; counted++)
    day = rollToWorkingDay(day.plus({ days: direction }), rules, direction, trace);
  return rollToWorkingDay(day, rules, direction, trace);
}

/** The date `period` after `start`: calendar days, or working days (landing on a working day). */
export const addPeriod = (start: DateTime, period: DaysPeriod, rules: DeadlineRules, trace?: DayOffTrace) =>
  shift(start, period, rules, 1, trace);

/** The date `period` before `start`, counted the same way. */
export const subtractPeriod = (
  start: DateTime,
  period: DaysPeriod,
  rules: DeadlineRules,
  trace?: DayOffTrace,
) => shift(start, period, rules, -1, trace);

const HOUR_MS = 3_600_000;

/** Where a count in hours began and ended (epoch milliseconds). */
export interface HoursCounted {
  /** When the count began: the start itself, or for working hours the next opening when it was outside them. */
  startsAt: number;
  at: number;
}

/**
 * The instant `period` after `from` (epoch milliseconds). Elapsed hours are the clock's, every one, whatever
 * the zone's clocks do. Working hours count only the office hours of working days: a start outside them counts
 * from the next opening, and the count ends when its last hour ends (at closing, if that is where it ends).
 */
export function addHours(
  from: number,
  period: HoursPeriod,
  rules: DeadlineRules,
  trace?: DayOffTrace,
): HoursCounted {
  if (period.kind === 'elapsed' || period.hours === 0)
    return { startsAt: from, at: from + period.hours * HOUR_MS };
  return countOfficeHours(from, period.hours, rules, 1, trace);
}

/** The instant `period` before `from`, counted the same way (working hours back through the office hours). */
export function subtractHours(from: number, period: HoursPeriod, rules: DeadlineRules): number {
  if (period.kind === 'elapsed' || period.hours === 0) return from - period.hours * HOUR_MS;
  return countOfficeHours(from, period.hours, rules, -1).at;
}

const secondsOfDay = (time: string) =>
  time.split(':').reduce((seconds, part, i) => seconds + Number(part) * [3600, 60, 1][i]!, 0);

function countOfficeHours(
  from: number,
  hours: number,
  rules: DeadlineRules,
  direction: 1 | -1,
  trace?: DayOffTrace,
): HoursCounted {
  const office = rules.officeHours;
  if (!office) throw new RangeError('rules.officeHours: working-hours needs the office hours');
  const zone = rules.timeZone;
  let left = hours * HOUR_MS;
  let startsAt: number | undefined;
  // Bounded: each working day counts some of the hours, and a run of days off is bounded (longestRunOff). A
  // clock change may shorten one day's office hours, hence the margin.
  const officeDay = (secondsOfDay(office.end) - secondsOfDay(office.start)) * 1000;
  const bound = (Math.ceil(left / officeDay) + 2) * 2 * (longestRunOff(rules) + 1);
  let day = dayOf(from, zone);
  for (let i = 0; i < bound; i++, day = day.plus({ days: direction })) {
    const off = dayOffReason(day, rules);
    if (off !== null) {
      trace?.(day, off);
      continue;
    }
    const opens = localMillis(day, office.start, zone);
    const closes = localMillis(day, office.end, zone);
    // Forward: from the later of the start and the opening; back: from the earlier of the start and the closing.
    const begin = direction === 1 ? Math.max(from, opens) : Math.min(from, closes);
    const open = direction === 1 ? closes - begin : begin - opens;
    if (open <= 0) continue;
    startsAt ??= begin;
    if (left <= open) return { startsAt, at: begin + direction * left };
    left -= open;
  }
  throw new RangeError('rules: the calendar leaves no office hours');
}

export function toInstant(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

/** An instant as people read it in the commission's zone; seconds shown when there are any. */
export function formatForPeople(instant: string | DateTime, timeZone: string): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : instant;
  const local = dt.setZone(timeZone);
  const time = local.second === 0 ? 'HH:mm' : 'HH:mm:ss';
  return `${local.toFormat(`cccc d LLLL yyyy, ${time}`)} (${timeZone}, UTC${local.toFormat('ZZ')})`;
}

/** The date a notice is issued: the day the complaint was received, or today if that day is already past. */
export function issueDate(receivedOn: string, now: string, rules: DeadlineRules): DateTime {
  const received = calendarDate(receivedOn);
  const today = dayOf(now, rules.timeZone);
  return received < today ? today : received;
}
