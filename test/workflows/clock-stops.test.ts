// A demand's clock stops and restarts (issue 24): while it stands stopped no reminder or lapse fires; at the
// restart the procedure's rule gives the new dates (toll: the stopped days added; restart: the period counted
// again), the ledger says who, why, from, to and how many days, and the officer is told at each, in English and
// Hindi. The officer may ask for a stop; staff approve it (counted from the day asked) or decline it.
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { Refusal } from '../../lib/domain/refusals';
import {
  closeComplaint,
  decideClockStop,
  getComplaint,
  requestClockStop,
  restartClock,
  stopClock,
} from '../../workflows/messages';
import {
  act,
  eventually,
  keepHistory,
  messages,
  OFFICER,
  stepOf,
  refusalOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, mailsFor, otherMailsFor } = world;
const notice = { respondentId: 'delhi-police', stepId: 'notice' };

test('toll: a stop holds the reminder and the lapse; the restart adds the stopped days and tells the officer', async () => {
  await newAnchor(); // notice at day 0, due day 7 at 17:00, reminder day 5 at 10:00
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(2, '11:00'));
  let s = await act(handle, stopClock, {
    args: [
      { ...notice, grounds: 'awaiting-information', details: "the child's school records", by: 'registrar' },
    ],
  });
  expect(stepOf(s, 'notice').clockStops).toEqual([
    expect.objectContaining({
      grounds: 'awaiting-information',
      by: 'registrar',
      from: dateOf(2),
      dueAtBefore: at(7, '17:00'),
      restartsBy: at(62, '00:00'), // the procedure's 60 days at most
    }),
  ]);
  // A second stop while it stands stopped is refused, naming why.
  const again = await refusalOf(handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'fee' }] }));
  expect(again.message).toBe('stepId: the clock of step notice is already stopped');
  // Past the old reminder and the old deadline: nothing fired, nothing lapsed.
  await advanceTo(at(9, '12:00'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);
  expect(stepOf(s, 'notice')).toMatchObject({ overdue: false, status: 'open' });

  s = await act(handle, restartClock, { args: [{ ...notice, by: 'registrar' }] });
  // Stopped on day 2, restarted on day 9: days 2 to 8 not counted (7 days); due day 7 + 7 = day 14.
  const step = stepOf(s, 'notice');
  expect(step).toMatchObject({
    dueAt: at(14, '17:00'),
    dueSoonAt: at(12, '10:00'),
    escalatesAt: at(17, '10:00'),
    version: 3,
  });
  expect(step.clockStops![0]).toMatchObject({
    from: dateOf(2),
    to: dateOf(8),
    days: 7,
    restartedBy: 'registrar',
    dueAtAfter: at(14, '17:00'),
  });
  // The new reminder comes at its new time, once.
  await advanceTo(at(12, '10:01'));
  s = await eventually(handle, (x) => messages(x).length === 2);
  expect(messages(s)).toEqual([
    ['notice', 'notice', OFFICER, at(0, '10:00')],
    ['due-soon-reminder', 'notice', OFFICER, at(12, '10:00')],
  ]);
  // The next letter (the reminder) names the days not counted, in both its languages.
  const reminder = mailsFor(caseFile).find((m) => m.subject?.startsWith('Reminder'))!;
  expect(reminder.text).toMatch(
    /The period from \d+ \w+ \d{4} to \d+ \w+ \d{4} \(7 days\) is excluded from the time allowed, by the Commission's order\./,
  );
  expect(reminder.text).toContain('दी गई समय-सीमा की गणना से बाहर है');
  // The officer was told of the stop and of the restart, each once, in English and in Hindi.
  const told = otherMailsFor(caseFile).filter((m) => m.to && JSON.stringify(m.to).includes(OFFICER));
  const stopped = told.filter((m) => m.subject?.startsWith('Clock stopped'));
  const restarted = told.filter((m) => m.subject?.startsWith('Clock restarted'));
  expect([stopped.length, restarted.length]).toEqual([1, 1]);
  expect(stopped[0]!.text).toContain("awaiting information (the child's school records)");
  expect(restarted[0]!.text).toMatch(
    /The period from \d+ \w+ \d{4} to \d+ \w+ \d{4} \(7 days\) is excluded by the Commission's order/,
  );
  expect(restarted[0]!.text).toContain('गणना से बाहर है');
  expect(restarted[0]!.text).toContain(`New deadline: `);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'clock-stop-toll');
});

test('restart, and the limit: the clock restarts by itself after the most days, the period counted again', async () => {
  await newAnchor();
  const rule = { counts: 'restart', maxStops: 1, maxDays: 5, officerMayRequest: false } as const;
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'clock-restarts',
    steps: DEFAULT_PROCEDURE.steps.map((st) => (st.kind === 'summons' ? st : { ...st, clockStops: rule })),
  };
  const handle = await start(freshCase(), procedure);
  await advanceTo(at(1, '11:00'));
  await act(handle, stopClock, { args: [{ ...notice, grounds: 'court-stay' }] });
  // Day 1 stopped + 5 days at most: it restarts by itself at the start of day 6, the period counting afresh.
  await advanceTo(at(6, '00:01'));
  const s = await eventually(handle, (x) => stepOf(x, 'notice').clockStops?.[0]?.restartedAt !== undefined);
  expect(stepOf(s, 'notice').clockStops![0]).toMatchObject({
    from: dateOf(1),
    to: dateOf(5),
    days: 5,
    restartedBy: 'limit',
    restartedAt: at(6, '00:00'),
  });
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(13, '17:00'), dueSoonAt: at(11, '10:00') });
  // One stop is the procedure's most.
  const more = await refusalOf(handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'fee' }] }));
  expect(more.message).toMatch(/has stopped 1 times, the procedure's most \(clockStops\.maxStops\)/);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'Withdrawn' }] });
  await handle.result();
  await keepHistory(handle, 'clock-stop-restart-limit');
});

test("an officer's request: staff told; declined, the officer is told; approved, the stop counts from the day asked", async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const ask = {
    ...notice,
    grounds: 'awaiting-information',
    details: 'We asked the complainant for the records',
  } as const;
  await advanceTo(at(2, '11:00'));
  await handle.executeUpdate(requestClockStop, { args: [ask] });
  const pending = await refusalOf(handle.executeUpdate(requestClockStop, { args: [ask] }));
  expect(pending.message).toMatch(/already waits for the commission's decision/);
  await handle.executeUpdate(decideClockStop, {
    args: [{ ...notice, decision: 'decline', note: 'The records are not needed to report', by: 'registrar' }],
  });
  await advanceTo(at(3, '11:00'));
  await handle.executeUpdate(requestClockStop, { args: [ask] });
  await advanceTo(at(4, '15:00'));
  await handle.executeUpdate(decideClockStop, {
    args: [{ ...notice, decision: 'approve', by: 'registrar' }],
  });
  await advanceTo(at(6, '12:00'));
  const s = await act(handle, restartClock, { args: [{ ...notice }] });
  // Asked on day 3, restarted on day 6: days 3 to 5 not counted; due day 7 + 3 = day 10.
  expect(stepOf(s, 'notice').clockStops![0]).toMatchObject({
    from: dateOf(3),
    to: dateOf(5),
    days: 3,
    askedByOfficer: true,
  });
  expect(stepOf(s, 'notice').dueAt).toBe(at(10, '17:00'));
  expect(stepOf(s, 'notice').clockStopRequests!.map((r) => r.decision?.approved)).toEqual([false, true]);
  await eventually(handle, () => otherMailsFor(caseFile).length >= 5);
  const subjects = otherMailsFor(caseFile).map((m) => m.subject?.split(':')[0]);
  expect(subjects.filter((x) => x?.startsWith('Clock stop asked'))).toHaveLength(2);
  expect(subjects.filter((x) => x?.startsWith('Request to stop the clock declined'))).toHaveLength(1);
  expect(subjects.filter((x) => x?.startsWith('Clock stopped'))).toHaveLength(1);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'clock-stop-officer-request');
});

test('bad stops are refused by name and change nothing', async () => {
  await newAnchor();
  const plain: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'no-stops',
    steps: DEFAULT_PROCEDURE.steps.map((st) =>
      st.kind === 'summons' ? st : { ...st, clockStops: undefined },
    ),
  };
  const handle = await start(freshCase(), plain);
  const bad = await refusalOf(
    handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'whim' as never }] }),
  );
  expect([bad.type, bad.message]).toEqual([
    Refusal.invalidArgument,
    'grounds: must be one of awaiting-information, fee, court-stay, other',
  ]);
  const other = await refusalOf(handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'other' }] }));
  expect(other.message).toBe('details: is required');
  const none = await refusalOf(handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'fee' }] }));
  expect([none.type, none.message]).toEqual([
    Refusal.stepNotOpen,
    'stepId: the procedure does not let the clock of step notice stop',
  ]);
  const restart = await refusalOf(handle.executeUpdate(restartClock, { args: [notice] }));
  expect(restart.message).toBe('stepId: the clock of step notice is not stopped');
  const s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ version: 1, dueAt: at(7, '17:00') });
  expect(stepOf(s, 'notice').clockStops).toBeUndefined();
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
});
