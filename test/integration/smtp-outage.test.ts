// The SMTP server down for a while: the notice waits (the activity retries with backoff) and is delivered
// once when the server is back; the complaint goes on.
import { getComplaint } from '../../workflows/messages';
import { SEED_CASE_PATH } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let back: SmtpSink | undefined;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  // The worker's pooled SMTP connection goes with the stack; only then can the server close at once.
  await stack?.stop();
  await back?.close();
});

test('notices wait while the SMTP server is down and are delivered once after it returns', async () => {
  const port = stack.sink.port;
  await stack.sink.close();

  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const handle = stack.env.client.workflow.getHandle(workflowId);

  // A few failed attempts later: nothing sent, the outbox row waits.
  await new Promise((r) => setTimeout(r, 4_000));
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
  await new Promise((r) => setTimeout(r, 1_000));
  expect(back.messages).toHaveLength(1);
  await handle.terminate('end of test');
}, 90_000);
