// The system under measure, as `npm start` runs it but on free loopback ports and in a fresh folder: the
// Temporal dev server on a persistent SQLite file (or a server already running, `--temporal-address`), the
// complaint worker and the web app as their own processes (built code, dist/), the records database on SQLite,
// and the benchmark's SMTP sink. Beside them, the baseline worker. Every process is stopped by stop(), also when
// a section fails. The task queues are the stack's own, so on a server that keeps what earlier runs left (their
// workflows, a worker still polling) each stack sees its own workflows only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../lib/config';
import { complaintDataConverter } from '../../lib/temporal/data-converter';
import { devServerConfig } from '../../lib/dev/dev-server';
import { freePort } from '../../lib/dev/free-port';
import { PROJECT_ROOT } from '../../lib/project-root';
import { hasWorkflowPollers } from '../../lib/temporal/temporal-connection';
import type { ExternalServer } from './bench-server';
import { MailSink } from './mail-sink';
import { EVENT_LOOP_DELAY_P99 } from '../../worker/event-loop-delay';
import { devServerPid, processCpuSeconds, processTreeCpuSeconds } from './process-cpu';

export interface BenchStack {
  /** The complaint engine's client (the project's encrypted payloads). */
  client: Client;
  /** The baseline's client: the same connection, the SDK's default data converter. */
  baselineClient: Client;
  sink: MailSink;
  webUrl: string;
  dir: string;
  temporalAddress: string;
  namespace: string;
  /** This stack's own task queues: the complaint worker's, and the baseline worker's. */
  complaintTaskQueue: string;
  baselineTaskQueue: string;
  /** From the complaint worker's spawn until it polled its task queue, in seconds. */
  workerReadySeconds: number;
  /** The complaint worker's resident memory now, in bytes. */
  workerRss(): number;
  /** The complaint worker's event-loop delay, p99 over its last period, in ms (its metrics endpoint); null: not exported. */
  workerEventLoopDelayP99(): Promise<number | null>;
  /** The complaint worker's activity slots free now (the SDK's gauge); null: not exported. */
  workerActivitySlotsFree(): Promise<number | null>;
  /** CPU seconds used so far by the Temporal server, the complaint worker and the web app, and this process (driver and SMTP sink). */
  cpuSeconds(): CpuSeconds;
  /** The dev server's database on disk (the SQLite file and its write-ahead log), in bytes; null: not known here. */
  serverDatabaseBytes(): number | null;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker's event-loop delay gauge (worker/event-loop-delay.ts), in ms; null when the worker does not export it. */
async function eventLoopDelayP99(url: string): Promise<number | null> {
  const text = await (await fetch(url)).text().catch(() => '');
  const value = new RegExp(`^${EVENT_LOOP_DELAY_P99}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text)?.[1];
  return value === undefined ? null : Number(value) * 1000;
}

/** The SDK's gauge of free activity slots: a send waiting its letter's turn holds one. */
async function activitySlotsFree(url: string): Promise<number | null> {
  const text = await (await fetch(url)).text().catch(() => '');
  const value =
    /^temporal_worker_task_slots_available\{[^}]*worker_type="ActivityWorker"[^}]*\} ([0-9.eE+-]+)$/m.exec(
      text,
    )?.[1];
  return value === undefined ? null : Number(value);
}

export interface CpuSeconds {
  /** null: the server's processes are not known (a server the bench did not start, without --server-pids). */
  server: number | null;
  worker: number;
  baselineWorker: number;
  web: number;
  bench: number;
}

export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * On a server that outlives the bench, the stack's workflows still open (the scale section's complaints wait a
 * day) are terminated, by one batch job on the server, so they do not pile up there from run to run.
 */
async function terminateLeftovers(
  connection: Connection,
  namespace: string,
  id: string,
  taskQueues: string[],
): Promise<void> {
  await connection.workflowService.startBatchOperation({
    namespace,
    jobId: `bench-leftovers-${id}`,
    reason: 'the bench run is over',
    visibilityQuery: `(${taskQueues.map((q) => `TaskQueue = '${q}'`).join(' OR ')}) AND ExecutionStatus = 'Running'`,
    terminationOperation: { identity: 'bench' },
  });
}

/** Extra environment for the worker processes (e.g. the tuning being tried); the caller's WORKER_* by default. */
export interface BenchStackOptions {
  workerEnv?: NodeJS.ProcessEnv;
  /** Query parameters for the worker's SMTP_URL (nodemailer's: `pool=false`, `maxConnections=10`). */
  smtpParams?: string;
  /** Print the children's output (otherwise it is kept in <dir>/*.log only on failure). */
  verbose?: boolean;
  /** A server already running, to use instead of starting a dev server. */
  server?: ExternalServer;
}

export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const id = `${process.pid}-${Date.now().toString(36)}`;
  const dir = join(PROJECT_ROOT, 'var', 'bench', `run-${id}`);
  mkdirSync(dir, { recursive: true });
  const children: { name: string; child: ChildProcess; output: string[] }[] = [];
  let env: TestWorkflowEnvironment | undefined;
  let external: Connection | undefined;
  let sink: MailSink | undefined;
  const dbFile = join(dir, 'temporal.sqlite');
  const complaintTaskQueue = `bench-complaints-${id}`;
  const baselineTaskQueue = `bench-baseline-${id}`;

  const stop = async () => {
    for (const { child } of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await env?.teardown().catch(() => undefined);
    if (external) {
      await terminateLeftovers(external, options.server!.namespace, id, [
        complaintTaskQueue,
        baselineTaskQueue,
      ]).catch((err: unknown) =>
        process.stderr.write(
          `[bench] the run's workflows still open at ${options.server!.address} were left so: ${err instanceof Error ? err.message : String(err)}\n`,
        ),
      );
      await external.close().catch(() => undefined);
    }
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const webPort = await freePort();
    const workerMetricsPort = await freePort();
    // The run's own blob store: a payload the bench's client sends by reference is where its worker reads it.
    const blobDir = join(dir, 'blobs');
    const dataConverter = complaintDataConverter(loadConfig({ BLOB_DIR: blobDir }));
    let temporalAddress: string;
    let namespace: string;
    let connection: Connection;
    if (options.server) {
      ({ address: temporalAddress, namespace } = options.server);
      external = await Connection.connect({ address: temporalAddress });
      connection = external;
    } else {
      const temporalPort = await freePort();
      env = await TestWorkflowEnvironment.createLocal({
        server: {
          ...devServerConfig({ port: temporalPort, dbFilename: dbFile }),
          log: { format: 'pretty', level: 'error' },
        },
        client: { dataConverter },
      });
      temporalAddress = `127.0.0.1:${temporalPort}`;
      namespace = 'default';
      connection = env.connection;
    }
    sink = await MailSink.start();
    const webUrl = `http://127.0.0.1:${webPort}`;
    const childEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TASK_QUEUE: complaintTaskQueue,
      SMTP_URL: options.smtpParams ? `${sink.url}?${options.smtpParams}` : sink.url,
      DATABASE_URL: `sqlite:${join(dir, 'records.sqlite')}`,
      BLOB_DIR: blobDir,
      WEB_HOST: '127.0.0.1',
      WEB_PORT: String(webPort),
      PUBLIC_BASE_URL: webUrl,
      // The worker's event-loop delay is read from its metrics (the heavy-neighbour fan-out).
      WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetricsPort}`,
      WEB_METRICS_ADDRESS: '',
      // One client address sends every officer's request here: the per-address limit is not under test.
      LINK_REQUESTS_PER_MINUTE: '1000000',
      // Measured as in BENCHMARKS.md: each lapse emails staff too; no digest.
      STAFF_LAPSE_ALERTS: 'each',
      STAFF_DIGEST_AT: 'off',
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([k]) => k.startsWith('WORKER_MAX_') || k === 'WORKER_STICKY_TIMEOUT',
        ),
      ),
      ...options.workerEnv,
    };
    const startChild = (name: string, script: string, args: string[] = []) => {
      // BENCH_WORKER_NODE_ARGS: Node's own options for the complaint worker alone (`--cpu-prof --cpu-prof-dir=DIR`
      // to see where its time goes in a section).
      const nodeArgs =
        name === 'worker' ? (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
      const child = spawn(process.execPath, [...nodeArgs, join(PROJECT_ROOT, 'dist', script), ...args], {
        cwd: PROJECT_ROOT,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output: string[] = [];
      const keep = (chunk: Buffer) => {
        if (options.verbose) process.stderr.write(`[${name}] ${chunk.toString()}`);
        // The last lines only: the web app logs every request.
        output.push(chunk.toString());
        if (output.length > 50) output.shift();
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.on('exit', (code, signal) => {
        if (code !== 0 && signal !== 'SIGTERM' && code !== null)
          process.stderr.write(`[bench] ${name} exited with ${code}:\n${output.join('')}\n`);
      });
      children.push({ name, child, output });
      return child;
    };
    const client = new Client({ connection, namespace, dataConverter });
    const baselineClient = new Client({ connection, namespace });
    const spawned = performance.now();
    const worker = startChild('worker', 'worker/main.js');
    await waitUntil('the complaint worker', () => hasWorkflowPollers(client, namespace, complaintTaskQueue));
    const workerReadySeconds = (performance.now() - spawned) / 1000;
    const baselineWorker = startChild('baseline-worker', 'scripts/bench/baseline-worker.js', [
      baselineTaskQueue,
    ]);
    await waitUntil('the baseline worker', () => hasWorkflowPollers(client, namespace, baselineTaskQueue));
    const web = startChild('web', 'client/web/main.js');
    // The server's CPU: the dev server's process, or the processes the caller named; otherwise not measured.
    const serverCpu = options.server
      ? options.server.pids.length
        ? () => processTreeCpuSeconds(options.server!.pids)
        : () => null
      : ((pid) => (pid ? () => processCpuSeconds(pid) : () => null))(devServerPid());
    await waitUntil('the web app', async () => (await fetch(`${webUrl}/health`)).ok);

    return {
      client,
      baselineClient,
      sink,
      webUrl,
      dir,
      temporalAddress,
      namespace,
      complaintTaskQueue,
      baselineTaskQueue,
      workerReadySeconds,
      workerRss: () => residentBytes(worker.pid!),
      workerEventLoopDelayP99: () => eventLoopDelayP99(`http://127.0.0.1:${workerMetricsPort}/metrics`),
      workerActivitySlotsFree: () => activitySlotsFree(`http://127.0.0.1:${workerMetricsPort}/metrics`),
      cpuSeconds: () => {
        const own = process.cpuUsage();
        return {
          server: serverCpu(),
          worker: processCpuSeconds(worker.pid!),
          baselineWorker: processCpuSeconds(baselineWorker.pid!),
          web: processCpuSeconds(web.pid!),
          bench: (own.user + own.system) / 1e6,
        };
      },
      // A server the bench did not start keeps its database elsewhere (PostgreSQL, say): not measured.
      serverDatabaseBytes: () =>
        options.server ? null : fileBytes(dbFile) + fileBytes(`${dbFile}-wal`) + fileBytes(`${dbFile}-shm`),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
