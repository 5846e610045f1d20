// `complaint holidays add` as staff run it (the built bin in a subprocess) against the real dev server, worker and
// records: the procedure's file gains the holiday, each running complaint of it is told, the report lists the
// deadline that moved; a rerun moves nothing and tells nobody twice.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';
import type { RolloutReport } from '../../client/holiday-rollout';

let stack: Stack;
let proceduresDir: string;
const previousDir = process.env.PROCEDURES_DIR;
beforeAll(async () => {
  stack = await startStack();
  proceduresDir = join(stack.dir, 'procedures');
  mkdirSync(proceduresDir);
  process.env.PROCEDURES_DIR = proceduresDir; // the CLI's subprocess inherits it
});
afterAll(async () => {
  if (previousDir === undefined) delete process.env.PROCEDURES_DIR;
  else process.env.PROCEDURES_DIR = previousDir;
  await stack?.stop();
});

const PROCEDURE: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'working-days-cli',
  steps: DEFAULT_PROCEDURE.steps.map((s) =>
    s.id === 'notice' && s.kind === 'notice'
      ? { ...s, answerWithin: { days: 5, kind: 'working' }, dueSoonReminderBefore: null }
      : s,
  ),
};

/** The first weekday after `date` (the procedure has no holidays yet). */
const nextWeekday = (date: string) => {
  let d = DateTime.fromISO(date).plus({ days: 1 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toISODate()!;
};

test('holidays add moves the running complaint whose deadline it touches; a rerun moves nothing and tells nobody twice', async () => {
  const file = join(proceduresDir, 'working-days-cli.json');
  stack.writeJson('procedures/working-days-cli.json', PROCEDURE);
  for (const ref of ['HOL/CLI/1', 'HOL/CLI/2']) {
    const caseFile = stack.writeJson(`${encodeURIComponent(ref)}.json`, {
      ...seedCase(),
      caseReference: ref,
      receivedOn: todayInCommissionZone(),
    });
    expect(await stack.cli(['start', caseFile, '--procedure', file])).toMatchObject({ code: 0 });
  }
  const first = stack.env.client.workflow.getHandle(complaintWorkflowId('HOL/CLI/1'));
  const second = stack.env.client.workflow.getHandle(complaintWorkflowId('HOL/CLI/2'));
  // Registered, and each notice out (its records row, then its step).
  for (const h of [first, second])
    for (let i = 0; !(await h.query(getComplaint)).respondents[0]!.messages.length; i++) {
      if (i > 100) throw new Error(`${h.workflowId}: no notice`);
      await new Promise((r) => setTimeout(r, 100));
    }
  // The second complaint's officer has answered: its step waits for review, no deadline to move.
  await second.executeUpdate(submitAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: 'FIR registered' }],
  });
  const before = await first.query(getComplaint);
  const holiday = nextWeekday(todayInCommissionZone());

  const bad = await stack.cli(['holidays', 'add', '2021-6-10', '--name', 'x', '--procedure', PROCEDURE.id]);
  expect(bad).toMatchObject({ code: 2, stderr: 'error: date: must be a date as YYYY-MM-DD\n' });
  const unknown = await stack.cli(['holidays', 'add', holiday, '--name', 'x', '--procedure', 'nope']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain(`error: procedure: no procedure nope in ${proceduresDir}`);

  const added = await stack.cli([
    'holidays',
    'add',
    holiday,
    '--name',
    'Foundation Day',
    '--procedure',
    PROCEDURE.id,
    '--json',
  ]);
  expect(added.code).toBe(0);
  expect(added.stderr).toContain('2/2 complaints');
  const report = JSON.parse(added.stdout) as RolloutReport;
  const from = before.respondents[0]!.steps[0]!.dueAt;
  const fromDate = DateTime.fromISO(from, { zone: 'Asia/Kolkata' }).toISODate()!;
  const to = DateTime.fromISO(`${nextWeekday(fromDate)}T17:00`, { zone: 'Asia/Kolkata' }).toUTC();
  expect(report).toMatchObject({ procedureId: PROCEDURE.id, complaints: 2, applied: 2, failed: [] });
  expect(report.moved).toEqual([
    {
      caseReference: 'HOL/CLI/1',
      respondentId: 'delhi-police',
      stepId: 'notice',
      from,
      to: to.toISO({ suppressMilliseconds: true }),
    },
  ]);
  // The file now names the holiday.
  const written = JSON.parse(readFileSync(file, 'utf8')) as Procedure;
  expect(written.rules.holidays).toEqual([holiday]);
  expect(written.rules.holidayNames).toEqual({ [holiday]: 'Foundation Day' });
  await stack.sink.waitForMessages(1, (m) => m.subject?.startsWith('Deadline moved HOL/CLI/1:') ?? false);

  // The timeline says so, and the explanation names the holiday as the procedure does.
  const show = await stack.cli(['show', 'HOL/CLI/1', '--explain']);
  expect(show.stdout).toMatch(
    /moved by the holidays on .* from .*; \d{4}-\d{2}-\d{2} declared \(Foundation Day\)/,
  );
  expect(show.stdout).toContain("Foundation Day, the commission's own holiday");

  // Again, as it stands: nothing moves, nobody is told twice.
  const rerun = await stack.cli(['holidays', 'apply', '--procedure', PROCEDURE.id]);
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toContain('applied to 0 of 2 running complaints; 2 had them already');
  expect(rerun.stdout).toContain('No deadline moved.');
  const moved = (await first.query(getComplaint)).respondents[0]!.steps[0]!;
  expect(moved).toMatchObject({ dueAt: report.moved[0]!.to, version: 2 });
  expect(stack.sink.messages.filter((m) => m.subject?.startsWith('Deadline moved '))).toHaveLength(1);
});
