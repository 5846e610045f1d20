// A worker killed (SIGKILL) in the middle of sending a notice, and another started: the officer receives the
// notice exactly once, and the complaint goes on. Real processes: the built worker, the Temporal dev server,
// an SMTP server that holds its reply to the first message until the sender's connection dies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { RecordsStore } from '../../lib/records/store';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../lib/domain/search-attributes';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { complaintWorkflow } from '../../workflows/complaint';
import { getComplaint } from '../../workflows/messages';
import { activitiesSettled } from '../helpers/activities-in-flight';
import { seedCase, testDataConverter, uniqueTaskQueue } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { killWorkers, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let dir: string;
const taskQueue = uniqueTaskQueue('crash');
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crash-'));
  env = await TestWorkflowEnvironment.createLocal({
    server: { executable: devServerExecutable(), searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES },
    client: { dataConverter: testDataConverter() },
  });
  sink = await startSmtpSink({ stallFirst: true });
});

afterAll(async () => {
  killWorkers(workers);
  await sink?.close();
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(): WorkerProcess {
  const worker = startWorkerProcess({ temporalAddress: env.address, taskQueue, smtpUrl: sink.url, dir });
  workers.push(worker);
  return worker;
}

test('kill -9 the worker mid-send, start another: one notice arrives and the complaint goes on', async () => {
  const first = startWorker();
  const caseFile = seedCase({ caseReference: 'NCPCR/2026/CRASH/1' });
  const handle = await env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
    taskQueue,
    workflowId: complaintWorkflowId(caseFile.caseReference),
    args: [{ caseFile, procedure: DEFAULT_PROCEDURE }],
  });

  await sink.stalled; // the notice is on the wire, its reply held back
  first.child.kill('SIGKILL');
  await first.exited;
  expect(sink.messages).toHaveLength(0);

  startWorker();
  // The lost attempt times out (30 s) and is retried on the new worker.
  const [notice] = await sink.waitForMessages(1, () => true, 90_000);
  expect(notice!.subject).toContain('Notice NCPCR/2026/CRASH/1');
  let state = await handle.query(getComplaint);
  for (let i = 0; i < 100 && !state.respondents[0]!.messages.some((m) => m.kind === 'notice'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    state = await handle.query(getComplaint);
  }
  expect(state.respondents[0]!.messages.filter((m) => m.kind === 'notice')).toHaveLength(1);
  expect(state.respondents[0]!.steps[0]!.status).toBe('open');

  // Still one once no send is in flight or waiting for a retry.
  await activitiesSettled(handle, /^send/);
  expect(sink.messages).toHaveLength(1);
  const records = await RecordsStore.open(`sqlite:${join(dir, 'records.sqlite')}`);
  expect(await records.noticesFor(handle.workflowId)).toEqual([
    expect.objectContaining({ kind: 'notice', status: 'sent', message_id: notice!.messageId }),
  ]);
  await records.close();
  await handle.terminate('end of test');
}, 150_000);
