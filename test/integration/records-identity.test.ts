// No notice skipped in silence when a records database outlives the Temporal store it was written with, or a
// reference is started again: the records key every complaint by its identity in Temporal (its first run's ID), and
// belong to one Temporal cluster and namespace, adopted by another only explicitly. Real processes throughout: the
// built worker and web app, the staff CLI, Temporal dev servers, an SMTP server, the records on SQLite.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ParsedMail } from 'mailparser';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../lib/domain/search-attributes';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { PROJECT_ROOT } from '../../lib/project-root';
import { listComplaintPage } from '../../lib/records/complaint-list';
import { RecordsStore } from '../../lib/records/store';
import { adoptions, identifyTemporal, recordsBinding } from '../../lib/records/temporal-binding';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { runCli } from '../helpers/cli';
import {
  recordsEventually,
  seedCase,
  testDataConverter,
  todayInCommissionZone,
  uniqueTaskQueue,
} from '../helpers/fixtures';
import { freePort } from '../helpers/network';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { killWorkers, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

let sink: SmtpSink;
const cleanups: (() => Promise<unknown>)[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterEach(async () => {
  killWorkers(workers);
  await Promise.all(workers.splice(0).map((w) => w.exited));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await sink?.close();
});

/** A Temporal dev server of its own (in memory, or on `dbFilename` and `port` to be started again). */
async function devServer(
  place: { dbFilename?: string; port?: number } = {},
): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: devServerExecutable(), searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES, ...place },
    client: { dataConverter: testDataConverter() },
  });
  cleanups.push(() => stopServer(env));
  return env;
}

const stopped = new WeakSet<TestWorkflowEnvironment>();
/** Stops a dev server (once: a test may stop it before its cleanup does). */
async function stopServer(env: TestWorkflowEnvironment): Promise<void> {
  if (stopped.has(env)) return;
  stopped.add(env);
  await env.teardown();
}

/** One test's folder (the records database, its blobs), task queue and case file. */
function place(name: string, caseReference: string) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const caseFile = join(dir, 'case.json');
  writeFileSync(
    caseFile,
    JSON.stringify({ ...seedCase(), caseReference, receivedOn: todayInCommissionZone() }),
  );
  const taskQueue = uniqueTaskQueue(name);
  const recordsUrl = `sqlite:${join(dir, 'records.sqlite')}`;
  return {
    dir,
    caseFile,
    taskQueue,
    recordsUrl,
    /** A worker process on `server`, its records in the folder. */
    worker(server: TestWorkflowEnvironment): WorkerProcess {
      const worker = startWorkerProcess({
        temporalAddress: server.address,
        taskQueue,
        smtpUrl: sink.url,
        dir,
      });
      workers.push(worker);
      return worker;
    },
    /** The staff CLI against `server` and the folder's records. */
    cli: (server: TestWorkflowEnvironment, args: string[]) =>
      runCli(args, {
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_NAMESPACE: 'default',
        TASK_QUEUE: taskQueue,
        DATABASE_URL: recordsUrl,
      }),
    async records(): Promise<RecordsStore> {
      const records = await RecordsStore.open(recordsUrl);
      cleanups.push(() => records.close());
      return records;
    },
  };
}

/** Stops a worker as a deploy does (SIGTERM), and waits until it has. */
async function stopWorker(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGTERM');
  await worker.exited;
}

const noticesOf = (caseReference: string) => (m: ParsedMail) =>
  (m.subject ?? '').startsWith(`Notice ${caseReference}:`);

/** What the dashboard shows of a complaint: its row in the list (from the records) and its page's messages. */
async function dashboardOf(records: RecordsStore, caseReference: string) {
  const list = await listComplaintPage(records.db, {
    sort: 'reference',
    page: 1,
    pageSize: 25,
    search: caseReference,
    now: new Date().toISOString(),
  });
  const workflowId = complaintWorkflowId(caseReference);
  return {
    list: list.rows,
    messages: await records.noticesFor(workflowId),
    steps: await records.stepsFor(workflowId),
  };
}

test('the same reference on two Temporal stores over one records database: the second, adopted, sends its own notice and has its own records', async () => {
  const reference = 'NCPCR/2026/IDENTITY/1';
  const here = place('two-stores', reference);
  const first = await devServer();
  const worker = here.worker(first);
  await worker.polling;
  expect((await here.cli(first, ['start', here.caseFile])).code).toBe(0);
  const [firstNotice] = await sink.waitForMessages(1, noticesOf(reference));
  // The first complaint is withdrawn: its records say so.
  expect((await here.cli(first, ['withdraw', reference, '--reason', 'sent in error'])).code).toBe(0);
  const records = await here.records();
  await recordsEventually(async () => {
    const row = await records.complaint(complaintWorkflowId(reference));
    return row?.closure_kind === 'withdrawn' ? [row] : [];
  }, 1);
  await stopWorker(worker);

  // Its Temporal store is gone (a move to another server, a restore): the records are adopted by the new one.
  const second = await devServer();
  const adopted = await here.cli(second, ['records', 'adopt', '--yes']);
  expect(adopted.code).toBe(0);
  here.worker(second);
  const started = await here.cli(second, ['start', here.caseFile, '--json']);
  expect(started.code).toBe(0);
  const { workflowId, runId } = JSON.parse(started.stdout) as { workflowId: string; runId: string };

  // Its notice goes out: a second message, of its own.
  const notices = await sink.waitForMessages(2, noticesOf(reference));
  expect(notices).toHaveLength(2);
  expect(notices[1]!.messageId).not.toBe(firstNotice!.messageId);
  // The records show it open, with its own step and message: nothing of the first complaint.
  await recordsEventually(async () => {
    const [message] = await records.noticesFor(workflowId);
    return message?.status === 'sent' ? [message] : [];
  }, 1);
  const shown = await dashboardOf(records, reference);
  expect(shown.list).toEqual([
    expect.objectContaining({ workflowId, stage: 'notice', closure: null, openSteps: 1 }),
  ]);
  expect(shown.steps.map((s) => [s.first_run_id, s.step_id, s.status])).toEqual([[runId, 'notice', 'open']]);
  expect(shown.messages.map((m) => [m.first_run_id, m.kind, m.status, m.message_id])).toEqual([
    [runId, 'notice', 'sent', notices[1]!.messageId],
  ]);
  // The first complaint's rows are still there, under its own identity.
  const registered = await records.db
    .selectFrom('complaints')
    .select(['first_run_id', 'closure_kind'])
    .execute();
  expect(registered).toHaveLength(2);
  expect(registered).toContainEqual({ first_run_id: runId, closure_kind: null });
  expect(registered.find((r) => r.first_run_id !== runId)?.closure_kind).toBe('withdrawn');
}, 180_000);

test("a terminated complaint's reference started again on the same server: its notice goes out again and the records show it open", async () => {
  const reference = 'NCPCR/2026/IDENTITY/2';
  const workflowId = complaintWorkflowId(reference);
  const here = place('started-again', reference);
  const server = await devServer();
  here.worker(server);
  const first = await here.cli(server, ['start', here.caseFile, '--json']);
  expect(first.code).toBe(0);
  await sink.waitForMessages(1, noticesOf(reference));

  // Terminated by an admin, then removed from Temporal as its namespace's retention removes it (the dev server
  // deletes it within about 30 s): the reference is free to start again.
  const handle = server.client.workflow.getHandle(workflowId);
  await handle.terminate('started with the wrong respondent');
  await server.client.workflowService.deleteWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId },
  });
  const removedBy = Date.now() + 120_000;
  for (let gone = false; !gone;) {
    gone = await handle.describe().then(
      () => false,
      (err: unknown) => err instanceof WorkflowNotFoundError,
    );
    if (!gone && Date.now() > removedBy) throw new Error(`${workflowId} was not removed within 120 s`);
    if (!gone) await new Promise((r) => setTimeout(r, 500));
  }

  const again = await here.cli(server, ['start', here.caseFile, '--json']);
  expect(again.code).toBe(0);
  const { runId } = JSON.parse(again.stdout) as { runId: string };
  expect(runId).not.toBe((JSON.parse(first.stdout) as { runId: string }).runId);
  // A second notice: the outbox row of the first complaint's notice is not taken for this one's.
  expect(await sink.waitForMessages(2, noticesOf(reference))).toHaveLength(2);
  const records = await here.records();
  await recordsEventually(async () => {
    const [message] = await records.noticesFor(workflowId);
    return message?.status === 'sent' ? [message] : [];
  }, 1);
  const shown = await dashboardOf(records, reference);
  expect(shown.list).toEqual([
    expect.objectContaining({ workflowId, stage: 'notice', closure: null, openSteps: 1 }),
  ]);
  expect(shown.steps.map((s) => [s.first_run_id, s.status])).toEqual([[runId, 'open']]);
  expect(shown.messages.map((m) => [m.first_run_id, m.kind, m.status])).toEqual([[runId, 'notice', 'sent']]);
}, 240_000);

test('a worker or web app pointed at another Temporal than its records is refused, naming both; after `complaint records adopt` it starts, and the adoption is logged', async () => {
  const here = place('binding', 'NCPCR/2026/IDENTITY/3');
  // The records' own Temporal: a dev server on a file, as `npm start` runs it. Started again on the same file, it is
  // the same cluster (its ID is kept in the file): its worker is not refused.
  const onFile = { dbFilename: join(here.dir, 'temporal.sqlite'), port: await freePort() };
  let own = await devServer(onFile);
  const ownIdentity = await identifyTemporal(own.client.workflowService, 'default');
  let worker = here.worker(own);
  await worker.polling;
  await stopWorker(worker);
  await stopServer(own);
  own = await devServer(onFile);
  expect(await identifyTemporal(own.client.workflowService, 'default')).toEqual(ownIdentity);
  worker = here.worker(own);
  await worker.polling;
  await stopWorker(worker);

  // Another Temporal: refused, with both named and the ways on.
  const other = await devServer();
  const otherIdentity = await identifyTemporal(other.client.workflowService, 'default');
  expect(otherIdentity.clusterId).not.toBe(ownIdentity.clusterId);
  const refused = here.worker(other);
  expect(
    await Promise.race([
      refused.exited.then(({ code }) => `exited with code ${code}`),
      refused.polling.then(() => 'polling'),
    ]),
  ).toBe('exited with code 1');
  const web = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'client', 'web', 'main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: other.address,
      TEMPORAL_NAMESPACE: 'default',
      DATABASE_URL: here.recordsUrl,
      BLOB_DIR: join(here.dir, 'blobs'),
      WEB_PORT: String(await freePort()),
      WEB_METRICS_ADDRESS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => Promise.resolve(web.exitCode === null && web.kill('SIGKILL')));
  let webOutput = '';
  const webOutcome = new Promise<string>((resolve) => {
    const collect = (c: Buffer) => {
      webOutput += c.toString();
      if (webOutput.includes('web: listening')) resolve('listening');
    };
    web.stdout.on('data', collect);
    web.stderr.on('data', collect);
    web.once('exit', (code) => resolve(`exited with code ${code}`));
  });
  expect(await webOutcome).toBe('exited with code 1');
  for (const output of [refused.output(), webOutput]) {
    expect(output).toContain(
      `belongs to Temporal cluster active (ID ${ownIdentity.clusterId}), namespace default (ID ${ownIdentity.namespaceId})`,
    );
    expect(output).toContain(
      `connected to Temporal cluster active (ID ${otherIdentity.clusterId}), namespace default (ID ${otherIdentity.namespaceId})`,
    );
    expect(output).toContain('complaint records adopt --yes');
    expect(output).not.toContain('worker: polling');
  }

  // Adoption asks for confirmation, and changes nothing without it.
  const unconfirmed = await here.cli(other, ['records', 'adopt']);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.stderr).toContain('yes: adopting makes the records database belong to Temporal');
  const records = await here.records();
  expect(await recordsBinding(records.db)).toEqual(ownIdentity);
  expect(await adoptions(records.db)).toEqual([]);

  const adopted = await here.cli(other, ['records', 'adopt', '--yes', '--by', 'registrar']);
  expect(adopted.code).toBe(0);
  expect(adopted.stdout).toContain(
    `Adopted the records database for Temporal cluster active (ID ${otherIdentity.clusterId}), namespace default (ID ${otherIdentity.namespaceId}) (it belonged to Temporal cluster active (ID ${ownIdentity.clusterId})`,
  );
  expect(adopted.stdout).toContain('by registrar');
  expect(await recordsBinding(records.db)).toEqual(otherIdentity);
  expect(await adoptions(records.db)).toEqual([
    expect.objectContaining({
      adopted_by: 'registrar',
      from_cluster_id: ownIdentity.clusterId,
      from_namespace_id: ownIdentity.namespaceId,
      to_cluster_id: otherIdentity.clusterId,
      to_namespace_id: otherIdentity.namespaceId,
    }),
  ]);
  // Now the worker starts; the records' own Temporal is the one refused.
  await here.worker(other).polling;
  const ownRefused = here.worker(own);
  expect(
    await Promise.race([
      ownRefused.exited.then(({ code }) => `exited with code ${code}`),
      ownRefused.polling.then(() => 'polling'),
    ]),
  ).toBe('exited with code 1');
}, 180_000);
