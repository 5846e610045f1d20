// Public holidays as data, not typing: a procedure may name a country's (and, where it matters, a state's)
// public-holiday calendar from date-holidays, beside the commission's own extra dates and the calendar dates it
// works on anyway. The calendar is resolved into plain dates when a complaint starts, and those dates travel in
// the workflow's input (its history): a later update of the library never moves a running complaint's deadlines.
import Holidays from 'date-holidays';
import type { DeadlineRules, HolidayCalendar, Procedure } from './procedure';

/** The years a complaint's calendar covers: the year before it starts (a past issue date) to four after. */
const YEARS_BEFORE = 1;
const YEARS_AFTER = 4;

/** Why `calendar` names no calendar date-holidays knows, by field; null when it does. */
export function holidayCalendarProblem(calendar: Pick<HolidayCalendar, 'country' | 'state'>): {
  field: 'country' | 'state';
  message: string;
} | null {
  const countries = new Holidays().getCountries() as Record<string, string> | undefined;
  if (!countries?.[calendar.country])
    return {
      field: 'country',
      message: 'is not a country with a holiday calendar (an ISO 3166 code, e.g. IN)',
    };
  if (calendar.state !== undefined) {
    const states = new Holidays().getStates(calendar.country) as Record<string, string> | undefined;
    if (!states?.[calendar.state])
      return {
        field: 'state',
        message: `is not a state of ${calendar.country} with a holiday calendar (e.g. ${Object.keys(states ?? {})[0] ?? 'none'})`,
      };
  }
  return null;
}

/** date-holidays' calendar of a country, or of one of its states. */
function holidaysOf(calendar: Pick<HolidayCalendar, 'country' | 'state'>): Holidays {
  return calendar.state === undefined
    ? new Holidays(calendar.country)
    : new Holidays(calendar.country, calendar.state);
}

/** The public holidays of `calendar` in the years `from` to `to`, as YYYY-MM-DD. */
export function publicHolidays(
  calendar: Pick<HolidayCalendar, 'country' | 'state'>,
  from: number,
  to: number,
): string[] {
  const holidays = holidaysOf(calendar);
  const dates: string[] = [];
  for (let year = from; year <= to; year++)
    for (const h of holidays.getHolidays(year)) if (h.type === 'public') dates.push(h.date.slice(0, 10));
  return dates;
}

/**
 * The rules with the calendar resolved into `holidays` (its public holidays, plus the commission's own dates,
 * less the exceptions), for a complaint issued at `issuedAt`. Rules without a calendar, or already resolved,
 * come back as they are.
 */
export function resolveHolidays(rules: DeadlineRules, issuedAt: Date): DeadlineRules {
  const calendar = rules.holidayCalendar;
  if (!calendar || calendar.resolvedYears) return rules;
  const year = issuedAt.getUTCFullYear();
  const [from, to] = [year - YEARS_BEFORE, year + YEARS_AFTER];
  const except = new Set(calendar.except);
  const holidays = [...new Set([...rules.holidays, ...publicHolidays(calendar, from, to)])]
    .filter((d) => !except.has(d))
    .sort();
  return {
    ...rules,
    holidays,
    holidayCalendar: { ...calendar, resolvedYears: [from, to], own: [...rules.holidays].sort() },
  };
}

/** The procedure with its holiday calendar resolved (see resolveHolidays). */
export function withResolvedHolidays(procedure: Procedure, issuedAt: Date): Procedure {
  const rules = resolveHolidays(procedure.rules, issuedAt);
  return rules === procedure.rules ? procedure : { ...procedure, rules };
}

/**
 * The names of the rules' holidays, for explaining a date: a calendar's holiday by its name and calendar, any
 * other date as the commission's own.
 */
export function holidayNames(rules: DeadlineRules): Map<string, string> {
  return namedHolidays(rules.holidayCalendar, rules.holidays);
}

/**
 * `dates` (holidays under a complaint's rules) named as holidayNames names them, from the calendar's identity
 * alone: what a running complaint's state keeps.
 */
export function namedHolidays(
  calendar: Pick<HolidayCalendar, 'country' | 'state'> | undefined,
  dates: readonly string[],
): Map<string, string> {
  const fromCalendar = new Map<string, string>();
  if (calendar) {
    const holidays = holidaysOf(calendar);
    const region = calendar.state === undefined ? calendar.country : `${calendar.country}-${calendar.state}`;
    for (const year of new Set(dates.map((d) => Number(d.slice(0, 4)))))
      for (const h of holidays.getHolidays(year))
        if (h.type === 'public')
          fromCalendar.set(h.date.slice(0, 10), `${h.name}, public holiday calendar ${region}`);
  }
  return new Map(dates.map((d) => [d, fromCalendar.get(d) ?? "the commission's own holiday"]));
}
