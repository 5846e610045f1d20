// The first end-to-end slice, through every real hop: staff start the seed complaint with the CLI (a
// subprocess) on the real Temporal dev server; the worker sends the notice over SMTP to a real SMTP server;
// the officer follows the emailed link to the web app, answers, and the answer is recorded in the database.
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { getComplaint, reviewAnswer } from '../../workflows/messages';
import { runCli } from '../helpers/cli';
import { SEED_CASE_PATH, seedCase, immediateSummons, recordsEventually } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let env: Stack['env'];
let sink: Stack['sink'];
let records: Stack['records'];
let dir: string;
let taskQueue: string;

beforeAll(async () => {
  stack = await startStack();
  ({ env, sink, records, dir, taskQueue } = stack);
});

afterAll(() => stack?.stop());

const cliEnv = () => ({
  TEMPORAL_ADDRESS: env.address,
  TEMPORAL_NAMESPACE: 'default',
  TASK_QUEUE: taskQueue,
});

async function startFromCli(caseFilePath: string): Promise<{ workflowId: string }> {
  const result = await runCli(['start', caseFilePath, '--json'], cliEnv());
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as { workflowId: string };
}

const writeCaseFile = (name: string, data: unknown) => stack.writeJson(name, data);

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

test('the seed complaint: CLI start → notice by SMTP → link → answer form → recorded → complaint closed', async () => {
  const { workflowId } = await startFromCli(SEED_CASE_PATH);
  expect(workflowId).toBe('complaint-NCPCR-2021-05-0291');
  const seed = seedCase();
  const officer = seed.respondents[0]!.officer;

  // The message that arrived: headers, both parts, the link.
  const [notice] = (await sink.waitForMessages(
    1,
    (m) => m.subject?.includes(seed.caseReference) ?? false,
  )) as [ParsedMail];
  expect(notice.to).toMatchObject({ value: [{ address: officer.email, name: officer.name }] });
  expect(notice.from?.value[0]?.address).toBe('notices@ncpcr.example');
  expect(notice.messageId).toMatch(/^<[0-9a-f]{40}@ncpcr\.example>$/);
  expect(notice.subject).toContain(`Notice ${seed.caseReference}`);
  expect(notice.text).toContain('Send an Action Taken Report');
  const link = answerLinkIn(notice);
  expect(notice.html).toContain(`href="${link}"`);

  // GET shows the task and the form, and changes nothing (mail scanners open links too).
  const page = await fetch(link);
  expect(page.status).toBe(200);
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  const body = await page.text();
  expect(body).toContain(seed.caseReference);
  expect(body).toContain('Submit answer');
  // What is still to come for the officer, in the commission's zone.
  expect(body).toContain('Coming up:');
  expect(body).toMatch(
    /<li>\w+day \d+ \w+ \d{4}, 17:00 \(Asia\/Kolkata, UTC\+05:30\): deadline for the answer<\/li>/,
  );
  const handle = env.client.workflow.getHandle(workflowId);
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('open');

  // Only a POST with the explicit choice acts.
  const answer = {
    atrText: 'An FIR was registered on 29 June 2021 under the POCSO Act and the IT Act.',
    firNumber: 'FIR 0123/2021',
    firDate: '2021-06-29',
  };
  const posted = await fetch(link, form({ ...answer, action: 'answer' }));
  expect(posted.status).toBe(303);
  expect(new URL(posted.headers.get('location')!, link).toString()).toBe(link);
  const confirmation = await (await fetch(link)).text();
  expect(confirmation).toContain('Your answer was recorded on');
  expect(confirmation).toContain('FIR 0123/2021');
  expect(confirmation).toContain('The Commission is reviewing it.');
  expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('answered');

  // Staff accept it: the step closes and the workflow completes; the record is in the database.
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
  });
  expect(await handle.result()).toMatchObject({
    caseReference: seed.caseReference,
    closure: { kind: 'resolved' },
  });
  expect(await (await fetch(link)).text()).toContain('The Commission accepted it on');
  const rows = await recordsEventually(() => records.answersFor(workflowId), 1);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    respondent_id: 'delhi-police',
    step_id: 'notice',
    review_decision: 'accept',
    atr_text: answer.atrText,
    fir_number: answer.firNumber,
    fir_date: answer.firDate,
  });

  // A double submission after the step closed is recorded once.
  expect((await fetch(link, form({ ...answer, atrText: 'second click', action: 'answer' }))).status).toBe(
    303,
  );
  expect(await records.answersFor(workflowId)).toHaveLength(1);
  // One notice; one receipt to the officer; one alert to the commission's staff (those two in either order);
  // once accepted, one word to the officer that it was.
  await sink.waitForMessages(
    1,
    (m) => m.subject?.startsWith(`Answer accepted ${seed.caseReference}:`) ?? false,
  );
  const mails = sink.messages.filter((m) => m.subject?.includes(seed.caseReference));
  expect(
    mails
      .map((m) => [
        m.subject!.split(' ').slice(0, 2).join(' '),
        m.to && 'value' in m.to ? m.to.value[0]!.address : '',
      ])
      .sort(),
  ).toEqual([
    ['Answer accepted', officer.email],
    ['Answer received', officer.email],
    ['Answer to', 'complaints@ncpcr.example'],
    [`Notice ${seed.caseReference}:`, officer.email],
  ]);
});

test('a tampered link gets a plain refusal page and touches nothing; a form without the explicit choice does nothing; the officer can ask for more time', async () => {
  const caseFile = { ...seedCase(), caseReference: 'NCPCR/2021/06/0007' };
  const { workflowId } = await startFromCli(writeCaseFile('tamper.json', caseFile));
  const [notice] = (await sink.waitForMessages(
    1,
    (m) => m.subject?.includes('NCPCR/2021/06/0007') ?? false,
  )) as [ParsedMail];
  const link = answerLinkIn(notice);
  const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');

  for (const response of [
    await fetch(tampered),
    await fetch(tampered, form({ atrText: 'forged', action: 'answer' })),
  ]) {
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('This link is not valid');
    expect(text).not.toContain('NCPCR/2021/06/0007');
  }
  const noChoice = await fetch(link, form({ atrText: 'draft' }));
  expect(noChoice.status).toBe(400);
  const empty = await fetch(link, form({ atrText: '  ', action: 'answer' }));
  expect(empty.status).toBe(400);
  expect(await empty.text()).toContain('atrText: the Action Taken Report is required');

  let state = await env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.status).toBe('open');
  expect(state.respondents[0]!.steps[0]!.extensionRequests).toEqual([]);
  expect(await records.answersFor(workflowId)).toEqual([]);

  // Asking for more time is recorded once, however often the form is sent.
  const ask = {
    reason: 'Awaiting the platform <script>data</script>',
    requestedDate: '2030-01-15',
    action: 'request-extension',
  };
  expect((await fetch(link, form(ask))).status).toBe(303);
  expect((await fetch(link, form(ask))).status).toBe(303);
  state = await env.client.workflow.getHandle(workflowId).query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.extensionRequests).toEqual([
    expect.objectContaining({ reason: ask.reason, requestedDate: '2030-01-15' }),
  ]);
  const page = await (await fetch(link)).text();
  expect(page).toContain('You asked for more time on');
  expect(page).toContain('&lt;script&gt;data&lt;/script&gt;');
  expect(page).not.toContain('<script>data</script>');
});

test('a summons link: the named officer sees the hearing and acknowledges it', async () => {
  const caseFile = { ...seedCase(), caseReference: 'NCPCR/2021/06/0008' };
  const started = await runCli(
    [
      'start',
      writeCaseFile('summons.json', caseFile),
      '--procedure',
      writeCaseFile('immediate.json', immediateSummons(8)),
    ],
    cliEnv(),
  );
  expect(started).toMatchObject({ code: 0, stderr: '' });
  const [summons] = (await sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Summons NCPCR/2021/06/0008'),
  )) as [ParsedMail];
  expect(summons.to).toMatchObject({ value: [{ address: 'dcp.cybercell@delhipolice.example' }] });
  const link = answerLinkIn(summons);
  const page = await (await fetch(link)).text();
  expect(page).toContain('You are summoned to appear in person');
  expect(page).toContain('Acknowledge summons');
  expect((await fetch(link, form({ action: 'acknowledge' }))).status).toBe(303);
  const after = await (await fetch(link)).text();
  expect(after).toContain('You acknowledged this summons on');
  expect(after).not.toContain('Acknowledge summons</button>');
  const state = await env.client.workflow.getHandle('complaint-NCPCR-2021-06-0008').query(getComplaint);
  const step = state.respondents[0]!.steps.find((s) => s.kind === 'summons')!;
  expect(step.hearing!.acknowledgedAt).toBeDefined();
  expect(state.stage).toBe('summons');
});

test('the CLI refuses a bad case file or a duplicate case reference, naming the field, and starts nothing', async () => {
  const bad = {
    ...seedCase(),
    receivedOn: '2021-02-30',
    respondents: [{ ...seedCase().respondents[0], officer: { name: 'x', designation: 'y', email: 'nope' } }],
  };
  const invalid = await runCli(['start', writeCaseFile('bad.json', bad)], cliEnv());
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain('receivedOn: must be a date as YYYY-MM-DD');
  expect(invalid.stderr).toContain('respondents[0].officer.email: must be an email address');

  const missing = await runCli(['start', join(dir, 'no-such-file.json')], cliEnv());
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/cannot be read \(ENOENT\)/);

  const duplicate = await runCli(['start', SEED_CASE_PATH], cliEnv());
  expect(duplicate.code).toBe(2);
  expect(duplicate.stderr).toContain(
    'caseReference: a complaint NCPCR/2021/05/0291 has already been started',
  );

  const started = [];
  for await (const wf of env.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
    started.push(wf.workflowId);
  expect(started.sort()).toEqual([
    'complaint-NCPCR-2021-05-0291',
    'complaint-NCPCR-2021-06-0007',
    'complaint-NCPCR-2021-06-0008',
  ]);
});
