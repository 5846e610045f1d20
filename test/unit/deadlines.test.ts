import { DateTime } from 'luxon';
import {
  addPeriod,
  formatForPeople,
  issueDate,
  nextWorkingDay,
  subtractPeriod,
} from '../../lib/procedure/deadlines';
import { DEFAULT_PROCEDURE, type DeadlineRules } from '../../lib/procedure/procedure';

const kolkata = DEFAULT_PROCEDURE.rules;
const day = (iso: string, rules: DeadlineRules = kolkata) => DateTime.fromISO(iso, { zone: rules.timeZone });

describe('working days', () => {
  const rules: DeadlineRules = { ...kolkata, holidays: ['2021-08-16'] };

  test('count only working days, skipping the weekend', () => {
    // Friday 13 August 2021 + 1 working day → Monday 16 August is a holiday → Tuesday 17 August.
    expect(addPeriod(day('2021-08-13'), { days: 1, kind: 'working' }, rules).toISODate()).toBe('2021-08-17');
    // Monday 9 August + 5 working days → Monday 16 August is a holiday → Tuesday 17 August.
    expect(addPeriod(day('2021-08-09'), { days: 5, kind: 'working' }, rules).toISODate()).toBe('2021-08-17');
  });

  test('zero working days from a Saturday rolls to the next working day', () => {
    expect(addPeriod(day('2021-08-14'), { days: 0, kind: 'working' }, rules).toISODate()).toBe('2021-08-17');
  });

  test('working days count backwards too, landing on a working day', () => {
    // Two working days before Tuesday 17 August: Monday 16 is a holiday → Friday 13, then Thursday 12.
    expect(subtractPeriod(day('2021-08-17'), { days: 2, kind: 'working' }, rules).toISODate()).toBe(
      '2021-08-12',
    );
  });

  test('calendar days do not roll', () => {
    expect(addPeriod(day('2021-08-09'), { days: 5, kind: 'calendar' }, rules).toISODate()).toBe('2021-08-14');
  });

  test('a calendar with a long run of days off is walked to its end, never looping', () => {
    expect(() =>
      nextWorkingDay(day('2021-01-01'), { ...rules, weekend: [1, 2, 3, 4, 5, 6], holidays: [] }),
    ).not.toThrow();
    // Only Sundays work, and the next 60 Sundays are holidays: the first working day is the 61st Sunday.
    const sundays = Array.from({ length: 60 }, (_, i) =>
      day('2021-01-01').plus({ weeks: i }).set({ weekday: 7 }).toISODate()!,
    );
    const everyDay: DeadlineRules = { ...rules, weekend: [1, 2, 3, 4, 5, 6], holidays: sundays };
    expect(nextWorkingDay(day('2021-01-01'), everyDay).toISODate()).toBe(
      day(sundays.at(-1)!).plus({ weeks: 1 }).toISODate(),
    );
  });
});

describe('issue date', () => {
  test('is the received date when that is today or later', () => {
    expect(issueDate('2021-05-29', '2021-05-29T03:00:00Z', kolkata).toISODate()).toBe('2021-05-29');
  });

  test('is today in the commission zone when the received date is past', () => {
    // 20:00 UTC on 1 June is already 2 June in Kolkata.
    expect(issueDate('2021-05-29', '2021-06-01T20:00:00Z', kolkata).toISODate()).toBe('2021-06-02');
  });
});

test('times are shown to people in the commission zone, stored as UTC instants', () => {
  expect(formatForPeople('2021-06-29T05:30:00Z', 'Asia/Kolkata')).toBe(
    'Tuesday 29 June 2021, 11:00 (Asia/Kolkata, UTC+05:30)',
  );
  expect(formatForPeople('2021-06-29T05:30:00Z', 'Europe/London')).toBe(
    'Tuesday 29 June 2021, 06:30 (Europe/London, UTC+01:00)',
  );
});
