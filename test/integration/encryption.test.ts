// Complaint texts, names and addresses are encrypted in Temporal's history: read raw from the server by a
// client without the key, the history holds none of them; with the key, everything reads back.
import { Client } from '@temporalio/client';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { SEED_CASE_PATH, seedCase } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

test('the raw history of a complaint holds no plaintext of the case, the officers or the answer', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').startsWith('Notice'));
  const handle = stack.env.client.workflow.getHandle(workflowId);
  const atr = 'FIR 0777/2021 registered against the handles that shared the material';
  await handle.executeUpdate(submitAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: atr }],
  });
  // With the key (the project's clients): the state reads back in clear.
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.answers[0]!.atrText).toBe(atr);

  // Without it: the raw history, as anyone with access to the server or its database would read it.
  const raw = new Client({ connection: stack.env.connection });
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  // Every string and every byte field of the history, bytes read as text: what a reader of the raw data sees.
  const seen: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) seen.push(Buffer.from(value).toString('utf8'));
    else if (typeof value === 'string') seen.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(history);
  const text = seen.join('\n');
  const seed = seedCase();
  for (const secret of [
    seed.subject,
    seed.summary.slice(0, 40),
    seed.respondents[0]!.officer.email,
    seed.respondents[0]!.summonedOfficer!.email,
    seed.commission.email,
    'Register an FIR',
    atr,
  ]) {
    expect(text.includes(secret)).toBe(false);
  }
  expect(text.includes('binary/encrypted')).toBe(true);
  // The walk does read payloads: the plain search attributes show through it.
  expect(text.includes('"review"')).toBe(true);
  // Only what admins filter on is in clear: the workflow ID and the search attributes.
  expect(text.includes('complaint-NCPCR-2021-05-0291')).toBe(true);
});
