// The records database (PostgreSQL) unavailable for a while: the activity that records an officer's answer
// retries until it is back, and the answer is recorded once, not lost.
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { SEED_CASE_PATH } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ database: 'postgres' });
});
afterAll(() => stack?.stop());

test('an answer that arrives while the records database is down is recorded once it is back', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').startsWith('Notice'));
  const handle = stack.env.client.workflow.getHandle(workflowId);

  await stack.postgres!.pause();
  let settled = false;
  const answer = handle
    .executeUpdate(submitAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: 'Sent during the outage' }],
    })
    .finally(() => (settled = true));
  await new Promise((r) => setTimeout(r, 4_000));
  expect(settled).toBe(false); // still retrying: the answer is not acknowledged before it is recorded

  await stack.postgres!.resume();
  const receipt = await answer;
  expect(receipt.stepId).toBe('notice');
  const rows = await stack.records.answersFor(workflowId);
  expect(rows).toEqual([
    expect.objectContaining({ answer_id: receipt.answerId, atr_text: 'Sent during the outage' }),
  ]);
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('answered');
  await handle.terminate('end of test');
}, 90_000);
