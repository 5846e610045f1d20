// The records database (PostgreSQL) unavailable for a while: the complaint takes an officer's answer at once (its
// history is the durable record), the activity that writes the records row retries until the database is back,
// and the row is written once, not lost.
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { activityRetried } from '../helpers/activities-in-flight';
import { SEED_CASE_PATH, recordsEventually } from '../helpers/fixtures';
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
  const receipt = await handle.executeUpdate(submitAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: 'Sent during the outage' }],
  });
  expect(receipt.stepId).toBe('notice');
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.answers[0]!.atrText).toBe(
    'Sent during the outage',
  );
  // The answer's moment (its records write, then its receipt: one activity) fails twice and retries meanwhile.
  await activityRetried(handle, /^sendMoment$/, 2);

  await stack.postgres!.resume();
  const rows = await recordsEventually(() => stack.records.answersFor(workflowId), 1, 60_000);
  expect(rows).toEqual([
    expect.objectContaining({ answer_id: receipt.answerId, atr_text: 'Sent during the outage' }),
  ]);
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('answered');
  await handle.terminate('end of test');
}, 90_000);
