// Recommendations followed to compliance, through the real parts (issue 25, point 4): staff record a recommendation
// with the CLI, its letter reaches the officer, its proof of compliance falls due and lapses on the real clock;
// `complaint list --compliance-overdue` (a search attribute on the dev server) and the dashboard's list (the
// records) show it; the officer sends the proof through the link, with a document; staff accept it with the CLI.
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
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

const REF = 'NCPCR/2026/COMPLY/1';
const OTHER = 'NCPCR/2026/COMPLY/2';

/** The NCPCR procedure, but a recommendation's proof falls due `seconds` from now and, lapsed, waits for staff. */
function proofDueSoon(seconds: number): Procedure {
  const zone = DEFAULT_PROCEDURE.rules.timeZone;
  const now = DateTime.now().setZone(zone);
  const due = now.plus({ seconds });
  const days = Math.round(due.startOf('day').diff(now.startOf('day'), 'days').days);
  return {
    ...DEFAULT_PROCEDURE,
    id: 'proof-due-soon',
    rules: { ...DEFAULT_PROCEDURE.rules, dueTime: due.toFormat('HH:mm:ss') },
    compliance: {
      answerWithin: { days, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    },
  };
}

async function listed(args: string[]): Promise<{ caseReference: string; complianceOverdue: boolean }[]> {
  const r = await stack.cli(['list', '--search', 'NCPCR/2026/COMPLY/', '--json', ...args]);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as { caseReference: string; complianceOverdue: boolean }[];
}

/** Reads until `done` holds (the lapse is on the real clock; visibility and the records are a moment behind). */
async function until<T>(read: () => Promise<T>, done: (x: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const x = await read();
    if (done(x) || i > 300) return x;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The proof falls due 30 seconds after the test starts: time for two starts and the CLI's refusal, on a busy machine.
jest.setTimeout(240_000);

test('the CLI records a recommendation; its proof lapses; `list --compliance-overdue` and the dashboard show it; proof sent through the link, accepted', async () => {
  const procedure = stack.writeJson('proof-due-soon.json', proofDueSoon(30));
  for (const ref of [REF, OTHER]) {
    const started = await stack.cli([
      'start',
      stack.writeJson(`${ref.replace(/\//g, '-')}.json`, { ...seedCase(), caseReference: ref }),
      '--procedure',
      procedure,
    ]);
    expect(started).toMatchObject({ code: 0, stderr: '' });
  }
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(complaintWorkflowId(REF));

  // A recommendation without its proof is refused naming the field, and changes nothing.
  const bad = await stack.cli(['recommend', REF, '-r', 'delhi-police', '--what', 'Pay interim relief']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('recommendations[0].proof: is required');
  expect((await handle.query(getComplaint)).respondents[0]!.recommendations).toBeUndefined();

  const recorded = await stack.cli([
    'recommend',
    REF,
    '-r',
    'delhi-police',
    '--what',
    "Pay interim relief of Rs 50,000 to the child's family",
    '--proof',
    'Proof of payment',
    '--by',
    'registrar',
  ]);
  expect(recorded).toMatchObject({ code: 0, stderr: '' });
  expect(recorded.stdout).toContain('step compliance (compliance) open');
  expect(recorded.stdout).toContain('recommendation R1 pending (step compliance)');
  const [letter] = (await stack.sink.waitForMessages(
    1,
    (m) => m.subject?.startsWith(`Recommendation: proof of compliance ${REF}:`) ?? false,
  )) as [ParsedMail];
  expect(letter.text).toContain('Proof of compliance due: Proof of payment');
  expect(letter.text).toContain('अपेक्षित अनुपालन प्रमाण: Proof of payment');

  // Its date passes: the step lapses and waits for staff. The CLI lists the complaint as compliance overdue, the
  // other complaint (no recommendation) only in the full list.
  const lapsed = await until(
    () => handle.query(getComplaint),
    (s) => s.respondents[0]!.steps.some((x) => x.kind === 'compliance' && x.overdue),
  );
  expect(lapsed.respondents[0]!.steps.find((x) => x.stepId === 'compliance')).toMatchObject({
    status: 'open',
    overdue: true,
  });
  const overdue = await until(
    () => listed(['--compliance-overdue']),
    (rows) => rows.length > 0,
  );
  expect(overdue.map((r) => [r.caseReference, r.complianceOverdue])).toEqual([[REF, true]]);
  expect((await listed([])).map((r) => r.caseReference).sort()).toEqual([REF, OTHER]);
  const table = await stack.cli(['list', '--search', 'NCPCR/2026/COMPLY/', '--compliance-overdue']);
  expect(table.stdout.split('\n')[0]).toMatch(/OVERDUE\s+COMPLIANCE/);
  expect(table.stdout).toContain(REF);
  expect(table.stdout).not.toContain(OTHER);

  // The dashboard's list: the compliance column, and its filter (the records DB).
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const listPage = async (query: string) => {
    const res = await fetch(
      `${stack.webUrl}/staff?search=${encodeURIComponent('NCPCR/2026/COMPLY/')}${query}`,
      {
        headers: { cookie },
      },
    );
    return { status: res.status, text: await res.text() };
  };
  const cellOf = (page: string, ref: string) => {
    const row = page.split('<tr').find((tr) => tr.includes(`>${ref}</a>`)) ?? '';
    return /data-label="Compliance">([\s\S]*?)<\/td>/
      .exec(row)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .trim();
  };
  const all = await until(
    () => listPage(''),
    (p) => cellOf(p.text, REF)?.includes('overdue') ?? false,
  );
  expect(all.text).toContain('<th scope="col">Compliance</th>');
  expect(cellOf(all.text, REF)).toMatch(/^1 pending 1 overdue since \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
  expect(cellOf(all.text, OTHER)).toBe('none');
  const filtered = await listPage('&compliance=overdue');
  expect(filtered.text).toContain(`>${REF}</a>`);
  expect(filtered.text).not.toContain(`>${OTHER}</a>`);
  const bogus = await listPage('&compliance=late');
  expect(bogus.status).toBe(400);
  expect(bogus.text).toContain('compliance: must be one of pending, overdue, or absent');

  // The officer's page asks for proof of compliance; the proof, with a document, through the link.
  const link = answerLinkIn(letter);
  const officerPage = await (await fetch(link)).text();
  expect(officerPage).toContain('Your proof of compliance');
  expect(officerPage).toContain('Proof of compliance due: Proof of payment');
  const body = new FormData();
  body.append('action', 'answer');
  body.append('atrText', 'Relief paid by bank transfer; the receipt is attached');
  body.append(
    'attachments',
    new Blob([Buffer.from('%PDF-1.4\n% receipt\n%%EOF\n')], { type: 'application/pdf' }),
    'receipt.pdf',
  );
  expect((await fetch(link, { method: 'POST', body, redirect: 'manual' })).status).toBe(303);
  await stack.sink.waitForMessages(
    1,
    (m) => m.subject?.startsWith(`Proof of compliance received ${REF}`) ?? false,
  );
  const step = (await handle.query(getComplaint)).respondents[0]!.steps.find(
    (s) => s.stepId === 'compliance',
  )!;
  expect(step.answers[0]!.attachments).toEqual([expect.objectContaining({ fileName: 'receipt.pdf' })]);

  const accepted = await stack.cli([
    'accept',
    REF,
    '-r',
    'delhi-police',
    '-s',
    'compliance',
    '--by',
    'registrar',
  ]);
  expect(accepted).toMatchObject({ code: 0, stderr: '' });
  expect(accepted.stdout).toMatch(/recommendation R1 complied on /);
  await until(
    () => listed(['--compliance-overdue']),
    (rows) => rows.length === 0,
  ).then((rows) => expect(rows).toEqual([]));

  for (const ref of [REF, OTHER])
    expect(await stack.cli(['dispose', ref, '--reason', 'Test over'])).toMatchObject({ code: 0 });
});
