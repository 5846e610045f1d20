// A Temporal cluster on this machine, as production runs one: the Temporal server built from source at the
// pinned release (server-tools.ts) on Debian's PostgreSQL, each service its own process (frontend, matching,
// worker, and history twice: the two share the history shards through the membership ring kept in
// PostgreSQL), all configured by scripts/cluster/temporal-server.yaml and dynamic-config.yaml, the schema set
// up by scripts/cluster/setup-schema.sh: the same three files docker-compose.yml uses. The data lives in
// `dir` and survives a restart. `npm run cluster` runs it with the app; the cluster tests and the bench
// start it on free ports.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { msToTs } from '@temporalio/common/lib/time';
import { freeLowPort, isListening } from '../dev/free-port';
import { startPostgresServer, type PostgresServer } from '../dev/postgres-server';
import { registerSearchAttributes } from '../dev/register-search-attributes';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../domain/search-attributes';
import { ensureServerTools, type ServerTools } from './server-tools';
import { DYNAMIC_CONFIG_FILE, SCHEMA_SCRIPT, SERVER_CONFIG_FILE } from './versions';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ServiceName = 'frontend' | 'history' | 'matching' | 'worker';

export interface ClusterOptions {
  /** The cluster's folder: postgres/ (the data), logs/ (one file per process), cluster.json. */
  dir: string;
  /** The frontend's gRPC port; the other ports follow from it (PORT_OFFSETS) unless `freePorts`. */
  frontendPort?: number;
  /** Every port a free one (tests, the bench): clusters side by side never collide. */
  freePorts?: boolean;
  /** History shards: fixed when the database is made (the dev server has 1). */
  shards?: number;
  historyProcesses?: number;
  namespace?: string;
  /** The server processes' log level (their files under logs/). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** A process ended by itself (not by kill() or stop()): `npm run cluster` stops everything. */
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Progress, a line at a time. */
  log?: (line: string) => void;
}

export interface ClusterProcess {
  /** frontend, matching, worker, history-1, history-2, ... */
  name: string;
  service: ServiceName;
  readonly child: ChildProcess;
  /** Its ports: gRPC first. */
  ports: number[];
}

export interface TemporalCluster {
  /** The frontend, HOST:PORT. */
  address: string;
  namespace: string;
  version: string;
  shards: number;
  postgres: PostgresServer;
  processes: ClusterProcess[];
  /** The server's processes, PostgreSQL's postmaster included: what the bench sums the CPU of. */
  pids(): number[];
  /** Ends one process at once (`kill -9`), as a crashed host would. */
  kill(name: string): Promise<void>;
  /** Starts a process ended by kill() again, on its ports. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Fixed ports relative to the frontend's gRPC port (7233 gives Temporal's usual 7233-7239 and 6933-6939). */
const PORT_OFFSETS = {
  frontend: { grpc: 0, membership: -300, http: 10 },
  history: { grpc: 1, membership: -299, step: 10 }, // history-2 on 7244 / 6944
  matching: { grpc: 2, membership: -298 },
  worker: { grpc: 6, membership: -294 },
  postgres: 199, // 7432: not 5432, where a machine's own PostgreSQL may be
  metrics: 1_767, // 9000, 9001, ...
} as const;

const RETENTION_DAYS = 30;
/** History shards unless `shards` says otherwise; docker-compose.yml's NUM_HISTORY_SHARDS is the same. */
export const DEFAULT_HISTORY_SHARDS = 16;

/**
 * A cluster in a scratch folder on free ports (the tests, the bench), the folder removed by its stop(). The
 * folder is readable by others: PostgreSQL's own user passes through it to its data (which only it reads).
 */
export async function startScratchCluster(
  options: Omit<ClusterOptions, 'dir' | 'freePorts' | 'frontendPort'> = {},
): Promise<TemporalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-'));
  chmodSync(dir, 0o755);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const cluster = await startCluster({ ...options, dir, freePorts: true });
    return {
      ...cluster,
      async stop() {
        await cluster.stop();
        remove();
      },
    };
  } catch (err) {
    remove();
    throw err;
  }
}

export async function startCluster(options: ClusterOptions): Promise<TemporalCluster> {
  // Free ports are free when chosen, not when bound: another cluster starting beside this one (a test file in
  // the next jest worker) may take one first. The process that lost exits at start; so try again elsewhere.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(options);
    } catch (err) {
      if (!options.freePorts || attempt === 3 || !/address already in use/.test(String(err))) throw err;
      options.log?.(`a port was taken meanwhile; starting again on others`);
    }
  }
}

async function startClusterOnce(options: ClusterOptions): Promise<TemporalCluster> {
  const log = options.log ?? (() => undefined);
  const shards = options.shards ?? DEFAULT_HISTORY_SHARDS;
  const historyProcesses = options.historyProcesses ?? 2;
  const namespace = options.namespace ?? 'default';
  const base = options.frontendPort ?? 7233;
  const taken = new Set<number>();
  const port = async (fixed: number) => {
    if (!options.freePorts) return fixed;
    let free = await freeLowPort();
    while (taken.has(free)) free = await freeLowPort();
    taken.add(free);
    return free;
  };
  mkdirSync(join(options.dir, 'logs'), { recursive: true });
  checkShards(options.dir, shards);

  const tools = await ensureServerTools(log);
  const postgres = await startPostgresServer({
    dir: join(options.dir, 'postgres'),
    port: await port(base + PORT_OFFSETS.postgres),
    // Room for every service's pools: 6 processes x (20 + 10), and the schema tool.
    settings: { max_connections: 300 },
  });
  try {
    log(`PostgreSQL on 127.0.0.1:${postgres.port} (data in ${join(options.dir, 'postgres')})`);
    const store = {
      POSTGRES_SEEDS: '127.0.0.1',
      DB_PORT: `${postgres.port}`,
      POSTGRES_USER: 'postgres',
      POSTGRES_PWD: '',
    };
    await setUpSchema(tools, store);
    writeFileSync(join(options.dir, 'cluster.json'), `${JSON.stringify({ shards }, null, 2)}\n`);

    const frontend = {
      grpc: await port(base),
      http: await port(base + PORT_OFFSETS.frontend.http),
      membership: await port(base + PORT_OFFSETS.frontend.membership),
    };
    const address = `127.0.0.1:${frontend.grpc}`;
    const common: NodeJS.ProcessEnv = {
      ...store,
      NUM_HISTORY_SHARDS: `${shards}`,
      BIND_ON_IP: '127.0.0.1',
      BROADCAST_ADDRESS: '127.0.0.1',
      PUBLIC_FRONTEND_ADDRESS: address,
      DYNAMIC_CONFIG_FILE,
      TEMPORAL_LOG_LEVEL: options.logLevel ?? 'warn',
      FRONTEND_GRPC_PORT: `${frontend.grpc}`,
      FRONTEND_HTTP_PORT: `${frontend.http}`,
      FRONTEND_MEMBERSHIP_PORT: `${frontend.membership}`,
    };
    const specs: { name: string; service: ServiceName; env: NodeJS.ProcessEnv; ports: number[] }[] = [];
    let metrics = base + PORT_OFFSETS.metrics;
    const add = async (name: string, service: ServiceName, grpc: number, membership: number) => {
      const ports =
        service === 'frontend' ? [frontend.grpc, frontend.membership, frontend.http] : [grpc, membership];
      const prefix = service.toUpperCase();
      specs.push({
        name,
        service,
        ports,
        env: {
          ...common,
          [`${prefix}_GRPC_PORT`]: `${ports[0]}`,
          [`${prefix}_MEMBERSHIP_PORT`]: `${ports[1]}`,
          METRICS_ADDRESS: `127.0.0.1:${await port(metrics++)}`,
        },
      });
    };
    for (let i = 0; i < historyProcesses; i++) {
      const step = i * PORT_OFFSETS.history.step;
      await add(
        `history-${i + 1}`,
        'history',
        await port(base + PORT_OFFSETS.history.grpc + step),
        await port(base + PORT_OFFSETS.history.membership + step),
      );
    }
    await add(
      'matching',
      'matching',
      await port(base + PORT_OFFSETS.matching.grpc),
      await port(base + PORT_OFFSETS.matching.membership),
    );
    await add('frontend', 'frontend', frontend.grpc, frontend.membership);
    await add(
      'worker',
      'worker',
      await port(base + PORT_OFFSETS.worker.grpc),
      await port(base + PORT_OFFSETS.worker.membership),
    );

    const running = new Map<string, ChildProcess>();
    const launch = (spec: (typeof specs)[number]) => {
      const out = createWriteStream(join(options.dir, 'logs', `${spec.name}.log`), { flags: 'a' });
      const child = spawn(
        tools.server,
        ['--config-file', SERVER_CONFIG_FILE, '--allow-no-auth', 'start', '--service', spec.service],
        { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.once('exit', () => out.end());
      running.set(spec.name, child);
      child.once('exit', (code, signal) => {
        if (!ending.has(child)) options.onUnexpectedExit?.(spec.name, code, signal);
      });
    };
    const ending = new WeakSet<ChildProcess>();
    // One process first: each writes the cluster's metadata into an empty store at start, and those that
    // race the first one to it exit. The rest join once it is there.
    launch(specs[0]!);
    await untilClusterMetadata(postgres.url.replace(/\/postgres$/, '/temporal'), running, options.dir);
    specs.slice(1).forEach(launch);
    log(
      `Temporal server ${tools.version}: ${specs.map((s) => `${s.name} (${s.ports[0]})`).join(', ')}; logs in ${join(options.dir, 'logs')}`,
    );

    const processes: ClusterProcess[] = specs.map((spec) => ({
      name: spec.name,
      service: spec.service,
      ports: spec.ports,
      get child() {
        return running.get(spec.name)!;
      },
    }));
    const halt = async (child: ChildProcess, signal: NodeJS.Signals) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      ending.add(child);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    };
    const cluster: TemporalCluster = {
      address,
      namespace,
      version: tools.version,
      shards,
      postgres,
      processes,
      pids: () =>
        [
          ...[...running.values()]
            .filter((c) => c.exitCode === null && c.signalCode === null)
            .map((c) => c.pid),
          postgres.pid,
        ].filter((pid): pid is number => pid !== undefined),
      async kill(name) {
        const child = running.get(name);
        if (!child) throw new Error(`no cluster process named ${name}`);
        await halt(child, 'SIGKILL');
      },
      async restart(name) {
        const spec = specs.find((s) => s.name === name);
        if (!spec) throw new Error(`no cluster process named ${name}`);
        launch(spec);
        await untilListening(spec.ports[0]!, 60_000, () => exitedEarly(running, options.dir));
      },
      async stop() {
        // The frontend first (no new requests), the history processes last but one (their shards' work is
        // written through), PostgreSQL last.
        const order = [
          'frontend',
          'worker',
          'matching',
          ...specs.filter((s) => s.service === 'history').map((s) => s.name),
        ];
        for (const name of order) await halt(running.get(name)!, 'SIGTERM');
        await postgres.stop();
      },
    };
    try {
      await untilFrontendAnswers(address, 120_000, () => exitedEarly(running, options.dir));
      await ensureNamespace(address, namespace, log);
      exitedEarly(running, options.dir);
      return cluster;
    } catch (err) {
      await cluster.stop().catch(() => undefined);
      throw err;
    }
  } catch (err) {
    await postgres.stop().catch(() => undefined);
    throw err;
  }
}

/** The shard count is written into the store when it is made: a different one later would lose workflows. */
function checkShards(dir: string, shards: number): void {
  const file = join(dir, 'cluster.json');
  if (!existsSync(file)) return;
  const made = (JSON.parse(readFileSync(file, 'utf8')) as { shards: number }).shards;
  if (made !== shards) {
    throw new Error(
      `this cluster's data (${dir}) was made with ${made} history shards, not ${shards}: the count is fixed ` +
        'for the life of the database; use that count, or remove the folder to start an empty cluster',
    );
  }
}

async function setUpSchema(tools: ServerTools, store: NodeJS.ProcessEnv): Promise<void> {
  await run('bash', [SCHEMA_SCRIPT], {
    env: { ...process.env, ...store, SQL_TOOL: tools.sqlTool, SCHEMA_DIR: tools.schemaDir },
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`setting up the Temporal schema failed:\n${err.stderr ?? String(err)}`);
  });
}

/** Until something accepts connections on 127.0.0.1:`port`. */
async function untilListening(port: number, timeoutMs: number, check: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    check();
    const open = await isListening(port);
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Until the first process has written the cluster's metadata (at once on a store made before). */
async function untilClusterMetadata(
  url: string,
  running: Map<string, ChildProcess>,
  dir: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    exitedEarly(running, dir);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM cluster_metadata_info');
      if (Number(rows[0]?.n) > 0) return;
    } catch {
      // not yet
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error("the cluster's metadata was not written within a minute");
    await sleep(250);
  }
}

function exitedEarly(running: Map<string, ChildProcess>, dir: string): void {
  for (const [name, child] of running) {
    if (child.exitCode !== null) {
      const file = join(dir, 'logs', `${name}.log`);
      throw new Error(
        `the cluster's ${name} process exited (${child.exitCode}): ${whyItFailed(file)} (${file})`,
      );
    }
  }
}

/** The server's last error or fatal entry (message and error), out of its JSON log lines. */
function whyItFailed(logFile: string): string {
  const lines = readFileSync(logFile, 'utf8').trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (entry.level === 'fatal' || entry.level === 'error') return `${entry.msg}: ${entry.error ?? ''}`;
    } catch {
      // not a JSON line
    }
  }
  return lines.slice(0, 5).reverse().join('\n');
}

/**
 * Until the frontend at `address` answers with every service joined (its cluster info needs history), within
 * `timeoutMs`; `check` runs before each try (a process that exited ends the wait at once).
 */
export async function untilFrontendAnswers(
  address: string,
  timeoutMs: number,
  check: () => void = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    check();
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getClusterInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(
          `the Temporal frontend ${address} did not answer within ${timeoutMs / 1000} s: ${String(err)}`,
        );
      await sleep(500);
    }
  }
}

/**
 * The namespace and the complaint search attributes, made if absent, and waited for until a query on them
 * answers: namespaces reach every service's cache within seconds, not at once.
 */
export async function ensureNamespace(
  address: string,
  namespace: string,
  log: (line: string) => void,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const service = connection.workflowService;
    const exists = await service.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await service.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`),
      });
      log(`namespace ${namespace} registered (closed complaints kept ${RETENTION_DAYS} days)`);
    }
    const deadline = Date.now() + 60_000;
    const probe = `${COMPLAINT_SEARCH_ATTRIBUTES[0]!.name} = 'probe'`;
    for (;;) {
      try {
        const added = await registerSearchAttributes(connection, namespace);
        if (added.length) log(`search attributes registered: ${added.join(', ')}`);
        await service.listWorkflowExecutions({ namespace, query: probe, pageSize: 1 });
        await service.countWorkflowExecutions({ namespace, query: probe });
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`namespace ${namespace} not usable within a minute: ${String(err)}`);
        await sleep(1_000);
      }
    }
  } finally {
    await connection.close();
  }
}
