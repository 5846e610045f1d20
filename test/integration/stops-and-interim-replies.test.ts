// Clocks that stop and interim replies, through the real parts (issue 24): the officer acts through their emailed
// link, staff are alerted by email and decide on the dashboard (a form POST with the session and its CSRF token) or
// the CLI, `complaint show` and both pages show what happened, the officer is emailed the outcome. The dev server,
// worker, SMTP sink, records, blob store and web app run as in production.
import type { ParsedMail } from 'mailparser';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint } from '../../workflows/messages';
import { seedCase } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const REF = 'NCPCR/2026/CLOCK/1';
const form = (fields: Record<string, string>, cookie?: string) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    ...(cookie ? { cookie } : {}),
  },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});
const about = (m: ParsedMail) => m.subject?.includes(REF) ?? false;

test('an officer asks that the clock stop; staff approve it on the dashboard; the CLI restarts it; everyone sees the ledger', async () => {
  const start = await stack.cli([
    'start',
    stack.writeJson('clock.json', { ...seedCase(), caseReference: REF }),
  ]);
  expect(start).toMatchObject({ code: 0, stderr: '' });
  const workflowId = complaintWorkflowId(REF);
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(workflowId);
  const [notice] = (await stack.sink.waitForMessages(1, about)) as [ParsedMail];
  const link = answerLinkIn(notice);

  // The officer's page offers the request (the NCPCR procedure lets officers ask); a request without what they
  // wait for is refused naming the field, and changes nothing.
  expect(await (await fetch(link)).text()).toContain('Ask that the clock stop');
  const bare = await fetch(link, form({ action: 'request-clock-stop', grounds: 'awaiting-information' }));
  expect(bare.status).toBe(400);
  expect(await bare.text()).toContain('details: is required');
  const ask = {
    action: 'request-clock-stop',
    grounds: 'awaiting-information',
    details: "We asked the complainant for the child's school records",
  };
  expect((await fetch(link, form(ask))).status).toBe(303);
  let step = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(step.clockStopRequests).toEqual([expect.objectContaining({ grounds: 'awaiting-information' })]);
  const [alert] = (await stack.sink.waitForMessages(
    1,
    (m) => about(m) && (m.subject?.startsWith('Clock stop asked') ?? false),
  )) as [ParsedMail];
  expect(alert.text).toContain('school records');

  // Staff see the request on the complaint's page and approve it in one click.
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const pageUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(workflowId)}`;
  const staffPage = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(staffPage).toContain('waiting for the commission&#39;s decision');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(staffPage)![1]!;
  const approved = await fetch(
    `${pageUrl}/clock-approve`,
    form({ _csrf: csrf, respondentId: 'delhi-police', stepId: 'notice' }, cookie),
  );
  expect(approved.status).toBe(303);
  step = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(step.clockStops).toEqual([
    expect.objectContaining({ askedByOfficer: true, grounds: 'awaiting-information' }),
  ]);
  const stoppedPage = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(stoppedPage).toContain('Restart the clock');
  expect(stoppedPage).toMatch(/clock stopped from \w+ \d+ \w+ \d{4} \(awaiting information: We asked/);

  // `complaint show` prints the ledger; the CLI restarts the clock (the same day: no day left uncounted).
  const shown = await stack.cli(['show', REF]);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/clock stopped from .*; stands stopped, restarts by itself on /);
  const refused = await stack.cli([
    'clock',
    'stop',
    REF,
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--grounds',
    'fee',
  ]);
  expect(refused).toMatchObject({
    code: 2,
    stderr: 'error: stepId: the clock of step notice is already stopped\n',
  });
  const restarted = await stack.cli([
    'clock',
    'restart',
    REF,
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--json',
  ]);
  expect(restarted.code).toBe(0);
  const after = JSON.parse(restarted.stdout) as { respondents: { steps: (typeof step)[] }[] };
  const ledger = after.respondents[0]!.steps[0]!.clockStops![0]!;
  expect(ledger).toMatchObject({ days: 0, dueAtBefore: step.dueAt, dueAtAfter: step.dueAt });
  expect(ledger.restartedAt).toBeDefined();

  // The officer is told of the stop and the restart (with the deadline), in English and Hindi; their page shows it.
  const told = await stack.sink.waitForMessages(
    2,
    (m) => about(m) && /^Clock (stopped|restarted)/.test(m.subject ?? ''),
  );
  expect(told.map((m) => m.subject?.split(' ')[1])).toEqual(['stopped', 'restarted']);
  expect(told[1]!.text).toContain('New deadline:');
  expect(told[1]!.text).toContain('नई समय-सीमा');
  const officerPage = await (await fetch(link)).text();
  expect(officerPage).toContain('The clock of this step');
  expect(officerPage).toMatch(/restarted on .*: no day left uncounted/);
  // Asked, approved and spent: the request the procedure allows once more stays on offer (two of three left).
  expect(officerPage).toContain('Ask that the clock stop');
});

test('an interim reply with a document: staff told, the date accepted on the dashboard, the document kept and served', async () => {
  const ref = 'NCPCR/2026/INTERIM/1';
  const start = await stack.cli([
    'start',
    stack.writeJson('interim.json', { ...seedCase(), caseReference: ref }),
  ]);
  expect(start).toMatchObject({ code: 0, stderr: '' });
  const workflowId = complaintWorkflowId(ref);
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(workflowId);
  const mine = (m: ParsedMail) => m.subject?.includes(ref) ?? false;
  const [notice] = (await stack.sink.waitForMessages(1, mine)) as [ParsedMail];
  const link = answerLinkIn(notice);
  const before = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(await (await fetch(link)).text()).toContain('Send an interim reply');

  const expectedDate = new Date(Date.parse(before.dueAt) + 10 * 86_400_000).toISOString().slice(0, 10);
  const body = new FormData();
  body.append('action', 'interim-reply');
  body.append('reason', 'The forensic laboratory has not yet reported');
  body.append('expectedDate', expectedDate);
  const pdf =
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% lab letter\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  body.append('attachments', new Blob([pdf], { type: 'application/pdf' }), 'lab-letter.pdf');
  expect((await fetch(link, { method: 'POST', body, redirect: 'manual' })).status).toBe(303);
  let step = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(step.interimReplies).toEqual([
    expect.objectContaining({
      expectedDate,
      attachments: [expect.objectContaining({ fileName: 'lab-letter.pdf' })],
    }),
  ]);
  expect(step.dueAt).toBe(before.dueAt); // the NCPCR procedure only records it
  await stack.sink.waitForMessages(1, (m) => mine(m) && (m.subject?.startsWith('Interim reply:') ?? false));
  expect(await (await fetch(link)).text()).toContain('waiting for the commission&#39;s decision on the date');

  // Staff accept the date in one click; the document is served from the complaint's page.
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const pageUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(workflowId)}`;
  const staffPage = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(staffPage).toContain(`Accept the expected date: due ${expectedDate}`);
  const sha = step.interimReplies![0]!.attachments![0]!.sha256;
  const file = await fetch(`${pageUrl}/attachments/${sha}`, { headers: { cookie } });
  expect(file.status).toBe(200);
  expect(await file.text()).toBe(pdf);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(staffPage)![1]!;
  const accepted = await fetch(
    `${pageUrl}/interim-accept`,
    form({ _csrf: csrf, respondentId: 'delhi-police', stepId: 'notice' }, cookie),
  );
  expect(accepted.status).toBe(303);
  step = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(step.dueDate).toBe(expectedDate);
  expect(step.interimReplies![0]!.decision).toMatchObject({ accepted: true });
  const [told] = await stack.sink.waitForMessages(
    1,
    (m) => mine(m) && (m.subject?.startsWith('Expected date accepted') ?? false),
  );
  expect(told!.text).toContain('New deadline:');
  const shown = await stack.cli(['show', ref]);
  expect(shown.stdout).toMatch(
    /interim reply on .*: The forensic laboratory has not yet reported; report expected by .* \(1 document\); deadline moved from .* to .*; the date accepted on /,
  );
  // Decided: the CLI finds nothing more to decide, and says so by name.
  const again = await stack.cli(['interim', 'refuse', ref, '-r', 'delhi-police', '-s', 'notice']);
  expect(again).toMatchObject({
    code: 2,
    stderr: 'error: stepId: no interim reply on step notice waits for a decision\n',
  });
});
