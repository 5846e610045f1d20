// Properties of the deadline arithmetic over every IANA zone and the years 1970 to 2100 (fast-check): it always
// returns, lands where the rules say, never goes backwards, and does not depend on the machine's zone or the
// date it runs on. The examples of each kind of trouble: legal-time.test.ts.
import fc from 'fast-check';
import { Settings } from 'luxon';
import { calendarDate, dayOf, isWorkingDay, localMillis } from '../../lib/procedure/deadlines';
import type { DaysPeriod, DeadlineRules } from '../../lib/procedure/procedure';
import { planDemand, planHearing, type DemandPlanRequest } from '../../lib/procedure/schedule';

const ZONES = Intl.supportedValuesOf('timeZone');
const FROM = Date.UTC(1970, 0, 1);
const UNTIL = Date.UTC(2100, 11, 1);

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 0, 0, 30))
  .map(([h, m, s]) => [h, m, ...(s ? [s] : [])].map((n) => String(n).padStart(2, '0')).join(':'));
const period = (max: number) =>
  fc.record({
    days: fc.integer({ min: 0, max }),
    kind: fc.constantFrom('calendar', 'working'),
  }) as fc.Arbitrary<DaysPeriod>;
const instant = fc
  .integer({ min: FROM, max: UNTIL })
  .map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000', ''));

/** Rules in any zone: a weekend of up to six days, holidays near the issue date. */
const request = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    issuedAt: instant,
    dueTime: time,
    sendTime: time,
    weekend: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 6 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 25 }),
    answerWithin: period(60),
    dueSoon: fc.option(period(10), { nil: null }),
    lapseAfter: period(10),
  })
  .map((r): DemandPlanRequest => {
    const issuedOn = dayOf(r.issuedAt, r.zone);
    const rules: DeadlineRules = {
      timeZone: r.zone,
      dueTime: r.dueTime,
      sendTime: r.sendTime,
      weekend: r.weekend,
      holidays: r.holidayOffsets.map((d) => issuedOn.plus({ days: d }).toISODate()!),
    };
    return {
      rules,
      issuedAt: r.issuedAt,
      answerWithin: r.answerWithin,
      dueSoonReminderBefore: r.dueSoon,
      onLapse: { next: 'summons', after: r.lapseAfter },
    };
  });

/** What every plan must satisfy, whatever the zone, calendar and date. */
function checkPlan(req: DemandPlanRequest): void {
  const plan = planDemand(req);
  const { rules } = req;
  const due = Date.parse(plan.dueAt);
  // After the message that starts it.
  expect(due).toBeGreaterThan(Date.parse(req.issuedAt));
  // On its date, at the due time (a skipped due time read forward by the gap).
  expect(localMillis(calendarDate(plan.dueDate), rules.dueTime, rules.timeZone)).toBe(due);
  if (req.answerWithin!.kind === 'working')
    expect(isWorkingDay(calendarDate(plan.dueDate), rules)).toBe(true);
  // The due-soon reminder strictly between the notice and the deadline, or none.
  if (plan.dueSoonAt !== null) {
    expect(Date.parse(plan.dueSoonAt)).toBeGreaterThan(Date.parse(req.issuedAt));
    expect(Date.parse(plan.dueSoonAt)).toBeLessThan(due);
  }
  if (plan.escalatesAt !== null) expect(Date.parse(plan.escalatesAt)).toBeGreaterThanOrEqual(due);
}

test('every plan lands after its notice, on its date at the due time, on a working day when counted so', () => {
  fc.assert(
    fc.property(request, (req) => checkPlan(req)),
    { numRuns: 3000 },
  );
});

test('every zone, at the edges of its clock changes: the plans keep their rules', () => {
  for (const zone of ZONES)
    for (const issuedAt of [
      '1970-01-01T00:00:00Z',
      '2011-12-29T12:00:00Z',
      '2021-03-27T23:30:00Z',
      '2021-10-30T23:30:00Z',
      '2100-11-30T12:00:00Z',
    ])
      for (const kind of ['calendar', 'working'] as const)
        checkPlan({
          rules: { timeZone: zone, dueTime: '00:30', sendTime: '02:15', weekend: [6, 7], holidays: [] },
          issuedAt,
          answerWithin: { days: 1, kind },
          dueSoonReminderBefore: { days: 1, kind: 'calendar' },
          onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
        });
});

test('more days never give an earlier deadline', () => {
  fc.assert(
    fc.property(request, fc.integer({ min: 1, max: 30 }), (req, more) => {
      const within = req.answerWithin as DaysPeriod;
      const later = { ...req, answerWithin: { ...within, days: within.days + more } };
      expect(Date.parse(planDemand(later).dueAt)).toBeGreaterThanOrEqual(Date.parse(planDemand(req).dueAt));
    }),
    { numRuns: 1000 },
  );
});

test('a hearing falls after its summons, its day-before alert between them or none', () => {
  fc.assert(
    fc.property(request, time, (req, hearingTime) => {
      const plan = planHearing({
        rules: req.rules,
        issuedAt: req.issuedAt,
        hearingAfter: req.answerWithin!,
        time: hearingTime,
      });
      expect(Date.parse(plan.hearingAt)).toBeGreaterThan(Date.parse(req.issuedAt));
      if (plan.alertAt !== null) {
        expect(Date.parse(plan.alertAt)).toBeGreaterThan(Date.parse(req.issuedAt));
        expect(Date.parse(plan.alertAt)).toBeLessThan(Date.parse(plan.hearingAt));
      }
    }),
    { numRuns: 1000 },
  );
});

test('the same plans under TZ=UTC and TZ=Pacific/Kiritimati, with "now" in winter and in summer', () => {
  const samples = fc.sample(request, { numRuns: 300, seed: 2021 });
  const run = () => JSON.stringify(samples.map((r) => planDemand(r)));
  const tz = process.env.TZ;
  const results = new Set<string>();
  try {
    for (const machineZone of ['UTC', 'Pacific/Kiritimati'])
      for (const now of ['2021-01-15T12:00:00Z', '2021-07-15T12:00:00Z']) {
        process.env.TZ = machineZone;
        Settings.now = () => Date.parse(now);
        results.add(run());
      }
  } finally {
    process.env.TZ = tz;
    Settings.now = () => Date.now();
  }
  expect(results.size).toBe(1);
});
