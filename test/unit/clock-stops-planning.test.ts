// How a stopped clock counts (lib/procedure/clock-stops.ts, schedule.ts): the days a stop leaves uncounted, what
// a toll adds (calendar days, or the working days within the stop), a restart counting the period again, the
// procedure's limits, and the what-if `preview --stop` plans with the same code as a running complaint's restart.
import { planClockStop, stoppedSpan, workingDaysIn } from '../../lib/procedure/clock-stops';
import { derivationText } from '../../lib/procedure/date-derivation';
import { DEFAULT_PROCEDURE, parseProcedure, type Procedure } from '../../lib/procedure/procedure';
import { issuedOnDate, planClockRestart, previewSchedule } from '../../lib/procedure/schedule';
import { seedCase } from '../helpers/fixtures';

const rules = DEFAULT_PROCEDURE.rules;
const SEED_ISSUE = issuedOnDate('2021-05-29', rules);
const deadlineOf = (p: Procedure, stops: { from: string; to: string }[], explain = false) =>
  previewSchedule(seedCase(), p, SEED_ISSUE, { stops, explain })[0]!.events.filter(
    (e) => e.kind === 'deadline',
  )[0]!;

test('a stop leaves uncounted the days from the day it stopped to the day before the restart', () => {
  expect(stoppedSpan('2021-06-03', '2021-06-10T06:00:00Z', rules)).toEqual({
    from: '2021-06-03',
    to: '2021-06-09',
    days: 7,
  });
  // Restarted the day it stopped: no day left uncounted.
  expect(stoppedSpan('2021-06-03', '2021-06-03T12:00:00Z', rules)).toBeNull();
  // The day is the commission's: 20:00 UTC on 2 June is 3 June in Kolkata.
  expect(planClockStop({ rules, stoppedAt: '2021-06-02T20:00:00Z', daysLeft: 60 })).toEqual({
    from: '2021-06-03',
    restartsBy: '2021-08-01T18:30:00Z', // 2 August 00:00 IST: 60 days not counted
  });
  // A working-day period adds the working days within the stop: Thursday 3 to Wednesday 9 June hold 5.
  expect(workingDaysIn({ from: '2021-06-03', to: '2021-06-09', days: 7 }, rules)).toBe(5);
});

test('the seed case, its clock stopped 3 to 9 June 2021: toll moves the deadline 7 days, to Saturday 12 June', () => {
  expect(deadlineOf(DEFAULT_PROCEDURE, []).at).toBe('2021-06-05T11:30:00Z'); // as ever: 5 June, 17:00 IST
  const tolled = deadlineOf(DEFAULT_PROCEDURE, [{ from: '2021-06-03', to: '2021-06-09' }], true);
  expect(tolled.at).toBe('2021-06-12T11:30:00Z');
  expect(derivationText(tolled.derivation!, rules)).toEqual([
    'counted from Saturday 29 May 2021',
    '7 calendar days later: Saturday 5 June 2021',
    'the clock stood stopped from Thursday 3 June 2021 to Wednesday 9 June 2021 (7 days not counted): 7 days added: Saturday 12 June 2021',
    'due at 17:00 Asia/Kolkata on Saturday 12 June 2021: 2021-06-12T11:30:00Z',
  ]);
  // Two stops toll both.
  const twice = deadlineOf(DEFAULT_PROCEDURE, [
    { from: '2021-06-01', to: '2021-06-02' },
    { from: '2021-06-05', to: '2021-06-05' },
  ]);
  expect(twice.at).toBe('2021-06-08T11:30:00Z');
});

test('restart: the whole period counts again from the day after the stop', () => {
  const restart: Procedure = {
    ...DEFAULT_PROCEDURE,
    steps: DEFAULT_PROCEDURE.steps.map((s) =>
      s.kind === 'summons'
        ? s
        : { ...s, clockStops: { counts: 'restart', maxStops: 3, officerMayRequest: false } },
    ),
  };
  const restarted = deadlineOf(restart, [{ from: '2021-06-03', to: '2021-06-09' }], true);
  // Restarted on 10 June: 7 days later, 17 June at 17:00 IST.
  expect(restarted.at).toBe('2021-06-17T11:30:00Z');
  expect(derivationText(restarted.derivation!, rules)[0]).toBe(
    'the clock stood stopped from Thursday 3 June 2021 to Wednesday 9 June 2021 (7 days not counted): the period counts again from the restart',
  );
});

test('a working-day period tolls the working days within the stop; a staff date tolls calendar days', () => {
  const demand = {
    rules,
    issuedAt: '2021-06-01T04:30:00Z', // Tuesday 1 June
    answerWithin: { days: 5, kind: 'working' as const },
    dueSoonReminderBefore: null,
    onLapse: { next: null, after: { days: 0, kind: 'calendar' as const } },
  };
  // 5 working days from Tuesday 1 June: Tuesday 8 June. Stopped Thursday 3 to Wednesday 9 June: 5 working days.
  const { span, plan } = planClockRestart({
    demand,
    counts: 'toll',
    from: '2021-06-03',
    restartedAt: '2021-06-10T05:00:00Z',
    earlier: [],
  });
  expect(span).toEqual({ from: '2021-06-03', to: '2021-06-09', days: 7 });
  expect(plan.dueDate).toBe('2021-06-15'); // Tuesday 8 June + 5 working days
  const { plan: staffDate } = planClockRestart({
    demand: { ...demand, answerWithin: undefined, until: '2021-06-08' },
    counts: 'toll',
    from: '2021-06-03',
    restartedAt: '2021-06-10T05:00:00Z',
    earlier: [],
  });
  expect(staffDate.dueDate).toBe('2021-06-15'); // 8 June + 7 days
});

test('a restart late in the day never leaves a deadline before it', () => {
  // Stopped on the deadline's day before 17:00, restarted the next evening: 1 day added (due 6 June 17:00) is
  // before the restart, so it falls on the next day.
  const { plan } = planClockRestart({
    demand: {
      rules,
      issuedAt: SEED_ISSUE,
      receivedOn: '2021-05-29',
      answerWithin: { days: 7, kind: 'calendar' },
      dueSoonReminderBefore: { days: 2, kind: 'calendar' },
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    },
    counts: 'toll',
    from: '2021-06-05',
    restartedAt: '2021-06-06T13:00:00Z', // 18:30 IST on 6 June
    earlier: [],
  });
  expect(plan.dueAt).toBe('2021-06-07T11:30:00Z');
  expect(plan.dueSoonAt).toBeNull(); // its time (5 June) passed before the restart
});

test('what-if stops the procedure does not allow are refused, naming --stop', () => {
  const stop = (from: string, to: string) => ({ from, to });
  expect(() => deadlineOf(DEFAULT_PROCEDURE, [stop('2021-05-20', '2021-05-30')])).toThrow(
    'stop: 2021-05-20 is not between the notice (2021-05-29) and its deadline (2021-06-05)',
  );
  expect(() => deadlineOf(DEFAULT_PROCEDURE, [stop('2021-06-04', '2021-06-03')])).toThrow(
    'stop: 2021-06-04:2021-06-03 ends before it begins',
  );
  expect(() =>
    deadlineOf(DEFAULT_PROCEDURE, [
      stop('2021-05-30', '2021-05-30'),
      stop('2021-06-01', '2021-06-01'),
      stop('2021-06-02', '2021-06-02'),
      stop('2021-06-03', '2021-06-03'),
    ]),
  ).toThrow('stop: step notice allows at most 3 stops (clockStops.maxStops)');
  expect(() => deadlineOf(DEFAULT_PROCEDURE, [stop('2021-06-01', '2021-08-30')])).toThrow(
    'stop: 91 days stopped; step notice allows at most 60 (clockStops.maxDays)',
  );
  const none: Procedure = {
    ...DEFAULT_PROCEDURE,
    steps: DEFAULT_PROCEDURE.steps.map((s) => (s.kind === 'summons' ? s : { ...s, clockStops: undefined })),
  };
  expect(() => deadlineOf(none, [stop('2021-06-01', '2021-06-02')])).toThrow(
    'stop: the procedure does not let the clock of step notice stop',
  );
});

test('the schema refuses a bad clockStops rule, naming the field', () => {
  const withRule = (clockStops: unknown, extra: Partial<Procedure> = {}) => ({
    ...DEFAULT_PROCEDURE,
    ...extra,
    steps: [{ ...DEFAULT_PROCEDURE.steps[0], clockStops }, ...DEFAULT_PROCEDURE.steps.slice(1)],
  });
  expect(() => parseProcedure(withRule({ counts: 'pause' }))).toThrow(
    'steps[0].clockStops.counts: must be "toll" or "restart"',
  );
  expect(() => parseProcedure(withRule({ counts: 'toll', maxStops: 11 }))).toThrow(
    /steps\[0\]\.clockStops\.maxStops/,
  );
  expect(() =>
    parseProcedure(withRule({ counts: 'toll', legalBasis: { en: 'section 7(3) of the Act' } })),
  ).toThrow(`steps[0].clockStops.legalBasis.hi: is required: the procedure's languages name "hi"`);
  const hours = {
    ...DEFAULT_PROCEDURE,
    steps: [
      {
        ...DEFAULT_PROCEDURE.steps[0],
        answerWithin: { hours: 48 },
        dueSoonReminderBefore: { hours: 24 },
        clockStops: { counts: 'toll' },
      },
      ...DEFAULT_PROCEDURE.steps.slice(1),
    ],
  };
  expect(() => parseProcedure(hours)).toThrow(/steps\[0\]\.clockStops: a deadline in hours cannot stop/);
  // The defaults: three stops, the officer may not ask.
  const parsed = parseProcedure(withRule({ counts: 'restart' }));
  expect(parsed.steps[0]).toMatchObject({
    clockStops: { counts: 'restart', maxStops: 3, officerMayRequest: false },
  });
});
