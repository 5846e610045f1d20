// Many complaints whose deadlines lapse in the same second, run by real worker processes against the real
// Temporal dev server and a real SMTP server behind a gate (test/helpers/smtp-gate.ts), to stage mail outages
// in the middle of the burst. The burst's complaints are the benchmark's (scripts/bench/bench-cases.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { startComplaint } from '../../client/complaints';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../lib/domain/search-attributes';
import { devServerExecutable } from '../../lib/dev/temporal-binaries';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { benchCase, officerAddress, procedureDueAt } from '../../scripts/bench/bench-cases';
import { inPool } from '../../scripts/bench/measure';
import { activitiesSettled } from './activities-in-flight';
import { testDataConverter, uniqueTaskQueue } from './fixtures';
import { startSmtpGate, type SmtpGate } from './smtp-gate';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { killWorkers, startWorkerProcess, type WorkerProcess } from './worker-process';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));

export interface BurstWorld {
  env: TestWorkflowEnvironment;
  sink: SmtpSink;
  gate: SmtpGate;
  dir: string;
  taskQueue: string;
  workers: WorkerProcess[];
  /** A worker process on this world's task queue, mailing through the gate, with more variables. */
  startWorker(env?: Record<string, string>): WorkerProcess;
  teardown(): Promise<void>;
}

export async function startBurstWorld(): Promise<BurstWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'burst-'));
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: devServerExecutable(), searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES },
    client: { dataConverter: testDataConverter() },
  });
  const sink = await startSmtpSink();
  const gate = await startSmtpGate(sink.port);
  const taskQueue = uniqueTaskQueue('burst');
  const workers: WorkerProcess[] = [];
  return {
    env,
    sink,
    gate,
    dir,
    taskQueue,
    workers,
    startWorker(extra = {}) {
      const worker = startWorkerProcess({
        temporalAddress: env.address,
        taskQueue,
        smtpUrl: gate.url,
        dir,
        env: extra,
      });
      workers.push(worker);
      return worker;
    },
    async teardown() {
      killWorkers(workers);
      await Promise.all(workers.map((w) => w.exited));
      await gate.close();
      await sink.close();
      await env.teardown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A world for the test file: started before its tests, torn down after; each test takes it from the getter. */
export function useBurstWorld(): () => BurstWorld {
  let world: BurstWorld | undefined;
  beforeAll(async () => {
    world = await startBurstWorld();
  });
  // A test that fails midway must not leave the mail server shut or its worker running for the next one.
  afterEach(async () => {
    if (!world) return;
    await world.gate.open();
    killWorkers(world.workers);
    await Promise.all(world.workers.splice(0).map((w) => w.exited));
  });
  afterAll(async () => {
    await world?.teardown();
  });
  return () => world!;
}

export function recipientOf(m: ParsedMail): string {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return to?.value[0]?.address ?? '';
}

/**
 * Starts `count` complaints whose notices all fall due in one second, far enough ahead for every notice to be
 * sent first; resolves with that second once every notice is in the sink.
 */
export async function startLapseBurst(world: BurstWorld, tag: string, count: number): Promise<number> {
  const dueAt = DateTime.utc().plus({ seconds: 40 }).startOf('second');
  const procedure = procedureDueAt(dueAt);
  await inPool(count, 20, async (i) => {
    await startComplaint(world.env.client, world.taskQueue, benchCase(tag, i), procedure);
  });
  await world.sink.waitForMessages(count, (m) => isNotice(m, tag), 35_000);
  if (Date.now() >= dueAt.toMillis()) throw new Error('the notices were not all sent before the deadline');
  return dueAt.toMillis();
}

const isNotice = (m: ParsedMail, tag: string) => (m.subject ?? '').startsWith(`Notice BENCH/${tag}/`);
export const isOverdueReminder = (m: ParsedMail, tag: string) =>
  (m.subject ?? '').startsWith(`Overdue reminder BENCH/${tag}/`);
export const isStaffOverdueAlert = (m: ParsedMail, tag: string) =>
  (m.subject ?? '').startsWith(`Step overdue: BENCH/${tag}/`);

/**
 * Waits (liveness, generous) for every complaint's overdue reminder and staff alert, then checks each arrived
 * exactly once: one reminder per officer, one alert per complaint, and nothing more once no complaint has a send
 * in flight or waiting for a retry (the sink keeps a message before it replies; the gate never lets a held one
 * through later).
 */
export async function expectEveryLapseMailedOnce(
  world: BurstWorld,
  tag: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  await world.sink.waitForMessages(count, (m) => isOverdueReminder(m, tag), timeoutMs);
  await world.sink.waitForMessages(count, (m) => isStaffOverdueAlert(m, tag), timeoutMs);
  for (let i = 0; i < count; i++) {
    const workflowId = complaintWorkflowId(benchCase(tag, i).caseReference);
    await activitiesSettled(world.env.client.workflow.getHandle(workflowId), /^send/, timeoutMs);
  }
  expectEachOnce(
    world.sink.messages.filter((m) => isOverdueReminder(m, tag)),
    count,
    (i) => officerAddress(tag, i),
  );
  const alerts = world.sink.messages.filter((m) => isStaffOverdueAlert(m, tag));
  expect(duplicatesOf(alerts)).toEqual([]);
  expect(alerts).toHaveLength(count);
  expect(new Set(alerts.map((m) => m.subject)).size).toBe(count);
}

/** Exactly one message to each of the `count` addresses `addressOf(i)`: none twice, none missing. */
export function expectEachOnce(
  messages: ParsedMail[],
  count: number,
  addressOf: (i: number) => string,
): void {
  expect(duplicatesOf(messages)).toEqual([]);
  expect(messages).toHaveLength(count);
  expect(new Set(messages.map(recipientOf))).toEqual(
    new Set(Array.from({ length: count }, (_, i) => addressOf(i))),
  );
}

/** Messages that arrived more than once, by subject and recipient, with their Message-IDs (what a failure shows). */
function duplicatesOf(messages: ParsedMail[]): string[] {
  const seen = new Map<string, string[]>();
  for (const m of messages) {
    const key = `${m.subject ?? ''} -> ${recipientOf(m)}`;
    seen.set(key, [...(seen.get(key) ?? []), m.messageId ?? '']);
  }
  return [...seen].filter(([, ids]) => ids.length > 1).map(([key, ids]) => `${key}: ${ids.join(', ')}`);
}
