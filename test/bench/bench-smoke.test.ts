// `npm run bench --smoke`: every section of the benchmark with tiny numbers, so the bench keeps working as the
// code changes. It asserts what the bench saw happen (complaints closed, answers recorded, reminders in the
// sink, complaints held), never how fast: speed is for `npm run bench` to measure, not for tests to assert.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

const BENCH = join(PROJECT_ROOT, 'dist', 'scripts', 'bench', 'main.js');

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BENCH, ...args],
      { cwd: PROJECT_ROOT, timeout: 240_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let out: string;
beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'bench-'))));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Results {
  machine: { temporalSdk: string; temporalCli: string };
  server: { name: string; version: string };
  rows: { measure: string; engine: number; floor: number | null; met: boolean | null }[];
  detail: {
    lifecycle: { shape: { beforeUpdates: number; perUpdate: number[] }; engine: number[]; floor: number[] };
    latency: {
      samples: Record<string, { engine: number[]; floor: number[] }[]>;
      parts: { update: number[] };
      flood: { events: number; bytes: number; accepted: number };
    };
    scale: {
      open: number;
      lapsing: number;
      stillRunning: number;
      fanOutSeconds: number;
      workerRssHoldingMiB: number;
      timerFloorSeconds: number;
    };
  };
}

test('every section runs end to end and reports what it measured', async () => {
  const before = readFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), 'utf8');
  const { code, stdout, stderr } = await runBench(['--smoke', '--out', out]);
  expect({ code, stderr: code ? stderr : '' }).toEqual({ code: 0, stderr: '' });
  const results = JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as Results;

  // Lifecycle: the complaints' activities and Updates were read from a real closed complaint's history
  // (the run itself fails unless every complaint closed as resolved and every baseline took its Updates).
  const { shape } = results.detail.lifecycle;
  expect(shape.perUpdate).toHaveLength(2); // the officer's answer, the staff's acceptance
  expect(shape.beforeUpdates).toBeGreaterThan(0);
  expect(results.detail.lifecycle.engine[0]).toBeGreaterThan(0);
  expect(results.detail.lifecycle.floor[0]).toBeGreaterThan(0);

  // Latency: one sample per answer (each confirmed by its page showing the answer recorded) and per raw Update.
  for (const level of ['1', '20']) {
    expect(results.detail.latency.samples[level]![0]!.engine).toHaveLength(4);
    expect(results.detail.latency.samples[level]![0]!.floor).toHaveLength(4);
  }
  expect(results.detail.latency.parts.update).toHaveLength(4);
  // A flood through one link: the complaint took one request and refused the rest; its history stayed small.
  expect(results.detail.latency.flood.accepted).toBe(1);
  expect(results.detail.latency.flood.events).toBeGreaterThan(0);
  expect(results.detail.latency.flood.events).toBeLessThan(100);

  // Scale: every complaint still open on the server, every lapsing one reminded after its deadline.
  // The heavy-neighbour fan-out's complaints (10 more and the largest valid one) are still open too, and the
  // large complaint's 50 reminders all arrived.
  expect(results.detail.scale).toMatchObject({
    open: 30,
    lapsing: 10,
    stillRunning: 41,
    heavyNeighbour: { complaints: 11, largeReminders: 50 },
  });
  expect(results.detail.scale.fanOutSeconds).toBeGreaterThan(0);
  expect(results.detail.scale.workerRssHoldingMiB).toBeGreaterThan(0);
  expect(results.detail.scale.timerFloorSeconds).toBeGreaterThan(0);

  expect(results.machine.temporalSdk).toBe('1.24.0');
  // The bench's own dev server, named with the version it reports.
  expect(results.server.name).toMatch(/^Temporal dev server \(CLI .+, SQLite\)$/);
  expect(results.server.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(results).not.toHaveProperty('servers');
  const markdown = readFileSync(join(out, 'BENCHMARKS.md'), 'utf8');
  expect(markdown).toMatch(/\| Lifecycle: complaints closed per second +\|/);
  expect(markdown).toContain(
    `Server: ${results.server.name}, server ${results.server.version}, namespace default.`,
  );
  expect(markdown).toMatch(/\| Fan-out: reminders per second, beside raw nodemailer +\|/);
  expect(stdout).toContain('| Answer latency, concurrency 20: p99 (ms) |');
  // A smoke run writes where it is told, never over the project's own results.
  expect(readFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), 'utf8')).toBe(before);
}, 300_000);

test("a run of one section keeps the other sections' last results beside its own", async () => {
  const read = () =>
    JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as {
      sections: Record<string, { measuredAt: string }>;
      rows: { section: string; engine: number }[];
    };
  const before = read();
  expect(Object.keys(before.sections)).toEqual(['lifecycle', 'latency', 'scale']);
  const { code, stderr } = await runBench(['--smoke', '--sections', 'latency', '--out', out]);
  expect({ code, stderr: code ? stderr : '' }).toEqual({ code: 0, stderr: '' });
  const after = read();
  expect(after.sections.lifecycle).toEqual(before.sections.lifecycle);
  expect(after.sections.scale).toEqual(before.sections.scale);
  expect(after.sections.latency!.measuredAt > before.sections.latency!.measuredAt).toBe(true);
  const ofSection = (r: typeof after, name: string) => r.rows.filter((row) => row.section === name);
  expect(ofSection(after, 'lifecycle')).toEqual(ofSection(before, 'lifecycle'));
  expect(ofSection(after, 'scale')).toEqual(ofSection(before, 'scale'));
  expect(ofSection(after, 'latency')).toHaveLength(ofSection(before, 'latency').length);
  expect(readFileSync(join(out, 'BENCHMARKS.md'), 'utf8')).toMatch(
    /- scale: measured .* 30 open complaints, 10 lapsing/,
  );
}, 240_000);

test('a wrong option is refused naming it, and nothing runs', async () => {
  const { code, stderr } = await runBench(['--sections', 'lifecycle,speed', '--out', out]);
  expect(code).not.toBe(0);
  expect(stderr).toContain('--sections: no section "speed"');
  const zero = await runBench(['--open', '0', '--out', out]);
  expect(zero.code).not.toBe(0);
  expect(zero.stderr).toContain("option '--open <n>' argument '0' is invalid");
});
