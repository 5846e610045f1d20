// `npm run bench`: the complaint engine measured against the same Temporal server running empty workflows, on
// this machine. Sections: lifecycle throughput, answer latency, scale (open complaints, then a fan-out of
// lapsing deadlines). Prints a table; writes BENCHMARKS.json and the results block of BENCHMARKS.md.
// `npm run bench -- --help` for the options; `--smoke` runs every section with tiny numbers (used by npm test).
// It starts its own dev server, or runs on a server already running (`--temporal-address`): the engine and its
// floor then both run there, and the results go in that server's own block.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PROJECT_ROOT } from '../../lib/project-root';
import {
  floodOneLink,
  openComplaintsForAnswers,
  timeAnswerUpdates,
  startPingWorkflows,
  timeOfficerAnswers,
  timeRawUpdates,
} from './answer-latency';
import {
  devServerIdentity,
  parseAddress,
  parsePids,
  prepareExternalServer,
  type ExternalServer,
  type ServerIdentity,
} from './bench-server';
import { startBenchStack, type BenchStack, type CpuSeconds } from './bench-stack';
import type { ActivityShape } from './baseline-workflows';
import { activityShapeOf, runBaselineLifecycles, runComplaintLifecycles } from './lifecycle';
import { median, percentile } from './measure';
import {
  figure,
  machine,
  NOT_MEASURED,
  ratioOf,
  readPrevious,
  tableOf,
  writeResults,
  type Figure,
  type Row,
  type SectionRun,
} from './report';
import { runScale, type ScaleResult } from './scale';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
};

const program = new Command('bench')
  .description('Measure the complaint engine beside Temporal empty workflows on this machine')
  .option(
    '--runs <n>',
    'runs of the lifecycle and latency sections (their medians are reported)',
    positive,
    3,
  )
  .option(
    '--lifecycle <n>',
    'complaints per lifecycle run (the default takes about a minute here)',
    positive,
    700,
  )
  .option('--lifecycle-concurrency <n>', 'complaints in flight at once', positive, 50)
  .option('--answers <n>', 'officers answering, per concurrency level and run', positive, 200)
  .option('--flood <n>', 'extension requests sent through one link (the history they leave)', positive, 1000)
  .option('--open <n>', 'open complaints in the scale section', positive, 10_000)
  .option('--lapsing <n>', 'of them, deadlines lapsing in the same second', positive, 1000)
  .option('--sections <list>', 'which sections to run', 'lifecycle,latency,scale')
  .option('--out <dir>', 'where BENCHMARKS.json and BENCHMARKS.md are written', PROJECT_ROOT)
  .option(
    '--smtp-params <query>',
    "the worker's SMTP transport options, e.g. pool=false or maxConnections=10",
    '',
  )
  .option(
    '--temporal-address <host:port>',
    'run on this Temporal server (already running, e.g. a cluster) instead of starting a dev server',
    parseAddress,
  )
  .option('--temporal-namespace <ns>', 'its namespace (with --temporal-address)')
  .option(
    '--server-pids <pids>',
    "that server's processes on this machine, whose CPU (with their children's) is the server's; otherwise n/a",
    parsePids,
  )
  .option(
    '--server-label <text>',
    'what the server is, for the report (e.g. "PostgreSQL, 16 shards"); with --temporal-address, the key of its results',
  )
  .option('--smoke', 'tiny numbers, one run: checks that the bench works, measures nothing', false)
  .option('--verbose', "print the worker's and the web app's output", false);

const SECTIONS = ['lifecycle', 'latency', 'scale'] as const;

function howRan(section: string, o: Options): string {
  if (section === 'lifecycle') return `${o.lifecycle} complaints, ${o.lifecycleConcurrency} in flight`;
  if (section === 'latency')
    return `${o.answers} answers per concurrency level, ${o.flood} extension requests through one link`;
  return `${o.open} open complaints, ${o.lapsing} lapsing`;
}

interface Options {
  runs: number;
  lifecycle: number;
  lifecycleConcurrency: number;
  answers: number;
  flood: number;
  open: number;
  lapsing: number;
  sections: string;
  out: string;
  smtpParams: string;
  temporalAddress?: string;
  temporalNamespace?: string;
  serverPids?: number[];
  serverLabel?: string;
  smoke: boolean;
  verbose: boolean;
}

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const o = program.parse().opts<Options>();
  if (o.smoke)
    Object.assign(o, {
      runs: 1,
      lifecycle: 4,
      lifecycleConcurrency: 2,
      answers: 4,
      flood: 20,
      open: 30,
      lapsing: 10,
    });
  if (o.lapsing >= o.open) throw new InvalidArgumentError('--lapsing: must be fewer than --open');
  const sections = new Set(o.sections.split(',').map((s) => s.trim()));
  for (const s of sections)
    if (!(SECTIONS as readonly string[]).includes(s))
      throw new InvalidArgumentError(`--sections: no section "${s}"`);
  for (const [given, option] of [
    [o.temporalNamespace, '--temporal-namespace'],
    [o.serverPids, '--server-pids'],
  ] as const)
    if (given !== undefined && !o.temporalAddress)
      throw new InvalidArgumentError(
        `${option}: only with --temporal-address (the bench's own dev server is known)`,
      );
  const external: ExternalServer | undefined = o.temporalAddress
    ? { address: o.temporalAddress, namespace: o.temporalNamespace ?? 'default', pids: o.serverPids ?? [] }
    : undefined;
  // Checked before anything starts: a server that does not answer fails here, naming the option.
  let server: ServerIdentity | undefined = external
    ? await prepareExternalServer(external, o.serverLabel, log)
    : undefined;
  // In every workflow ID of the run: on a server that keeps earlier runs' workflows, IDs never meet them.
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const rows: Row[] = [];
  const detail: Record<string, unknown> = {};
  const on = external ? `the Temporal server at ${external.address}` : 'dev server on SQLite';
  const start = async () => {
    const stack = await startBenchStack({ verbose: o.verbose, smtpParams: o.smtpParams, server: external });
    server ??= await devServerIdentity(stack.client.connection, o.serverLabel);
    return stack;
  };

  if (sections.has('lifecycle') || sections.has('latency')) {
    log(`starting the stack (${on}, worker, web app, SMTP sink, baseline worker)...`);
    const stack = await start();
    detail.workerReadySeconds = stack.workerReadySeconds;
    try {
      if (sections.has('lifecycle')) {
        const result = await lifecycle(stack, o, tag);
        rows.push(...result.rows);
        detail.lifecycle = result.detail;
      }
      if (sections.has('latency')) {
        const result = await latency(stack, o, tag);
        rows.push(...result.rows);
        detail.latency = result.detail;
      }
    } finally {
      await stack.stop();
    }
  }
  if (sections.has('scale')) {
    log(`scale: ${o.open} open complaints, ${o.lapsing} lapsing in the same second (a fresh stack)...`);
    const stack = await start();
    try {
      const result = await runScale(stack, `${tag}-scale`, o.open, o.lapsing, log);
      const running = await stack.client.workflow.count(
        `TaskQueue = '${stack.complaintTaskQueue}' AND ExecutionStatus = 'Running'`,
      );
      detail.scale = { ...result, stillRunning: running.count };
      rows.push(...scaleRows(result, running.count));
    } finally {
      await stack.stop();
    }
  }

  const tuning = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => k.startsWith('WORKER_MAX_') || k === 'WORKER_STICKY_TIMEOUT',
      ),
    ),
    ...(o.smtpParams ? { SMTP_URL: `smtp://sink?${o.smtpParams}` } : {}),
  };
  const measuredAt = new Date().toISOString();
  const table = tableOf(rows);
  console.log(`\n${table}\n`);
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  // A server given by address has its own block, keyed by its label (or address).
  const key = external ? (o.serverLabel ?? external.address) : undefined;
  // A run of some sections keeps the others' last results (on the same server) beside its own, each with when
  // and how it ran.
  const previous = readPrevious(join(out, 'BENCHMARKS.json'), key);
  const ran: Record<string, SectionRun> = {};
  for (const name of sections)
    ran[name] = { measuredAt, runs: name === 'scale' ? 1 : o.runs, how: howRan(name, o), tuning };
  const kept = (name: string) => !sections.has(name) && previous?.sections?.[name];
  const results = {
    server: server!,
    machine: machine(!external),
    sections: Object.fromEntries(
      SECTIONS.filter((name) => ran[name] || kept(name)).map((name) => [
        name,
        ran[name] ?? previous!.sections![name]!,
      ]),
    ),
    rows: SECTIONS.flatMap((name) =>
      sections.has(name)
        ? rows.filter((r) => r.section === name)
        : kept(name)
          ? previous!.rows.filter((r) => r.section === name)
          : [],
    ),
    detail: {
      ...Object.fromEntries(
        SECTIONS.filter((name) => kept(name)).map((name) => [name, previous!.detail?.[name]]),
      ),
      ...detail,
    },
  };
  await writeResults(out, results, key);
  log(`written: ${join(out, 'BENCHMARKS.json')}, ${join(out, 'BENCHMARKS.md')}`);
}

async function lifecycle(stack: BenchStack, o: Options, tag: string) {
  const engine: number[] = [];
  const floor: number[] = [];
  const cpu: { engine: CpuSeconds; floor: CpuSeconds }[] = [];
  let shape: ActivityShape | undefined;
  let history: { events: number; bytes: number } | undefined;
  for (let run = 1; run <= o.runs; run++) {
    const complaints = await runComplaintLifecycles(
      stack,
      `${tag}-l${run}`,
      o.lifecycle,
      o.lifecycleConcurrency,
    );
    shape ??= await activityShapeOf(stack.client, complaints.lastWorkflowId);
    if (!history) {
      const described = await stack.client.workflow.getHandle(complaints.lastWorkflowId).describe();
      history = { events: described.historyLength, bytes: described.historySize ?? 0 };
    }
    const baseline = await runBaselineLifecycles(
      stack,
      `${tag}-l${run}`,
      o.lifecycle,
      o.lifecycleConcurrency,
      shape,
    );
    engine.push(complaints.perSecond);
    floor.push(baseline.perSecond);
    cpu.push({ engine: complaints.cpuSeconds, floor: baseline.cpuSeconds });
    log(
      `lifecycle run ${run}: ${complaints.perSecond.toFixed(1)} complaints/s, baseline ${baseline.perSecond.toFixed(1)} workflows/s`,
    );
  }
  const e = median(engine);
  const f = median(floor);
  // Where the time goes: CPU per complaint (or baseline workflow) of the server and of the worker, in ms.
  // Not measured (n/a) where the server's processes are not known.
  const msPerItem = (seconds: number | null): Figure =>
    seconds === null ? NOT_MEASURED : (seconds * 1000) / o.lifecycle;
  const perItem = (pick: (c: { engine: CpuSeconds; floor: CpuSeconds }) => number | null): Figure => {
    const each = cpu.map((c) => msPerItem(pick(c)));
    return each.includes(NOT_MEASURED) ? NOT_MEASURED : median(each as number[]);
  };
  const cpuRow = (who: 'server' | 'worker', label: string): Row => {
    const engineMs = perItem((c) => c.engine[who]);
    // The baseline runs on its own worker process.
    const floorMs = perItem((c) => c.floor[who === 'worker' ? 'baselineWorker' : who]);
    return {
      section: 'lifecycle',
      measure: `Lifecycle: CPU ms per complaint, ${label}`,
      engine: engineMs,
      floor: floorMs,
      ratio: ratioOf(engineMs, floorMs),
      target: '',
      met: null,
      runs: cpu.map((c) => msPerItem(c.engine[who])),
    };
  };
  return {
    rows: [
      {
        section: 'lifecycle',
        measure: 'Lifecycle: complaints closed per second',
        engine: e,
        floor: f,
        ratio: e / f,
        target: '≥ 0.9× the floor',
        met: e / f >= 0.9,
        runs: engine,
      } satisfies Row,
      cpuRow('server', 'the Temporal server'),
      cpuRow('worker', 'the worker'),
      ...(['events', 'bytes'] as const).map((unit): Row => ({
        section: 'lifecycle',
        measure: `History of a complaint, seed path: notice, answer, acceptance, closed (${unit})`,
        engine: history![unit],
        floor: null,
        ratio: null,
        target: '',
        met: null,
        runs: [history![unit]],
      })),
    ],
    detail: { shape, engine, floor, cpu, history },
  };
}

async function latency(stack: BenchStack, o: Options, tag: string) {
  const levels = [1, 20];
  const samples: Record<string, { engine: number[]; floor: number[] }[]> = { 1: [], 20: [] };
  for (let run = 1; run <= o.runs; run++) {
    for (const c of levels) {
      const links = await openComplaintsForAnswers(stack, `${tag}-a${run}c${c}`, o.answers);
      const pings = await startPingWorkflows(stack, `${tag}-a${run}c${c}`, o.answers);
      const engine = await timeOfficerAnswers(links, c);
      const floor = await timeRawUpdates(stack, pings, c);
      samples[c]!.push({ engine, floor });
      log(
        `latency run ${run}, concurrency ${c}: answer p99 ${percentile(engine, 99).toFixed(1)} ms, raw Update p99 ${percentile(floor, 99).toFixed(1)} ms`,
      );
    }
  }
  const parts = { update: [] as number[] };
  for (let run = 1; run <= o.runs; run++)
    parts.update.push(...(await timeAnswerUpdates(stack, `${tag}-p${run}`, o.answers)));
  const flood = await floodOneLink(stack, `${tag}-flood`, o.flood);
  log(
    `flood: ${o.flood} extension requests through one link, ${flood.accepted} taken; history ${flood.events} events, ${flood.bytes} bytes`,
  );
  const rows: Row[] = [];
  for (const c of levels) {
    for (const p of [50, 95, 99]) {
      const engineRuns = samples[c]!.map((s) => percentile(s.engine, p));
      const e = median(engineRuns);
      const f = median(samples[c]!.map((s) => percentile(s.floor, p)));
      rows.push({
        section: 'latency',
        measure: `Answer latency, concurrency ${c}: p${p} (ms)`,
        engine: e,
        floor: f,
        ratio: e / f,
        target: p === 99 ? '≤ 1.5× the floor' : '',
        met: p === 99 ? e / f <= 1.5 : null,
        runs: engineRuns,
      });
    }
  }
  // Where the time goes (concurrency 1, every run's samples together): the parts, timed from a client.
  const floor1 = (p: number) => median(samples[1]!.map((s) => percentile(s.floor, p)));
  for (const p of [50, 99]) {
    const e = percentile(parts.update, p);
    rows.push({
      section: 'latency',
      measure: `Answer path, concurrency 1, the submitAnswer Update alone (answer in the complaint's state): p${p} (ms)`,
      engine: e,
      floor: floor1(p),
      ratio: e / floor1(p),
      target: '',
      met: null,
      runs: [e],
    });
  }
  // The history a flood through one link leaves: under the budget a complaint continues as new past.
  const budget = { events: 2_000, bytes: 2 * 1024 * 1024 };
  for (const [unit, value, limit] of [
    ['events', flood.events, budget.events],
    ['bytes', flood.bytes, budget.bytes],
  ] as const)
    rows.push({
      section: 'latency',
      measure: `History after ${o.flood} extension requests through one link (${unit})`,
      engine: value,
      floor: null,
      ratio: null,
      target: `under the budget (${limit})`,
      met: value < limit,
      runs: [value],
    });
  return { rows, detail: { samples, parts, flood } };
}

function scaleRows(r: ScaleResult, stillRunning: number): Row[] {
  const row = (measure: string, engine: Figure, extra: Partial<Row> = {}): Row => ({
    section: 'scale',
    measure,
    engine,
    floor: null,
    ratio: null,
    target: '',
    met: null,
    runs: [engine],
    ...extra,
  });
  return [
    row('Scale: complaints started per second', r.startsPerSecond),
    row('Scale: complaints under way per second (notice sent)', r.underWayPerSecond),
    // The scale section's complaints, and those its heavy-neighbour fan-out started.
    row(`Scale: open complaints held by one worker`, stillRunning, {
      target: `all ${r.open + r.heavyNeighbour.complaints}`,
      met: stillRunning === r.open + r.heavyNeighbour.complaints,
    }),
    row('Scale: worker memory, peak (MiB RSS)', r.workerRssPeakMiB),
    row(`Scale: worker memory holding ${r.open} (MiB RSS)`, r.workerRssHoldingMiB),
    row(`Scale: server database on disk (MiB)`, figure(r.serverDatabaseMiB)),
    row(`Fan-out: ${r.lapsing} overdue reminders in the sink (s after the deadline)`, r.fanOutSeconds, {
      floor: r.rawSmtpSeconds,
      ratio: r.fanOutSeconds / r.rawSmtpSeconds,
    }),
    row('Fan-out: reminders per second, beside raw nodemailer', r.fanOutPerSecond, {
      floor: r.rawSmtpPerSecond,
      ratio: r.fanOutPerSecond / r.rawSmtpPerSecond,
      target: '≥ 0.8× raw SMTP',
      met: r.fanOutPerSecond / r.rawSmtpPerSecond >= 0.8,
    }),
    row('Fan-out: reminders per second, beside Temporal timers + one send each', r.fanOutPerSecond, {
      floor: r.timerFloorPerSecond,
      ratio: r.fanOutPerSecond / r.timerFloorPerSecond,
      target: '≥ 0.7× the floor',
      met: r.fanOutPerSecond / r.timerFloorPerSecond >= 0.7,
    }),
    serverCpuPerReminder(r),
    row('Fan-out: worker CPU ms per reminder', (r.fanOutCpuSeconds.worker * 1000) / r.lapsing),
    row(
      `Fan-out: lapsing complaints replayed after a sticky-queue timeout (of ${r.lapsing})`,
      r.stickyTimeouts,
    ),
    row(
      'Fan-out beside the largest complaint: reminders per second, beside the plain run',
      r.heavyNeighbour.fanOutPerSecond,
      {
        floor: r.fanOutPerSecond,
        ratio: r.heavyNeighbour.fanOutPerSecond / r.fanOutPerSecond,
        target: '≥ 0.9× the plain run',
        met: r.heavyNeighbour.fanOutPerSecond / r.fanOutPerSecond >= 0.9,
      },
    ),
    eventLoopRow('Fan-out: worker event-loop delay p99 (ms), plain run', r.fanOutWorker.eventLoopP99Ms),
    eventLoopRow(
      'Fan-out beside the largest complaint: worker event-loop delay p99 (ms)',
      r.heavyNeighbour.worker.eventLoopP99Ms,
    ),
    row('Fan-out: fewest activity slots free, plain run', figure(r.fanOutWorker.fewestActivitySlotsFree)),
    row(
      'Fan-out beside the largest complaint: fewest activity slots free',
      figure(r.heavyNeighbour.worker.fewestActivitySlotsFree),
    ),
  ];
}

/** The worker's event-loop delay: its p99 kept under 100 ms whatever renders. */
function eventLoopRow(measure: string, p99Ms: number | null): Row {
  const engine = figure(p99Ms);
  return {
    section: 'scale',
    measure,
    engine,
    floor: null,
    ratio: null,
    target: '< 100 ms',
    met: p99Ms === null ? null : p99Ms < 100,
    runs: [engine],
  };
}

/** The server's CPU per reminder in the fan-out and in its timer floor; n/a where the server's CPU is not known. */
function serverCpuPerReminder(r: ScaleResult): Row {
  const ms = (seconds: number | null) => figure(seconds === null ? null : (seconds * 1000) / r.lapsing);
  const engine = ms(r.fanOutCpuSeconds.server);
  const floor = ms(r.timerFloorServerCpuSeconds);
  return {
    section: 'scale',
    measure: 'Fan-out: Temporal server CPU ms per reminder',
    engine,
    floor,
    ratio: ratioOf(engine, floor),
    target: '',
    met: null,
    runs: [engine],
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
