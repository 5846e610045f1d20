// An officer answers in a real browser (Debian's Chromium): the link from the email that arrived, the form
// filled in, a PDF uploaded, the confirmation seen; then the records and the workflow show the answer.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/project-root';
import { getComplaint } from '../../workflows/messages';
import { launchBrowser } from '../helpers/browser';
import { SEED_CASE_PATH, seedCase, recordsEventually } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('the officer opens the emailed link, fills the form, uploads a PDF and sees the confirmation', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const seed = seedCase();
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith(`Notice ${seed.caseReference}`),
  );
  const link = answerLinkIn(notice!);

  const report = Buffer.from('%PDF-1.4\n% Action Taken Report: FIR 0123/2021 registered\n%%EOF\n', 'latin1');
  const page = await browser.newPage();
  await page.goto(link);
  await page
    .getByLabel('Action Taken Report')
    .fill('An FIR was registered on 29 June 2021 under the POCSO Act.');
  await page.getByLabel('FIR number').fill('FIR 0123/2021');
  await page.getByLabel('FIR date').fill('2021-06-29');
  await page
    .getByLabel(/Documents/)
    .setInputFiles({ name: 'atr.pdf', mimeType: 'application/pdf', buffer: report });
  await Promise.all([page.waitForURL(link), page.getByRole('button', { name: 'Submit answer' }).click()]);

  await expect(page.getByRole('status').first().textContent()).resolves.toContain(
    'Your answer was recorded on',
  );
  const text = await page.textContent('main');
  expect(text).toContain('FIR 0123/2021');
  expect(text).toContain('atr.pdf');
  expect(text).toContain('The Commission is reviewing it.');
  const shots = join(PROJECT_ROOT, 'var', 'screenshots');
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, 'officer-answer-recorded.png'), await page.screenshot({ fullPage: true }));
  await page.close();

  const state = await stack.env.client.workflow.getHandle(workflowId).query(getComplaint);
  const answer = state.respondents[0]!.steps[0]!.answers[0]!;
  expect(answer).toMatchObject({
    atrText: 'An FIR was registered on 29 June 2021 under the POCSO Act.',
    firNumber: 'FIR 0123/2021',
    firDate: '2021-06-29',
  });
  const sha256 = createHash('sha256').update(report).digest('hex');
  expect(answer.attachments).toEqual([
    { sha256, fileName: 'atr.pdf', contentType: 'application/pdf', size: report.length },
  ]);
  expect(await recordsEventually(() => stack.records.answersFor(workflowId), 1)).toEqual([
    expect.objectContaining({ fir_number: 'FIR 0123/2021' }),
  ]);
  expect(await stack.records.attachmentsFor(answer.answerId)).toEqual([
    expect.objectContaining({ sha256, file_name: 'atr.pdf' }),
  ]);
  expect(await stack.blobs.get(sha256)).toEqual(report);
});
