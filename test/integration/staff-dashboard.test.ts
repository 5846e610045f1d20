// The staff dashboard in a real browser (Debian's Chromium) against the whole system: sign in, start a
// complaint from the form, see it listed, extend a deadline and see the change; sessions and CSRF enforced.
// The list (subject, respondents, next event, overdue; sorted, paged) and a complaint's page (plan ahead,
// messages with their delivery status) at a phone's and a desktop's width, with screenshots of each page.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startComplaint } from '../../client/complaints';
import { DEFAULT_PROCEDURE, type DemandStepDefinition, type Procedure } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { getComplaint } from '../../workflows/messages';
import { launchBrowser } from '../helpers/browser';
import { immediateSummons, seedCase, SUBSIDIARY } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { COMMISSION_NAME, startStack, STAFF, type Stack } from '../helpers/stack';

/** A mailbox that does not exist: the mail server refuses messages to it for good. */
const GONE = 'grievance@network-india.example';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack({ sink: { rejectRecipients: [GONE] }, gate: true }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Where a test run leaves its screenshots (gitignored). */
const SCREENSHOTS = join(PROJECT_ROOT, 'test-output', 'screenshots');

const shot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  writeFileSync(path, await page.screenshot({ fullPage: true }));
  return path;
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

  // Sign out: the session ends on the server, so even a copy of the old cookie opens nothing any more.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`${stack.webUrl}/staff`);
  expect(page.url()).toBe(`${stack.webUrl}/staff/login`);
  const stale = await fetch(`${stack.webUrl}/staff`, { headers: { cookie }, redirect: 'manual' });
  expect(stale.status).toBe(303);
  expect(stale.headers.get('location')).toBe('/staff/login');
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

/** A notice that falls due a few seconds from now and stays overdue: its lapse waits three days. */
function lapsingNotice(seconds: number): Procedure {
  const summons = immediateSummons(seconds);
  return {
    ...summons,
    id: 'lapsing-notice',
    steps: [
      {
        ...(summons.steps[0] as DemandStepDefinition),
        onLapse: { next: 'overdue-reminder', after: { days: 3, kind: 'calendar' } },
      },
      ...DEFAULT_PROCEDURE.steps.slice(1),
    ],
  };
}

const PREFIX = 'NCPCR/2026/VIEW/';
const ref = (n: number) => `${PREFIX}${n}`;
const SUBJECTS: Record<number, string> = {
  1: 'Complaint withdrawn by the complainant',
  2: 'Images of a child shared in a messaging group',
  3: 'A school did not report abuse by a teacher',
  4: 'An FIR was not registered for three weeks',
  5: 'A notice that waits for the mail server',
};

interface ListedRow {
  reference: string;
  subject: string;
  respondents: string;
  next: string;
  nextAt: string | null;
  overdue: string;
  stage: string;
}

/** The complaints' table as the page shows it. */
async function listedRows(page: Page): Promise<ListedRow[]> {
  return page.evaluate<ListedRow[]>(
    `[...document.querySelectorAll('table.complaints tbody tr')].map((tr) => {
      const cell = (label) =>
        (tr.querySelector('td[data-label="' + label + '"]')?.textContent ?? '').replace(/\\s+/g, ' ').trim();
      return {
        reference: cell('Case reference'),
        subject: cell('Subject'),
        respondents: cell('Respondents'),
        next: cell('Next event'),
        nextAt: tr.querySelector('td[data-label="Next event"] time')?.getAttribute('datetime') ?? null,
        overdue: cell('Overdue'),
        stage: cell('Stage'),
      };
    })`,
  );
}

/** The page fits the viewport's width: nothing to scroll sideways. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  );
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** Every field has a label, the page has a heading, and carries the commission's name. */
async function expectAccessibleAndBranded(page: Page): Promise<void> {
  const unlabelled = await page.evaluate<string[]>(
    `[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => el.labels.length === 0).map((el) => el.outerHTML)`,
  );
  expect(unlabelled).toEqual([]);
  expect(await page.locator('h1').count()).toBeGreaterThan(0);
  expect((await page.textContent('header'))?.trim()).toBe(COMMISSION_NAME);
  expect(await page.title()).toMatch(new RegExp(` · ${COMMISSION_NAME.replace(/[()]/g, '\\$&')}$`));
  expect(await page.content()).not.toContain('complaint-deadlines');
  // The stylesheet is a file the CSP allows (no inline style anywhere) and it applies.
  expect(await page.evaluate<number>(`document.querySelectorAll('style, [style]').length`)).toBe(0);
  expect(
    await page.evaluate<string>(`getComputedStyle(document.querySelector('header')).backgroundColor`),
  ).toBe('rgb(31, 58, 95)');
}

const STYLE_KEYS = [
  'fontFamily',
  'fontSize',
  'color',
  'backgroundColor',
  'borderTopStyle',
  'borderTopWidth',
  'borderTopColor',
  'borderRadius',
  'paddingLeft',
] as const;

/** The computed look of every visible form control (inputs but checkboxes, selects, textareas) on the page. */
async function controlStyles(page: Page): Promise<{ control: string; style: Record<string, string> }[]> {
  return page.evaluate(
    `[...document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]), select, textarea')].map((el) => {
      const computed = getComputedStyle(el);
      return {
        control: el.tagName === 'INPUT' ? 'input[type=' + el.type + ']' : el.tagName.toLowerCase(),
        style: Object.fromEntries(${JSON.stringify(STYLE_KEYS)}.map((k) => [k, computed[k]])),
      };
    })`,
  );
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${stack.webUrl}/staff/login`);
  await page.getByLabel('Name').fill(STAFF.name);
  await page.getByLabel('Password').fill(STAFF.password);
  await Promise.all([
    page.waitForURL(`${stack.webUrl}/staff`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

const isPng = (path: string) =>
  statSync(path).size > 1000 &&
  readFileSync(path).subarray(0, 8).equals(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'));

test('the list shows, sorts and pages complaints; a complaint shows its plan and its messages; phone and desktop', async () => {
  const client = stack.env.client;
  const seed = seedCase();
  const start = (n: number, procedure: Procedure, respondents = seed.respondents) =>
    startComplaint(
      client,
      stack.taskQueue,
      { ...seed, caseReference: ref(n), subject: SUBJECTS[n]!, respondents },
      procedure,
    );
  // 1: withdrawn (below, from its page); 2: two respondents, one of whose mailboxes does not exist;
  // 3: its notice lapses at once into a summons to a hearing; 4: its notice lapses and stays overdue.
  const started = await Promise.all([
    start(1, DEFAULT_PROCEDURE),
    start(2, DEFAULT_PROCEDURE, [
      seed.respondents[0]!,
      { ...SUBSIDIARY, officer: { ...SUBSIDIARY.officer, email: GONE } },
    ]),
    start(3, immediateSummons(3)),
    start(4, lapsingNotice(3)),
  ]);
  const stateOf = (n: number): Promise<ComplaintState> =>
    client.workflow.getHandle(started[n - 1]!.workflowId).query(getComplaint);

  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await expectAccessibleAndBranded(page);

  // Withdraw complaint 1 from its page, as staff do.
  await page.goto(`${stack.webUrl}/staff/complaints/${started[0].workflowId}`);
  const closing = page.locator('section', {
    has: page.getByRole('heading', { name: 'Close the complaint' }),
  });
  await closing.getByLabel('Reason').fill('The complainant withdrew');
  await Promise.all([page.waitForURL(/done=/), closing.getByRole('button', { name: 'Withdraw' }).click()]);

  // The records catch up with the complaints a moment later: the lapse, the summons, the refused message.
  const listUrl = `${stack.webUrl}/staff?search=${encodeURIComponent(PREFIX)}&sort=reference`;
  let rows: ListedRow[] = [];
  for (let i = 0; i < 150; i++) {
    await page.goto(listUrl);
    rows = await listedRows(page);
    const by = (n: number) => rows.find((r) => r.reference === ref(n));
    if (
      rows.length === 4 &&
      by(1)?.stage === 'withdrawn' &&
      by(3)?.stage === 'summons' &&
      by(4)?.overdue.startsWith('1 overdue') &&
      by(2)?.next.startsWith('Deadline')
    )
      break;
    await page.waitForTimeout(200);
  }
  const [s2, s3, s4] = await Promise.all([stateOf(2), stateOf(3), stateOf(4)]);
  const summons = s3.respondents[0]!.steps.find((s) => s.kind === 'summons')!;
  const notice2 = s2.respondents[0]!.steps[0]!;
  expect(summons).toBeDefined();
  expect(s4.respondents[0]!.steps[0]).toMatchObject({ status: 'open', overdue: true });

  // What each complaint shows: subject, respondents, next event (what and when) and overdue at a glance.
  expect(rows).toEqual([
    {
      reference: ref(1),
      subject: SUBJECTS[1],
      respondents: 'Delhi Police',
      next: 'withdrawn',
      nextAt: null,
      overdue: '0',
      stage: 'withdrawn',
    },
    {
      reference: ref(2),
      subject: SUBJECTS[2],
      respondents: `Delhi Police; ${SUBSIDIARY.name}`,
      next: expect.stringMatching(
        /^Deadline of the notice to Delhi Police, \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/,
      ) as string,
      nextAt: notice2.dueAt,
      overdue: '0',
      stage: 'notice',
    },
    {
      reference: ref(3),
      subject: SUBJECTS[3],
      respondents: 'Delhi Police',
      next: expect.stringMatching(/^Hearing \(Delhi Police\), \w{3} \d{1,2} \w{3} \d{4}, 11:00$/) as string,
      nextAt: summons.dueAt,
      overdue: '0',
      stage: 'summons',
    },
    {
      reference: ref(4),
      subject: SUBJECTS[4],
      respondents: 'Delhi Police',
      next: 'none',
      nextAt: null,
      overdue: expect.stringMatching(/^1 overdue since \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/) as string,
      stage: 'notice',
    },
  ]);
  expect(await page.locator('tr[data-workflow-id] .badge.overdue').count()).toBe(1);

  // Sorting: by next event (soonest first, none last), overdue first, by reference.
  const order = async (sort: string) => {
    await page.goto(`${stack.webUrl}/staff?search=${encodeURIComponent(PREFIX)}&sort=${sort}`);
    return (await listedRows(page)).map((r) => r.reference);
  };
  const soonest = [
    [ref(2), notice2.dueAt],
    [ref(3), summons.dueAt],
  ]
    .sort((a, b) => a[1]!.localeCompare(b[1]!))
    .map(([r]) => r!);
  expect(await order('reference')).toEqual([ref(1), ref(2), ref(3), ref(4)]);
  expect(await order('next')).toEqual([...soonest, ref(1), ref(4)]);
  expect(await order('overdue')).toEqual([ref(4), ...soonest, ref(1)]);
  // ...also from the form's select, which keeps the filter.
  await page.goto(listUrl);
  await page.getByLabel('Sort by').selectOption('overdue');
  await Promise.all([page.waitForURL(/sort=overdue/), page.getByRole('button', { name: 'Show' }).click()]);
  expect((await listedRows(page)).map((r) => r.reference)).toEqual([ref(4), ...soonest, ref(1)]);

  // Paging: three a page, then the rest; the pages together hold each complaint once.
  await page.goto(`${stack.webUrl}/staff?search=${encodeURIComponent(PREFIX)}&sort=reference&size=3`);
  expect(await page.textContent('nav.pager')).toContain('Page 1 of 2');
  expect((await listedRows(page)).map((r) => r.reference)).toEqual([ref(1), ref(2), ref(3)]);
  await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: 'Next page' }).click()]);
  expect(await page.textContent('nav.pager')).toContain('Page 2 of 2');
  expect((await listedRows(page)).map((r) => r.reference)).toEqual([ref(4)]);
  expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
  await Promise.all([page.waitForURL(/search=/), page.getByRole('link', { name: 'Previous page' }).click()]);
  expect((await listedRows(page)).map((r) => r.reference)).toEqual([ref(1), ref(2), ref(3)]);

  // Bad parameters are refused, naming the parameter; nothing is listed.
  for (const [query, message] of [
    ['sort=bogus', 'sort: must be one of next, reference, overdue'],
    ['page=0', 'page: must be a whole number from 1'],
    ['page=-1', 'page: must be a whole number from 1'],
    ['size=1000', 'size: must be a whole number from 1 to 100'],
    [
      'stage=nowhere',
      'stage: must be one of notice, reminder, summons, review, closed, withdrawn, disposed, transferred',
    ],
  ]) {
    const res = await page.goto(`${stack.webUrl}/staff?${query}`);
    expect(res?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain(message);
    expect(await page.locator('table.complaints').count()).toBe(0);
  }

  // A complaint's page: the plan ahead and each message's delivery status.
  await page.goto(`${stack.webUrl}/staff/complaints/${started[1].workflowId}`);
  // The refusal, then the alert to staff that says so (the complaint noted the refusal before it).
  const alertRow = page.locator('table.messages tr[data-kind="message-undeliverable"]');
  for (let i = 0; i < 100 && (await alertRow.count()) === 0; i++) {
    await page.waitForTimeout(200);
    await page.reload();
  }
  const plan = await page.evaluate<[string, string, string][]>(
    `[...document.querySelectorAll('table.plan tbody tr')].map((tr) =>
      [tr.getAttribute('data-kind'), tr.querySelector('time')?.getAttribute('datetime'), tr.textContent])`,
  );
  const subsidiaryNotice = s2.respondents[1]!.steps[0]!;
  expect(plan.map(([kind, at]) => [kind, at])).toEqual(
    [
      ['due-soon-reminder', notice2.dueSoonAt],
      ['due-soon-reminder', subsidiaryNotice.dueSoonAt],
      ['deadline', notice2.dueAt],
      ['deadline', subsidiaryNotice.dueAt],
      ['escalation', notice2.escalatesAt],
      ['escalation', subsidiaryNotice.escalatesAt],
    ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
  );
  expect(plan[0]![2]).toContain('due-soon reminder to the officer');
  const messages = await page.evaluate<Record<string, string>[]>(
    `[...document.querySelectorAll('table.messages tbody tr')].map((tr) => ({
      kind: tr.getAttribute('data-kind'),
      to: tr.querySelector('td[data-label="To"]')?.textContent,
      status: tr.querySelector('.badge')?.textContent,
      when: tr.querySelector('td[data-label="When"]')?.textContent?.replace(/\\s+/g, ' ').trim(),
    }))`,
  );
  expect(messages).toHaveLength(3);
  expect(messages).toEqual(
    expect.arrayContaining([
      {
        kind: 'notice',
        to: 'commissioner@delhipolice.example',
        status: 'sent',
        when: expect.stringMatching(/^sent \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/) as string,
      },
      {
        kind: 'notice',
        to: GONE,
        status: 'undeliverable',
        when: expect.stringMatching(
          /^refused \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d: 550 5.1.1 no such user$/,
        ) as string,
      },
      {
        kind: 'message-undeliverable',
        to: seed.commission.email,
        status: 'sent',
        when: expect.stringMatching(/^sent /) as string,
      },
    ]),
  );
  await page.goto(`${stack.webUrl}/staff/complaints/${started[2].workflowId}`);
  const plan3 = await page.evaluate<string[]>(
    `[...document.querySelectorAll('table.plan tbody tr')].map((tr) => tr.getAttribute('data-kind'))`,
  );
  expect(plan3).toEqual(['hearing']);
  const badges = await page.evaluate<string[]>(
    `[...document.querySelectorAll('table.messages tbody tr')].map((tr) =>
      tr.getAttribute('data-kind') + ' ' + tr.querySelector('.badge').textContent)`,
  );
  // The notice, the summons its lapse issued, and the alert that told staff of the lapse.
  expect(badges.sort()).toEqual(['notice sent', 'step-overdue sent', 'summons sent']);

  // Every form control looks alike (text, date, time, email, password, file, select, textarea).
  const looks: { control: string; style: Record<string, string> }[] = [];
  await page.goto(`${stack.webUrl}/staff/complaints/${started[2].workflowId}`); // hearing: text, date, time, select
  looks.push(...(await controlStyles(page)));
  await page.goto(`${stack.webUrl}/staff/new`); // text, date, email, textarea, select
  looks.push(...(await controlStyles(page)));
  await page.goto(`${stack.webUrl}/staff?search=x`); // the list's filters
  looks.push(...(await controlStyles(page)));
  const [officerNotice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith(`Notice ${ref(2)}`),
  );
  const officerPage = await context.newPage();
  await officerPage.goto(answerLinkIn(officerNotice!)); // the officer's form: textarea, text, date, file
  looks.push(...(await controlStyles(officerPage)));
  await officerPage.close();
  const kinds = new Set(looks.map((l) => l.control));
  for (const kind of [
    'input[type=text]',
    'input[type=date]',
    'input[type=time]',
    'input[type=email]',
    'input[type=file]',
    'select',
    'textarea',
  ])
    expect(kinds).toContain(kind);
  const first = looks[0]!.style;
  for (const look of looks)
    expect({ control: look.control, ...look.style }).toEqual({ control: look.control, ...first });
  const buttons = await page.evaluate<string[]>(
    `[...document.querySelectorAll('button')].map((b) => {
      const c = getComputedStyle(b);
      return [c.backgroundColor, c.color, c.fontSize, c.borderRadius].join(' ');
    })`,
  );
  expect(new Set(buttons).size).toBe(1);

  // While the mail server cannot be reached, a new complaint's notice is pending; once it can, sent.
  await stack.gate!.refuse();
  const waiting = await start(5, DEFAULT_PROCEDURE);
  const statusOf5 = async () => {
    await page.goto(`${stack.webUrl}/staff/complaints/${waiting.workflowId}`);
    return page.evaluate<string[]>(
      `[...document.querySelectorAll('table.messages tbody tr')].map((tr) =>
        tr.getAttribute('data-kind') + ' ' + tr.querySelector('.badge').textContent + ': ' +
        tr.querySelector('td[data-label="When"]').textContent.replace(/\\s+/g, ' ').trim())`,
    );
  };
  let pending: string[] = [];
  for (let i = 0; i < 100 && pending.length === 0; i++) {
    pending = await statusOf5();
    if (pending.length === 0) await page.waitForTimeout(200);
  }
  expect(pending).toEqual([
    expect.stringMatching(/^notice pending: queued \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d, not sent yet$/),
  ]);
  const pendingShot = await shot(page, 'staff-complaint-pending-desktop');
  expect(isPng(pendingShot)).toBe(true);
  await stack.gate!.open();
  let delivered: string[] = pending;
  for (let i = 0; i < 150 && !delivered[0]?.startsWith('notice sent'); i++) {
    await page.waitForTimeout(200);
    delivered = await statusOf5();
  }
  expect(delivered).toEqual([
    expect.stringMatching(/^notice sent: sent \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/),
  ]);

  // Each page at a phone's and a desktop's width: readable, nothing to scroll sideways, a screenshot.
  const pages: [string, string][] = [
    ['staff-list', `/staff?search=${encodeURIComponent(PREFIX)}`],
    ['staff-list-paged', `/staff?search=${encodeURIComponent(PREFIX)}&sort=overdue&size=2&page=2`],
    ['staff-complaint-two-respondents', `/staff/complaints/${started[1].workflowId}`],
    ['staff-complaint-hearing', `/staff/complaints/${started[2].workflowId}`],
    ['staff-complaint-overdue', `/staff/complaints/${started[3].workflowId}`],
    ['staff-complaint-withdrawn', `/staff/complaints/${started[0].workflowId}`],
    ['staff-new', '/staff/new'],
    ['staff-login', '/staff/login'],
    ['home', '/'],
    ['officer-answer', new URL(answerLinkIn(officerNotice!)).pathname],
  ];
  for (const [width, height, label] of [
    [390, 844, 'phone'],
    [1366, 900, 'desktop'],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, path] of pages) {
      const res = await page.goto(`${stack.webUrl}${path}`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).toContain("style-src 'self';");
      await expectAccessibleAndBranded(page);
      if (label === 'phone') await expectNoHorizontalOverflow(page);
      const file = await shot(page, `${name}-${label}`);
      expect(isPng(file)).toBe(true);
    }
  }
  await context.close();
  await Promise.all(
    [...started.slice(1), waiting].map((s) =>
      client.workflow.getHandle(s.workflowId).terminate('end of test'),
    ),
  );
});

test("an officer's request for more time: staff are told with a link to the step, and grant it there in one click", async () => {
  await startComplaint(
    stack.env.client,
    stack.taskQueue,
    seedCase({ caseReference: 'NCPCR/2026/ASK/1' }),
    DEFAULT_PROCEDURE,
  );
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Notice NCPCR/2026/ASK/1'),
  );
  const asked = new URLSearchParams({
    action: 'request-extension',
    reason: 'The platform has not yet answered our notice',
    requestedDate: '2030-01-15',
  });
  const posted = await fetch(answerLinkIn(notice!), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: asked.toString(),
    redirect: 'manual',
  });
  expect(posted.status).toBe(303);
  const [alert] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('More time asked: NCPCR/2026/ASK/1'),
  );
  // The alert links straight to the step on the complaint's page (the stack's alerts name a test console).
  const alertUrl = new URL(/Open the complaint: (\S+)/.exec(alert!.text ?? '')![1]!);
  expect(alertUrl.pathname.endsWith('/complaint-NCPCR-2026-ASK-1')).toBe(true);
  expect(alertUrl.hash).toBe('#step-delhi-police-notice');
  const stepUrl = `${stack.webUrl}/staff/complaints/complaint-NCPCR-2026-ASK-1${alertUrl.hash}`;

  const page = await browser.newPage();
  await signIn(page);
  await page.goto(stepUrl);
  const grant = page.getByRole('button', { name: "Grant the officer's request: due 2030-01-15" });
  await Promise.all([page.waitForLoadState('load'), grant.click()]);
  await page.getByText('Extended on').first().waitFor();
  const state = await stack.env.client.workflow.getHandle('complaint-NCPCR-2026-ASK-1').query(getComplaint);
  const step = state.respondents[0]!.steps[0]!;
  expect(step.dueAt.slice(0, 10)).toBe('2030-01-15');
  expect(step.extensions).toEqual([
    expect.objectContaining({
      reason: "At the officer's request: The platform has not yet answered our notice",
    }),
  ]);
  // Granted: the button is gone, and the officer is told of the new deadline.
  expect(await grant.count()).toBe(0);
  await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Deadline extended NCPCR/2026/ASK/1'),
  );
  await page.close();
});
