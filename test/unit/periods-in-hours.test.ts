// Periods in hours (issue 24): elapsed hours from the instant the message went out, whatever the zone's clocks
// do; working hours counted in the office hours of working days; reminders and lapses in hours; the schema's
// refusals naming the field; the urgent procedure that ships, as the preview plans and explains it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { derivationText, type DerivationStep } from '../../lib/procedure/date-derivation';
import { holidayNames, resolveHolidays, withResolvedHolidays } from '../../lib/procedure/holiday-calendar';
import { parseProcedure, type DeadlineRules, type Procedure } from '../../lib/procedure/procedure';
import { issuedOnDate, planDemand, previewSchedule } from '../../lib/procedure/schedule';
import { PROJECT_ROOT } from '../../lib/project-root';
import { seedCase } from '../helpers/fixtures';

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
const URGENT = readJson('procedures/urgent-48-hours.json') as Procedure;
const noLapse = { next: null, after: { hours: 0, kind: 'elapsed' as const } };

describe('elapsed hours', () => {
  const london: DeadlineRules = {
    timeZone: 'Europe/London',
    dueTime: '17:00',
    sendTime: '10:00',
    weekend: [6, 7],
    holidays: [],
  };

  test('count every hour from the instant the message went out, across the clocks going back, no weekend skipped', () => {
    // Saturday 30 October 2021, 10:00 BST; the clocks go back at 02:00 BST on Sunday 31 October.
    const derivation: DerivationStep[] = [];
    const plan = planDemand(
      {
        rules: london,
        issuedAt: '2021-10-30T09:00:00Z',
        answerWithin: { hours: 48, kind: 'elapsed' },
        dueSoonReminderBefore: { hours: 24, kind: 'elapsed' },
        onLapse: { next: 'summons', after: { hours: 6, kind: 'elapsed' } },
      },
      derivation,
    );
    // 48 × 3,600 s later: 09:00 on the wall clock, not 10:00, and on a Monday whatever the weekend.
    expect(plan).toMatchObject({
      dueAt: '2021-11-01T09:00:00Z',
      dueDate: '2021-11-01',
      dueText: 'Monday 1 November 2021, 09:00 (Europe/London, UTC+00:00)',
      // The reminder 24 hours before, on the Sunday; the lapse's next step 6 hours after.
      dueSoonAt: '2021-10-31T09:00:00Z',
      escalatesAt: '2021-11-01T15:00:00Z',
    });
    expect(derivationText(derivation, london)).toEqual([
      'counted from Saturday 30 October 2021, 10:00 (Europe/London, UTC+01:00), the moment the message went out',
      "48 elapsed hours later (every hour of the clock, none skipped): Monday 1 November 2021, 09:00 (Europe/London, UTC+00:00) (the clocks of Europe/London changed in between, from UTC+01:00 to UTC+00:00: elapsed hours do not follow the clock, so the local time differs from the start's)",
      'due at 09:00 Europe/London on Monday 1 November 2021: 2021-11-01T09:00:00Z',
    ]);
  });

  test('a complaint received days before its notice went out does not shorten the hours; a lapse after 0 hours is the deadline', () => {
    const derivation: DerivationStep[] = [];
    const plan = planDemand(
      {
        rules: london,
        issuedAt: '2021-06-02T13:15:30Z',
        receivedOn: '2021-05-28',
        answerWithin: { hours: 48, kind: 'elapsed' },
        dueSoonReminderBefore: null,
        onLapse: { next: 'summons', after: { hours: 0, kind: 'elapsed' } },
      },
      derivation,
    );
    // To the second: no due time, no rounding to a day.
    expect(plan.dueAt).toBe('2021-06-04T13:15:30Z');
    expect(plan.dueText).toBe('Friday 4 June 2021, 14:15:30 (Europe/London, UTC+01:00)');
    expect(plan.escalatesAt).toBe(plan.dueAt);
    expect(derivationText(derivation, london)[0]).toBe(
      'counted from Wednesday 2 June 2021, 14:15:30 (Europe/London, UTC+01:00), the moment the message went out (the complaint was received on Friday 28 May 2021: hours count from the message, not from that day)',
    );
  });

  test('a reminder whose hours are not strictly between the message and the deadline is not sent', () => {
    const plan = planDemand({
      rules: london,
      issuedAt: '2021-06-02T13:00:00Z',
      answerWithin: { hours: 24, kind: 'elapsed' },
      dueSoonReminderBefore: { hours: 24, kind: 'elapsed' },
      onLapse: noLapse,
    });
    expect(plan.dueAt).toBe('2021-06-03T13:00:00Z');
    expect(plan.dueSoonAt).toBeNull();
  });
});

describe('working hours', () => {
  // Office 10:00-18:00 in Kolkata; India's calendar: Tuesday 26 January 2021 is Republic Day.
  const rules = resolveHolidays(
    {
      timeZone: 'Asia/Kolkata',
      dueTime: '17:00',
      sendTime: '10:00',
      weekend: [6, 7],
      holidays: [],
      holidayCalendar: { country: 'IN', except: [] },
      officeHours: { start: '10:00', end: '18:00' },
    },
    new Date('2021-01-22T00:00:00Z'),
  );
  const workingHours = (hours: number) => ({ hours, kind: 'working-hours' as const });

  test('count only office hours of working days, passing over the weekend and a named holiday', () => {
    // Friday 22 January, 16:00 IST: 2 hours that day, 8 on Monday 25, none on Republic Day, 6 on Wednesday 27.
    const derivation: DerivationStep[] = [];
    const plan = planDemand(
      {
        rules,
        issuedAt: '2021-01-22T10:30:00Z',
        answerWithin: workingHours(16),
        // 8 office hours before Wednesday 16:00: 6 that morning, none on the holiday, 2 on Monday to 16:00.
        dueSoonReminderBefore: workingHours(8),
        // 4 office hours after the deadline: 2 that day, 2 on Thursday 28 to 12:00.
        onLapse: { next: 'summons', after: workingHours(4) },
      },
      derivation,
    );
    expect(plan).toMatchObject({
      dueAt: '2021-01-27T10:30:00Z', // Wednesday 27 January 2021, 16:00 IST
      dueSoonAt: '2021-01-25T10:30:00Z', // Monday 25 January, 16:00 IST
      escalatesAt: '2021-01-28T06:30:00Z', // Thursday 28 January, 12:00 IST
    });
    expect(derivationText(derivation, rules, holidayNames(rules))).toEqual([
      'counted from Friday 22 January 2021, 16:00 (Asia/Kolkata, UTC+05:30), the moment the message went out',
      '16 working hours later, counting only the office hours 10:00–18:00 of working days: Wednesday 27 January 2021, 16:00 (Asia/Kolkata, UTC+05:30); passed over: Saturday 23 January 2021 (weekend), Sunday 24 January 2021 (weekend), Tuesday 26 January 2021 (holiday: Republic Day, public holiday calendar IN)',
      'due at 16:00 Asia/Kolkata on Wednesday 27 January 2021: 2021-01-27T10:30:00Z',
    ]);
  });

  test('a message outside office hours counts from the next opening; hours ending at closing are due at closing', () => {
    // Friday 22 January, 19:00 IST: the count starts Monday 25 at 10:00, and 8 hours end at 18:00 that day.
    const derivation: DerivationStep[] = [];
    const plan = planDemand(
      {
        rules,
        issuedAt: '2021-01-22T13:30:00Z',
        answerWithin: workingHours(8),
        dueSoonReminderBefore: null,
        onLapse: noLapse,
      },
      derivation,
    );
    expect(plan.dueAt).toBe('2021-01-25T12:30:00Z');
    expect(derivationText(derivation, rules)[0]).toBe(
      'counted from Friday 22 January 2021, 19:00 (Asia/Kolkata, UTC+05:30), the moment the message went out; that was outside office hours, so the count starts when the office opens: Monday 25 January 2021, 10:00 (Asia/Kolkata, UTC+05:30)',
    );
    // One hour more runs into the next working day's first hour, past the holiday.
    expect(
      planDemand({
        rules,
        issuedAt: '2021-01-22T13:30:00Z',
        answerWithin: workingHours(9),
        dueSoonReminderBefore: null,
        onLapse: noLapse,
      }).dueAt,
    ).toBe(
      '2021-01-27T05:30:00Z', // Wednesday 27 January, 11:00 IST
    );
  });
});

describe("the procedure's refusals name the field", () => {
  /** The urgent procedure with the value at `path` replaced: accepted, or the error it is refused with. */
  const refusal = (path: (string | number)[], value: unknown): string => {
    const p = structuredClone(URGENT) as unknown as Record<string | number, unknown>;
    let node = p;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1)!] = value;
    try {
      parseProcedure(p);
    } catch (err) {
      return (err as Error).message;
    }
    return 'accepted';
  };

  test('the urgent procedure parses; the kind of an hours period defaults to elapsed', () => {
    expect(refusal(['id'], URGENT.id)).toBe('accepted');
    const p = structuredClone(URGENT);
    p.steps[0] = { ...p.steps[0]!, answerWithin: { hours: 48 } } as Procedure['steps'][number];
    const parsed = parseProcedure(p).steps[0]!;
    expect(parsed.kind !== 'summons' && parsed.answerWithin).toEqual({ hours: 48, kind: 'elapsed' });
  });

  test.each([
    [
      'working hours without the office hours',
      ['steps', 0, 'answerWithin'],
      { hours: 48, kind: 'working-hours' },
      'steps[0].answerWithin.kind: working-hours needs rules.officeHours',
    ],
    [
      'a lapse after working hours without the office hours',
      ['followUp', 'onLapse', 'after'],
      { hours: 2, kind: 'working-hours' },
      'followUp.onLapse.after.kind: working-hours needs rules.officeHours',
    ],
    [
      'a reminder in days before a deadline in hours',
      ['steps', 0, 'dueSoonReminderBefore'],
      { days: 2, kind: 'calendar' },
      'steps[0].dueSoonReminderBefore: must be in hours, as answerWithin is',
    ],
    [
      'a reminder in hours before a deadline in days',
      ['followUp', 'answerWithin'],
      { days: 7, kind: 'calendar' },
      'followUp.dueSoonReminderBefore: must be in days, as answerWithin is',
    ],
    [
      'a hearing in hours',
      ['steps', 1, 'hearingAfter'],
      { hours: 72 },
      'steps[1].hearingAfter.hours: a hearing is set for a day at hearingTime: give hearingAfter in days',
    ],
    [
      'a kind of days on hours',
      ['steps', 0, 'answerWithin'],
      { hours: 48, kind: 'calendar' },
      'steps[0].answerWithin.kind: must be "elapsed" or "working-hours" for a period in hours',
    ],
    [
      'a kind of hours on days',
      ['steps', 1, 'hearingAfter'],
      { days: 3, kind: 'elapsed' },
      'steps[1].hearingAfter.kind: must be "calendar" or "working" for a period in days',
    ],
    [
      'days and hours at once',
      ['steps', 0, 'answerWithin'],
      { days: 2, hours: 48, kind: 'elapsed' },
      'steps[0].answerWithin: gives both days and hours',
    ],
    [
      'a deadline of 0 hours',
      ['steps', 0, 'answerWithin'],
      { hours: 0 },
      'steps[0].answerWithin.hours: must be at least 1',
    ],
    [
      'more hours than a leap year has',
      ['steps', 0, 'answerWithin'],
      { hours: 8785 },
      'steps[0].answerWithin.hours: Too big',
    ],
    [
      'office hours that close before they open',
      ['rules', 'officeHours'],
      { start: '18:00', end: '09:30' },
      'rules.officeHours.end: must be after start',
    ],
  ])('%s', (_what, path, value, message) => {
    expect(refusal(path, value)).toContain(`Invalid procedure: ${message}`);
  });
});

describe('the urgent procedure, as the preview plans it', () => {
  const urgent = parseProcedure(URGENT);

  test('notice, reminder at +24 h, deadline and summons at +48 h, hearing three working days on at 11:00', () => {
    // Issued Monday 7 June 2021 at the send time (10:00 IST) for the seed case (received 29 May, already past).
    const issuedAt = issuedOnDate('2021-06-07', urgent.rules);
    const resolved = withResolvedHolidays(urgent, new Date(issuedAt));
    const [delhi] = previewSchedule(seedCase(), resolved, issuedAt, { explain: true });
    expect(delhi!.events.map((e) => [e.kind, e.at])).toEqual([
      ['notice', '2021-06-07T04:30:00Z'],
      ['due-soon-reminder', '2021-06-08T04:30:00Z'],
      ['deadline', '2021-06-09T04:30:00Z'],
      ['summons', '2021-06-09T04:30:00Z'],
      ['hearing', '2021-06-14T05:30:00Z'], // Thursday 10, Friday 11, (the weekend,) Monday 14 June, 11:00 IST
    ]);
    const deadline = delhi!.events.find((e) => e.kind === 'deadline')!;
    expect(derivationText(deadline.derivation!, resolved.rules)).toEqual([
      'counted from Monday 7 June 2021, 10:00 (Asia/Kolkata, UTC+05:30), the moment the message went out (the complaint was received on Saturday 29 May 2021: hours count from the message, not from that day)',
      '48 elapsed hours later (every hour of the clock, none skipped): Wednesday 9 June 2021, 10:00 (Asia/Kolkata, UTC+05:30)',
      'due at 10:00 Asia/Kolkata on Wednesday 9 June 2021: 2021-06-09T04:30:00Z',
    ]);
  });
});
