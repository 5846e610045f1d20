// The web app restarted between an officer opening the link and submitting it: links are signed, not
// stored, so the new process takes the submission; and two submissions at once are recorded once.
import { buildWebApp } from '../../client/web/app';
import { AnswerLinks } from '../../lib/mail/answer-links';
import { getComplaint } from '../../workflows/messages';
import { SEED_CASE_PATH, recordsEventually } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const post = (url: string, atrText: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ atrText, action: 'answer' }).toString(),
    redirect: 'manual',
  });

test('a link opened before a restart of the web app is submitted after it; concurrent submissions are recorded once', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const [notice] = await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').startsWith('Notice'));
  const link = answerLinkIn(notice!);
  expect((await fetch(link)).status).toBe(200); // opened on the running app

  // A second web app process, as after a restart (same configuration, fresh memory), on its own port.
  const restarted = await buildWebApp({
    client: stack.env.client,
    links: new AnswerLinks('integration-test-link-secret-0123456789', 'http://127.0.0.1:1'),
    blobs: stack.blobs,
  });
  const address = await restarted.listen({ host: '127.0.0.1', port: 0 });
  try {
    const sameLink = link.replace(stack.webUrl, address);
    const [a, b] = await Promise.all([post(sameLink, 'First click'), post(sameLink, 'Second click')]);
    expect([a.status, b.status]).toEqual([303, 303]);
  } finally {
    await restarted.close();
  }
  const answers = (await stack.env.client.workflow.getHandle(workflowId).query(getComplaint)).respondents[0]!
    .steps[0]!.answers;
  expect(answers).toHaveLength(1);
  expect(['First click', 'Second click']).toContain(answers[0]!.atrText);
  expect(await recordsEventually(() => stack.records.answersFor(workflowId), 1)).toHaveLength(1);
});
