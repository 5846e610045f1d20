// The procedure's arithmetic, pure: the seed case's timeline to the day, working-day rules, extensions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCaseFile } from '../../lib/procedure/case-file';
import { DEFAULT_PROCEDURE, parseProcedure } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import { withResolvedHolidays } from '../../lib/procedure/holiday-calendar';
import { issuedOnDate, planDemand, planHearing, previewSchedule } from '../../lib/procedure/schedule';
import { SEED_CASE_PATH } from '../helpers/fixtures';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const seed = parseCaseFile(readJson(SEED_CASE_PATH));
// Its holiday calendar (India's) resolved as a complaint started in 2026 resolves it.
const workingDays = withResolvedHolidays(
  parseProcedure(readJson(join(PROJECT_ROOT, 'procedures', 'working-days-india.json'))),
  new Date('2026-08-14T04:30:00Z'),
);
const rules = DEFAULT_PROCEDURE.rules;

test('the default procedure reproduces the seed case: ATR due 5 June, reminder 8 June due 15 June, hearing 29 June 2021', () => {
  const [delhi] = previewSchedule(
    seed,
    DEFAULT_PROCEDURE,
    issuedOnDate(seed.receivedOn, DEFAULT_PROCEDURE.rules),
  );
  expect(delhi!.events.map((e) => [e.kind, e.stepId, e.at])).toEqual([
    ['notice', 'notice', '2021-05-29T04:30:00Z'], // Saturday 29 May 2021, 10:00 IST
    ['due-soon-reminder', 'notice', '2021-06-03T04:30:00Z'], // Thursday 3 June, 10:00 IST
    ['deadline', 'notice', '2021-06-05T11:30:00Z'], // Saturday 5 June, 17:00 IST
    ['overdue-reminder', 'overdue-reminder', '2021-06-08T04:30:00Z'], // Tuesday 8 June, 10:00 IST
    ['deadline', 'overdue-reminder', '2021-06-15T11:30:00Z'], // Tuesday 15 June, 17:00 IST
    ['summons', 'summons', '2021-06-15T11:30:00Z'], // issued on the lapse
    ['hearing', 'summons', '2021-06-29T05:30:00Z'], // Tuesday 29 June 2021, 11:00 IST
  ]);
  expect(delhi!.events.find((e) => e.kind === 'summons')!.to).toContain('dcp.cybercell@delhipolice.example');
  expect(delhi!.events.find((e) => e.kind === 'hearing')!.atText).toBe(
    'Tuesday 29 June 2021, 11:00 (Asia/Kolkata, UTC+05:30)',
  );
});

test('the shipped default procedure file is the built-in default', () => {
  expect(parseProcedure(readJson(join(PROJECT_ROOT, 'procedures', 'ncpcr-seven-days.json')))).toEqual(
    DEFAULT_PROCEDURE,
  );
});

test('the working-days procedure skips weekends and national holidays', () => {
  // Received Friday 14 August 2026; Saturday 15 August is Independence Day and a weekend day anyway,
  // and 10 working days from the 14th run Mon 17 ... Fri 28 August.
  const plan = planDemand({
    rules: workingDays.rules,
    issuedAt: '2026-08-14T04:30:00Z',
    answerWithin: { days: 10, kind: 'working' },
    dueSoonReminderBefore: { days: 2, kind: 'working' },
    onLapse: { next: 'overdue-reminder', after: { days: 1, kind: 'working' } },
  });
  expect(plan).toMatchObject({
    issuedOn: '2026-08-14',
    dueDate: '2026-08-28',
    dueAt: '2026-08-28T12:00:00Z',
  });
  expect(plan.dueSoonAt).toBe('2026-08-26T04:30:00Z');
  expect(plan.escalatesAt).toBe('2026-08-31T04:30:00Z'); // the next working day, Monday 31 August, 10:00 IST

  // Gandhi Jayanti (Friday 2 October 2026) is skipped: 1 working day from Thursday 1 October is Monday 5 October.
  const overGandhiJayanti = planDemand({
    rules: workingDays.rules,
    issuedAt: '2026-10-01T04:30:00Z',
    answerWithin: { days: 1, kind: 'working' },
    dueSoonReminderBefore: null,
    onLapse: { next: null, after: { days: 0, kind: 'working' } },
  });
  expect(overGandhiJayanti.dueDate).toBe('2026-10-05');
  expect(overGandhiJayanti.escalatesAt).toBeNull();
});

test('a deadline set by staff, a reminder whose time has passed, and a hearing on a given date', () => {
  const extended = planDemand({
    rules,
    issuedAt: '2021-06-04T06:00:00Z',
    until: '2021-06-12',
    dueSoonReminderBefore: { days: 2, kind: 'calendar' },
    onLapse: { next: 'overdue-reminder', after: { days: 3, kind: 'calendar' } },
  });
  expect(extended).toMatchObject({
    dueAt: '2021-06-12T11:30:00Z',
    dueSoonAt: '2021-06-10T04:30:00Z',
    escalatesAt: '2021-06-15T04:30:00Z',
  });
  const late = planDemand({
    rules,
    issuedAt: '2021-06-11T06:00:00Z',
    until: '2021-06-12',
    dueSoonReminderBefore: { days: 2, kind: 'calendar' },
    onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
  });
  expect(late.dueSoonAt).toBeNull();
  expect(planHearing({ rules, issuedAt: '2021-06-20T06:00:00Z', date: '2021-07-06', time: '14:30' })).toEqual(
    {
      issuedOn: '2021-06-20',
      alertAt: '2021-07-05T04:30:00Z', // the day before, 10:00 IST
      hearingAt: '2021-07-06T09:00:00Z',
      hearingDate: '2021-07-06',
      hearingText: 'Tuesday 6 July 2021, 14:30 (Asia/Kolkata, UTC+05:30)',
      hearingDayStartsAt: '2021-07-05T18:30:00Z',
    },
  );
});

test('a procedure whose lapse names no step, or goes backwards, is refused naming the field', () => {
  const broken = structuredClone(DEFAULT_PROCEDURE) as unknown as { steps: { onLapse?: { next: string } }[] };
  broken.steps[1]!.onLapse!.next = 'notice';
  expect(() => parseProcedure(broken)).toThrow(/steps\[1\]\.onLapse\.next: must name a later step/);
  broken.steps[1]!.onLapse!.next = 'nowhere';
  expect(() => parseProcedure(broken)).toThrow(/steps\[1\]\.onLapse\.next: names no step "nowhere"/);
  expect(() =>
    parseProcedure({ ...DEFAULT_PROCEDURE, rules: { ...DEFAULT_PROCEDURE.rules, timeZone: 'Mars/Olympus' } }),
  ).toThrow(/rules\.timeZone: is not a known IANA time zone/);
});

test('a deadline may fall to the second; a time that is not one is refused naming the field', () => {
  const toTheSecond = parseProcedure({
    ...DEFAULT_PROCEDURE,
    rules: { ...DEFAULT_PROCEDURE.rules, timeZone: 'UTC', dueTime: '21:35:30' },
  });
  const plan = planDemand({
    rules: toTheSecond.rules,
    issuedAt: '2026-11-29T21:30:05Z',
    answerWithin: { days: 0, kind: 'calendar' },
    dueSoonReminderBefore: null,
    onLapse: { next: 'overdue-reminder', after: { days: 0, kind: 'calendar' } },
  });
  expect(plan.dueAt).toBe('2026-11-29T21:35:30Z');
  expect(plan.escalatesAt).toBe('2026-11-29T21:35:30Z');
  expect(() =>
    parseProcedure({ ...DEFAULT_PROCEDURE, rules: { ...DEFAULT_PROCEDURE.rules, dueTime: '17:00:60' } }),
  ).toThrow(/rules\.dueTime: must be a time as HH:mm \(or HH:mm:ss\)/);
});
