// A conditional summons through the real parts (issue 25): a procedure whose summons comes seconds after the
// notice (a deadline of 0 days at a due time to the second), the summons letter stating the condition, staff
// changing the cut-off with the CLI (refused naming the field first) and in Chromium on the complaint's page, the
// officer answering through the summons'
// link, staff accepting on the dashboard, the officer emailed the hearing's cancellation with a calendar CANCEL of
// the invitation's UID. The dev server, worker, SMTP sink, records and web app run as in production.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint } from '../../workflows/messages';
import { seedCase } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
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

const REF = 'NCPCR/2026/DISPENSED/1';
const ZONE = 'Asia/Kolkata';
const form = (fields: Record<string, string>, cookie?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});
const titled = (title: string) => (m: ParsedMail) =>
  (m.subject?.startsWith(title) ?? false) && (m.subject?.includes(REF) ?? false);
const calendarOf = (m: ParsedMail) => {
  const part = m.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')) as unknown[]);
  const event = calendar.getFirstSubcomponent('vevent')!;
  return [
    calendar.getFirstPropertyValue('method'),
    event.getFirstPropertyValue('uid'),
    event.getFirstPropertyValue('status'),
  ];
};

test('the summons states its condition; staff change the cut-off; the report accepted by it cancels the hearing', async () => {
  // The notice falls due 25 seconds after it goes out; its lapse issues the summons: hearing 3 days on, cut-off 1 before.
  const dueTime = DateTime.now().setZone(ZONE).plus({ seconds: 25 }).toFormat('HH:mm:ss');
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'summons-in-seconds',
    rules: { ...DEFAULT_PROCEDURE.rules, dueTime },
    steps: [
      {
        id: 'notice',
        kind: 'notice',
        recipient: 'officer',
        answerWithin: { days: 0, kind: 'calendar' },
        dueSoonReminderBefore: null,
        onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
      },
      {
        id: 'summons',
        kind: 'summons',
        recipient: 'summoned-officer',
        hearingAfter: { days: 3, kind: 'calendar' },
        hearingTime: '11:00',
        dispensation: { reportBefore: { days: 1, kind: 'calendar' } },
      },
    ],
    followUp: {
      ...DEFAULT_PROCEDURE.followUp,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    },
  };
  const start = await stack.cli([
    'start',
    stack.writeJson('dispensed.json', { ...seedCase(), caseReference: REF }),
    '--procedure',
    stack.writeJson('summons-in-seconds.json', procedure),
  ]);
  expect(start).toMatchObject({ code: 0, stderr: '' });
  const workflowId = complaintWorkflowId(REF);
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(workflowId);
  const [summons] = (await stack.sink.waitForMessages(1, titled('Summons'), 90_000)) as [ParsedMail];
  expect(summons.text).toContain('However, if the Action Taken Report is received on or before');
  expect(summons.text).toContain('व्यक्तिगत उपस्थिति से छूट दी जाएगी');
  const [, uid] = calendarOf(summons);
  let step = (await handle.query(getComplaint)).respondents[0]!.steps[1]!;
  expect(step.hearing!.dispensation).toMatchObject({ setBy: 'procedure' });
  const shown = await stack.cli(['show', REF]);
  expect(shown.stdout).toContain('condition: appearance dispensed with if the report is received by');

  // Staff move the cut-off with the CLI: on the hearing's day it is refused naming the field, and nothing changes.
  const at = ['-r', 'delhi-police', '-s', 'summons'];
  const refused = await stack.cli([
    'summons',
    'dispensation',
    REF,
    ...at,
    '--cut-off',
    step.dueDate,
    '--reason',
    'x',
  ]);
  expect(refused).toMatchObject({
    code: 2,
    stderr: `error: cutOff: must be before the hearing's day (${step.dueDate})\n`,
  });
  // The day after the summons' (the procedure counted the day before the hearing, two days after it).
  const cutOff = DateTime.fromISO(step.issuedOn).plus({ days: 1 }).toISODate()!;
  const set = await stack.cli([
    'summons',
    'dispensation',
    REF,
    ...at,
    '--cut-off',
    cutOff,
    '--reason',
    'Report promised by the DCP',
    '--json',
  ]);
  expect(set).toMatchObject({ code: 0, stderr: '' });
  step = (JSON.parse(set.stdout) as { respondents: { steps: (typeof step)[] }[] }).respondents[0]!.steps[1]!;
  expect(step.hearing!.dispensation).toMatchObject({ cutOffDate: cutOff, setBy: 'staff' });
  const [told] = (await stack.sink.waitForMessages(1, titled('Condition of the summons'))) as [ParsedMail];
  expect(told.text).toContain('Report promised by the DCP');
  expect(told.text).toContain('समन की शर्त');

  // In Chromium, staff move the cut-off a day on from the complaint's page (the form beside the hearing's).
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const pageUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(workflowId)}`;
  const context = await browser.newContext();
  await context.addCookies(
    cookie.split('; ').map((c) => {
      const [name, ...value] = c.split('=');
      return { name: name!, value: value.join('='), url: stack.webUrl };
    }),
  );
  const tab = await context.newPage();
  await tab.goto(pageUrl);
  const later = DateTime.fromISO(step.issuedOn).plus({ days: 2 }).toISODate()!;
  const dispensationForm = tab.locator('form[action$="/dispensation"]');
  await dispensationForm.getByLabel('Report cut-off (appearance dispensed with if accepted)').fill(later);
  await dispensationForm.getByLabel('Reason').fill('The DCP asked for one more day');
  await Promise.all([
    tab.waitForURL(/\/staff\/complaints\//),
    dispensationForm.getByRole('button', { name: 'Set the cut-off' }).click(),
  ]);
  await tab.waitForLoadState();
  expect(await tab.textContent('main')).toContain(`cut-off set to ${later}`);
  await context.close();
  step = (await handle.query(getComplaint)).respondents[0]!.steps[1]!;
  expect(step.hearing!.dispensation).toMatchObject({ cutOffDate: later, setBy: 'staff' });
  expect(step.hearing!.dispensationChanges).toHaveLength(2);

  // The officer sends the report through the summons' link; staff see the condition and accept on the dashboard.
  expect(await (await fetch(answerLinkIn(summons))).text()).toContain(
    'and accepted by the Commission, your personal appearance shall be dispensed with',
  );
  const posted = await fetch(
    answerLinkIn(summons),
    form({ atrText: 'FIR 12/2026 registered; the accused arrested', action: 'answer' }),
  );
  expect(posted.status).toBe(303);
  const page = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(page).toContain('condition: appearance dispensed with if the report is received by');
  expect(page).toContain('Set the cut-off');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const accepted = await fetch(
    `${pageUrl}/accept`,
    form({ _csrf: csrf, respondentId: 'delhi-police', stepId: 'summons' }, cookie),
  );
  expect(accepted.status).toBe(303);
  step = (await handle.query(getComplaint)).respondents[0]!.steps[1]!;
  expect(step).toMatchObject({ status: 'closed', closedAs: 'dispensed' });
  const [dispensed] = (await stack.sink.waitForMessages(1, titled('Personal appearance dispensed with'))) as [
    ParsedMail,
  ];
  expect(calendarOf(dispensed)).toEqual(['CANCEL', uid, 'CANCELLED']);
  const after = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(after).toContain('closed (dispensed)');
  expect(after).toMatch(/hearing dispensed with on .*: the report came by the cut-off/);
});
