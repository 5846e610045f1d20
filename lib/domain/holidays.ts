// A holiday declared (or withdrawn) after complaints started: what staff send each running complaint of the
// procedure (its own holiday list after the change), the check of it, and the holidays a complaint then
// observes. Pure: the workflow, the CLI and the tests use it. docs/procedures.md, "A holiday declared late".
import type { DeadlineRules } from '../procedure/procedure';

/** The most dates one change may carry: a year of holidays is far more than any commission declares. */
export const MAX_HOLIDAYS = 366;
const MAX_NAME = 200;
const MAX_REVISION = 100;

/** A procedure's holidays after staff changed them, sent to each running complaint of that procedure. */
export interface HolidayChange {
  procedureId: string;
  /** Names the procedure's holiday list as it now stands (the CLI: a hash of it): the same one applies once. */
  revision: string;
  /** The procedure's own holiday dates after the change (rules.holidays), as YYYY-MM-DD. */
  holidays: string[];
  /** Names of some of those dates (rules.holidayNames), told to the officers. */
  names?: Record<string, string>;
  by?: string;
}

/** A step whose deadline moved, as the Update's receipt and the CLI's report list it. */
export interface MovedDeadline {
  respondentId: string;
  stepId: string;
  from: string;
  to: string;
}

export interface HolidayReceipt {
  revision: string;
  moved: MovedDeadline[];
}

/** Whether `date` is a real calendar date as YYYY-MM-DD (no luxon here: this runs in the workflow too). */
export function isCalendarDate(date: unknown): date is string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** What is wrong with a holiday change, naming the field; null when nothing is. */
export function holidayChangeProblem(change: HolidayChange): string | null {
  if (typeof change.procedureId !== 'string' || change.procedureId === '')
    return 'procedureId: must name the procedure';
  if (typeof change.revision !== 'string' || change.revision.trim() === '')
    return 'revision: must not be empty';
  if (change.revision.length > MAX_REVISION) return `revision: must be at most ${MAX_REVISION} characters`;
  if (!Array.isArray(change.holidays)) return 'holidays: must be a list of dates';
  if (change.holidays.length > MAX_HOLIDAYS) return `holidays: must list at most ${MAX_HOLIDAYS} dates`;
  const bad = change.holidays.find((d) => !isCalendarDate(d));
  if (bad !== undefined) return `holidays: ${String(bad)} must be a date as YYYY-MM-DD`;
  for (const [date, name] of Object.entries(change.names ?? {})) {
    if (!change.holidays.includes(date)) return `names: ${date} is not one of the holidays`;
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME)
      return `names: the name of ${date} must be 1 to ${MAX_NAME} characters`;
  }
  return null;
}

/**
 * The holidays a complaint observes once its procedure's own list is `own`: the dates of its public-holiday
 * calendar as resolved when it started (less the calendar dates the commission works on), with `own`. A complaint
 * started before the commission's own dates were kept apart (`holidayCalendar.own`) treats every date it started
 * with as the calendar's: an own date withdrawn later stays a holiday for it.
 */
export function observedHolidays(startRules: DeadlineRules, own: readonly string[]): string[] {
  const calendar = startRules.holidayCalendar;
  if (!calendar) return [...new Set(own)].sort();
  const ownAtStart = new Set(calendar.own ?? []);
  const except = new Set(calendar.except);
  const fromCalendar = startRules.holidays.filter((d) => !ownAtStart.has(d));
  return [...new Set([...fromCalendar, ...own])].filter((d) => !except.has(d)).sort();
}
