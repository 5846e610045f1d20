// How a deadline is counted (working days, holidays), moved (an extension re-arms the timers) and ended early
// (a withdrawal). The world they run in (time-skipping server, SMTP sink, records):
// test/helpers/time-skipping-world.ts.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import type { DeadlineExtension } from '../../lib/domain/staff-actions';
import {
  closeComplaint,
  correctRecipient,
  extendDeadline,
  getComplaint,
  requestExtension,
} from '../../workflows/messages';
import {
  act,
  eventually,
  keepHistory,
  messages,
  notices,
  OFFICER,
  stepOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, mailsFor } = world;

test('working-day rules: a deadline counts past a weekend and a holiday, and its reminder lands on a working day', async () => {
  await newAnchor(); // a Monday
  // Wednesday (day 2) and Thursday (day 3) are holidays this week.
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'working-days-test',
    rules: { ...DEFAULT_PROCEDURE.rules, holidays: [dateOf(2), dateOf(3)] },
    steps: [
      {
        id: 'notice',
        kind: 'notice',
        recipient: 'officer',
        answerWithin: { days: 3, kind: 'working' },
        dueSoonReminderBefore: { days: 1, kind: 'working' },
        onLapse: { next: null, after: { days: 0, kind: 'working' } },
      },
    ],
  };
  const handle = await start(freshCase(), procedure);
  // Mon + 3 working days: Tue (1), [Wed, Thu holidays], Fri (2), [weekend], Mon (3) → day 7.
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    dueAt: at(7, '17:00'),
    dueSoonAt: at(4, '10:00'),
    escalatesAt: null,
  });
  await advanceTo(at(7, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'notice').overdue);
  expect(messages(s).map((m) => [m[0], m[3]])).toEqual([
    ['notice', at(0, '10:00')],
    ['due-soon-reminder', at(4, '10:00')],
  ]);
  // No further step on the lapse: it stays open, overdue, for the staff to decide.
  await advanceTo(at(20, '10:00'));
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'open', overdue: true });
  expect(notices(s)).toHaveLength(2);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'No jurisdiction' }] });
  expect((await handle.result()).closure.kind).toBe('disposed');
  await keepHistory(handle, 'working-days-disposed');
});

test('an extension re-arms the timers: no stale reminder fires at the old times, the new ones all come', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  // The officer asks for more time; staff extend the deadline from day 7 to day 14.
  await advanceTo(at(3, '11:00'));
  await handle.executeUpdate(requestExtension, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        reason: 'The cyber cell needs the platform data',
        requestedDate: dateOf(14),
      },
    ],
  });
  // One request at a time: a second one, while the first waits for staff, is refused and changes nothing.
  const again = (await handle
    .executeUpdate(requestExtension, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', reason: 'Still waiting for the data' }],
    })
    .catch((e: unknown) => e)) as WorkflowUpdateFailedError;
  expect(again.cause?.message).toMatch(
    /^stepId: an extension request for step notice already waits for the commission's decision/,
  );
  const extension = {
    respondentId: 'delhi-police',
    stepId: 'notice',
    until: dateOf(14),
    reason: 'Data awaited from the platform',
    by: 'registrar',
  };
  expect(await handle.executeUpdate(extendDeadline, { args: [extension] })).toEqual({
    respondentId: 'delhi-police',
    stepId: 'notice',
    status: 'open',
    version: 2,
    dueAt: at(14, '17:00'),
  });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    version: 2,
    dueAt: at(14, '17:00'),
    dueSoonAt: at(12, '10:00'),
    escalatesAt: at(17, '10:00'),
    extensions: [
      {
        previousDueAt: at(7, '17:00'),
        dueAt: at(14, '17:00'),
        reason: 'Data awaited from the platform',
        by: 'registrar',
        at: at(3, '11:00'),
      },
    ],
    extensionRequests: [
      { reason: 'The cyber cell needs the platform data', requestedDate: dateOf(14), at: at(3, '11:00') },
    ],
  });

  // Past the old due-soon time, the old deadline and the old escalation: nothing happens.
  await advanceTo(at(10, '12:00'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'open', overdue: false });

  await advanceTo(at(17, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 3);
  expect(messages(s)).toEqual([
    ['notice', 'notice', OFFICER, at(0, '10:00')],
    ['due-soon-reminder', 'notice', OFFICER, at(12, '10:00')],
    ['overdue-reminder', 'overdue-reminder', OFFICER, at(17, '10:00')],
  ]);
  expect(stepOf(s, 'overdue-reminder').dueAt).toBe(at(24, '17:00'));

  // Bad extensions are rejected by the validator, naming the field, and change nothing.
  const bad = async (args: DeadlineExtension) =>
    (
      (await handle
        .executeUpdate(extendDeadline, { args: [args] })
        .catch((e: unknown) => e)) as WorkflowUpdateFailedError
    ).cause?.message;
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: dateOf(20), reason: 'x' }),
  ).toMatch(/^until: must be later/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: '2027-02-30', reason: 'x' }),
  ).toMatch(/^until: must be a date/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: dateOf(30), reason: ' ' }),
  ).toMatch(/^reason: is required/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(30), reason: 'x' }),
  ).toMatch(/^stepId: step notice is closed/);
  expect(await bad({ respondentId: 'nobody', stepId: 'notice', until: dateOf(30), reason: 'x' })).toMatch(
    /^respondentId: no respondent nobody/,
  );
  expect(stepOf(await handle.query(getComplaint), 'overdue-reminder').version).toBe(1);

  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'end of test' }] });
  await handle.result();
  await keepHistory(handle, 'extended-then-withdrawn');
});

test('a withdrawal closes every step with its reason; nothing is sent afterwards', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const s = await act(handle, closeComplaint, {
    args: [{ action: 'withdraw', reason: 'The complainant withdrew', by: 'chairperson' }],
  });
  expect(s.closure).toMatchObject({
    kind: 'withdrawn',
    reason: 'The complainant withdrew',
    by: 'chairperson',
  });
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'withdrawn' });
  expect(await handle.result()).toMatchObject({ closure: { kind: 'withdrawn' } });
  await keepHistory(handle, 'withdrawn');
  await advanceTo(at(40, '10:00'));
  expect(mailsFor(caseFile)).toHaveLength(1);
  expect(await world.records.complaint(handle.workflowId)).toMatchObject({
    closure_kind: 'withdrawn',
    closure_reason: 'The complainant withdrew',
  });
  const again = await handle
    .executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'x' }] })
    .catch((e: unknown) => e);
  expect(again).toBeInstanceOf(Error);
});

test('every message that arrived: both parts, a Message-ID kept in the outbox, a working link', async () => {
  await world.expectEveryMessageWhole();
});

test('an address corrected under a procedure whose deadline restarts: seven days from the corrected service, the message with the new deadline to the right address', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile, { ...DEFAULT_PROCEDURE, onAddressCorrection: 'deadline-restarts' });
  await advanceTo(at(3, '12:00'));
  const receipt = await handle.executeUpdate(correctRecipient, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        email: 'commissioner.office@delhipolice.example',
        reason: 'The notice went to a mailbox nobody reads',
      },
    ],
  });
  // Served again on day 3: the seven days count from there, and the due-soon reminder moves with them.
  expect(receipt).toMatchObject({ stepId: 'notice', version: 2, dueAt: at(10, '17:00') });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    dueAt: at(10, '17:00'),
    dueSoonAt: at(8, '10:00'),
    version: 2,
  });
  const [, corrected] = mailsFor(caseFile);
  expect(corrected!.to).toMatchObject({ value: [{ address: 'commissioner.office@delhipolice.example' }] });
  expect(corrected!.text).toContain(stepOf(s, 'notice').dueText);
  // No reminder at the old times; the new one comes on day 8.
  await advanceTo(at(8, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 3);
  expect(messages(s).map(([kind, , to, when]) => [kind, to, when])).toEqual([
    ['notice', OFFICER, at(0, '10:00')],
    ['notice', 'commissioner.office@delhipolice.example', at(3, '12:00')],
    ['due-soon-reminder', 'commissioner.office@delhipolice.example', at(8, '10:00')],
  ]);
  await handle.terminate('end of test');
});
