// The clock never waits on mail: with the SMTP server down, a notice retries while its deadline lapses on
// time and the step escalates; once the server is back, every message arrives, each once.
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { benchCase, procedureDueAt } from '../../scripts/bench/bench-cases';
import { getComplaint } from '../../workflows/messages';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let back: SmtpSink | undefined;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
  await back?.close();
});

test('with mail down, the deadline lapses on time and the step escalates; the messages follow once mail is back', async () => {
  const port = stack.sink.port;
  await stack.sink.close();
  const dueAt = DateTime.utc().plus({ seconds: 8 }).startOf('second');
  const { workflowId } = await startComplaint(
    stack.env.client,
    stack.taskQueue,
    benchCase('clock', 1),
    procedureDueAt(dueAt),
  );
  const handle = stack.env.client.workflow.getHandle(workflowId);

  // Past the deadline, nothing has been sent, yet the notice step lapsed and the overdue reminder's step opened.
  await new Promise((r) => setTimeout(r, Math.max(0, dueAt.toMillis() + 4_000 - Date.now())));
  let state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages).toEqual([]);
  expect(state.respondents[0]!.steps.map((s) => [s.stepId, s.status, s.closedAs ?? null])).toEqual([
    ['notice', 'closed', 'lapsed'],
    ['overdue-reminder', 'open', null],
  ]);
  expect((await stack.records.eventsFor(workflowId)).map((e) => e.event)).toContain('lapsed');

  back = await startSmtpSink({ port });
  const about = (title: string) => (m: { subject?: string }) =>
    (m.subject ?? '').startsWith(`${title} BENCH/clock/1:`) ||
    (m.subject ?? '').startsWith(`${title}: BENCH/clock/1`);
  await back.waitForMessages(1, about('Notice'), 90_000);
  await back.waitForMessages(1, about('Overdue reminder'), 90_000);
  await back.waitForMessages(1, about('Step overdue'), 90_000);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(back.messages).toHaveLength(3);
  state = await handle.query(getComplaint);
  expect(state.respondents[0]!.messages.map((m) => m.kind).sort()).toEqual(
    ['notice', 'overdue-reminder', 'step-overdue'].sort(),
  );
  await handle.terminate('end of test');
}, 150_000);
