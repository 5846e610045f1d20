// The staff dashboard in a real browser (Debian's Chromium) against the whole system: sign in, start a
// complaint from the form, see it listed, extend a deadline and see the change; sessions and CSRF enforced.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/project-root';
import { getComplaint } from '../../workflows/messages';
import { launchBrowser } from '../helpers/browser';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, STAFF, type Stack } from '../helpers/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = async (page: Page, name: string) => {
  const dir = join(PROJECT_ROOT, 'var', 'screenshots');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.png`), await page.screenshot({ fullPage: true }));
};

/** Reloads until `text` shows (visibility and the workflow's first steps are a moment behind). */
async function reloadUntil(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await page.textContent('main'))?.includes(text)) return;
    await page.waitForTimeout(200);
    await page.reload();
  }
  throw new Error(`"${text}" never showed on ${page.url()}`);
}

test('sign in, start a complaint, see it listed, extend a deadline and see the change', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
  await page.goto(`${stack.webUrl}/staff`);
  expect(page.url()).toBe(`${stack.webUrl}/staff/login`);

  await page.getByLabel('Name').fill(STAFF.name);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await page.textContent('main')).toContain('Wrong name or password.');
  await page.getByLabel('Name').fill(STAFF.name);
  await page.getByLabel('Password').fill(STAFF.password);
  await Promise.all([
    page.waitForURL(`${stack.webUrl}/staff`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  expect(await page.textContent('nav')).toContain(`signed in as ${STAFF.name}`);

  await page.getByRole('link', { name: 'Start a complaint' }).click();
  const fields: [string, string][] = [
    ['caseReference', 'NCPCR/2026/DASH/1'],
    ['subject', 'Abuse material <b>shared</b> on a platform'],
    ['categories', 'POCSO Act; IT Act'],
    ['receivedOn', new Date().toISOString().slice(0, 10)],
    ['summary', 'The Commission found material shared on a platform.'],
    ['commissionName', 'NCPCR'],
    ['commissionEmail', 'complaints@ncpcr.example'],
    ['respondentId', 'delhi-police'],
    ['respondentName', 'Delhi Police'],
    ['officerName', 'The Commissioner'],
    ['officerDesignation', 'Commissioner of Police'],
    ['officerEmail', 'commissioner@delhipolice.example'],
    ['demands', 'Register an FIR\nSend the Action Taken Report'],
  ];
  for (const [id, value] of fields) await page.fill(`#${id}`, value);
  await page.getByRole('button', { name: 'Start the complaint' }).click();
  await page.waitForLoadState();
  if (!page.url().includes('/staff/complaints/'))
    throw new Error(`not started: ${await page.textContent('main')}`);
  await page.waitForURL(/\/staff\/complaints\/complaint-NCPCR-2026-DASH-1/);
  expect(await page.textContent('main')).toContain('The complaint was started.');
  await reloadUntil(page, 'Due:');
  expect(await page.textContent('main')).toMatch(/Coming up:\s*\S[^]*: deadline for the answer/);
  expect(await page.innerHTML('main')).toContain('Abuse material &lt;b&gt;shared&lt;/b&gt; on a platform');

  await page.goto(`${stack.webUrl}/staff`);
  await reloadUntil(page, 'NCPCR/2026/DASH/1');
  await shot(page, 'staff-list');

  await page.getByRole('link', { name: 'NCPCR/2026/DASH/1' }).click();
  const handle = stack.env.client.workflow.getHandle('complaint-NCPCR-2026-DASH-1');
  const before = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  const until = new Date(Date.parse(before.dueAt) + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('New due date').fill(until);
  await page.getByLabel('Reason').first().fill('Platform data awaited');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  await page.waitForURL(/done=/);
  const text = await page.textContent('main');
  expect(text).toContain('The deadline was extended.');
  expect(text).toContain('Platform data awaited');
  const after = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(after).toMatchObject({ dueDate: until, version: 2 });
  expect(text).toContain(after.dueText.split(' (')[0]!);
  await shot(page, 'staff-complaint');

  // A bad date is refused with the field named, and changes nothing.
  await page.getByLabel('New due date').fill('2000-01-01');
  await page.getByLabel('Reason').first().fill('backwards');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  expect(await page.textContent('main')).toContain(`until: must be later than the current due date ${until}`);
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.version).toBe(2);

  // Without the form's CSRF token, a POST with a valid session is refused.
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const forged = await fetch(`${stack.webUrl}/staff/complaints/complaint-NCPCR-2026-DASH-1/close`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=withdraw&reason=forged',
    redirect: 'manual',
  });
  expect(forged.status).toBe(403);
  expect((await handle.query(getComplaint)).closure).toBeUndefined();

  // An officer's answer with a PDF: staff download it from the complaint's page, byte for byte.
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Notice NCPCR/2026/DASH/1'),
  );
  const link = answerLinkIn(notice!);
  const report = Buffer.from('%PDF-1.4\n% ATR of the Delhi Police\n%%EOF\n', 'latin1');
  const form = new FormData();
  form.append('atrText', 'Report attached');
  form.append('action', 'answer');
  form.append('attachments', new Blob([report], { type: 'application/pdf' }), 'atr.pdf');
  expect((await fetch(link, { method: 'POST', body: form, redirect: 'manual' })).status).toBe(303);
  await page.reload();
  const download = page.getByRole('link', { name: 'atr.pdf' });
  const href = await download.getAttribute('href');
  const file = await fetch(`${stack.webUrl}${href}`, { headers: { cookie } });
  expect(file.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await file.arrayBuffer())).toEqual(report);
  const anonymous = await fetch(`${stack.webUrl}${href}`, { redirect: 'manual' });
  expect(anonymous.status).toBe(303);

  // Sign out: the session no longer opens pages.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`${stack.webUrl}/staff`);
  expect(page.url()).toBe(`${stack.webUrl}/staff/login`);
  const stale = await fetch(`${stack.webUrl}/staff`, { headers: { cookie }, redirect: 'manual' });
  expect(stale.status).toBe(200); // the old cookie is still signed and unexpired: it is the browser that forgot it
  await handle.terminate('end of test');
});

test('without a session nothing is shown or changed; a forged session cookie is refused', async () => {
  for (const path of ['/staff', '/staff/new', '/staff/complaints/complaint-NCPCR-2026-DASH-1']) {
    const res = await fetch(`${stack.webUrl}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/login');
  }
  const forged = await fetch(`${stack.webUrl}/staff`, {
    headers: { cookie: `cd_staff=${Buffer.from('registrar').toString('base64url')}.9999999999999.x.forged` },
    redirect: 'manual',
  });
  expect(forged.status).toBe(303);
});
