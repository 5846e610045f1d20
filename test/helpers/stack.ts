// The whole system in one test process, on free loopback ports: the real Temporal dev server, a real SMTP
// server, the records database (SQLite, or PostgreSQL), the blob store, the web app and a worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildWebApp } from '../../client/web/app';
import { InboxDelivery } from '../../client/web/inbox-delivery';
import { StaffSessions } from '../../client/web/staff-auth';
import { hashPassword } from '../../client/staff-passwords';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { loadConfig } from '../../lib/config';
import { complaintCodec } from '../../lib/temporal/data-converter';
import { AnswerLinks } from '../../lib/mail/answer-links';
import { BlobStore } from '../../lib/web/blob-store';
import { lostSubmissionAlerter } from '../../lib/mail/lost-submission-alert';
import { openLetterhead } from '../../lib/mail/letters/letter-pdf';
import { createSmtpMailer, type Mailer } from '../../lib/mail/mailer';
import { OfficerInboxStore } from '../../lib/records/officer-inbox';
import { RecordsStore } from '../../lib/records/store';
import { StaffSessionStore } from '../../lib/records/staff-sessions';
import { ReaderAccessStore } from '../../lib/records/reader-access';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../lib/domain/search-attributes';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { createComplaintWorker } from '../../worker/create-worker';
import { runCli, type CliResult } from './cli';
import { testDataConverter, uniqueTaskQueue } from './fixtures';
import { freePort } from './network';
import type { TemporalCluster } from '../../lib/cluster/cluster';
import { stacksOnCluster, startTestCluster } from './on-cluster';
import { startPostgres, type TestPostgres } from './postgres';
import { startSmtpGate, type SmtpGate } from './smtp-gate';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp-sink';

export const MAIL_FROM = 'NCPCR <notices@ncpcr.example>';
/** Where the web app tells staff of an answer it could not record. */
export const STAFF_ALERTS_TO = 'registry@ncpcr.example';
/** The commission whose pages the web app serves in tests. */
export const COMMISSION_NAME = 'National Commission for Protection of Child Rights (test)';
/** The dashboard's one user in tests. */
export const STAFF = { name: 'registrar', password: 'correct horse battery staple' };
/** The web app's SESSION_SECRET in tests. */
export const STAFF_SESSION_SECRET = 'integration-test-session-secret-0123456789';

export interface Stack {
  env: TestWorkflowEnvironment;
  /** The Temporal cluster the stack runs on, when its test file runs on one (test/helpers/on-cluster.ts). */
  cluster?: TemporalCluster;
  sink: SmtpSink;
  /** The gate the worker's mail goes through, when the stack was started with one (to stage an outage). */
  gate?: SmtpGate;
  records: RecordsStore;
  /** The PostgreSQL server of the records, when the stack runs on PostgreSQL. */
  postgres?: TestPostgres;
  blobs: BlobStore;
  links: AnswerLinks;
  webUrl: string;
  taskQueue: string;
  dir: string;
  /** Runs the staff CLI against this stack. */
  cli(args: string[]): Promise<CliResult>;
  /** Signs in to the dashboard as STAFF, as a browser does; returns the cookies it sets (`name=value; ...`). */
  signInStaff(): Promise<string[]>;
  /** Stops the worker (as a deploy or a crash would), and starts a new one. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /** The officers' inbox the web app keeps while no worker runs. */
  inbox: OfficerInboxStore;
  /** Writes a JSON file (a case file, a procedure) in the stack's folder and returns its path. */
  writeJson(name: string, data: unknown): string;
  stop(): Promise<void>;
}

export async function startStack(
  options: {
    database?: 'sqlite' | 'postgres';
    sink?: SmtpSinkOptions;
    /** Mail goes through a gate (test/helpers/smtp-gate.ts) that a test can shut. */
    gate?: boolean;
    /** How long an officer's POST waits for the complaint before the web app keeps it in the inbox (ms). */
    admitWithinMs?: number;
  } = {},
): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'));
  // The dev server, or a cluster of the stack's own when the test file imported test/helpers/on-cluster.
  const cluster = stacksOnCluster() ? await startTestCluster() : undefined;
  try {
    return await stackOn(cluster, dir, options);
  } catch (err) {
    await cluster?.stop(); // a stack that failed to start leaves no server running
    throw err;
  }
}

async function stackOn(
  cluster: TemporalCluster | undefined,
  dir: string,
  options: Parameters<typeof startStack>[0] = {},
): Promise<Stack> {
  const env = cluster
    ? await TestWorkflowEnvironment.createFromExistingServer({
        address: cluster.address,
        client: { dataConverter: testDataConverter() },
      })
    : await TestWorkflowEnvironment.createLocal({
        server: { executable: devServerExecutable(), searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES },
        client: { dataConverter: testDataConverter() },
      });
  // What has started so far, stopped again (last first) if a later part fails to start: no server is left behind.
  const started: (() => unknown)[] = [() => env.teardown()];
  try {
    return await stackParts(env, started, cluster, dir, options);
  } catch (err) {
    for (const stop of started.reverse()) await Promise.resolve(stop()).catch(() => {});
    throw err;
  }
}

async function stackParts(
  env: TestWorkflowEnvironment,
  started: (() => unknown)[],
  cluster: TemporalCluster | undefined,
  dir: string,
  options: Parameters<typeof startStack>[0] = {},
): Promise<Stack> {
  const taskQueue = uniqueTaskQueue('stack');
  const sink = await startSmtpSink(options.sink);
  started.push(() => sink.close());
  const gate = options.gate ? await startSmtpGate(sink.port) : undefined;
  started.push(() => gate?.close());
  const mailer: Mailer = createSmtpMailer(gate ? gate.url : sink.url);
  let pg: TestPostgres | undefined;
  if (options.database === 'postgres') pg = await startPostgres();
  started.push(() => pg?.stop());
  const recordsUrl = pg ? pg.url : `sqlite:${join(dir, 'records.sqlite')}`;
  const records = await RecordsStore.open(recordsUrl);
  started.push(
    () => records.close(),
    () => mailer.close(),
  );
  const blobs = new BlobStore(join(dir, 'blobs'));
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const links = new AnswerLinks('integration-test-link-secret-0123456789', webUrl);
  const alertStaff = lostSubmissionAlerter(mailer, {
    from: MAIL_FROM,
    to: STAFF_ALERTS_TO,
    consoleUrlFor: (id) => `http://console.test/${id}`,
  });
  const inbox = new OfficerInboxStore(records.db);
  const delivery = new InboxDelivery({
    client: env.client,
    inbox,
    alertStaff,
    blobs,
    log: () => {},
    everyMs: 500,
  });
  delivery.start();
  started.push(() => delivery.stop());
  const web: FastifyInstance = await buildWebApp({
    alertStaff,
    inbox: { store: inbox, wake: () => delivery.wake() },
    ...(options.admitWithinMs ? { admitWithinMs: options.admitWithinMs } : {}),
    client: env.client,
    links,
    blobs,
    commissionName: COMMISSION_NAME,
    staff: {
      records,
      sessions: new StaffSessions({
        secret: STAFF_SESSION_SECRET,
        users: [{ name: STAFF.name, passwordHash: hashPassword(STAFF.password) }],
        store: new StaffSessionStore(records.db),
        readers: new ReaderAccessStore(records.db),
      }),
      taskQueue,
      procedures: [DEFAULT_PROCEDURE],
      secureCookies: false,
      codec: { codec: complaintCodec(loadConfig({})), temporalUiOrigin: 'http://localhost:8233' },
    },
  });
  started.push(() => web.close());
  await web.listen({ host: '127.0.0.1', port: webPort });
  const newWorker = () =>
    createComplaintWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      dependencies: {
        records,
        mailer,
        links,
        mailFrom: MAIL_FROM,
        letterhead: openLetterhead(loadConfig({}).commission),
        consoleUrlFor: (id) => `http://console.test/${id}`,
      },
      dataConverter: testDataConverter(),
    });
  let worker: Worker | undefined = await newWorker();
  let workerRun = worker.run();
  const stopWorker = async () => {
    worker?.shutdown();
    await workerRun;
    worker = undefined;
  };

  return {
    env,
    ...(cluster ? { cluster } : {}),
    sink,
    ...(gate ? { gate } : {}),
    records,
    ...(pg ? { postgres: pg } : {}),
    blobs,
    links,
    webUrl,
    taskQueue,
    dir,
    inbox,
    stopWorker,
    async startWorker() {
      if (worker) return;
      worker = await newWorker();
      workerRun = worker.run();
    },
    cli: (args) =>
      runCli(args, {
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: 'default',
        TASK_QUEUE: taskQueue,
        DATABASE_URL: recordsUrl,
        MAIL_FROM,
      }),
    async signInStaff() {
      const login = await fetch(`${webUrl}/staff/login`);
      // As a browser does: the cookie as set, the token from the form.
      const loginCookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('cd_login='))!
        .split(';')[0]!;
      const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
      const signedIn = await fetch(`${webUrl}/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
        body: new URLSearchParams({ _csrf: token, name: STAFF.name, password: STAFF.password }).toString(),
        redirect: 'manual',
      });
      if (signedIn.status !== 303) throw new Error(`staff sign-in failed: ${signedIn.status}`);
      return signedIn.headers.getSetCookie();
    },
    writeJson(name, data) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(data));
      return path;
    },
    async stop() {
      await stopWorker();
      await delivery.stop();
      await web.close();
      mailer.close();
      await records.close();
      await pg?.stop();
      await gate?.close();
      await sink.close();
      await env.teardown();
      await cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
