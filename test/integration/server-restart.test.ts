// The Temporal dev server (persistent SQLite) stopped and started again with 50 open complaints: every one
// goes on from where it was, none lost, no notice repeated. The worker is its own process throughout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../lib/domain/search-attributes';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { activitiesSettled } from '../helpers/activities-in-flight';
import { seedCase, testDataConverter, uniqueTaskQueue } from '../helpers/fixtures';
import { freePort } from '../helpers/network';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const COMPLAINTS = 50;
let dir: string;
let port: number;
let sink: SmtpSink;
let worker: ChildProcess | undefined;
const taskQueue = uniqueTaskQueue('restart');

const server = () =>
  TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      port,
      dbFilename: join(dir, 'temporal.sqlite'),
      searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES,
    },
    client: { dataConverter: testDataConverter() },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'restart-'));
  port = await freePort();
  sink = await startSmtpSink();
});

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('50 open complaints survive a restart of the Temporal server: all go on, none lost, no notice repeated', async () => {
  let env = await server();
  worker = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'worker', 'main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TASK_QUEUE: taskQueue,
      SMTP_URL: sink.url,
      DATABASE_URL: `sqlite:${join(dir, 'records.sqlite')}`,
      BLOB_DIR: join(dir, 'blobs'),
      WORKER_METRICS_ADDRESS: '',
    },
    stdio: 'ignore',
  });
  const refs = Array.from({ length: COMPLAINTS }, (_, i) => `RESTART/${i + 1}`);
  for (const caseReference of refs) {
    await env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
      taskQueue,
      workflowId: complaintWorkflowId(caseReference),
      args: [{ caseFile: seedCase({ caseReference }), procedure: DEFAULT_PROCEDURE }],
    });
  }
  const notices = () => sink.messages.filter((m) => (m.subject ?? '').startsWith('Notice RESTART/'));
  await sink.waitForMessages(COMPLAINTS, (m) => (m.subject ?? '').startsWith('Notice RESTART/'), 60_000);

  await env.teardown(); // the server stops; the worker keeps trying to reach it
  env = await server();
  try {
    for (const caseReference of refs) {
      const handle = env.client.workflow.getHandle(complaintWorkflowId(caseReference));
      expect((await handle.describe()).status.name).toBe('RUNNING');
    }
    // They go on: answers to five of them are taken by the worker, reconnected.
    for (const caseReference of refs.slice(0, 5)) {
      const handle = env.client.workflow.getHandle(complaintWorkflowId(caseReference));
      await handle.executeUpdate(submitAnswer, {
        args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: 'After the restart' }],
      });
      expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('answered');
    }
    for (const caseReference of refs) {
      await activitiesSettled(env.client.workflow.getHandle(complaintWorkflowId(caseReference)), /^send/);
    }
    expect(notices()).toHaveLength(COMPLAINTS);
    expect(new Set(notices().map((m) => m.subject)).size).toBe(COMPLAINTS);
  } finally {
    worker.kill('SIGTERM');
    await env.teardown();
  }
}, 240_000);
