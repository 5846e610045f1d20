// A notice the mail server refuses for good (550, no such user): it is tried once, marked undeliverable in the
// complaint, the records and the timeline, staff are told, and the step's clock runs on: the deadline lapses
// on time, with its alert, as if the notice had gone out. Staff correct the address: the notice goes there.
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { procedureDueAt } from '../../scripts/bench/bench-cases';
import { getComplaint } from '../../workflows/messages';
import { seedCase } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

const GONE = 'former.commissioner@delhipolice.example';
const RIGHT = 'commissioner@delhipolice.example';
const COMMISSION = 'complaints@ncpcr.example';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sink: { rejectRecipients: [GONE] } });
});
afterAll(() => stack?.stop());

/** A complaint whose officer's address the mail server refuses (550), falling due `seconds` from now. */
async function startToGone(caseReference: string, seconds: number) {
  const seed = seedCase();
  const caseFile = {
    ...seed,
    caseReference,
    receivedOn: DateTime.utc().toISODate(),
    respondents: [{ ...seed.respondents[0]!, officer: { ...seed.respondents[0]!.officer, email: GONE } }],
  };
  const dueAt = DateTime.utc().plus({ seconds }).startOf('second');
  const { workflowId } = await startComplaint(
    stack.env.client,
    stack.taskQueue,
    caseFile,
    procedureDueAt(dueAt),
  );
  return { dueAt, workflowId, handle: stack.env.client.workflow.getHandle(workflowId) };
}

test('a 550 marks the notice undeliverable, tells staff, the deadline still lapses on time; correcting the address delivers it', async () => {
  const { dueAt, workflowId, handle } = await startToGone('NCPCR/2026/GONE/1', 20);

  // Staff alerts read "Title: reference", officers' messages "Title reference: subject".
  const isFor = (title: string) => (m: { subject?: string }) =>
    (m.subject ?? '').startsWith(`${title}: NCPCR/2026/GONE/1`) ||
    (m.subject ?? '').startsWith(`${title} NCPCR/2026/GONE/1:`);
  const [alert] = await stack.sink.waitForMessages(1, isFor('Message undeliverable'), 15_000);
  expect(alert!.to).toMatchObject({ value: [{ address: COMMISSION }] });
  expect(alert!.text).toContain('550');
  let state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages[0]).toMatchObject({
    kind: 'notice',
    to: GONE,
    undeliverable: expect.stringContaining('550') as string,
  });
  const [row] = (await stack.records.noticesFor(workflowId)).filter((n) => n.kind === 'notice');
  expect(row).toMatchObject({ status: 'undeliverable' });
  expect(row!.failure).toContain('550');
  // Shown to staff on the timeline.
  const shown = await stack.cli(['show', 'NCPCR/2026/GONE/1']);
  expect(shown.stdout).toContain(`UNDELIVERABLE notice [notice] to ${GONE}`);

  // Staff correct the address: the notice goes there, as it stands (the same deadline), with its link.
  const correct = (email: string) =>
    stack.cli([
      'correct-address',
      'NCPCR/2026/GONE/1',
      '-r',
      'delhi-police',
      '-s',
      'notice',
      '--email',
      email,
      '--reason',
      'The commissioner moved; the office gave the new address',
    ]);
  const bad = await correct('not-an-address');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('email: must be an email address');
  expect((await correct(RIGHT)).code).toBe(0);
  const [notice] = await stack.sink.waitForMessages(1, isFor('Notice'), 15_000);
  expect(notice!.to).toMatchObject({ value: [{ address: RIGHT }] });
  expect(notice!.text).toContain('/answer/');
  state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages.filter((m) => m.kind === 'notice')).toEqual([
    expect.objectContaining({ to: GONE, undeliverable: expect.stringContaining('550') as string }),
    expect.objectContaining({ to: RIGHT, readdressed: 1, messageId: notice!.messageId }),
  ]);
  expect(state.respondents[0]!.steps[0]!.dueAt).toBe(dueAt.toUTC().toISO({ suppressMilliseconds: true }));
  const same = await correct(RIGHT);
  expect(same.code).toBe(2);
  expect(same.stderr).toContain(`email: step notice already goes to ${RIGHT}`);

  // The clock ran on: at the deadline the step lapses and staff are alerted, as for any lapse.
  const [overdue] = await stack.sink.waitForMessages(1, isFor('Step overdue'), 60_000);
  expect(Date.parse(overdue!.date!.toISOString())).toBeGreaterThanOrEqual(dueAt.toMillis() - 1_000);
  state = await handle.query(getComplaint);
  expect(state.respondents[0]!.steps[0]).toMatchObject({
    stepId: 'notice',
    status: 'closed',
    closedAs: 'lapsed',
  });
  // The next step's message goes to the corrected address too.
  const [reminder] = await stack.sink.waitForMessages(1, isFor('Overdue reminder'), 30_000);
  expect(reminder!.to).toMatchObject({ value: [{ address: RIGHT }] });
  // Refused for good means tried once: the notice was never retried.
  expect(stack.sink.rejected).toEqual([GONE]);
  expect(stack.sink.messages.filter(isFor('Notice'))).toHaveLength(1);
  await handle.terminate('end of test');
}, 120_000);

test('a lapse whose reminder is refused: the staff alert it goes with still arrives, the reminder is marked undeliverable and staff are told', async () => {
  const refusedBefore = stack.sink.rejected.length;
  const { workflowId, handle } = await startToGone('NCPCR/2026/GONE/2', 10);
  const isFor = (title: string) => (m: { subject?: string }) =>
    (m.subject ?? '').startsWith(`${title}: NCPCR/2026/GONE/2`);

  // The lapse: one activity with the staff's alert and the overdue reminder; the alert arrives.
  await stack.sink.waitForMessages(1, isFor('Step overdue'), 60_000);
  // The reminder was refused for good: noted in the state, in the outbox, and staff told (a second alert).
  const undeliverable = await stack.sink.waitForMessages(2, isFor('Message undeliverable'), 30_000);
  expect(undeliverable).toHaveLength(2);
  const state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages.filter((m) => m.undeliverable).map((m) => m.kind)).toEqual([
    'notice',
    'overdue-reminder',
  ]);
  const reminder = (await stack.records.noticesFor(workflowId)).find((n) => n.kind === 'overdue-reminder');
  expect(reminder).toMatchObject({ status: 'undeliverable' });
  // Each refused message (the notice, the reminder) was tried once.
  expect(stack.sink.rejected.slice(refusedBefore)).toEqual([GONE, GONE]);
  await handle.terminate('end of test');
}, 120_000);
