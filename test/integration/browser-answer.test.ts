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
import { STAFF, startStack, type Stack } from '../helpers/stack';

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

test('in Chromium: the officer sends an interim reply; staff accept its date in one click; the date explains itself on both pages', async () => {
  const ref = 'NCPCR/2026/BROWSER/INTERIM';
  const started = await stack.cli([
    'start',
    stack.writeJson('browser-interim.json', { ...seedCase(), caseReference: ref }),
    '--json',
  ]);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const [notice] = await stack.sink.waitForMessages(1, (m) => (m.subject ?? '').startsWith(`Notice ${ref}`));
  const link = answerLinkIn(notice!);
  const handle = stack.env.client.workflow.getHandle(workflowId);
  const before = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  const expected = new Date(Date.parse(before.dueAt) + 9 * 86_400_000).toISOString().slice(0, 10);

  const officer = await browser.newPage();
  await officer.goto(link);
  // The short form of how the deadline was computed, then the interim reply's form.
  expect(await officer.textContent('main')).toMatch(
    /7 calendar days from .*; due .* at 17:00 Asia\/Kolkata\./,
  );
  await officer.getByLabel('Why the report is not ready').fill('The forensic laboratory has not reported');
  await officer.getByLabel('When you expect to send it').fill(expected);
  await Promise.all([
    officer.waitForURL(link),
    officer.getByRole('button', { name: 'Send the interim reply' }).click(),
  ]);
  expect(await officer.textContent('main')).toContain("waiting for the commission's decision on the date");

  const staff = await browser.newPage();
  await staff.goto(`${stack.webUrl}/staff/login`);
  await staff.getByLabel('Name').fill(STAFF.name);
  await staff.getByLabel('Password').fill(STAFF.password);
  await Promise.all([
    staff.waitForURL(`${stack.webUrl}/staff`),
    staff.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await staff.goto(`${stack.webUrl}/staff/complaints/${encodeURIComponent(workflowId)}`);
  await staff.getByRole('button', { name: `Accept the expected date: due ${expected}` }).click();
  await staff.waitForURL(/done=/);
  expect(await staff.textContent('main')).toContain('The interim reply was accepted; the officer is told.');
  const after = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(after.dueDate).toBe(expected);
  // The staff page's disclosure explains the new date: set by staff, due at 17:00.
  await staff.getByText('How this date was computed').first().click();
  expect(await staff.textContent('main')).toMatch(/set by staff: \w+ \d+ \w+ \d{4}/);
  await officer.reload();
  expect(await officer.textContent('main')).toContain('set by the Commission');
  await officer.close();
  await staff.close();
});
