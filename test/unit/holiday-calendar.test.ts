// Holiday calendars as data: a procedure names a country's (and state's) public holidays; they are resolved into
// dates when a complaint starts (so a library update never moves a running complaint), beside the commission's
// own dates and less its exceptions. An explicit list alone keeps working.
import { DateTime } from 'luxon';
import { addPeriod } from '../../lib/procedure/deadlines';
import { resolveHolidays, withResolvedHolidays } from '../../lib/procedure/holiday-calendar';
import { DEFAULT_PROCEDURE, parseProcedure, type DeadlineRules } from '../../lib/procedure/procedure';
import { InputError } from '../../lib/procedure/validation';

const india = (calendar: Record<string, unknown>, holidays: string[] = []) =>
  parseProcedure({
    ...DEFAULT_PROCEDURE,
    rules: { ...DEFAULT_PROCEDURE.rules, holidays, holidayCalendar: calendar },
  });

test("India's national holidays are resolved for the years around the issue, with the commission's own and less its exceptions", () => {
  const procedure = india({ country: 'IN', except: ['2021-12-25'] }, ['2021-11-04']);
  const rules = resolveHolidays(procedure.rules, new Date('2021-05-29T04:30:00Z'));
  expect(rules.holidays).toEqual(
    expect.arrayContaining(['2021-01-26', '2021-08-15', '2021-10-02', '2021-11-04']),
  );
  expect(rules.holidays).toEqual(expect.arrayContaining(['2020-01-26', '2025-10-02'])); // a year before, four after
  expect(rules.holidays).not.toContain('2021-12-25');
  expect(rules.holidays).not.toContain('2026-01-26');
  expect(rules.holidayCalendar?.resolvedYears).toEqual([2020, 2025]);
  expect([...rules.holidays].sort()).toEqual(rules.holidays);
  // Resolved once: resolving again (a continued run, a retried start) changes nothing.
  expect(resolveHolidays(rules, new Date('2030-01-01T00:00:00Z'))).toBe(rules);
});

test('a working-day count skips a calendar holiday: Republic Day 2021', () => {
  const rules: DeadlineRules = resolveHolidays(
    india({ country: 'IN' }).rules,
    new Date('2021-08-01T00:00:00Z'),
  );
  // Monday 25 January 2021 + 1 working day: Tuesday 26 is Republic Day, so Wednesday 27.
  const republicEve = DateTime.fromISO('2021-01-25', { zone: 'utc' });
  expect(addPeriod(republicEve, { days: 1, kind: 'working' }, rules).toISODate()).toBe('2021-01-27');
});

test("a state's calendar adds its own holidays to the country's", () => {
  const country = resolveHolidays(india({ country: 'IN' }).rules, new Date('2021-06-01T00:00:00Z'));
  const state = resolveHolidays(
    india({ country: 'IN', state: 'MH' }).rules,
    new Date('2021-06-01T00:00:00Z'),
  );
  expect(state.holidays.length).toBeGreaterThanOrEqual(country.holidays.length);
  expect(state.holidays).toEqual(expect.arrayContaining(country.holidays));
});

test('an unknown country or state is refused, naming the field', () => {
  const refusal = (calendar: Record<string, unknown>) => {
    try {
      india(calendar);
    } catch (err) {
      return (err as InputError).message;
    }
    return 'accepted';
  };
  expect(refusal({ country: 'XX' })).toContain('rules.holidayCalendar.country: is not a country');
  expect(refusal({ country: 'IN', state: 'ZZ' })).toContain(
    'rules.holidayCalendar.state: is not a state of IN',
  );
  expect(refusal({ country: 'IN', except: ['2021-02-30'] })).toContain(
    'rules.holidayCalendar.except[0]: must be a date',
  );
});

test('a procedure with an explicit list only is left as it is', () => {
  const procedure = parseProcedure({
    ...DEFAULT_PROCEDURE,
    rules: { ...DEFAULT_PROCEDURE.rules, holidays: ['2021-08-16'] },
  });
  expect(withResolvedHolidays(procedure, new Date())).toBe(procedure);
});
