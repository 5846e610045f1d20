// `npm run bench -- --temporal-address`: the bench on a Temporal server it did not start (here a dev server
// started beside it, in a namespace of its own, without the complaint's search attributes). It asserts what
// happened on that server (the engine's and the floor's workflows there, none in its default namespace, the
// run's open workflows terminated afterwards) and what the results say (the server named, its own block beside
// the dev server's, figures that cannot be measured there written as n/a); and that a bad address starts nothing.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { PROJECT_ROOT } from '../../lib/project-root';
import { devServerPid } from '../../scripts/bench/process-cpu';
import { freePort } from '../helpers/network';

const BENCH = join(PROJECT_ROOT, 'dist', 'scripts', 'bench', 'main.js');
const NAMESPACE = 'bench-elsewhere';
const LABEL = 'a dev server, started by the test';

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BENCH, ...args],
      { cwd: PROJECT_ROOT, timeout: 280_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          ms: Date.now() - start,
        }),
    );
  });
}

interface Row {
  section: string;
  measure: string;
  engine: number | 'n/a';
  floor: number | 'n/a' | null;
}
interface Block {
  server: { name: string; version: string; namespace: string; label?: string };
  machine: { temporalSdk: string; temporalCli?: string };
  rows: Row[];
  detail: { scale: { stillRunning: number; open: number } };
}

let out: string;
beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'bench-address-'))));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('on a server already running', () => {
  let env: TestWorkflowEnvironment;
  let port: number;
  let client: Client;

  beforeAll(async () => {
    port = await freePort();
    env = await TestWorkflowEnvironment.createLocal({
      // The server's own errors (Updates it aborts under the flood) are the bench's to handle, not this log's.
      server: {
        executable: devServerExecutable(),
        port,
        namespace: NAMESPACE,
        ui: false,
        log: { format: 'pretty', level: 'never' },
      },
    });
    client = new Client({ connection: env.connection, namespace: NAMESPACE });
  });
  afterAll(() => env?.teardown());

  test('every section runs there, and its results are a block of their own naming the server', async () => {
    // The project's results, with the dev server's block, are there already: they must stay as they were.
    copyFileSync(join(PROJECT_ROOT, 'BENCHMARKS.json'), join(out, 'BENCHMARKS.json'));
    copyFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), join(out, 'BENCHMARKS.md'));
    const before = JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as Block;
    const pid = devServerPid();
    expect(pid).toBeDefined();

    const { code, stdout, stderr } = await runBench([
      '--smoke',
      ...['--temporal-address', `127.0.0.1:${port}`, '--temporal-namespace', NAMESPACE],
      ...['--server-label', LABEL, '--server-pids', String(pid), '--out', out],
    ]);
    expect({ code, stderr: code ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('registered the search attributes');

    // The engine's and the floor's workflows ran on that server, in that namespace, and nowhere else.
    const count = async (query: string, on = client) => (await on.workflow.count(query)).count;
    expect(await count("WorkflowType = 'complaintWorkflow' AND ExecutionStatus = 'Completed'")).toBe(4);
    expect(await count("WorkflowType = 'baselineLifecycleWorkflow' AND ExecutionStatus = 'Completed'")).toBe(
      4,
    );
    expect(await count("WorkflowType = 'reminderAtWorkflow'")).toBe(10);
    expect(await count('', new Client({ connection: env.connection, namespace: 'default' }))).toBe(0);
    // What the run left open (the scale section's complaints) is terminated once it is over.
    const until = Date.now() + 60_000;
    while ((await count("ExecutionStatus = 'Running'")) > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 1000));
    expect(await count("ExecutionStatus = 'Running'")).toBe(0);
    expect(await count("ExecutionStatus = 'Terminated'")).toBeGreaterThanOrEqual(30);

    const file = JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as Block & {
      servers: Record<string, Block>;
    };
    // The dev server's block is untouched; this server's is keyed by its label.
    expect(file.rows).toEqual(before.rows);
    const block = file.servers[LABEL]!;
    const { version, ...named } = block.server;
    expect(version).toMatch(/^\d+\.\d+\.\d+/); // as the server reports it
    expect(named).toEqual({
      name: `Temporal server at 127.0.0.1:${port}`,
      namespace: NAMESPACE,
      label: LABEL,
    });
    expect(block.machine.temporalCli).toBeUndefined();
    expect(block.detail.scale).toMatchObject({ open: 30, stillRunning: 41 }); // the heavy neighbour's 11 too
    const row = (measure: string) => block.rows.find((r) => r.measure.startsWith(measure))!;
    expect(row('Lifecycle: complaints closed per second').engine).toBeGreaterThan(0);
    expect(row('Lifecycle: complaints closed per second').floor).toBeGreaterThan(0);
    // The server's CPU from the processes named; its database is not this bench's to measure.
    expect(row('Lifecycle: CPU ms per complaint, the Temporal server').engine).toBeGreaterThan(0);
    expect(row('Scale: server database on disk').engine).toBe('n/a');

    const markdown = readFileSync(join(out, 'BENCHMARKS.md'), 'utf8');
    const main = readFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), 'utf8');
    const mainBlock = (text: string) =>
      text.slice(text.indexOf('<!-- bench:results:start -->'), text.indexOf('<!-- bench:results:end -->'));
    expect(mainBlock(markdown)).toBe(mainBlock(main));
    const ours = markdown.slice(
      markdown.indexOf('<!-- bench:results:server:a-dev-server-started-by-the-test:start -->'),
    );
    expect(ours).toContain(`Server: Temporal server at 127.0.0.1:${port}, server `);
    expect(ours).toContain(LABEL);
    expect(ours).toMatch(/\| Scale: server database on disk \(MiB\) +\| +n\/a +\|/);
    expect(ours).toContain('<!-- bench:results:server:a-dev-server-started-by-the-test:end -->');
  }, 300_000);

  test('without --server-pids, the server CPU is n/a, not 0', async () => {
    const { code, stderr } = await runBench([
      '--smoke',
      ...['--sections', 'lifecycle', '--out', out],
      ...['--temporal-address', `127.0.0.1:${port}`, '--temporal-namespace', NAMESPACE],
    ]);
    expect({ code, stderr: code ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    const file = JSON.parse(readFileSync(join(out, 'BENCHMARKS.json'), 'utf8')) as {
      servers: Record<string, Block>;
    };
    // No label: keyed by the address, beside the labelled block and the project's own servers' blocks.
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, 'BENCHMARKS.json'), 'utf8')) as {
      servers?: Record<string, unknown>;
    };
    expect(Object.keys(file.servers).sort()).toEqual(
      [...Object.keys(project.servers ?? {}), `127.0.0.1:${port}`, LABEL].sort(),
    );
    const cpu = file.servers[`127.0.0.1:${port}`]!.rows.find((r) =>
      r.measure.includes('the Temporal server'),
    )!;
    expect(cpu).toMatchObject({ engine: 'n/a', floor: 'n/a' });
  }, 200_000);
});

describe('a bad --temporal-address', () => {
  test('that is not HOST:PORT is refused naming the option', async () => {
    const { code, stderr } = await runBench(['--smoke', '--temporal-address', 'localhost', '--out', out]);
    expect(code).not.toBe(0);
    expect(stderr).toContain("option '--temporal-address <host:port>' argument 'localhost' is invalid");
    expect(stderr).toContain('HOST:PORT');
  });

  test('where nothing answers fails at once, naming the option, and starts nothing', async () => {
    const port = await freePort();
    const nowhere = join(out, 'never-written');
    const { code, stderr, stdout, ms } = await runBench([
      ...['--smoke', '--temporal-address', `127.0.0.1:${port}`, '--out', nowhere],
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`--temporal-address 127.0.0.1:${port}: no Temporal server answers there`);
    expect(stdout).not.toContain('starting the stack');
    expect(existsSync(nowhere)).toBe(false);
    expect(ms).toBeLessThan(30_000);
  });

  test('--temporal-namespace and --server-pids need it', async () => {
    const { code, stderr } = await runBench(['--smoke', '--server-pids', '1', '--out', out]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('--server-pids: only with --temporal-address');
  });
});
