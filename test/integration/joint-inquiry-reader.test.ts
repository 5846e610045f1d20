// A joint inquiry through the real parts (issue 25, point 3): staff open it from the CLI, the second commission
// receives a copy of the notice without the officer's link, and a reader account of that commission, granted this
// one complaint, signs in with Chromium and reads it: no other complaint, no action form, every POST refused, no
// codec. Ending the joint inquiry withdraws the grant: the reader's session ends.
import type { Browser } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint } from '../../workflows/messages';
import { hashPassword } from '../../client/staff-passwords';
import { launchBrowser } from '../helpers/browser';
import { seedCase } from '../helpers/fixtures';
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

const JOINED = 'NCPCR/2026/JOINT/1';
const OTHER = 'NCPCR/2026/JOINT/2';
const DCPCR = { name: 'Delhi Commission for Protection of Child Rights', email: 'inquiries@dcpcr.example' };
const READER = { name: 'dcpcr.reader', password: 'a long reader password 42' };

test("a joint commission's reader reads the one complaint granted, and nothing else; the copy holds no link", async () => {
  for (const ref of [JOINED, OTHER])
    expect(
      await stack.cli([
        'start',
        stack.writeJson(`${ref.replace(/\//g, '-')}.json`, { ...seedCase(), caseReference: ref }),
      ]),
    ).toMatchObject({ code: 0 });
  const joinedId = complaintWorkflowId(JOINED);
  const otherId = complaintWorkflowId(OTHER);
  const grant = [
    'joint-inquiry',
    'grant',
    JOINED,
    '--user',
    READER.name,
    '--commission-email',
    DCPCR.email,
    '--password-hash',
    hashPassword(READER.password),
  ];
  // No access without an open joint inquiry with that commission.
  const early = await stack.cli(grant);
  expect(early.code).toBe(2);
  expect(early.stderr).toContain(
    `commissionEmail: no joint inquiry with ${DCPCR.email} is open on ${JOINED}`,
  );

  const opened = await stack.cli([
    'joint-inquiry',
    'open',
    JOINED,
    '--commission-name',
    DCPCR.name,
    '--commission-email',
    DCPCR.email,
    '--reason',
    'Joint inquiry ordered on e-Baal Nidan',
    '--json',
  ]);
  expect(opened.code).toBe(0);
  expect((JSON.parse(opened.stdout) as ComplaintState).jointInquiries).toEqual([
    expect.objectContaining({ commission: DCPCR }),
  ]);
  // The notice the officer holds reaches the joint commission as a copy of its own, without the link.
  const [copy] = (await stack.sink.waitForMessages(1, (m) => JSON.stringify(m.to).includes(DCPCR.email))) as [
    ParsedMail,
  ];
  expect(copy.subject).toMatch(new RegExp(`^Copy \\(joint inquiry\\): Notice ${JOINED}`));
  expect(copy.text).not.toContain(`${stack.webUrl}/answer/`);
  expect(String(copy.html)).not.toContain('/answer/');

  expect(await stack.cli(grant)).toMatchObject({ code: 0 });
  expect((await stack.cli(['show', JOINED])).stdout).toContain(
    `joint inquiry with ${DCPCR.name} <${DCPCR.email}> since `,
  );
  const readers = await stack.cli(['joint-inquiry', 'readers', '--json']);
  expect(JSON.parse(readers.stdout)).toEqual([
    expect.objectContaining({ user_name: READER.name, workflow_id: joinedId, commission_email: DCPCR.email }),
  ]);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.webUrl}/staff/login`);
  await page.getByLabel('Name').fill(READER.name);
  await page.getByLabel('Password').fill(READER.password);
  await Promise.all([
    page.waitForURL(`${stack.webUrl}/staff`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  // The list shows the one complaint; nothing to start.
  await page.getByRole('link', { name: JOINED }).waitFor();
  expect(await page.getByRole('link', { name: OTHER }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Start a complaint' }).count()).toBe(0);
  await page.getByRole('link', { name: JOINED }).click();
  await page.getByRole('heading', { name: JOINED }).waitFor();
  expect(await page.textContent('body')).toContain('read only: joint inquiry');
  expect(await page.textContent('body')).toContain(DCPCR.name);
  // No action form: the only form that posts is signing out.
  expect(await page.locator('form[method="post"]').count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Extend the deadline' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);

  // Another complaint is not found to the reader; a staff page is not for them.
  const other = await page.goto(`${stack.webUrl}/staff/complaints/${encodeURIComponent(otherId)}`);
  expect(other!.status()).toBe(404);
  const attachment = await page.goto(
    `${stack.webUrl}/staff/complaints/${encodeURIComponent(otherId)}/attachments/${'0'.repeat(64)}`,
  );
  expect(attachment!.status()).toBe(404);
  expect((await page.goto(`${stack.webUrl}/staff/new`))!.status()).toBe(403);

  // An action POST with the session and its CSRF token is refused, and changes nothing.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const joinedUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(joinedId)}`;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(
    await (await fetch(joinedUrl, { headers: { cookie } })).text(),
  )![1]!;
  const post = await fetch(`${joinedUrl}/extend`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      _csrf: csrf,
      respondentId: 'delhi-police',
      stepId: 'notice',
      until: '2099-01-01',
      reason: 'Reader tries',
    }).toString(),
    redirect: 'manual',
  });
  expect(post.status).toBe(403);
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(joinedId);
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.extensions).toEqual([]);
  // Nor may the reader decode histories through the codec (the Temporal UI's).
  const codec = await fetch(`${stack.webUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8233', cookie },
    body: JSON.stringify({ payloads: [] }),
  });
  expect(codec.status).toBe(403);

  // Ended, the joint inquiry takes its commission's grants with it: the reader's session ends.
  const ended = await stack.cli([
    'joint-inquiry',
    'end',
    JOINED,
    '--commission-email',
    DCPCR.email,
    '--reason',
    'State inquiry concluded',
  ]);
  expect(ended).toMatchObject({ code: 0 });
  expect(ended.stdout).toContain(`Withdrew 1 reader grant(s) of ${DCPCR.email}.`);
  const after = await fetch(joinedUrl, { headers: { cookie }, redirect: 'manual' });
  expect([after.status, after.headers.get('location')]).toEqual([303, '/staff/login']);
  await context.close();
});
