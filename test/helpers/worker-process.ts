// The built worker (`dist/worker/main.js`) as a process of its own, as it runs in production, against a test's
// Temporal server, SMTP server and records database. Its output is kept for the test to read.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/project-root';

export interface WorkerProcessOptions {
  temporalAddress: string;
  taskQueue: string;
  smtpUrl: string;
  /** The records database lives here (large payloads and attachments in the tests' shared BLOB_DIR). */
  dir: string;
  /** More variables (SMTP_OUTAGE_ALERT_AFTER, WORKER_METRICS_ADDRESS, ...). */
  env?: Record<string, string>;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  /** Resolves once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once it polls its task queue. */
  polling: Promise<void>;
}

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'worker', 'main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TASK_QUEUE: options.taskQueue,
      SMTP_URL: options.smtpUrl,
      DATABASE_URL: `sqlite:${join(options.dir, 'records.sqlite')}`,
      // The blob store the tests' clients keep large payloads in (testDataConverter: the default BLOB_DIR), so a
      // payload a test sends by reference is where this worker reads it.
      BLOB_DIR: resolve(loadConfig({}).blobDir),
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      LINK_SECRET: 'worker-process-test-link-secret-0123456789',
      // No metrics endpoint unless asked: tests run side by side and must not compete for its port.
      WORKER_METRICS_ADDRESS: '',
      // Every lapse emailed, as these tests count; no digest email into their sink.
      STAFF_LAPSE_ALERTS: 'each',
      STAFF_DIGEST_AT: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onPolling: () => void = () => undefined;
  const polling = new Promise<void>((resolve) => (onPolling = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('worker: polling')) onPolling();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited, polling };
}

/** Kills whatever is still running (a test's cleanup). */
export function killWorkers(workers: WorkerProcess[]): void {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
}
