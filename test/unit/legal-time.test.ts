// Legal time at the edges, one example per kind of trouble: a local time the clocks pass twice (Havana and the
// Azores go back at midnight's hour, Lord Howe by 30 minutes), one they skip, a whole day a zone skipped
// (Apia, 30 December 2011), an offset of +05:45 (Kathmandu), a deadline that would fall before its own notice,
// and the same plan whatever the machine's clock and time zone. The rules: docs/procedures.md, "How deadlines are counted".
import { DateTime, Settings } from 'luxon';
import {
  addPeriod,
  calendarDate,
  dayExists,
  formatForPeople,
  localMillis,
  subtractPeriod,
} from '../../lib/procedure/deadlines';
import type { DeadlineRules } from '../../lib/procedure/procedure';
import { planDemand, planHearing } from '../../lib/procedure/schedule';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const rulesIn = (timeZone: string, more: Partial<DeadlineRules> = {}): DeadlineRules => ({
  timeZone,
  dueTime: '17:00',
  sendTime: '10:00',
  weekend: [6, 7],
  holidays: [],
  ...more,
});

describe('a local time the clocks pass twice takes its first occurrence', () => {
  test.each([
    // Havana goes back from 01:00 CDT to 00:00 CST on 7 November 2021: 00:30 happens at -04:00, then at -05:00.
    ['America/Havana', '2021-11-07', '00:30', '2021-11-07T04:30:00Z'],
    // The Azores go back from 01:00 to 00:00 on 31 October 2021: 00:30 happens at +00:00, then at -01:00.
    ['Atlantic/Azores', '2021-10-31', '00:30', '2021-10-31T00:30:00Z'],
    // Lord Howe goes back half an hour, from 02:00 to 01:30, on 4 April 2021: 01:45 at +11:00, then +10:30.
    ['Australia/Lord_Howe', '2021-04-04', '01:45', '2021-04-03T14:45:00Z'],
  ])('%s on %s at %s', (zone, date, time, expected) => {
    expect(iso(localMillis(calendarDate(date), time, zone))).toBe(expected);
  });

  test('whatever the date the code runs on, and whatever the machine’s zone', () => {
    const results = new Set<string>();
    const tz = process.env.TZ;
    try {
      for (const now of ['2021-01-15T12:00:00Z', '2021-07-15T12:00:00Z'])
        for (const machineZone of ['UTC', 'Pacific/Kiritimati', 'America/Havana']) {
          process.env.TZ = machineZone;
          Settings.now = () => Date.parse(now);
          results.add(iso(localMillis(calendarDate('2021-11-07'), '00:30', 'America/Havana')));
        }
    } finally {
      process.env.TZ = tz;
      Settings.now = () => Date.now();
    }
    expect([...results]).toEqual(['2021-11-07T04:30:00Z']);
  });
});

describe('a local time the clocks skip moves forward by the gap', () => {
  test.each([
    // Lord Howe goes forward half an hour, from 02:00 to 02:30, on 3 October 2021: 02:15 reads as 02:45.
    ['Australia/Lord_Howe', '2021-10-03', '02:15', '2021-10-02T15:45:00Z'],
    // Havana goes forward from 00:00 to 01:00 on 14 March 2021: midnight reads as 01:00 CDT.
    ['America/Havana', '2021-03-14', '00:00', '2021-03-14T05:00:00Z'],
  ])('%s on %s at %s', (zone, date, time, expected) => {
    expect(iso(localMillis(calendarDate(date), time, zone))).toBe(expected);
  });
});

describe('a day a zone skipped entirely (Pacific/Apia, 30 December 2011)', () => {
  const apia = rulesIn('Pacific/Apia');

  test('did not happen, and is not a working day', () => {
    expect(dayExists(calendarDate('2011-12-30'), 'Pacific/Apia')).toBe(false);
    expect(dayExists(calendarDate('2011-12-29'), 'Pacific/Apia')).toBe(true);
  });

  test('counting working days back across it ends (it used to loop forever)', () => {
    // Monday 2 January 2012, two working days back: the weekend, the day that never was, then 29 and 28 December.
    expect(subtractPeriod(calendarDate('2012-01-02'), { days: 2, kind: 'working' }, apia).toISODate()).toBe(
      '2011-12-28',
    );
    expect(addPeriod(calendarDate('2011-12-29'), { days: 1, kind: 'working' }, apia).toISODate()).toBe(
      '2012-01-02',
    );
  });

  test('a due-soon reminder planned across it', () => {
    const plan = planDemand({
      rules: apia,
      issuedAt: '2011-12-22T00:00:00Z',
      answerWithin: { days: 8, kind: 'working' },
      dueSoonReminderBefore: { days: 2, kind: 'working' },
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    });
    expect(plan.dueDate).toBe('2012-01-03');
    expect(plan.dueSoonAt).toBe(iso(localMillis(calendarDate('2011-12-29'), '10:00', 'Pacific/Apia')));
  });

  test('a calendar-day deadline that lands on it moves forward by the gap, to the next day', () => {
    const plan = planDemand({
      rules: apia,
      issuedAt: '2011-12-29T00:00:00Z', // 28 December in Apia
      answerWithin: { days: 2, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    });
    expect(plan.dueDate).toBe('2011-12-31');
    expect(plan.dueText).toBe('Saturday 31 December 2011, 17:00 (Pacific/Apia, UTC+14:00)');
  });
});

test('Kathmandu, UTC+05:45: 17:00 is 11:15 UTC', () => {
  const plan = planDemand({
    rules: rulesIn('Asia/Kathmandu'),
    issuedAt: '2021-06-01T04:00:00Z',
    answerWithin: { days: 7, kind: 'calendar' },
    dueSoonReminderBefore: null,
    onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
  });
  expect(plan.dueAt).toBe('2021-06-08T11:15:00Z');
  expect(plan.dueText).toBe('Tuesday 8 June 2021, 17:00 (Asia/Kathmandu, UTC+05:45)');
});

describe('a deadline never falls at or before the message that starts it', () => {
  test('0 working days, due at 00:30, notice at 10:00: the next working day at 00:30', () => {
    const plan = planDemand({
      rules: rulesIn('Asia/Kolkata', { dueTime: '00:30' }),
      issuedAt: '2021-06-01T04:30:00Z', // Tuesday 10:00 in Kolkata
      answerWithin: { days: 0, kind: 'working' },
      dueSoonReminderBefore: null,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    });
    expect(plan.dueText).toBe('Wednesday 2 June 2021, 00:30 (Asia/Kolkata, UTC+05:30)');
  });

  test('0 calendar days on a Friday evening: the next day, a Saturday (calendar days do not skip weekends)', () => {
    const plan = planDemand({
      rules: rulesIn('Asia/Kolkata'),
      issuedAt: '2021-06-04T12:30:00Z', // Friday 18:00
      answerWithin: { days: 0, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    });
    expect(plan.dueDate).toBe('2021-06-05');
  });

  test('a hearing at or before its summons: the next working day at the hearing time', () => {
    const plan = planHearing({
      rules: rulesIn('Asia/Kolkata'),
      issuedAt: '2021-06-04T12:30:00Z', // Friday 18:00
      hearingAfter: { days: 0, kind: 'working' },
      time: '11:00',
    });
    expect(plan.hearingText).toBe('Monday 7 June 2021, 11:00 (Asia/Kolkata, UTC+05:30)');
  });
});

test('times set to the second are shown with their seconds', () => {
  expect(formatForPeople('2021-06-29T12:30:30Z', 'Asia/Kolkata')).toBe(
    'Tuesday 29 June 2021, 18:00:30 (Asia/Kolkata, UTC+05:30)',
  );
  expect(formatForPeople('2021-06-29T12:30:00Z', 'Asia/Kolkata')).toBe(
    'Tuesday 29 June 2021, 18:00 (Asia/Kolkata, UTC+05:30)',
  );
});

test('the plan is the same whatever the machine’s zone and the date it runs on', () => {
  const request = {
    rules: rulesIn('Atlantic/Azores', { dueTime: '00:30', sendTime: '00:15' }),
    issuedAt: '2021-10-20T09:00:00Z',
    answerWithin: { days: 8, kind: 'working' as const },
    // The due-soon reminder falls on Sunday 31 October at 00:15, a time the Azores pass twice.
    dueSoonReminderBefore: { days: 1, kind: 'calendar' as const },
    onLapse: { next: 'summons', after: { days: 1, kind: 'working' as const } },
  };
  const plans = new Set<string>();
  const tz = process.env.TZ;
  try {
    for (const now of ['2021-01-15T12:00:00Z', '2021-07-15T12:00:00Z'])
      for (const machineZone of ['UTC', 'Pacific/Kiritimati']) {
        process.env.TZ = machineZone;
        Settings.now = () => Date.parse(now);
        plans.add(JSON.stringify(planDemand(request)));
      }
  } finally {
    process.env.TZ = tz;
    Settings.now = () => Date.now();
  }
  expect(plans.size).toBe(1);
  const [plan] = [...plans].map((p) => JSON.parse(p) as { dueAt: string; dueSoonAt: string | null });
  expect(DateTime.fromISO(plan!.dueAt).isValid).toBe(true);
  // The due-soon reminder at the first of the two 00:15s of 31 October (+00:00, before the clocks go back).
  expect(plan!.dueSoonAt).toBe('2021-10-31T00:15:00Z');
});
