// A procedure's compliance rules (issue 25, point 4), pure: validated like any demand's, naming the field; the
// preview's what-if of a recommendation follows them (or the follow-up rules), and leaves the seed case as it was.
import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../lib/procedure/case-file';
import { DEFAULT_PROCEDURE, parseProcedure, type Procedure } from '../../lib/procedure/procedure';
import { issuedOnDate, previewSchedule } from '../../lib/procedure/schedule';
import { SEED_CASE_PATH } from '../helpers/fixtures';

const seed = parseCaseFile(JSON.parse(readFileSync(SEED_CASE_PATH, 'utf8')));
const issuedAt = issuedOnDate(seed.receivedOn, DEFAULT_PROCEDURE.rules);
const withCompliance = (compliance: unknown) => ({ ...DEFAULT_PROCEDURE, compliance });

test('compliance rules are checked as a demand step is, each problem naming its field', () => {
  const rules = {
    answerWithin: { days: 28, kind: 'calendar' },
    dueSoonReminderBefore: { days: 7, kind: 'calendar' },
    onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
  };
  expect(parseProcedure(withCompliance(rules)).compliance).toEqual(rules);
  expect(() =>
    parseProcedure(withCompliance({ ...rules, onLapse: { ...rules.onLapse, next: 'appeal' } })),
  ).toThrow(/compliance\.onLapse\.next: names no step "appeal"/);
  expect(() => parseProcedure(withCompliance({ ...rules, dueSoonReminderBefore: { hours: 24 } }))).toThrow(
    /compliance\.dueSoonReminderBefore: must be in days, as answerWithin is/,
  );
  expect(() =>
    parseProcedure(withCompliance({ ...rules, answerWithin: { days: 400, kind: 'calendar' } })),
  ).toThrow(/compliance\.answerWithin\.days/);
});

test("the preview's --recommend: a recommendation at the hearing, its proof due by the compliance rules, and its lapse", () => {
  const [plain] = previewSchedule(seed, DEFAULT_PROCEDURE, issuedAt);
  const [followUp] = previewSchedule(seed, DEFAULT_PROCEDURE, issuedAt, { recommend: { days: 28 } });
  // The seed case's schedule is untouched: the what-if comes after its hearing (29 June 2021, 11:00 IST).
  expect(followUp!.events.slice(0, plain!.events.length)).toEqual(plain!.events);
  expect(
    followUp!.events
      .slice(plain!.events.length, plain!.events.length + 3)
      .map((e) => [e.kind, e.stepId, e.at]),
  ).toEqual([
    ['compliance', 'compliance', '2021-06-29T05:30:00Z'],
    ['due-soon-reminder', 'compliance', '2021-07-25T04:30:00Z'], // the follow-up rules: two days before
    ['deadline', 'compliance', '2021-07-27T11:30:00Z'], // 28 days after the hearing, 17:00 IST
  ]);
  const procedure: Procedure = parseProcedure(
    withCompliance({
      answerWithin: { days: 14, kind: 'working' },
      dueSoonReminderBefore: null,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    }),
  );
  const [own] = previewSchedule(seed, procedure, issuedAt, { recommend: {} });
  expect(own!.events.slice(plain!.events.length).map((e) => [e.kind, e.at])).toEqual([
    ['compliance', '2021-06-29T05:30:00Z'],
    ['deadline', '2021-07-19T11:30:00Z'], // 14 working days from Tuesday 29 June
    ['staff-decision', '2021-07-19T11:30:00Z'],
  ]);
});
