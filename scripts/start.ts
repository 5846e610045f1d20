// `npm start`: the whole stack with one command, stopped with one Ctrl-C.
//   1. the Temporal dev server (SQLite under var/, custom search attributes; its Web UI on an inner port, served
//      by the web app on TEMPORAL_UI_PORT to signed-in staff, decoding through the web app's codec) unless
//      TEMPORAL_ADDRESS names a server to use instead;
//   2. maildev (SMTP + web inbox) unless SMTP_URL names a mail server to use instead;
//   3. the worker, then 4. the web app.
// Each is waited for until it answers; then the URLs are printed. SIGINT / SIGTERM stop all of them.
// `npm run cluster` (`--cluster`) runs a Temporal cluster on PostgreSQL in place of 1 (lib/cluster/cluster.ts):
// the server's services as separate processes, two of them history, data under var/cluster/; and the Temporal
// UI server (lib/cluster/temporal-ui.ts) in place of the dev server's UI, served and decoded the same way; its
// records database is its own, var/cluster/records.sqlite (the dev server's is var/records.sqlite).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../lib/config';
import { freePort, isListening } from '../lib/dev/free-port';
import { PROJECT_ROOT } from '../lib/project-root';
import { devServerConfig } from '../lib/dev/dev-server';
import { DEFAULT_HISTORY_SHARDS, startCluster, type TemporalCluster } from '../lib/cluster/cluster';
import { startTemporalUi, type TemporalUi } from '../lib/cluster/temporal-ui';
import { connectClient, hasWorkflowPollers, temporalTarget } from '../lib/temporal/temporal-connection';

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const ports = {
  temporal: num('TEMPORAL_PORT', 7233),
  temporalUi: num('TEMPORAL_UI_PORT', 8233),
  smtp: num('MAILDEV_SMTP_PORT', 1025),
  inbox: num('MAILDEV_WEB_PORT', 1080),
};
const varDir = resolve(env.VAR_DIR ?? join(PROJECT_ROOT, 'var'));
const LOOPBACK = '127.0.0.1';

const children: { name: string; process: ChildProcess }[] = [];
let temporalEnv: TestWorkflowEnvironment | undefined;
let cluster: TemporalCluster | undefined;
let clusterUi: TemporalUi | undefined;
const clusterMode = process.argv.includes('--cluster');
let stopping = false;

function prefixLines(name: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

function startChild(name: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void stop(1);
    }
  });
  children.push({ name, process: child });
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stopping) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs / 1000}s`);
    await sleep(250);
  }
}

const httpAnswers = async (url: string) => (await fetch(url)).ok;

async function stopChild({ name, process: child }: { name: string; process: ChildProcess }): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.error(`[start] ${name} did not stop within 15s; killing it`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('[start] stopping...');
  // Reverse order: the web app and the worker finish their work before the servers they use go away.
  for (const child of [...children].reverse()) await stopChild(child);
  await temporalEnv?.teardown().catch(() => undefined);
  await clusterUi?.stop().catch(() => undefined);
  await cluster
    ?.stop()
    .catch((err: unknown) => console.error(`[start] stopping the cluster: ${String(err)}`));
  console.log('[start] stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  mkdirSync(varDir, { recursive: true });
  const config = loadConfig();
  // The children inherit this process's environment, completed with the addresses of what it started.
  const childEnv = env;
  // The records belong to one Temporal (lib/records/temporal-binding.ts): the cluster's are its own, beside its
  // data, never the dev server's. The blob store is shared: what it holds (attachments, large payloads) is named
  // by its content, and the CLI, started from a shell that knows neither mode, finds it at its default.
  childEnv.DATABASE_URL ??= `sqlite:${join(clusterMode ? join(varDir, 'cluster') : varDir, 'records.sqlite')}`;
  childEnv.BLOB_DIR ??= join(varDir, 'blobs');

  let temporalUi = env.TEMPORAL_UI_URL ?? '(the Temporal UI of your cluster)';
  const startTemporal = !env.TEMPORAL_ADDRESS && !env.TEMPORAL_PROFILE;
  const startMail = !env.SMTP_URL;
  // Admins open the Temporal UI where the web app serves it, on the web app's host (so the staff session's
  // cookie reaches it) and TEMPORAL_UI_PORT; the UI server itself listens on an inner loopback port.
  const consoleUrl =
    env.TEMPORAL_UI_URL ??
    `http://${new URL(config.publicBaseUrl).host.replace(/:\d+$/, '')}:${ports.temporalUi}`;
  const serveUi = async (upstream: string) => {
    childEnv.TEMPORAL_UI_UPSTREAM = upstream;
    childEnv.TEMPORAL_UI_PORT = `${ports.temporalUi}`;
    childEnv.TEMPORAL_UI_URL = consoleUrl;
    temporalUi = `${consoleUrl}/   (sign in as staff)`;
    await waitFor('the Temporal UI', () => httpAnswers(upstream));
  };
  if (startTemporal && clusterMode) {
    const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
    console.log(
      `[start] starting a Temporal cluster on PostgreSQL, frontend on ${LOOPBACK}:${ports.temporal}`,
    );
    cluster = await startCluster({
      dir: join(varDir, 'cluster'),
      frontendPort: ports.temporal,
      shards: num('CLUSTER_HISTORY_SHARDS', DEFAULT_HISTORY_SHARDS),
      historyProcesses: num('CLUSTER_HISTORY_PROCESSES', 2),
      namespace,
      log: (line) => console.log(`[cluster] ${line}`),
      onUnexpectedExit: (name, code, signal) => {
        if (stopping) return;
        console.error(
          `[start] the cluster's ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`,
        );
        void stop(1);
      },
    });
    childEnv.TEMPORAL_ADDRESS = cluster.address;
    childEnv.TEMPORAL_NAMESPACE = namespace;
    // The cluster has no UI of its own: the UI server, the same release the dev server embeds.
    clusterUi = await startTemporalUi({
      temporalAddress: cluster.address,
      namespace,
      port: await freePort(),
      codecEndpoint: `${consoleUrl}/codec`,
      dir: join(varDir, 'cluster', 'ui'),
    });
    await serveUi(clusterUi.url);
  } else if (startTemporal) {
    const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
    console.log(
      `[start] starting the Temporal dev server on ${LOOPBACK}:${ports.temporal} (data in ${varDir})`,
    );
    const innerUiPort = await freePort();
    temporalEnv = await TestWorkflowEnvironment.createLocal({
      server: devServerConfig({
        port: ports.temporal,
        uiPort: innerUiPort,
        namespace,
        dbFilename: join(varDir, 'temporal.sqlite'),
        ui: { codecEndpoint: `${consoleUrl}/codec` },
        logLevel: config.logLevel === 'debug' ? 'warn' : 'error',
      }),
    });
    childEnv.TEMPORAL_ADDRESS = `${LOOPBACK}:${ports.temporal}`;
    childEnv.TEMPORAL_NAMESPACE = namespace;
    await serveUi(`http://${LOOPBACK}:${innerUiPort}`);
  }

  let inbox = '(your SMTP server, SMTP_URL)';
  if (startMail) {
    // maildev's package exports only its ESM API, so its CLI is found by path.
    const maildev = join(PROJECT_ROOT, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
    startChild(
      'mail',
      [
        maildev,
        '--ip',
        LOOPBACK,
        '--web-ip',
        LOOPBACK,
        '--smtp',
        `${ports.smtp}`,
        '--web',
        `${ports.inbox}`,
        '--mail-directory',
        join(varDir, 'mail'),
        '--silent',
      ],
      env,
    );
    childEnv.SMTP_URL = `smtp://${LOOPBACK}:${ports.smtp}`;
    inbox = `http://localhost:${ports.inbox}`;
    await waitFor('the mail catcher (SMTP)', () => isListening(ports.smtp));
    await waitFor('the mail inbox', () => httpAnswers(`http://${LOOPBACK}:${ports.inbox}/api/healthz`));
  }

  startChild('worker', [join(PROJECT_ROOT, 'dist', 'worker', 'main.js')], childEnv);
  const target = temporalTarget();
  const { namespace } = target;
  const client = await connectClient(config, target);
  await waitFor('the worker', () => hasWorkflowPollers(client, namespace, config.taskQueue));
  await client.connection.close();

  startChild('web', [join(PROJECT_ROOT, 'dist', 'client', 'web', 'main.js')], childEnv);
  await waitFor('the web app', () => httpAnswers(`${config.publicBaseUrl}/health`));

  console.log(`
complaint-deadlines is running.
  Temporal UI   ${temporalUi}
  Mail inbox    ${inbox}
  Web app       ${config.publicBaseUrl}   (staff dashboard: ${config.publicBaseUrl}/staff)
  Metrics       ${config.metrics.worker ? `http://${config.metrics.worker}/metrics (worker)` : '-'}  ${config.metrics.web ? `http://${config.metrics.web}/metrics (web app)` : ''}
  Temporal      ${childEnv.TEMPORAL_ADDRESS ?? 'from your envconfig profile'} (namespace ${namespace}, task queue ${config.taskQueue})

Start the seed complaint in another terminal:  npx complaint start examples/seed-case-2021.json
Press Ctrl-C to stop everything.`);
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});
