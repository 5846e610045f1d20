// A deadline explains itself: the derivation is written by the planning code as it computes, so it names every
// day off passed over and every move, and always ends at the instant the plan holds.
import fc from 'fast-check';
import {
  derivationShortText,
  derivationText,
  type DerivationStep,
} from '../../lib/procedure/date-derivation';
import { holidayNames, resolveHolidays } from '../../lib/procedure/holiday-calendar';
import { DEFAULT_PROCEDURE, type DeadlineRules } from '../../lib/procedure/procedure';
import { issuedOnDate, planDemand, planHearing, previewSchedule } from '../../lib/procedure/schedule';
import { seedCase } from '../helpers/fixtures';

const noLapse = {
  dueSoonReminderBefore: null,
  onLapse: { next: null, after: { days: 0, kind: 'calendar' as const } },
};

function explain(rules: DeadlineRules, req: Partial<Parameters<typeof planDemand>[0]>) {
  const derivation: DerivationStep[] = [];
  const plan = planDemand({ rules, issuedAt: '', ...noLapse, ...req }, derivation);
  return { plan, derivation };
}

test("the seed's notice: seven calendar days from 29 May 2021, due 5 June at 17:00 in Kolkata, as the preview shows", () => {
  const issuedAt = issuedOnDate('2021-05-29', DEFAULT_PROCEDURE.rules);
  const [delhi] = previewSchedule(seedCase(), DEFAULT_PROCEDURE, issuedAt, { explain: true });
  const deadline = delhi!.events.find((e) => e.kind === 'deadline')!;
  expect(deadline.derivation).toEqual([
    { step: 'counted-from', date: '2021-05-29' },
    { step: 'counted', period: { days: 7, kind: 'calendar' }, to: '2021-06-05', passedOver: [] },
    { step: 'due', date: '2021-06-05', time: '17:00', instant: '2021-06-05T11:30:00Z', clock: null },
  ]);
  expect(deadline.at).toBe('2021-06-05T11:30:00Z');
  expect(derivationText(deadline.derivation!, DEFAULT_PROCEDURE.rules)).toEqual([
    'counted from Saturday 29 May 2021',
    '7 calendar days later: Saturday 5 June 2021',
    'due at 17:00 Asia/Kolkata on Saturday 5 June 2021: 2021-06-05T11:30:00Z',
  ]);
  // Without --explain, nothing is added to the schedule.
  const [plain] = previewSchedule(seedCase(), DEFAULT_PROCEDURE, issuedAt);
  expect(plain!.events.some((e) => e.derivation)).toBe(false);
});

test('working days name each day passed over: the weekend, a calendar holiday by its name, the commission’s own', () => {
  const rules = resolveHolidays(
    {
      timeZone: 'Asia/Kolkata',
      dueTime: '17:00',
      sendTime: '10:00',
      weekend: [6, 7],
      holidays: ['2021-01-27'],
      holidayCalendar: { country: 'IN', except: [] },
    },
    new Date('2021-01-22T04:30:00Z'),
  );
  // Issued Friday 22 January 2021: Monday 25 counts, Republic Day (Tuesday 26) and the commission's own day
  // (Wednesday 27) do not, Thursday 28 and Friday 29 do.
  const { plan, derivation } = explain(rules, {
    issuedAt: '2021-01-22T04:30:00Z',
    answerWithin: { days: 3, kind: 'working' },
  });
  expect(plan.dueAt).toBe('2021-01-29T11:30:00Z');
  expect(derivation[1]).toEqual({
    step: 'counted',
    period: { days: 3, kind: 'working' },
    to: '2021-01-29',
    passedOver: [
      { date: '2021-01-23', why: 'weekend' },
      { date: '2021-01-24', why: 'weekend' },
      { date: '2021-01-26', why: 'holiday' },
      { date: '2021-01-27', why: 'holiday' },
    ],
  });
  expect(derivationText(derivation, rules, holidayNames(rules))[1]).toBe(
    '3 working days later: Friday 29 January 2021; passed over: Saturday 23 January 2021 (weekend), ' +
      'Sunday 24 January 2021 (weekend), Tuesday 26 January 2021 (holiday: Republic Day, public holiday ' +
      "calendar IN), Wednesday 27 January 2021 (holiday: the commission's own holiday)",
  );
});

test('a due time the clocks skip is read forward, and said so', () => {
  const rules: DeadlineRules = {
    timeZone: 'Europe/London',
    dueTime: '01:30',
    sendTime: '10:00',
    weekend: [6, 7],
    holidays: [],
  };
  const { plan, derivation } = explain(rules, {
    issuedAt: '2021-03-21T10:00:00Z',
    answerWithin: { days: 7, kind: 'calendar' },
  });
  // 28 March 2021: the clocks go from 01:00 to 02:00; 01:30 is read as 02:30 BST, 01:30 UTC.
  expect(plan.dueAt).toBe('2021-03-28T01:30:00Z');
  expect(derivation.at(-1)).toEqual({
    step: 'due',
    date: '2021-03-28',
    time: '01:30',
    instant: '2021-03-28T01:30:00Z',
    clock: 'skipped',
  });
  expect(derivationText(derivation, rules).at(-1)).toContain(
    'the clocks skip 01:30 that day: read forward by the gap',
  );
});

test('a staff date whose due time is already past when set moves to the next working day, and says why', () => {
  const rules = DEFAULT_PROCEDURE.rules;
  // Set on Friday 4 June 2021 at 18:00 for that same day (due 17:00): the next day after it is Saturday, a
  // weekend day for the working-day roll a staff date takes, so Monday 7 June.
  const { plan, derivation } = explain(
    { ...rules, weekend: [6, 7] },
    { issuedAt: '2021-06-04T12:30:00Z', until: '2021-06-04' },
  );
  expect(plan.dueAt).toBe('2021-06-07T11:30:00Z');
  expect(derivation.slice(0, 2)).toEqual([
    { step: 'set-by-staff', date: '2021-06-04' },
    {
      step: 'moved',
      from: '2021-06-04',
      to: '2021-06-07',
      passedOver: [
        { date: '2021-06-05', why: 'weekend' },
        { date: '2021-06-06', why: 'weekend' },
      ],
      notAfterIssue: true,
    },
  ]);
});

test('for any period and issue, the derivation ends at the planned instant and counts exactly the period', () => {
  const rules: DeadlineRules = {
    timeZone: 'Asia/Kolkata',
    dueTime: '17:00',
    sendTime: '10:00',
    weekend: [7],
    holidays: ['2021-03-01', '2021-03-02', '2021-03-10'],
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom('calendar' as const, 'working' as const),
      (startDay, days, kind) => {
        const issuedAt = new Date(Date.UTC(2021, 1, 15 + startDay, 4, 30)).toISOString().replace('.000', '');
        const { plan, derivation } = explain(rules, { issuedAt, answerWithin: { days, kind } });
        const due = derivation.at(-1)!;
        expect(due).toMatchObject({ step: 'due', instant: plan.dueAt });
        const counted = derivation.find((s) => s.step === 'counted')!;
        if (counted.step !== 'counted') throw new Error('no count');
        const start = derivation[0];
        if (start?.step !== 'counted-from') throw new Error('no start');
        const from = Date.parse(`${start.date}T00:00:00Z`);
        const span = (Date.parse(`${counted.to}T00:00:00Z`) - from) / 86_400_000;
        // The days between are the period plus, for working days, exactly the days off passed over.
        expect(span).toBe(days + (kind === 'working' ? counted.passedOver.length : 0));
      },
    ),
    { numRuns: 300 },
  );
});

test("the seed's hearing explains itself too: 14 calendar days from the summons, at 11:00", () => {
  const issuedAt = issuedOnDate('2021-05-29', DEFAULT_PROCEDURE.rules);
  const [delhi] = previewSchedule(seedCase(), DEFAULT_PROCEDURE, issuedAt, { explain: true });
  const hearing = delhi!.events.find((e) => e.kind === 'hearing')!;
  expect(hearing.derivation).toEqual([
    { step: 'counted-from', date: '2021-06-15' },
    { step: 'counted', period: { days: 14, kind: 'calendar' }, to: '2021-06-29', passedOver: [] },
    { step: 'hearing', date: '2021-06-29', time: '11:00', instant: hearing.at, clock: null },
  ]);
  expect(derivationText(hearing.derivation!, DEFAULT_PROCEDURE.rules).at(-1)).toBe(
    'hearing at 11:00 Asia/Kolkata on Tuesday 29 June 2021: 2021-06-29T05:30:00Z',
  );
});

test('a hearing on a day off moves to the next working day, named; a staff date is set by staff', () => {
  const rules = { ...DEFAULT_PROCEDURE.rules, weekend: [6, 7], holidays: ['2021-06-14'] };
  // Summons on Friday 11 June 2021 after the hearing time, for that same day: Saturday, Sunday and Monday
  // (a holiday) pass, Tuesday 15 June.
  const derivation: DerivationStep[] = [];
  const plan = planHearing(
    { rules, issuedAt: '2021-06-11T08:00:00Z', date: '2021-06-11', time: '11:00' },
    derivation,
  );
  expect(plan.hearingAt).toBe('2021-06-15T05:30:00Z');
  expect(plan.derivation).toBe(derivation);
  expect(derivationText(derivation, rules, new Map([['2021-06-14', 'Inspection day']]))).toEqual([
    'set by staff: Friday 11 June 2021',
    'moved to Tuesday 15 June 2021: the due time on Friday 11 June 2021 was not after the message went out; ' +
      'passed over: Saturday 12 June 2021 (weekend), Sunday 13 June 2021 (weekend), Monday 14 June 2021 (holiday: Inspection day)',
    'hearing at 11:00 Asia/Kolkata on Tuesday 15 June 2021: 2021-06-15T05:30:00Z',
  ]);
  // Not asked, not carried: a plan's payload stays as small as before.
  expect(
    planHearing({ rules, issuedAt: '2021-06-11T08:00:00Z', date: '2021-06-11', time: '11:00' }),
  ).not.toHaveProperty('derivation');
});

test("a demand's plan asked to explain carries its derivation, and so does each plan its lapses issue", () => {
  const issuedAt = issuedOnDate('2021-05-29', DEFAULT_PROCEDURE.rules);
  const [notice, reminder, summons] = DEFAULT_PROCEDURE.steps;
  if (notice?.kind !== 'notice' || reminder?.kind !== 'reminder' || summons?.kind !== 'summons')
    throw new Error('the default procedure changed');
  const request = {
    rules: DEFAULT_PROCEDURE.rules,
    issuedAt,
    answerWithin: notice.answerWithin,
    dueSoonReminderBefore: notice.dueSoonReminderBefore,
    onLapse: notice.onLapse,
    then: {
      kind: 'demand' as const,
      answerWithin: reminder.answerWithin,
      dueSoonReminderBefore: reminder.dueSoonReminderBefore,
      onLapse: reminder.onLapse,
      then: { kind: 'hearing' as const, hearingAfter: summons.hearingAfter, time: summons.hearingTime },
    },
  };
  const plan = planDemand(request, []);
  expect(plan.derivation?.at(-1)).toMatchObject({ step: 'due', date: '2021-06-05' });
  const next = plan.next!;
  if (next.kind !== 'demand') throw new Error('a reminder follows the notice');
  expect(next.plan.derivation?.[0]).toEqual({ step: 'counted-from', date: '2021-06-08' });
  expect(next.plan.derivation?.at(-1)).toMatchObject({ step: 'due', date: '2021-06-15' });
  expect(next.plan.next?.plan.derivation?.at(-1)).toMatchObject({ step: 'hearing', date: '2021-06-29' });
  // Without the array, no plan down the chain carries one.
  expect(JSON.stringify(planDemand(request))).not.toContain('derivation');
});

test('the short form says it in one sentence, in English or in Hindi, holidays named', () => {
  const rules = resolveHolidays(
    {
      timeZone: 'Asia/Kolkata',
      dueTime: '17:00',
      sendTime: '10:00',
      weekend: [6, 7],
      holidays: [],
      holidayCalendar: { country: 'IN', except: [] },
    },
    new Date('2021-01-22T04:30:00Z'),
  );
  const { derivation } = explain(rules, {
    issuedAt: '2021-01-22T04:30:00Z',
    answerWithin: { days: 2, kind: 'working' },
  });
  const names = new Map([['2021-01-26', 'Republic Day']]);
  expect(derivationShortText(derivation, rules, names)).toBe(
    '2 working days from 22 January 2021; Saturday 23 January (weekend), Sunday 24 January (weekend), ' +
      'Tuesday 26 January (Republic Day) passed over; due Wednesday 27 January 2021 at 17:00 Asia/Kolkata.',
  );
  expect(derivationShortText(derivation, rules, names, 'hi')).toBe(
    '22 जनवरी 2021 से 2 कार्य दिवस; शनिवार 23 जनवरी (साप्ताहिक अवकाश), रविवार 24 जनवरी (साप्ताहिक अवकाश), ' +
      'मंगलवार 26 जनवरी (Republic Day) नहीं गिने गए; नियत तिथि बुधवार 27 जनवरी 2021, 17:00 Asia/Kolkata।',
  );
  // An extension: the staff's date, then the due time.
  const extended = explain(rules, { issuedAt: '2021-01-22T04:30:00Z', until: '2021-02-03' }).derivation;
  expect(derivationShortText(extended, rules)).toBe(
    'set by the Commission: 3 February 2021; due Wednesday 3 February 2021 at 17:00 Asia/Kolkata.',
  );
});
