// Official letters through every real hop: staff start the seed complaint with the CLI (a subprocess) on the real
// Temporal dev server, with the NCPCR procedure file (English and Hindi); the worker's notice reaches a real SMTP
// server with the letter attached as a PDF, read back by pdftotext; its link, in the email only, opens the
// officer's page. A procedure naming a language there is no letter for is refused by the CLI, and nothing starts.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import { loadConfig } from '../../lib/config';
import { SEED_CASE_PATH, seedCase } from '../helpers/fixtures';
import { pdfText } from '../helpers/pdf-text';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const PROCEDURE = join(PROJECT_ROOT, 'procedures', 'ncpcr-seven-days.json');

test('the seed notice, started from the CLI, arrives with its letter as a PDF; the link is in the email only', async () => {
  const started = await stack.cli(['start', SEED_CASE_PATH, '--procedure', PROCEDURE, '--json']);
  expect(started).toMatchObject({ code: 0, stderr: '' });
  const seed = seedCase();
  const [notice] = (await stack.sink.waitForMessages(
    1,
    (m) => m.subject?.includes(seed.caseReference) ?? false,
  )) as [ParsedMail];

  const link = answerLinkIn(notice);
  expect(notice.html).toContain(`href="${link}"`);
  expect(notice.text).toContain('सेवा में'); // the body carries the letter in both languages too
  const pdfs = notice.attachments.filter((a) => a.contentType === 'application/pdf');
  expect(pdfs).toHaveLength(1);
  expect(pdfs[0]!.filename).toBe('notice-NCPCR-2021-05-0291-delhi-police-notice-1.pdf');
  const text = pdfText(pdfs[0]!.content);

  // Received on 29 May 2021, long past: the notice is issued today, in Kolkata, and due seven days later.
  const today = DateTime.now().setZone(DEFAULT_PROCEDURE.rules.timeZone);
  const { signatory } = loadConfig({}).commission;
  for (const expected of [
    'Case reference / संदर्भ सं.: NCPCR/2021/05/0291',
    `Date of issue / दिनांक: ${today.toFormat('d LLLL yyyy')}`,
    `Deadline: ${today.plus({ days: 7 }).toFormat('cccc d LLLL yyyy')}, 17:00 (Asia/Kolkata, UTC+05:30)`,
    'The Commissioner Commissioner of Police Delhi Police',
    '3. Send an Action Taken Report',
    'section 13(1)(j) of the Commissions for Protection of Child Rights Act, 2005',
    'बालक अधिकार संरक्षण आयोग अधिनियम, 2005 की धारा 13(1)(ञ)',
    `${signatory.name} ${signatory.designationHi} ${signatory.designation}`,
  ])
    expect(text).toContain(expected);
  expect(text).not.toContain(stack.webUrl);
  expect(text).not.toContain('/answer/');

  // The link works: the officer's page opens.
  const page = await fetch(link);
  expect(page.status).toBe(200);
});

test('a procedure naming an unknown language is refused, naming the field, and nothing starts', async () => {
  const procedure = stack.writeJson('french.json', { ...DEFAULT_PROCEDURE, languages: ['en', 'fr'] });
  const caseFile = stack.writeJson('case.json', { ...seedCase(), caseReference: 'NCPCR/2026/LANG/1' });
  const refused = await stack.cli(['start', caseFile, '--procedure', procedure]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('languages[1]: must be "en" (English) or "hi" (Hindi)');
  const shown = await stack.cli(['show', 'NCPCR/2026/LANG/1']);
  expect(shown.code).not.toBe(0);
  expect(stack.sink.messages.filter((m) => m.subject?.includes('NCPCR/2026/LANG/1'))).toHaveLength(0);
});
