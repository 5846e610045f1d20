// The SMTP server down for a while: the notice waits (the activity retries with backoff) and is delivered
// once when the server is back; the complaint goes on, and its clock never waits on mail.
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { benchCase, procedureDueAt } from '../../scripts/bench/bench-cases';
import { getComplaint } from '../../workflows/messages';
import { activitiesSettled, activityRetried } from '../helpers/activities-in-flight';
import { recordsEventually, SEED_CASE_PATH } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
/** The SMTP server brought back on the stack's port, after an outage. */
let back: SmtpSink | undefined;

/** Takes the mail server down (the stack's, or the one brought back before); returns its port. */
async function mailDown(): Promise<number> {
  const port = stack.sink.port;
  await (back ?? stack.sink).close();
  back = undefined;
  return port;
}
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  // The worker's pooled SMTP connection goes with the stack; only then can the server close at once.
  await stack?.stop();
  await back?.close();
});

test('notices wait while the SMTP server is down and are delivered once after it returns', async () => {
  const port = await mailDown();

  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const handle = stack.env.client.workflow.getHandle(workflowId);

  // Two failed attempts later: nothing sent, the outbox row waits.
  await activityRetried(handle, /^send/, 2);
  expect((await handle.query(getComplaint)).respondents[0]!.messages).toEqual([]);
  expect(await stack.records.noticesFor(workflowId)).toEqual([
    expect.objectContaining({ kind: 'notice', status: 'pending' }),
  ]);

  back = await startSmtpSink({ port });
  const [notice] = await back.waitForMessages(1, () => true, 60_000);
  expect(notice!.subject).toContain('Notice NCPCR/2021/05/0291');
  for (let i = 0; i < 100; i++) {
    if ((await handle.query(getComplaint)).respondents[0]!.messages.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await handle.query(getComplaint)).respondents[0]!.messages.map((m) => m.kind)).toEqual(['notice']);
  expect(await stack.records.noticesFor(workflowId)).toEqual([
    expect.objectContaining({ status: 'sent', message_id: notice!.messageId }),
  ]);
  await activitiesSettled(handle, /^send/); // no second send in flight
  expect(back.messages).toHaveLength(1);
  await handle.terminate('end of test');
}, 90_000);

test('with mail down, the deadline lapses on time and the step escalates; the messages follow once mail is back', async () => {
  const port = await mailDown();
  const dueAt = DateTime.utc().plus({ seconds: 8 }).startOf('second');
  const { workflowId } = await startComplaint(
    stack.env.client,
    stack.taskQueue,
    benchCase('clock', 1),
    procedureDueAt(dueAt),
  );
  const handle = stack.env.client.workflow.getHandle(workflowId);

  // Past the deadline, nothing has been sent, yet the notice step lapsed and the overdue reminder's step opened.
  const lapsed = await recordsEventually(
    async () => (await stack.records.eventsFor(workflowId)).filter((e) => e.event === 'lapsed'),
    1,
    dueAt.toMillis() + 30_000 - Date.now(),
  );
  expect(Date.now()).toBeGreaterThanOrEqual(dueAt.toMillis());
  let state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages).toEqual([]);
  expect(state.respondents[0]!.steps.map((s) => [s.stepId, s.status, s.closedAs ?? null])).toEqual([
    ['notice', 'closed', 'lapsed'],
    ['overdue-reminder', 'open', null],
  ]);
  expect(lapsed.map((e) => e.event)).toContain('lapsed');

  back = await startSmtpSink({ port });
  const about = (title: string) => (m: { subject?: string }) =>
    (m.subject ?? '').startsWith(`${title} BENCH/clock/1:`) ||
    (m.subject ?? '').startsWith(`${title}: BENCH/clock/1`);
  await back.waitForMessages(1, about('Notice'), 90_000);
  await back.waitForMessages(1, about('Overdue reminder'), 90_000);
  await back.waitForMessages(1, about('Step overdue'), 90_000);
  await activitiesSettled(handle, /^send/); // no fourth send in flight
  expect(back.messages).toHaveLength(3);
  state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages.map((m) => m.kind).sort()).toEqual(
    ['notice', 'overdue-reminder', 'step-overdue'].sort(),
  );
  await handle.terminate('end of test');
}, 150_000);
