// Adding a respondent and transferring one track, through the real parts (issue 25, points 2 and 3): staff use the
// CLI; the added respondent's officer receives its notice; the body receives the letter and the case papers as a
// PDF, opens its link and acknowledges receipt with one button; `complaint show` and the staff page show the whole
// history. The dev server, worker, SMTP sink, records and web app run as in production.
import type { ParsedMail } from 'mailparser';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint } from '../../workflows/messages';
import { seedCase, SUBSIDIARY } from '../helpers/fixtures';
import { pdfText } from '../helpers/pdf-text';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const REF = 'NCPCR/2026/TRANSFER/1';
const BODY_EMAIL = 'kscpcr@karnataka.example';
const about = (m: ParsedMail) => m.subject?.includes(REF) ?? false;
const to = (address: string) => (m: ParsedMail) => about(m) && JSON.stringify(m.to ?? '').includes(address);

test('staff add a respondent and transfer its track from the CLI; the body acknowledges receipt through its link', async () => {
  const procedure = stack.writeJson('acknowledging.json', {
    ...DEFAULT_PROCEDURE,
    id: 'ncpcr-acknowledging',
    transfer: { acknowledgeWithin: { days: 5, kind: 'working' } },
  });
  const start = await stack.cli([
    'start',
    stack.writeJson('transfer-case.json', { ...seedCase(), caseReference: REF }),
    '--procedure',
    procedure,
  ]);
  expect(start).toMatchObject({ code: 0, stderr: '' });
  await stack.sink.waitForMessages(1, about);
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(complaintWorkflowId(REF));

  // A respondent file with a wrong field is refused by name, and nothing is added.
  const bad = await stack.cli([
    'respondent',
    'add',
    REF,
    '--file',
    stack.writeJson('bad-respondent.json', {
      ...SUBSIDIARY,
      officer: { ...SUBSIDIARY.officer, email: 'nope' },
    }),
    '--reason',
    'found responsible',
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('officer.email');
  const added = await stack.cli([
    'respondent',
    'add',
    REF,
    '--file',
    stack.writeJson('respondent.json', SUBSIDIARY),
    '--reason',
    'The platform hosted the material',
  ]);
  expect(added).toMatchObject({ code: 0, stderr: '' });
  expect(added.stdout).toContain(`${SUBSIDIARY.name} [${SUBSIDIARY.id}]`);
  await stack.sink.waitForMessages(1, to(SUBSIDIARY.officer.email));

  const transferred = await stack.cli([
    'transfer',
    REF,
    '--respondent',
    SUBSIDIARY.id,
    '--to',
    'Karnataka State Commission for Protection of Child Rights',
    '--email',
    BODY_EMAIL,
    '--address',
    'No. 4, Bhagwan Mahaveer Road',
    '--address',
    'Bengaluru 560001',
    '--reason',
    'The platform is registered in Karnataka',
  ]);
  expect(transferred).toMatchObject({ code: 0, stderr: '' });
  expect(transferred.stdout).toContain('transfer-1: the track of network-india transferred to Karnataka');
  const [letter] = (await stack.sink.waitForMessages(1, to(BODY_EMAIL))) as [ParsedMail];
  const pdf = letter.attachments.find((a) => a.contentType === 'application/pdf')!;
  expect(pdfText(pdf.content)).toContain(`Case papers / प्रकरण के कागज़ात: ${REF}`);

  // The body's page: one button; pressing it records the acknowledgement, once.
  const link = answerLinkIn(letter);
  const page = await (await fetch(link)).text();
  expect(page).toContain('Acknowledge receipt');
  expect((await handle.query(getComplaint)).transfers?.[0]?.acknowledgedAt).toBeUndefined();
  const ack = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=acknowledge-transfer',
    redirect: 'manual',
  });
  expect(ack.status).toBe(303);
  expect(await (await fetch(link)).text()).toContain('Receipt acknowledged');
  expect((await handle.query(getComplaint)).transfers?.[0]?.acknowledgedAt).toBeDefined();

  // The whole history stays readable: the CLI and the staff page.
  const show = await stack.cli(['show', REF]);
  expect(show.stdout).toContain('acknowledged');
  expect(show.stdout).toContain('the complainant is to be told of the transfer');
  expect(show.stdout).toMatch(/step notice \(notice\) closed \(transferred\)/);
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const staffPage = await (
    await fetch(`${stack.webUrl}/staff/complaints/${encodeURIComponent(complaintWorkflowId(REF))}`, {
      headers: { cookie },
    })
  ).text();
  expect(staffPage).toContain('Transfers and added respondents');
  expect(staffPage).toContain('Acknowledged');
  expect(staffPage).toContain('Transfer to another body');

  // The dashboard's form adds a respondent too; one already there is refused by name, nothing added.
  const csrf = /name="_csrf" value="([^"]+)"/.exec(staffPage)![1]!;
  const pageUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(complaintWorkflowId(REF))}`;
  const addForm = (respondentId: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      _csrf: csrf,
      respondentId,
      respondentName: 'Department of Education, Delhi',
      officerName: 'Director of Education',
      officerDesignation: 'Director',
      officerEmail: 'director@edudel.example',
      demands: 'Report on the school named in the complaint\nName the officer responsible',
      reason: 'The school is run by the Department',
    }).toString(),
    redirect: 'manual' as const,
  });
  const duplicate = await fetch(`${pageUrl}/respondent-add`, addForm('delhi-police'));
  expect(duplicate.status).toBe(400);
  expect(await duplicate.text()).toContain('respondent.id: delhi-police is already a respondent');
  expect((await fetch(`${pageUrl}/respondent-add`, addForm('education-delhi'))).status).toBe(303);
  const [notice] = (await stack.sink.waitForMessages(1, to('director@edudel.example'))) as [ParsedMail];
  expect(notice.text).toContain('Name the officer responsible');
});
