// The reopening rule (issue 25): the procedure's window counted in the commission's days from the day it closed,
// an appeal's own period and its name in each letter language, and the checks that name their field.
import { closedLives, MAX_LIVES, reopeningProblem, reopenRequestProblem } from '../../lib/domain/reopening';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { DEFAULT_PROCEDURE, parseProcedure, type Procedure } from '../../lib/procedure/procedure';
import { reopenableUntil, reopeningWindowProblem } from '../../lib/procedure/reopening-window';

const closedAt = '2021-06-07T12:00:00Z'; // Monday 7 June 2021, 17:30 in Kolkata
const working: Procedure = {
  ...DEFAULT_PROCEDURE,
  reopening: {
    within: { days: 5, kind: 'working' },
    appeal: { within: { days: 30, kind: 'calendar' }, label: { en: 'First appeal', hi: 'प्रथम अपील' } },
  },
};

test('90 calendar days by default, counted from the day it closed in the commission zone; the last day counts', () => {
  expect(reopenableUntil(DEFAULT_PROCEDURE, closedAt, false)).toBe('2021-09-05');
  expect(reopeningWindowProblem(DEFAULT_PROCEDURE, closedAt, false, '2021-09-05T18:00:00Z')).toBeNull();
  // 6 September in Kolkata already (23:30 there).
  expect(reopeningWindowProblem(DEFAULT_PROCEDURE, closedAt, false, '2021-09-05T18:30:00Z')).toBe(
    'within: the complaint closed on 2021-06-07; a reopening was possible until 2021-09-05',
  );
  // No appeal without the procedure's rule.
  expect(reopenableUntil(DEFAULT_PROCEDURE, closedAt, true)).toBeNull();
});

test('working days skip the weekend; an appeal has its own period', () => {
  expect(reopenableUntil(working, closedAt, false)).toBe('2021-06-14'); // Mon 7 + 5 working days
  expect(reopenableUntil(working, closedAt, true)).toBe('2021-07-07');
  expect(reopeningWindowProblem(working, closedAt, true, '2021-07-08T05:00:00Z')).toMatch(
    /^within: .*an appeal was possible until 2021-07-07$/,
  );
});

test('the procedure validates the rule: an appeal is named in each of its languages, periods in days', () => {
  const withRule = (reopening: unknown) => parseProcedure({ ...DEFAULT_PROCEDURE, reopening });
  expect(withRule({}).reopening).toEqual({ within: { days: 90, kind: 'calendar' } });
  expect(() =>
    withRule({ appeal: { within: { days: 30, kind: 'calendar' }, label: { en: 'First appeal' } } }),
  ).toThrow(/reopening\.appeal\.label\.hi.*is required/);
  expect(() => withRule({ within: { hours: 48 } })).toThrow(/reopening\.within/);
});

const closed = {
  caseReference: 'NCPCR/2021/05/0291',
  closure: { kind: 'resolved', at: closedAt },
  respondents: [],
} as unknown as ComplaintState;

test('each check names its field', () => {
  expect(reopenRequestProblem({ reason: ' ' })).toBe('reason: is required');
  expect(reopenRequestProblem({ reason: 'x', from: 'Notice!' })).toMatch(/^from: /);
  expect(reopenRequestProblem({ reason: 'x', demands: [] })).toMatch(/^demands: /);
  expect(reopeningProblem(closed, DEFAULT_PROCEDURE, { reason: 'x', from: 'hearing' })).toBe(
    'from: procedure ncpcr-seven-days has no step hearing',
  );
  expect(
    reopeningProblem(closed, DEFAULT_PROCEDURE, { reason: 'x', from: 'summons', demands: ['y'] }),
  ).toMatch(/^demands: /);
  expect(reopeningProblem(closed, DEFAULT_PROCEDURE, { reason: 'x', appeal: true })).toMatch(/^appeal: /);
  expect(reopeningProblem({ ...closed, closure: undefined }, DEFAULT_PROCEDURE, { reason: 'x' })).toMatch(
    /^caseReference: .* is not closed/,
  );
  expect(
    reopeningProblem(closed, working, { reason: 'x', from: 'overdue-reminder', appeal: true }),
  ).toBeNull();
  // Another body holds a transferred complaint now: it is not reopened here.
  const transferred = {
    ...closed,
    closure: { kind: 'transferred', at: closed.closure!.at },
  } as ComplaintState;
  expect(reopeningProblem(transferred, DEFAULT_PROCEDURE, { reason: 'x' })).toMatch(
    /^caseReference: .* was transferred to another body/,
  );
  // Lives are bounded, as every action is.
  const lived = { ...closed, lives: Array.from({ length: MAX_LIVES }, (_, i) => ({ life: i + 1 })) };
  expect(reopeningProblem(lived as ComplaintState, DEFAULT_PROCEDURE, { reason: 'x' })).toMatch(
    /^caseReference: .* has lived 10 times/,
  );
});

test('a complaint never reopened has lived once; the closing life takes its closure and last run', () => {
  expect(closedLives(closed, { runId: 'run-1', startedAt: '2021-05-28T04:30:00Z' }, 'run-1b')).toEqual([
    {
      life: 1,
      runId: 'run-1',
      startedAt: '2021-05-28T04:30:00Z',
      lastRunId: 'run-1b',
      closedAt,
      closure: { kind: 'resolved', at: closedAt },
    },
  ]);
});
