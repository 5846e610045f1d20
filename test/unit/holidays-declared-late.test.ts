// A holiday declared late, the parts without a server: the procedure's holiday names (each a date among its
// holidays), the check of a change sent to a complaint, the holidays a complaint then observes (its calendar's as
// resolved at start, with the commission's own as they now stand), and the revision that makes a rerun a no-op.
import { holidayRevision } from '../../client/holiday-rollout';
import { holidayChangeProblem, observedHolidays } from '../../lib/domain/holidays';
import { resolveHolidays } from '../../lib/procedure/holiday-calendar';
import { DEFAULT_PROCEDURE, parseProcedure } from '../../lib/procedure/procedure';
import { InputError } from '../../lib/procedure/validation';

const withRules = (rules: Record<string, unknown>) =>
  parseProcedure({ ...DEFAULT_PROCEDURE, rules: { ...DEFAULT_PROCEDURE.rules, ...rules } });

test('holidayNames name dates among the holidays; another date, or an empty name, is refused by field', () => {
  const named = withRules({ holidays: ['2021-06-10'], holidayNames: { '2021-06-10': 'Foundation Day' } });
  expect(named.rules.holidayNames).toEqual({ '2021-06-10': 'Foundation Day' });
  expect(() =>
    withRules({ holidays: ['2021-06-10'], holidayNames: { '2021-06-11': 'Not a holiday' } }),
  ).toThrow(
    new InputError(
      'Invalid procedure: rules.holidayNames.2021-06-11: names a date that is not in holidays',
      [],
    ),
  );
  expect(() => withRules({ holidays: ['2021-06-10'], holidayNames: { '2021-06-10': ' ' } })).toThrow(
    /rules\.holidayNames\.2021-06-10/,
  );
  expect(() => withRules({ holidays: ['2021-06-10'], holidayNames: { 'June 10': 'x' } })).toThrow(
    /rules\.holidayNames/,
  );
});

test('a change is checked field by field', () => {
  const ok = { procedureId: 'p', revision: 'r', holidays: ['2021-06-10'], names: { '2021-06-10': 'F' } };
  expect(holidayChangeProblem(ok)).toBeNull();
  expect(holidayChangeProblem({ ...ok, holidays: ['2021-06-31'] })).toBe(
    'holidays: 2021-06-31 must be a date as YYYY-MM-DD',
  );
  expect(holidayChangeProblem({ ...ok, revision: '' })).toBe('revision: must not be empty');
  expect(holidayChangeProblem({ ...ok, names: { '2021-06-11': 'F' } })).toBe(
    'names: 2021-06-11 is not one of the holidays',
  );
  const many = Array.from({ length: 367 }, (_, i) =>
    new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10),
  );
  expect(holidayChangeProblem({ ...ok, holidays: many, names: {} })).toBe(
    'holidays: must list at most 366 dates',
  );
});

test("observed holidays: the calendar's as resolved at start, with the commission's own as they now stand", () => {
  const started = resolveHolidays(
    withRules({ holidays: ['2021-11-04'], holidayCalendar: { country: 'IN', except: ['2021-12-25'] } }).rules,
    new Date('2021-05-29T04:30:00Z'),
  );
  expect(started.holidayCalendar?.own).toEqual(['2021-11-04']);
  const observed = observedHolidays(started, ['2021-06-10', '2021-12-25']);
  expect(observed).toContain('2021-06-10'); // declared
  expect(observed).toContain('2021-01-26'); // the calendar's, kept
  expect(observed).not.toContain('2021-11-04'); // the commission's own, withdrawn
  expect(observed).not.toContain('2021-12-25'); // a calendar date the commission works on stays a working day
  // Without a calendar, the procedure's own list is all there is.
  expect(observedHolidays(withRules({ holidays: ['2021-06-10'] }).rules, ['2021-06-11'])).toEqual([
    '2021-06-11',
  ]);
});

test('the revision names the list and its names, in any order', () => {
  const a = holidayRevision(['2021-06-10', '2021-06-11'], { '2021-06-10': 'F', '2021-06-11': 'G' });
  expect(holidayRevision(['2021-06-11', '2021-06-10'], { '2021-06-11': 'G', '2021-06-10': 'F' })).toBe(a);
  expect(holidayRevision(['2021-06-10', '2021-06-11'], { '2021-06-10': 'F' })).not.toBe(a);
  expect(holidayRevision(['2021-06-10'])).not.toBe(holidayRevision(['2021-06-11']));
});
