// The staff CLI as staff run it (the built `complaint` bin in a subprocess) against the real dev server and
// worker: list with filters, show, extend, accept, return, hearing, withdraw, and a resumable import.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/project-root';
import { encryptionCodec } from '../../lib/temporal/data-converter';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { seedCase, SUBSIDIARY, immediateSummons } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function start(
  reference: string,
  extra: Record<string, unknown> = {},
  procedure?: unknown,
): Promise<string> {
  const args = [
    'start',
    stack.writeJson(`${encodeURIComponent(reference)}.json`, {
      ...seedCase(),
      caseReference: reference,
      ...extra,
    }),
  ];
  if (procedure)
    args.push('--procedure', stack.writeJson(`${encodeURIComponent(reference)}-procedure.json`, procedure));
  const r = await stack.cli(args);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return complaintWorkflowId(reference);
}

async function cli(...args: string[]) {
  return stack.cli(args);
}

/** Visibility is eventually consistent: list until `ok` holds. */
async function listUntil(args: string[], ok: (rows: { caseReference: string; stage: string }[]) => boolean) {
  for (let i = 0; ; i++) {
    const r = await cli('list', ...args, '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { caseReference: string; stage: string; overdue: boolean }[];
    if (ok(rows) || i > 50) return rows;
    await new Promise((res) => setTimeout(res, 200));
  }
}

async function answer(workflowId: string, respondentId: string, stepId: string, atrText: string) {
  const handle = stack.env.client.workflow.getHandle(workflowId);
  await handle.executeUpdate(submitAnswer, { args: [{ respondentId, stepId, atrText }] });
}

test('list filters by stage, respondent and case reference; show prints the timeline', async () => {
  const one = await start('CLI/LIST/1');
  await start('CLI/LIST/2', { respondents: [SUBSIDIARY] });
  await answer(one, 'delhi-police', 'notice', 'FIR registered');

  let rows = await listUntil(
    ['--search', 'CLI/LIST'],
    (r) => r.length === 2 && r.some((x) => x.stage === 'review'),
  );
  expect(rows.map((r) => [r.caseReference, r.stage]).sort()).toEqual([
    ['CLI/LIST/1', 'review'],
    ['CLI/LIST/2', 'notice'],
  ]);
  rows = await listUntil(['--search', 'CLI/LIST', '--respondent', SUBSIDIARY.id], (r) => r.length === 1);
  expect(rows.map((r) => r.caseReference)).toEqual(['CLI/LIST/2']);
  rows = await listUntil(['--search', 'CLI/LIST', '--stage', 'review'], (r) => r.length === 1);
  expect(rows.map((r) => r.caseReference)).toEqual(['CLI/LIST/1']);

  const table = await cli('list', '--search', 'CLI/LIST');
  expect(table.stdout.split('\n')[0]).toMatch(
    /^CASE REFERENCE\s+STAGE\s+OPEN\s+OVERDUE\s+COMPLIANCE\s+NEXT DEADLINE/,
  );
  expect(table.stdout).toContain('CLI/LIST/2');

  const show = await cli('show', 'CLI/LIST/1');
  expect(show.code).toBe(0);
  expect(show.stdout).toContain('CLI/LIST/1: Child sexual abuse material');
  expect(show.stdout).toContain('step notice (notice) answered');
  expect(show.stdout).toContain('answered ');
  expect(show.stdout).toMatch(/sent notice \[notice\] to commissioner@delhipolice\.example/);
  expect(show.stdout).not.toContain('coming up'); // answered: the clock waits for review
  // An open notice: what is still to come, soonest first, in the commission's zone.
  const open = await cli('show', 'CLI/LIST/2');
  expect(open.stdout).toMatch(
    /coming up: due-soon reminder to the officer, \w+day \d+ \w+ \d{4}, 10:00 \(Asia\/Kolkata, UTC\+05:30\)/,
  );
  expect(open.stdout).toMatch(/coming up: deadline for the answer, \w+day .*, 17:00 /);
  expect(open.stdout).toContain('coming up: the lapse issues an overdue reminder with a fresh deadline, ');
  const openJson = JSON.parse((await cli('show', 'CLI/LIST/2', '--json')).stdout) as {
    upcoming: { kind: string; at: string }[];
  };
  expect(openJson.upcoming.map((e) => e.kind)).toEqual(['due-soon-reminder', 'deadline', 'escalation']);

  // What admins read in the Temporal UI: a summary and details without names, and named message activities.
  const description = await stack.env.client.workflow.getHandle(one).describe();
  expect(await description.staticSummary()).toBe(
    'Complaint CLI/LIST/1 (1 respondent(s), procedure ncpcr-seven-days)',
  );
  const details = (await description.staticDetails())!;
  expect(details).toContain('**Respondents** delhi-police');
  expect(details).not.toContain('Commissioner');
  const history = await stack.env.client.workflow.getHandle(one).fetchHistory();
  const sealed = (history.events ?? [])
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendOfficerMessage')
    .map((e) => e.userMetadata!.summary!);
  // Summaries are payloads like any other: encrypted, and read through the codec.
  const [summary] = await encryptionCodec(loadConfig({})).decode(sealed.slice(0, 1));
  expect(JSON.parse(Buffer.from(summary!.data!).toString())).toBe('notice v1 to delhi-police [notice]');

  const bad = await cli('list', '--due-before', '2021-02-30');
  expect(bad).toMatchObject({ code: 2, stderr: 'error: dueBefore: must be a date as YYYY-MM-DD\n' });
  const badStage = await cli('list', '--stage', 'nowhere');
  expect(badStage.code).not.toBe(0);
  expect(badStage.stderr).toContain(
    'Allowed choices are notice, reminder, summons, review, closed, withdrawn, disposed, transferred',
  );
  const unknown = await cli('show', 'NO/SUCH/1');
  expect(unknown).toMatchObject({ code: 2, stderr: 'error: caseReference: no complaint NO/SUCH/1\n' });
});

test('extend, accept, return and withdraw from the CLI, with bad input named and refused', async () => {
  const id = await start('CLI/STEER/1');
  const handle = stack.env.client.workflow.getHandle<typeof complaintWorkflow>(id);
  let before = (await handle.query(getComplaint)).respondents[0]!.steps[0];
  for (let i = 0; i < 100 && !before; i++) {
    await new Promise((r) => setTimeout(r, 100));
    before = (await handle.query(getComplaint)).respondents[0]!.steps[0];
  }
  if (!before) throw new Error('the notice step never opened');

  const badDate = await cli(
    'extend',
    'CLI/STEER/1',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--until',
    '2021-13-01',
    '--reason',
    'x',
  );
  expect(badDate).toMatchObject({ code: 2, stderr: 'error: until: must be a date as YYYY-MM-DD\n' });
  const earlier = await cli(
    'extend',
    'CLI/STEER/1',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--until',
    '2000-01-01',
    '--reason',
    'x',
  );
  expect(earlier.code).toBe(2);
  expect(earlier.stderr).toContain(`until: must be later than the current due date ${before.dueDate}`);

  const until = new Date(Date.parse(before.dueAt) + 7 * 86_400_000).toISOString().slice(0, 10);
  const extended = await cli(
    'extend',
    'CLI/STEER/1',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--until',
    until,
    '--reason',
    'Data awaited',
    '--json',
  );
  expect(extended.code).toBe(0);
  const state = JSON.parse(extended.stdout) as {
    respondents: { steps: { dueDate: string; version: number; extensions: { reason: string }[] }[] }[];
  };
  expect(state.respondents[0]!.steps[0]).toMatchObject({
    dueDate: until,
    version: 2,
    extensions: [{ reason: 'Data awaited' }],
  });

  const tooEarly = await cli('accept', 'CLI/STEER/1', '-r', 'delhi-police', '-s', 'notice');
  expect(tooEarly).toMatchObject({
    code: 2,
    stderr: 'error: stepId: step notice is open, with no answer to review\n',
  });
  await answer(id, 'delhi-police', 'notice', 'Partial report');
  const returned = await cli(
    'return',
    'CLI/STEER/1',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--missing',
    'The FIR copy',
  );
  expect(returned.code).toBe(0);
  expect(returned.stdout).toContain('step follow-up (follow-up) open');
  await answer(id, 'delhi-police', 'follow-up', 'FIR copy attached');
  const accepted = await cli(
    'accept',
    'CLI/STEER/1',
    '-r',
    'delhi-police',
    '-s',
    'follow-up',
    '--note',
    'Complete',
  );
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain('accepted on');
  expect((await handle.result()).closure.kind).toBe('resolved');
  // Closed is closed: an action on the completed complaint says so, with when (not "no complaint").
  const again = await cli('accept', 'CLI/STEER/1', '-r', 'delhi-police', '-s', 'follow-up');
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(
    /^error: complaint CLI\/STEER\/1 is closed \(resolved on \d{1,2} \w+ \d{4}\)\n$/,
  );

  await start('CLI/STEER/2');
  const noReason = await cli('withdraw', 'CLI/STEER/2', '--reason', '  ');
  expect(noReason).toMatchObject({ code: 2, stderr: 'error: reason: is required\n' });
  const withdrawn = await cli('withdraw', 'CLI/STEER/2', '--reason', 'The complainant withdrew');
  expect(withdrawn.code).toBe(0);
  expect(withdrawn.stdout).toContain('closed (withdrawn)');
  // Each respondent's track shows closed at once, and any later action says when and why.
  expect(withdrawn.stdout).toMatch(/\[delhi-police\] closed/);
  const late = await cli(
    'extend',
    'CLI/STEER/2',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--until',
    '2099-01-01',
    '--reason',
    'More time',
  );
  expect(late.code).toBe(2);
  expect(late.stderr).toMatch(
    /complaint CLI\/STEER\/2 is closed \(withdrawn on \d{1,2} \w+ \d{4}: The complainant withdrew\)/,
  );
});

test('hearing: reschedule a summons from the CLI; an outcome before the hearing day is refused', async () => {
  const id = await start('CLI/HEARING/1', {}, immediateSummons(6));
  const handle = stack.env.client.workflow.getHandle(id);
  let summons;
  for (let i = 0; i < 300 && !summons; i++) {
    summons = (await handle.query(getComplaint)).respondents[0]!.steps.find((s) => s.kind === 'summons');
    if (!summons) await new Promise((r) => setTimeout(r, 100));
  }
  if (!summons) throw new Error('the summons never came');

  const early = await cli(
    'hearing',
    'CLI/HEARING/1',
    '-r',
    'delhi-police',
    '-s',
    'summons',
    '--outcome',
    'close',
    '--appeared',
  );
  expect(early.code).toBe(2);
  expect(early.stderr).toContain(`stepId: the hearing on ${summons.dueDate} has not taken place yet`);
  const neither = await cli('hearing', 'CLI/HEARING/1', '-r', 'delhi-police', '-s', 'summons');
  expect(neither).toMatchObject({
    code: 2,
    stderr: 'error: outcome: give either --outcome or --reschedule\n',
  });

  const date = new Date(Date.parse(summons.dueAt) + 3 * 86_400_000).toISOString().slice(0, 10);
  const moved = await cli(
    'hearing',
    'CLI/HEARING/1',
    '-r',
    'delhi-police',
    '-s',
    'summons',
    '--reschedule',
    '--date',
    date,
    '--time',
    '15:30',
    '--reason',
    'Bench unavailable',
    '--json',
  );
  expect(moved.code).toBe(0);
  const step = (
    JSON.parse(moved.stdout) as {
      respondents: {
        steps: { kind: string; dueDate: string; hearing: { rescheduled: { reason: string }[] } }[];
      }[];
    }
  ).respondents[0]!.steps.find((s) => s.kind === 'summons')!;
  expect(step).toMatchObject({ dueDate: date, hearing: { rescheduled: [{ reason: 'Bench unavailable' }] } });
  await handle.terminate('end of test');
});

test('import from JSON Lines and CSV: all rows checked first, and a rerun skips what is already started', async () => {
  const lines = [1, 2, 3].map((n) => JSON.stringify({ ...seedCase(), caseReference: `CLI/IMPORT/${n}` }));
  const jsonl = join(stack.dir, 'import.jsonl');
  writeFileSync(jsonl, lines.join('\n') + '\n');

  const badPath = join(stack.dir, 'bad.jsonl');
  writeFileSync(
    badPath,
    [
      lines[0],
      JSON.stringify({ ...seedCase(), caseReference: 'CLI/IMPORT/9', receivedOn: 'yesterday' }),
    ].join('\n'),
  );
  const bad = await cli('import', badPath);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('line 2: receivedOn: must be a date as YYYY-MM-DD');
  expect(bad.stderr).toContain('nothing was started');

  await start('CLI/IMPORT/2');
  const first = await cli('import', jsonl, '--json');
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toEqual({
    started: expect.arrayContaining(['CLI/IMPORT/1', 'CLI/IMPORT/3']) as unknown,
    skipped: ['CLI/IMPORT/2'],
  });
  expect(first.stderr).toContain('[########################] 3/3');
  const again = await cli('import', jsonl);
  expect(again).toMatchObject({
    code: 0,
    stdout: 'Imported 3 complaints: started 0, skipped 3 already started\n',
  });
  const rows = await listUntil(['--search', 'CLI/IMPORT'], (r) => r.length === 3);
  expect(rows.map((r) => r.caseReference).sort()).toEqual(['CLI/IMPORT/1', 'CLI/IMPORT/2', 'CLI/IMPORT/3']);

  const csv = join(stack.dir, 'import.csv');
  writeFileSync(
    csv,
    [
      'caseReference,subject,categories,receivedOn,summary,commissionName,commissionEmail,respondentId,respondentName,officerName,officerDesignation,officerEmail,demands',
      'CLI/CSV/1,"CSAM shared, reported",POCSO Act;IT Act,2021-05-29,Summary,NCPCR,complaints@ncpcr.example,delhi-police,Delhi Police,The Commissioner,Commissioner of Police,commissioner@delhipolice.example,Register an FIR;Send the ATR',
      `CLI/CSV/1,"CSAM shared, reported",POCSO Act,2021-05-29,Summary,NCPCR,complaints@ncpcr.example,${SUBSIDIARY.id},${SUBSIDIARY.name},Grievance Officer,Resident Grievance Officer,${SUBSIDIARY.officer.email},Share account details`,
    ].join('\n'),
  );
  const imported = await cli('import', csv);
  expect(imported).toMatchObject({
    code: 0,
    stdout: 'Imported 1 complaints: started 1, skipped 0 already started\n',
  });
  const state = await stack.env.client.workflow.getHandle('complaint-CLI-CSV-1').query(getComplaint);
  expect(state.subject).toBe('CSAM shared, reported');
  expect(state.respondents.map((r) => r.respondentId)).toEqual(['delhi-police', SUBSIDIARY.id]);
});

test("a procedure's holiday calendar is resolved into dates in the complaint's input when it starts", async () => {
  const procedure = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'procedures', 'working-days-india.json'), 'utf8'),
  ) as { rules: { holidayCalendar: Record<string, unknown> } };
  procedure.rules.holidayCalendar = { country: 'IN', except: [`${new Date().getUTCFullYear()}-12-25`] };
  const id = await start('CLI/HOLIDAYS/1', {}, procedure);
  const history = await stack.env.client.workflow.getHandle(id).fetchHistory();
  const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
  const [input] = await encryptionCodec(loadConfig({})).decode(started.input!.payloads!);
  const { procedure: frozen } = JSON.parse(Buffer.from(input!.data!).toString()) as {
    procedure: { rules: { holidays: string[]; holidayCalendar: { resolvedYears: [number, number] } } };
  };
  const year = new Date().getUTCFullYear();
  // India's national holidays, this year and the next, are in the history: no library update can move them.
  expect(frozen.rules.holidays).toEqual(
    expect.arrayContaining([`${year}-01-26`, `${year}-08-15`, `${year + 1}-10-02`]),
  );
  expect(frozen.rules.holidays).not.toContain(`${year}-12-25`);
  expect(frozen.rules.holidayCalendar.resolvedYears).toEqual([year - 1, year + 4]);
  await stack.env.client.workflow.getHandle(id).terminate('end of test');
});

test('text from outside reaches the staff terminal escaped, never as control sequences; --json stays exact', async () => {
  // An officer's answer that would retitle the window, clear the screen, return to the line's start and
  // reverse the text that follows, if printed raw.
  const hostile = 'FIR registered\u001b]0;pwned\u0007\u001b[2J\r\u202eevil\u0085 done';
  const id = await start('CLI/ESC/1');
  // The notice step opens once the complaint has planned it.
  for (let i = 0; ; i++) {
    const state = await stack.env.client.workflow.getHandle(id).query(getComplaint);
    if (state.respondents[0]?.steps.length || i > 100) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await answer(id, 'delhi-police', 'notice', hostile);
  // The answer is kept as the officer sent it (its line breaks normalised): --json shows it exactly.
  const json = JSON.parse((await cli('show', 'CLI/ESC/1', '--json')).stdout) as {
    respondents: { steps: { answers: { atrText: string }[] }[] }[];
  };
  const stored = json.respondents[0]!.steps[0]!.answers[0]!.atrText;
  expect(stored).toContain('\u001b]0;pwned\u0007\u001b[2J');
  expect(stored).toContain('\u202eevil\u0085 done');
  // The timeline shows every control character as a visible escape.
  const show = await cli('show', 'CLI/ESC/1');
  expect(show.code).toBe(0);
  // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
  expect(show.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(show.stdout).toContain('FIR registered\\u{1b}]0;pwned\\u{7}\\u{1b}[2J');
  expect(show.stdout).toContain('\\u{202e}evil\\u{85} done');
});

test('references that differ only in / and - or in case are separate complaints, each acted on alone', async () => {
  const slash = await start('REF/2026/1');
  const hyphen = await start('REF-2026-1');
  const lower = await start('ref/2026/1');
  expect(new Set([slash, hyphen, lower]).size).toBe(3);
  // A command on one acts on that one only.
  const extended = await cli(
    'extend',
    'REF-2026-1',
    '-r',
    'delhi-police',
    '-s',
    'notice',
    '--until',
    '2099-01-05',
    '--reason',
    'asked',
    '--json',
  );
  expect(extended.code).toBe(0);
  const states = await Promise.all(
    [slash, hyphen, lower].map((id) => stack.env.client.workflow.getHandle(id).query(getComplaint)),
  );
  expect(states.map((s) => s.caseReference)).toEqual(['REF/2026/1', 'REF-2026-1', 'ref/2026/1']);
  expect(states.map((s) => s.respondents[0]!.steps[0]!.extensions.length)).toEqual([0, 1, 0]);
  expect((await cli('show', 'REF-2026-1')).stdout).toMatch(/^REF-2026-1: /);
  // A Unicode look-alike is refused by name, and nothing starts.
  const lookalike = await cli(
    'start',
    stack.writeJson('lookalike.json', { ...seedCase(), caseReference: 'RЕF/2026/1' }),
  );
  expect(lookalike.code).toBe(2);
  expect(lookalike.stderr).toContain('caseReference: must be 3 to 64 letters, digits');
});
