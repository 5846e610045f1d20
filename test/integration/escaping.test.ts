// HTML, script and CR/LF in every text field of a case: escaped in the officer's email and pages and in the
// staff dashboard, never able to add a header to an email; single-line fields refuse CR/LF outright.
import type { ParsedMail } from 'mailparser';
import { redactTokens } from '../../client/web/app';
import { answerLinkIn } from '../helpers/smtp-sink';
import { seedCase } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const evil = (field: string) =>
  `<script>alert('${field}')</script><img src=x onerror=alert(1)> "${field}" & more`;

test('every text field is escaped in the email, the officer page and the staff page', async () => {
  const seed = seedCase();
  const caseFile = {
    ...seed,
    caseReference: 'ESC/2026/1',
    subject: evil('subject'),
    categories: [evil('category')],
    summary: evil('summary'),
    commission: { name: evil('commission'), email: 'complaints@ncpcr.example' },
    respondents: [
      {
        ...seed.respondents[0]!,
        name: evil('respondent'),
        officer: {
          name: evil('officer'),
          designation: evil('designation'),
          email: 'commissioner@delhipolice.example',
        },
        demands: [`${evil('demand')}\r\nBcc: attacker@example.com`],
      },
    ],
  };
  const started = await stack.cli(['start', stack.writeJson('evil.json', caseFile)]);
  expect(started.code).toBe(0);
  const [mail] = (await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Notice ESC/2026/1'),
  )) as [ParsedMail];

  expect(mail.html).not.toMatch(/<script|<img/);
  expect(mail.html).toContain('&lt;script&gt;alert(&#39;officer&#39;)&lt;/script&gt;');
  expect(mail.headers.has('bcc')).toBe(false);
  expect(mail.bcc).toBeUndefined();
  expect(mail.subject).toContain(evil('subject'));

  const page = await (await fetch(answerLinkIn(mail))).text();
  expect(page).not.toMatch(/<script|<img/);
  expect(page).toContain('&lt;script&gt;alert(&#39;demand&#39;)&lt;/script&gt;');

  // The staff page of the complaint, signed in.
  const session = (await stack.signInStaff()).find((c) => c.startsWith('cd_staff='))!.split(';')[0]!;
  const staffPage = await (
    await fetch(`${stack.webUrl}/staff/complaints/complaint-ESC-2026-1`, { headers: { cookie: session } })
  ).text();
  expect(staffPage).toContain('ESC/2026/1');
  expect(staffPage).not.toMatch(/<script|<img/);
});

test('CR/LF in a single-line field (names, designations, subject) is refused, naming the field', async () => {
  const seed = seedCase();
  const caseFile = {
    ...seed,
    caseReference: 'ESC/2026/2',
    respondents: [
      {
        ...seed.respondents[0]!,
        officer: { ...seed.respondents[0]!.officer, name: 'A\r\nBcc: attacker@example.com' },
      },
    ],
  };
  const refused = await stack.cli(['start', stack.writeJson('crlf.json', caseFile)]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('respondents[0].officer.name: must be a single line');
});

test("request logs never carry an officer's token", () => {
  expect(redactTokens('/answer/WyJhMSJd.abc?x=1')).toBe('/answer/[token]?x=1');
  expect(redactTokens('/staff/complaints/complaint-X')).toBe('/staff/complaints/complaint-X');
});
