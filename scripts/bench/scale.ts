// Section 3, scale: many open complaints waiting on their deadlines (start rate, the worker's memory, the
// server's database on disk), then a group of them whose deadlines lapse in the same second: the time until
// every overdue reminder is in the SMTP sink, beside raw nodemailer sending as many messages to the same sink.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { PROJECT_ROOT } from '../../lib/project-root';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { benchCase, procedureDueAt } from './bench-cases';
import { largestCaseFile } from '../largest-case-file';
import { EVENT_LOOP_DELAY_PERIOD_MS } from '../../worker/event-loop-delay';
import type { OutgoingMessage } from '../../lib/mail/mailer';
import type { BenchStack } from './bench-stack';
import type { reminderAtWorkflow } from './baseline-workflows';
import { inPool, since } from './measure';

export interface ScaleResult {
  open: number;
  lapsing: number;
  /** Complaints started per second (the client's start calls answered). */
  startsPerSecond: number;
  /** Complaints under way per second: from the first start until every notice was in the sink. */
  underWayPerSecond: number;
  workerRssPeakMiB: number;
  workerRssHoldingMiB: number;
  /** null: the server's database is not on this machine's disk to measure (a server the bench did not start). */
  serverDatabaseMiB: number | null;
  /** From the shared deadline until the last overdue reminder arrived. */
  fanOutSeconds: number;
  fanOutPerSecond: number;
  rawSmtpSeconds: number;
  rawSmtpPerSecond: number;
  /** Temporal's floor: as many baseline workflows, each a timer to one instant and one activity sending. */
  timerFloorSeconds: number;
  timerFloorPerSecond: number;
  /** The Temporal server's CPU seconds during the timer floor's fan-out; null: not measured (no server process). */
  timerFloorServerCpuSeconds: number | null;
  /** CPU seconds each process used during the fan-out: where its time went. */
  fanOutCpuSeconds: { server: number | null; worker: number; bench: number };
  /**
   * Lapsing complaints whose workflow task timed out on the worker's sticky queue during the fan-out (waited
   * past its schedule-to-start timeout): each was then replayed from its whole history on the normal queue.
   */
  stickyTimeouts: number;
  /** The worker during the plain fan-out: its highest event-loop delay p99, its fewest activity slots free. */
  fanOutWorker: WorkerWatch;
  /** The same lapses again, with one complaint of the largest valid size lapsing in the same second. */
  heavyNeighbour: HeavyNeighbourResult;
}

export interface HeavyNeighbourResult {
  /** The complaints it started (still open, as the scale section's are): the bench's and the large one. */
  complaints: number;
  /** The bench complaints' reminders (not the large complaint's) per second after the shared deadline. */
  fanOutPerSecond: number;
  fanOutSeconds: number;
  /** The large complaint's own reminders, all there: its letters rendered and sent. */
  largeReminders: number;
  worker: WorkerWatch;
}

const MiB = 1024 * 1024;
/** CPU seconds between two readings, or null where the server's CPU is not measured. */
const spent = (before: number | null, after: number | null) =>
  before === null || after === null ? null : after - before;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runScale(
  stack: BenchStack,
  tag: string,
  open: number,
  lapsing: number,
  log: (line: string) => void,
): Promise<ScaleResult> {
  const { sink } = stack;
  sink.keepUnclaimed = false;
  sink.reset();
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, stack.workerRss())), 500);
  try {
    // The waiting complaints, due in a day. Then the lapsing group, all due at one second, set from how fast
    // the first ones got under way (their notices in the sink), with room to spare.
    const waiting = procedureDueAt(DateTime.utc().plus({ days: 1 }).startOf('second'));
    const concurrency = 50;
    const first = performance.now();
    await inPool(open - lapsing, concurrency, async (i) => {
      await startComplaint(stack.client, stack.complaintTaskQueue, benchCase(tag, i), waiting);
      if (i > 0 && i % 2000 === 0) log(`  ${i} complaints started`);
    });
    const startSeconds = since(first) / 1000;
    await sink.waitForCount('Notice', open - lapsing, 60 * 60_000);
    const underWaySeconds = since(first) / 1000;
    log(
      `  ${open - lapsing} complaints started in ${startSeconds.toFixed(1)} s, notices all sent after ${underWaySeconds.toFixed(1)} s`,
    );

    const lapseAt = DateTime.utc()
      .plus({ seconds: Math.ceil(10 + (3 * lapsing * underWaySeconds) / (open - lapsing)) })
      .startOf('second')
      .plus({ seconds: 1 });
    const lapsingProcedure = procedureDueAt(lapseAt);
    await inPool(lapsing, concurrency, async (k) => {
      await startComplaint(
        stack.client,
        stack.complaintTaskQueue,
        benchCase(tag, open - lapsing + k),
        lapsingProcedure,
      );
    });
    await sink.waitForCount('Notice', open, 30 * 60_000);
    if (Date.now() >= lapseAt.toMillis())
      throw new Error(
        `the last notices arrived after the shared deadline ${lapseAt.toISO()}: raise its margin`,
      );
    log(`  ${open} complaints open; ${lapsing} of them fall due at ${lapseAt.toISOTime()}`);
    await sleep(Math.max(0, lapseAt.toMillis() - Date.now() - 1000));
    const holding = stack.workerRss();
    const serverDatabaseBytes = stack.serverDatabaseBytes();

    const cpuBefore = stack.cpuSeconds();
    const watch = watchWorker(stack);
    const reminders = await sink.waitForCount('Overdue reminder', lapsing, 10 * 60_000);
    const cpuAfter = stack.cpuSeconds();
    const fanOutWorker = await watch.stop();
    const fanOutSeconds = (Math.max(...reminders) - lapseAt.toMillis()) / 1000;
    log(`  ${lapsing} overdue reminders in the sink ${fanOutSeconds.toFixed(2)} s after the deadline`);

    const stickyTimeouts = await stickyTimeoutsSince(
      stack,
      Array.from({ length: lapsing }, (_, k) => benchCase(tag, open - lapsing + k).caseReference),
      lapseAt.toMillis(),
    );
    log(
      `  ${stickyTimeouts} of ${lapsing} lapsing complaints had a workflow task time out on the sticky queue`,
    );

    const sample = preparedCopyOf(stack);
    const heavyNeighbour = await lapseBesideTheLargest(
      stack,
      tag,
      open,
      lapsing,
      underWaySeconds / open,
      log,
    );
    const rawSmtpSeconds = await rawSmtp(stack, lapsing, sample);
    const floor = await timerFloor(stack, tag, lapsing, sample);
    const timerFloorSeconds = floor.seconds;
    log(
      `  floors: raw nodemailer ${rawSmtpSeconds.toFixed(2)} s, Temporal timer + send ${timerFloorSeconds.toFixed(2)} s`,
    );
    return {
      open,
      lapsing,
      startsPerSecond: (open - lapsing) / startSeconds,
      underWayPerSecond: (open - lapsing) / underWaySeconds,
      workerRssPeakMiB: Math.max(rssPeak, holding) / MiB,
      workerRssHoldingMiB: holding / MiB,
      serverDatabaseMiB: serverDatabaseBytes === null ? null : serverDatabaseBytes / MiB,
      fanOutSeconds,
      fanOutPerSecond: lapsing / fanOutSeconds,
      rawSmtpSeconds,
      rawSmtpPerSecond: lapsing / rawSmtpSeconds,
      timerFloorSeconds,
      timerFloorPerSecond: lapsing / timerFloorSeconds,
      timerFloorServerCpuSeconds: floor.serverCpuSeconds,
      fanOutCpuSeconds: {
        server: spent(cpuBefore.server, cpuAfter.server),
        worker: cpuAfter.worker - cpuBefore.worker,
        bench: cpuAfter.bench - cpuBefore.bench,
      },
      stickyTimeouts,
      fanOutWorker,
      heavyNeighbour,
    };
  } finally {
    clearInterval(sampler);
  }
}

interface WorkerWatch {
  /** The highest event-loop delay p99 the worker reported, in ms (null: not exported). */
  eventLoopP99Ms: number | null;
  /** The fewest activity slots it had free. */
  fewestActivitySlotsFree: number | null;
}

/**
 * Samples the worker's gauges every half second until stopped, and through the period under way then (the
 * event-loop gauge covers 10 s).
 */
function watchWorker(stack: BenchStack): { stop(): Promise<WorkerWatch> } {
  const seen: WorkerWatch = { eventLoopP99Ms: null, fewestActivitySlotsFree: null };
  const sample = async () => {
    const [p99, slots] = await Promise.all([
      stack.workerEventLoopDelayP99().catch(() => null),
      stack.workerActivitySlotsFree().catch(() => null),
    ]);
    if (p99 !== null) seen.eventLoopP99Ms = Math.max(seen.eventLoopP99Ms ?? 0, p99);
    if (slots !== null)
      seen.fewestActivitySlotsFree = Math.min(seen.fewestActivitySlotsFree ?? Infinity, slots);
  };
  const timer = setInterval(() => void sample(), 500);
  return {
    async stop() {
      await sleep(EVENT_LOOP_DELAY_PERIOD_MS + 500);
      clearInterval(timer);
      await sample();
      return seen;
    },
  };
}

/**
 * The fan-out again, with a heavy neighbour: `lapsing` more bench complaints and one complaint of the largest
 * size the schema accepts (50 respondents, 20 demands of 2,000 characters without a space each) fall due in the
 * same second, so 50 large letters render while the bench's reminders go out. Timed on the bench's reminders.
 */
async function lapseBesideTheLargest(
  stack: BenchStack,
  tag: string,
  from: number,
  lapsing: number,
  secondsPerNotice: number,
  log: (line: string) => void,
): Promise<HeavyNeighbourResult> {
  const { sink } = stack;
  sink.reset();
  const large = largestCaseFile(`BENCH/${tag}/largest`, 'en');
  const largeOfficers = new Set(large.respondents.map((r) => r.officer.email.toLowerCase()));
  const ofTheBench = (address: string) => !largeOfficers.has(address);
  // Room for the bench's notices as before, and for the large complaint's 50 letters.
  const lapseAt = DateTime.utc()
    .plus({ seconds: Math.ceil(60 + 3 * lapsing * secondsPerNotice) })
    .startOf('second')
    .plus({ seconds: 1 });
  const procedure = procedureDueAt(lapseAt);
  await startComplaint(stack.client, stack.complaintTaskQueue, large, procedure);
  await inPool(lapsing, 50, async (k) => {
    await startComplaint(stack.client, stack.complaintTaskQueue, benchCase(tag, from + k), procedure);
  });
  await sink.waitForCount('Notice', lapsing + large.respondents.length, 30 * 60_000);
  if (Date.now() >= lapseAt.toMillis())
    throw new Error(`the heavy neighbour's notices arrived after the shared deadline ${lapseAt.toISO()}`);
  log(
    `  heavy neighbour: ${lapsing} complaints and the largest valid one fall due at ${lapseAt.toISOTime()}`,
  );
  await sleep(Math.max(0, lapseAt.toMillis() - Date.now() - 1000));
  const watch = watchWorker(stack);
  const reminders = await sink.waitForCount('Overdue reminder', lapsing, 10 * 60_000, ofTheBench);
  const worker = await watch.stop();
  const fanOutSeconds = (Math.max(...reminders) - lapseAt.toMillis()) / 1000;
  const largeReminders = await sink.waitForCount(
    'Overdue reminder',
    large.respondents.length,
    10 * 60_000,
    (address) => largeOfficers.has(address),
  );
  log(
    `  heavy neighbour: ${lapsing} reminders ${fanOutSeconds.toFixed(2)} s after the deadline; the large complaint's ${largeReminders.length} after ${((Math.max(...largeReminders) - lapseAt.toMillis()) / 1000).toFixed(2)} s`,
  );
  return {
    complaints: lapsing + 1,
    fanOutSeconds,
    fanOutPerSecond: lapsing / fanOutSeconds,
    largeReminders: largeReminders.length,
    worker,
  };
}

/** How many of these complaints had a workflow task time out (schedule-to-start, the sticky queue) since `since`. */
async function stickyTimeoutsSince(
  stack: BenchStack,
  caseReferences: string[],
  since: number,
): Promise<number> {
  let timedOut = 0;
  await inPool(caseReferences.length, 20, async (i) => {
    const history = await stack.client.workflow
      .getHandle(complaintWorkflowId(caseReferences[i]!))
      .fetchHistory();
    const late = (history.events ?? []).some(
      (e) =>
        e.workflowTaskTimedOutEventAttributes && Number(e.eventTime?.seconds ?? 0) * 1000 >= since - 1000,
    );
    if (late) timedOut++;
  });
  return timedOut;
}

/** A copy of a real overdue reminder, as the mailer takes it, for the floors to send. */
function preparedCopyOf(stack: BenchStack): OutgoingMessage {
  const sample = stack.sink.lastOf('Overdue reminder');
  if (!sample) throw new Error('no overdue reminder arrived to copy');
  return {
    from: 'Commission <notices@commission.localhost>',
    to: { name: 'Officer', address: sample.to },
    subject: sample.subject,
    text: sample.text,
    html: sample.html,
    messageId: '<copy@bench.example>',
  };
}

/** Raw nodemailer to the same sink, `count` copies, from a process of its own (as the worker is one). */
async function rawSmtp(stack: BenchStack, count: number, message: OutgoingMessage): Promise<number> {
  const file = join(stack.dir, 'raw-message.json');
  writeFileSync(file, JSON.stringify(message));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'scripts', 'bench', 'raw-smtp.js'), stack.sink.url, String(count), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`raw-smtp exited with ${code}`)),
    );
  });
  await stack.sink.waitForCount('raw', count, 60_000);
  return (JSON.parse(out) as { seconds: number }).seconds;
}

/** Baseline workflows, each a timer to one shared instant then one send: from that instant to the last arrival. */
async function timerFloor(
  stack: BenchStack,
  tag: string,
  count: number,
  message: OutgoingMessage,
): Promise<{ seconds: number; serverCpuSeconds: number | null }> {
  const at = DateTime.utc()
    .plus({ seconds: 10 + Math.ceil(count / 50) })
    .startOf('second');
  await inPool(count, 50, async (i) => {
    await stack.baselineClient.workflow.start<typeof reminderAtWorkflow>('reminderAtWorkflow', {
      taskQueue: stack.baselineTaskQueue,
      workflowId: `reminder-at-${tag}-${i}`,
      args: [
        {
          at: at.toISO(),
          message: {
            ...message,
            subject: `Baseline ${message.subject}`,
            to: { name: 'Officer', address: `baseline-${i}@bench.example` },
            messageId: `<baseline-${tag}-${i}@bench.example>`,
          },
        },
      ],
    });
  });
  if (Date.now() >= at.toMillis()) throw new Error('the timer floor started after its shared instant');
  await sleep(Math.max(0, at.toMillis() - Date.now() - 1000));
  const cpuBefore = stack.cpuSeconds().server;
  const arrivals = await stack.sink.waitForCount('baseline', count, 10 * 60_000);
  return {
    seconds: (Math.max(...arrivals) - at.toMillis()) / 1000,
    serverCpuSeconds: spent(cpuBefore, stack.cpuSeconds().server),
  };
}
