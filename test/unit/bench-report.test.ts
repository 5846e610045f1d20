// The bench's results files hold one block per server: the dev server's (the main one) and each server given by
// --temporal-address under its key. Writing one block leaves the others as they were, and rewrites its own in
// place; figures that cannot be measured are written and shown as n/a. The built module runs in a process of its
// own, as the bench runs it: Prettier, which formats the files, cannot be loaded inside jest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import type { Results, Row } from '../../scripts/bench/report';

const REPORT = join(PROJECT_ROOT, 'dist', 'scripts', 'bench', 'report.js');
const NOT_MEASURED = 'n/a';

/** report.js's writeResults(out, results, key), in a child process. */
function writeResults(out: string, results: unknown, key?: string): void {
  execFileSync(process.execPath, [
    '-e',
    `require(${JSON.stringify(REPORT)}).writeResults(...JSON.parse(process.argv[1])).catch((e) => { console.error(e); process.exit(1); })`,
    JSON.stringify([out, results, ...(key === undefined ? [] : [key])]),
  ]);
}

/** report.js's readPrevious(file, key). */
function readPrevious(file: string, key?: string): Results | undefined {
  const text = execFileSync(
    process.execPath,
    [
      '-e',
      `process.stdout.write(JSON.stringify(require(${JSON.stringify(REPORT)}).readPrevious(...JSON.parse(process.argv[1])) ?? null))`,
      JSON.stringify([file, ...(key === undefined ? [] : [key])]),
    ],
    { encoding: 'utf8' },
  );
  return (JSON.parse(text) as Results | null) ?? undefined;
}

const machine = {
  cpu: '2 × test',
  memoryGiB: 1,
  os: 'Linux',
  node: 'v20',
  temporalSdk: '1.24.0',
  nodemailer: '8',
};

const row = (engine: Row['engine']): Row => ({
  section: 'scale',
  measure: 'Scale: server database on disk (MiB)',
  engine,
  floor: null,
  ratio: null,
  target: '',
  met: null,
  runs: [engine],
});

const resultsOn = (name: string, engine: Row['engine'], label?: string) => ({
  machine,
  server: { name, version: '1.29.0', namespace: 'default', ...(label ? { label } : {}) },
  rows: [row(engine)],
});

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'bench-report-'));
  writeFileSync(
    join(out, 'BENCHMARKS.md'),
    '# Benchmarks\n\n## Results\n\n<!-- bench:results:start -->\nold\n<!-- bench:results:end -->\n\n## Tuning\n',
  );
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

const md = () => readFileSync(join(out, 'BENCHMARKS.md'), 'utf8');
const json = () =>
  JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as Results & {
    servers?: Record<string, Results>;
  };

test("a server's block goes beside the dev server's, and each is rewritten without touching the other", () => {
  writeResults(out, resultsOn('Temporal dev server (CLI 1.9.1, SQLite)', 85.1));
  writeResults(
    out,
    resultsOn('Temporal server at db:7233', NOT_MEASURED, 'PostgreSQL, 16 shards'),
    'PostgreSQL, 16 shards',
  );
  expect(json().rows[0]!.engine).toBe(85.1);
  expect(json().servers!['PostgreSQL, 16 shards']!.rows[0]!.engine).toBe('n/a');
  expect(md()).toContain(
    'Server: Temporal dev server (CLI 1.9.1, SQLite), server 1.29.0, namespace default.',
  );
  expect(md()).toContain(
    'Server: Temporal server at db:7233, server 1.29.0, namespace default; PostgreSQL, 16 shards.',
  );
  expect(md()).toMatch(/\| Scale: server database on disk \(MiB\) +\| +n\/a +\|/);
  // After the dev server's block, before what follows it.
  const at = (s: string) => md().indexOf(s);
  expect(at('<!-- bench:results:end -->')).toBeLessThan(
    at('<!-- bench:results:server:postgresql-16-shards:start -->'),
  );
  expect(at('<!-- bench:results:server:postgresql-16-shards:end -->')).toBeLessThan(at('## Tuning'));

  // The dev server again: the cluster's block stays; the cluster again: one block for it, the new figures.
  writeResults(out, resultsOn('Temporal dev server (CLI 1.9.1, SQLite)', 90));
  writeResults(
    out,
    resultsOn('Temporal server at db:7233', 12, 'PostgreSQL, 16 shards'),
    'PostgreSQL, 16 shards',
  );
  expect(json().rows[0]!.engine).toBe(90);
  expect(json().servers!['PostgreSQL, 16 shards']!.rows[0]!.engine).toBe(12);
  expect(md().split('bench:results:server:postgresql-16-shards:start')).toHaveLength(2);
  expect(md().split('bench:results:start')).toHaveLength(2);
  expect(md()).not.toContain('old');

  // What a run of some sections keeps: its own server's last results.
  expect(readPrevious(join(out, 'BENCHMARKS.json'))!.rows[0]!.engine).toBe(90);
  expect(readPrevious(join(out, 'BENCHMARKS.json'), 'PostgreSQL, 16 shards')!.rows[0]!.engine).toBe(12);
  expect(readPrevious(join(out, 'BENCHMARKS.json'))).not.toHaveProperty('servers');
  expect(readPrevious(join(out, 'BENCHMARKS.json'), 'another cluster')).toBeUndefined();

  // One table sets the servers side by side, a column each, before their own blocks; rewritten in place.
  const side = md().slice(at('<!-- bench:side-by-side:start -->'), at('<!-- bench:side-by-side:end -->'));
  expect(side).toMatch(/\| measure +\| dev server +\| PostgreSQL, 16 shards +\|/);
  expect(side).toMatch(/\| Scale: server database on disk \(MiB\) +\| +90\.0 +\| +12\.0 +\|/);
  expect(at('<!-- bench:side-by-side:end -->')).toBeLessThan(at('<!-- bench:results:start -->'));
  expect(md().split('bench:side-by-side:start')).toHaveLength(2);
});
