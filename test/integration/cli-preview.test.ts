// `complaint preview` as staff run it: the built CLI in a subprocess, starting nothing (no server is running).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import { runCli } from '../helpers/cli';
import { SEED_CASE_PATH } from '../helpers/fixtures';

// Nothing listens here: a preview that tried to reach Temporal would fail.
const offline = { TEMPORAL_ADDRESS: '127.0.0.1:1' };
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'preview-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('prints the seed case schedule for people, issued on its day: notice, reminders, summons and hearing in Asia/Kolkata', async () => {
  const { code, stdout, stderr } = await runCli(
    ['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29'],
    offline,
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const lines = stdout.split('\n');
  expect(lines[0]).toBe(
    'Schedule of NCPCR/2021/05/0291 under procedure ncpcr-seven-days, if nobody answers:',
  );
  const row = (text: string) => lines.find((l) => l.includes(text));
  expect(row('Saturday 5 June 2021, 17:00')).toContain('deadline [notice]');
  expect(row('Tuesday 8 June 2021, 10:00')).toContain('overdue reminder sent [overdue-reminder]');
  expect(row('Tuesday 29 June 2021, 11:00')).toContain('hearing [summons]');
  expect(stdout).toContain('summons issued [summons]');
});

test('--explain prints under each deadline how it was computed, days off named, from the same planning', async () => {
  const seed = await runCli(['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29', '--explain'], offline);
  expect(seed).toMatchObject({ code: 0, stderr: '' });
  const lines = seed.stdout.split('\n').map((l) => l.trim());
  const deadline = lines.findIndex((l) => l.includes('deadline [notice]'));
  expect(lines.slice(deadline + 1, deadline + 4)).toEqual([
    'counted from Saturday 29 May 2021',
    '7 calendar days later: Saturday 5 June 2021',
    'due at 17:00 Asia/Kolkata on Saturday 5 June 2021: 2021-06-05T11:30:00Z',
  ]);
  // India's national calendar: Independence Day 2021 fell on a Sunday; Gandhi Jayanti on a Saturday. Issued
  // Friday 13 August: ten working days pass over two weekends and no weekday holiday, and say so.
  const working = await runCli(
    [
      'preview',
      SEED_CASE_PATH,
      '--issued-on',
      '2021-08-13',
      '--explain',
      '--procedure',
      join(PROJECT_ROOT, 'procedures', 'working-days-india.json'),
    ],
    offline,
  );
  expect(working).toMatchObject({ code: 0, stderr: '' });
  expect(working.stdout).toContain(
    '10 working days later: Friday 27 August 2021; passed over: Saturday 14 August 2021 (weekend), Sunday 15 August 2021 (weekend)',
  );
  // --json carries the derivation as data.
  const json = await runCli(
    ['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29', '--explain', '--json'],
    offline,
  );
  const preview = JSON.parse(json.stdout) as {
    respondents: { events: { kind: string; derivation?: unknown[] }[] }[];
  };
  expect(preview.respondents[0]!.events.find((e) => e.kind === 'deadline')!.derivation).toHaveLength(3);
});

test('the urgent procedure: hours from the moment the notice went out, the summons on the lapse, explained', async () => {
  const urgent = await runCli(
    [
      'preview',
      SEED_CASE_PATH,
      '--issued-on',
      '2021-06-07',
      '--explain',
      '--procedure',
      join(PROJECT_ROOT, 'procedures', 'urgent-48-hours.json'),
    ],
    offline,
  );
  expect(urgent).toMatchObject({ code: 0, stderr: '' });
  const lines = urgent.stdout.split('\n').map((l) => l.trim());
  const row = (text: string) => lines.find((l) => l.includes(text));
  expect(lines[0]).toContain('under procedure urgent-48-hours');
  expect(row('Tuesday 8 June 2021, 10:00')).toContain('due-soon reminder sent [notice]');
  expect(row('Thursday 10 June 2021, 10:00')).toBeUndefined();
  const deadline = lines.findIndex((l) => l.includes('deadline [notice]'));
  expect(lines[deadline]).toContain('Wednesday 9 June 2021, 10:00 (Asia/Kolkata, UTC+05:30)');
  expect(lines.slice(deadline + 1, deadline + 4)).toEqual([
    'counted from Monday 7 June 2021, 10:00 (Asia/Kolkata, UTC+05:30), the moment the message went out (the complaint was received on Saturday 29 May 2021: hours count from the message, not from that day)',
    '48 elapsed hours later (every hour of the clock, none skipped): Wednesday 9 June 2021, 10:00 (Asia/Kolkata, UTC+05:30)',
    'due at 10:00 Asia/Kolkata on Wednesday 9 June 2021: 2021-06-09T04:30:00Z',
  ]);
  expect(row('summons issued [summons]')).toContain('Wednesday 9 June 2021, 10:00');
  expect(row('hearing [summons]')).toContain('Monday 14 June 2021, 11:00');
});

test('--json gives the schedule to scripts, and --procedure picks another procedure', async () => {
  const result = await runCli(
    [
      'preview',
      SEED_CASE_PATH,
      '--json',
      '--issued-on',
      '2021-05-29',
      '--procedure',
      join(PROJECT_ROOT, 'procedures', 'working-days-india.json'),
    ],
    offline,
  );
  expect(result.code).toBe(0);
  const preview = JSON.parse(result.stdout) as {
    procedureId: string;
    respondents: { events: { kind: string; at: string }[] }[];
  };
  expect(preview.procedureId).toBe('working-days-india');
  const events = preview.respondents[0]!.events;
  expect(events.find((e) => e.kind === 'deadline')!.at).toBe('2021-06-11T12:00:00Z'); // 10 working days: Friday 11 June, 17:30 IST
  expect(events.find((e) => e.kind === 'hearing')!.at).toBe('2021-07-05T06:00:00Z');
});

test('by default the notice goes out now, as `start` would send it; a bad --issued-on is refused naming it', async () => {
  const before = Date.now();
  const result = await runCli(['preview', SEED_CASE_PATH, '--json'], offline);
  expect(result.code).toBe(0);
  const preview = JSON.parse(result.stdout) as { respondents: { events: { kind: string; at: string }[] }[] };
  const [notice, ...later] = preview.respondents[0]!.events;
  expect(notice!.kind).toBe('notice');
  // The seed was received in 2021: its notice, started today, is issued today.
  expect(Date.parse(notice!.at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  expect(Date.parse(notice!.at)).toBeLessThanOrEqual(Date.now());
  for (const event of later) expect(Date.parse(event.at)).toBeGreaterThan(Date.parse(notice!.at));
  const bad = await runCli(['preview', SEED_CASE_PATH, '--issued-on', '2021-02-30'], offline);
  expect(bad).toMatchObject({ code: 2, stderr: 'error: issuedOn: must be a date as YYYY-MM-DD\n' });
});

test('a bad procedure or case file is refused naming the field, with exit code 2', async () => {
  const procedurePath = join(dir, 'procedure.json');
  writeFileSync(
    procedurePath,
    JSON.stringify({ ...DEFAULT_PROCEDURE, rules: { ...DEFAULT_PROCEDURE.rules, dueTime: '25:00' } }),
  );
  const bad = await runCli(['preview', SEED_CASE_PATH, '--procedure', procedurePath], offline);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('rules.dueTime: must be a time as HH:mm');
  // A calendar in which no count could end: refused before any arithmetic runs.
  writeFileSync(
    procedurePath,
    JSON.stringify({
      ...DEFAULT_PROCEDURE,
      rules: { ...DEFAULT_PROCEDURE.rules, weekend: [1, 2, 3, 4, 5, 6, 7] },
    }),
  );
  const noWorkingDay = await runCli(['preview', SEED_CASE_PATH, '--procedure', procedurePath], offline);
  expect(noWorkingDay.code).toBe(2);
  expect(noWorkingDay.stderr).toContain('rules.weekend: must leave at least one working day in the week');
  const casePath = join(dir, 'case.json');
  writeFileSync(casePath, '{ "caseReference": ');
  const notJson = await runCli(['preview', casePath], offline);
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toContain('is not valid JSON');
});

test('--stop plans a what-if: the seed case, its clock stopped 3 to 9 June 2021, is due Saturday 12 June', async () => {
  const stopped = await runCli(
    ['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29', '--stop', '2021-06-03:2021-06-09', '--explain'],
    offline,
  );
  expect(stopped).toMatchObject({ code: 0, stderr: '' });
  const lines = stopped.stdout.split('\n');
  expect(lines.find((l) => l.includes('Saturday 12 June 2021, 17:00'))).toContain('deadline [notice]');
  expect(stopped.stdout).toContain(
    'the clock stood stopped from Thursday 3 June 2021 to Wednesday 9 June 2021 (7 days not counted): 7 days added: Saturday 12 June 2021',
  );
  // Its due-soon reminder and the lapse follow the new date.
  expect(lines.find((l) => l.includes('Thursday 10 June 2021, 10:00'))).toContain('due-soon reminder');
  const bad = await runCli(
    ['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29', '--stop', '2021-06-03'],
    offline,
  );
  expect(bad).toMatchObject({
    code: 2,
    stderr: 'error: stop: must be two dates as YYYY-MM-DD:YYYY-MM-DD, not 2021-06-03\n',
  });
  const outside = await runCli(
    ['preview', SEED_CASE_PATH, '--issued-on', '2021-05-29', '--stop', '2021-06-10:2021-06-12'],
    offline,
  );
  expect(outside).toMatchObject({
    code: 2,
    stderr: 'error: stop: 2021-06-10 is not between the notice (2021-05-29) and its deadline (2021-06-05)\n',
  });
});
