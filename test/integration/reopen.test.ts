// Reopening through the real parts (issue 25): staff withdraw a complaint, reopen it with `complaint reopen`, the
// officer gets the reopened notice, `complaint show` lists the lives and `--life 1` reads the first; a second
// reopening is refused. Closed again, staff reopen it from the dashboard's form, from a summons. The dev server,
// worker, SMTP sink, records and web app run as in production; `complaint reproject` rebuilds its records, lives too.
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

const REF = 'NCPCR/2026/REOPEN/1';
const about = (m: ParsedMail) => m.subject?.includes(REF) ?? false;
const form = (fields: Record<string, string>, cookie: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

async function closedRun(): Promise<void> {
  const handle = stack.env.client.workflow.getHandle(complaintWorkflowId(REF));
  for (let i = 0; (await handle.describe()).status.name === 'RUNNING'; i++) {
    if (i > 200) throw new Error('the complaint never closed');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('withdrawn, reopened by the CLI: a new notice, the lives shown, the first life readable; then reopened on the dashboard from a summons', async () => {
  const start = await stack.cli([
    'start',
    stack.writeJson('reopen.json', { ...seedCase(), caseReference: REF }),
  ]);
  expect(start).toMatchObject({ code: 0, stderr: '' });
  await stack.sink.waitForMessages(1, about);
  const withdraw = await stack.cli(['withdraw', REF, '--reason', 'The complainant withdrew']);
  expect(withdraw.code).toBe(0);
  await closedRun();

  // Reopened from the CLI: a fresh notice, saying why.
  const why = 'The complainant renewed the complaint with new evidence';
  const reopened = await stack.cli(['reopen', REF, '--reason', why, '--by', 'registrar']);
  expect(reopened).toMatchObject({ code: 0, stderr: '' });
  expect(reopened.stdout).toContain(`Reopened complaint ${REF}: life 2`);
  expect(reopened.stdout).toMatch(/Life 1: started .*; closed \(withdrawn\) on .*: The complainant withdrew/);
  expect(reopened.stdout).toContain(`Life 2: reopened on`);
  expect(reopened.stdout).toContain(`by registrar because ${why} (from notice); open now`);
  const [renewed] = (await stack.sink.waitForMessages(
    1,
    (m) => about(m) && (m.subject?.startsWith('Notice (reopened)') ?? false),
  )) as [ParsedMail];
  expect(renewed.text).toContain(why);
  expect(renewed.text).toContain('इस शिकायत को पुनः खोला है');
  // The officer's link opens the new step, which says so too.
  const officerPage = await (await fetch(answerLinkIn(renewed))).text();
  expect(officerPage).toContain(`The Commission reopened this complaint on`);
  expect(officerPage).toContain(why);

  const show = await stack.cli(['show', REF]);
  expect(show.stdout).toMatch(/step notice \(notice\) closed \(withdrawn\)\n/);
  expect(show.stdout).toContain('step notice-2 (notice) open [life 2]');
  const first = await stack.cli(['show', REF, '--life', '1']);
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/closed \(withdrawn\) on .*: The complainant withdrew/);
  expect(first.stdout).toContain('step notice (notice) closed (withdrawn)');
  expect(first.stdout).not.toContain('notice-2');
  expect(await stack.cli(['show', REF, '--life', '3'])).toMatchObject({
    code: 2,
    stderr: 'error: life: must be a life of this complaint, 1 to 2\n',
  });
  // It runs: a second reopening is refused, naming the field, and starts nothing.
  const again = await stack.cli(['reopen', REF, '--reason', 'Twice']);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain(`caseReference: complaint ${REF} is not closed: it is still running`);

  // Disposed of, then reopened on the dashboard from a summons.
  expect((await stack.cli(['dispose', REF, '--reason', 'Handled by the State Commission'])).code).toBe(0);
  await closedRun();
  const cookie = (await stack.signInStaff()).map((c) => c.split(';')[0]).join('; ');
  const workflowId = complaintWorkflowId(REF);
  const pageUrl = `${stack.webUrl}/staff/complaints/${encodeURIComponent(workflowId)}`;
  const closedPage = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(closedPage).toContain('Reopen the complaint');
  expect(closedPage).toContain('Lives of this complaint');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(closedPage)![1]!;
  const bare = await fetch(`${pageUrl}/reopen`, form({ _csrf: csrf, reason: ' ', from: 'summons' }, cookie));
  expect(bare.status).toBe(400);
  expect(await bare.text()).toContain('reason: is required');
  const done = await fetch(
    `${pageUrl}/reopen`,
    form({ _csrf: csrf, reason: 'The State Commission sent it back', from: 'summons' }, cookie),
  );
  expect(done.status).toBe(303);
  const [summons] = (await stack.sink.waitForMessages(
    1,
    (m) => about(m) && (m.subject?.startsWith('Summons (reopened)') ?? false),
  )) as [ParsedMail];
  expect(summons.text).toContain('The State Commission sent it back');
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(workflowId);
  const state = await handle.query(getComplaint);
  expect(state.lives?.map((l) => [l.life, l.closure?.kind ?? null])).toEqual([
    [1, 'withdrawn'],
    [2, 'disposed'],
    [3, null],
  ]);
  const reopenedPage = await (await fetch(pageUrl, { headers: { cookie } })).text();
  expect(reopenedPage).toContain('Stage: <strong>summons</strong>');
  expect(reopenedPage).toMatch(
    /Life 3: reopened on .* because The State Commission sent it back \(from summons\); open now/,
  );
  expect(reopenedPage).toContain('Close the complaint');
  expect(reopenedPage).toMatch(/summons <span class="muted">summons · life 3<\/span>/);
  expect(reopenedPage).toContain('<p>Reopened: The State Commission sent it back</p>');

  // The records rebuilt from the complaint: the same identity (the first life's first run), its lives, open.
  const identity = state.lives![0]!.runId;
  expect((await stack.records.complaint(workflowId))?.first_run_id).toBe(identity);
  for (const table of ['complaints', 'steps', 'notices', 'complaint_lives'] as const)
    await stack.records.db.deleteFrom(table).where('workflow_id', '=', workflowId).execute();
  expect((await stack.cli(['reproject', REF])).code).toBe(0);
  expect(
    await stack.records.db
      .selectFrom('complaints')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .execute(),
  ).toEqual([expect.objectContaining({ first_run_id: identity, closure_kind: null })]);
  expect((await stack.records.livesOf(workflowId)).map((l) => [l.life, l.previous_closure_kind])).toEqual([
    [2, 'withdrawn'],
    [3, 'disposed'],
  ]);
  await stack.cli(['dispose', REF, '--reason', 'Done']);
});
