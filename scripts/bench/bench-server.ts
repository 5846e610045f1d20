// Which Temporal server the bench runs on: its own dev server (the default), or one already running that
// `--temporal-address` names (a self-hosted cluster on PostgreSQL, say). Such a server is checked and prepared
// before anything starts, so a wrong address costs seconds, not a half-started stack; and the report names the
// server each result was measured on, with the version the server itself reports.
import { execFileSync } from 'node:child_process';
import { status } from '@grpc/grpc-js';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { InvalidArgumentError } from 'commander';
import { registerSearchAttributes } from '../../lib/dev/register-search-attributes';
import { findTemporalBinaries } from '../../lib/dev/temporal-binaries';
import { STAFF_DIGEST_SCHEDULE_ID } from '../../worker/staff-digest-schedule';
import { processExists } from './process-cpu';

/** A Temporal server the bench did not start. */
export interface ExternalServer {
  address: string;
  namespace: string;
  /** The server's processes on this machine whose CPU is the server's (--server-pids); none: not measured. */
  pids: number[];
}

/** The server as the report names it. */
export interface ServerIdentity {
  /** "Temporal dev server (CLI 1.9.1, SQLite)" or "Temporal server at db-host:7233". */
  name: string;
  /** The version the server reports (GetSystemInfo). */
  version: string;
  namespace: string;
  /** What the caller said the server is (--server-label), e.g. "PostgreSQL, 16 shards, 2 history processes". */
  label?: string;
}

/** `--temporal-address`: HOST:PORT (a name, IPv4 address or [IPv6] address, and a port). */
export function parseAddress(value: string): string {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65_535)
    throw new InvalidArgumentError('must be HOST:PORT, e.g. 127.0.0.1:7233');
  return value;
}

/** `--server-pids`: process IDs separated by commas. */
export function parsePids(value: string): number[] {
  const pids = value.split(',').map((s) => s.trim());
  if (!pids.every((p) => /^[1-9]\d*$/.test(p)))
    throw new InvalidArgumentError('must be process IDs separated by commas, e.g. 1234,1240');
  return pids.map(Number);
}

/** The Temporal CLI's version on this machine ("1.9.1"), or how the SDK gets it. */
function cliVersion(): string {
  const cli = findTemporalBinaries().cli;
  if (!cli) return "the SDK's download";
  const line = execFileSync(cli, ['--version'], { encoding: 'utf8' });
  return /version (\S+)/.exec(line)?.[1] ?? line.trim();
}

async function serverVersion(connection: Pick<Connection, 'workflowService'>): Promise<string> {
  return (await connection.workflowService.getSystemInfo({})).serverVersion || 'unknown';
}

export async function devServerIdentity(
  connection: Pick<Connection, 'workflowService'>,
  label?: string,
): Promise<ServerIdentity> {
  return {
    name: `Temporal dev server (CLI ${cliVersion()}, SQLite)`,
    version: await serverVersion(connection),
    namespace: 'default',
    ...(label ? { label } : {}),
  };
}

/**
 * Checks that `server` answers, has the namespace and no deployment's digest schedule in it, and registers the
 * complaint's search attributes there (idempotent). Each failure names the option to correct.
 */
export async function prepareExternalServer(
  server: ExternalServer,
  label: string | undefined,
  log: (line: string) => void,
): Promise<ServerIdentity> {
  for (const pid of server.pids)
    if (!processExists(pid)) throw new Error(`--server-pids: no process ${pid} on this machine`);
  const connection = await Connection.connect({ address: server.address, connectTimeout: '5 seconds' }).catch(
    (err: unknown) => {
      throw new Error(
        `--temporal-address ${server.address}: no Temporal server answers there (${err instanceof Error ? err.message : String(err)})`,
      );
    },
  );
  try {
    const version = await serverVersion(connection);
    await connection.workflowService
      .describeNamespace({ namespace: server.namespace })
      .catch((err: { code?: number }) => {
        if (err.code === status.NOT_FOUND)
          throw new Error(`--temporal-namespace ${server.namespace}: no such namespace at ${server.address}`);
        throw err;
      });
    // The bench's worker runs with the digest off, and a worker with the digest off deletes its schedule: in a
    // namespace where the project is deployed, that would stop the staff's real digest.
    const digest = await new Client({ connection, namespace: server.namespace }).schedule
      .getHandle(STAFF_DIGEST_SCHEDULE_ID)
      .describe()
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof ScheduleNotFoundError) return false;
          throw err;
        },
      );
    if (digest)
      throw new Error(
        `--temporal-namespace ${server.namespace}: the project is deployed there (its staff digest schedule exists), and the bench's worker would delete that schedule; give the bench a namespace of its own`,
      );
    const added = await registerSearchAttributes(connection, server.namespace);
    if (added.length) log(`registered the search attributes ${added.join(', ')} at ${server.address}`);
    return {
      name: `Temporal server at ${server.address}`,
      version,
      namespace: server.namespace,
      ...(label ? { label } : {}),
    };
  } finally {
    await connection.close();
  }
}

/** One line for the report: the server, its version, the caller's label. */
export const describeServer = (s: ServerIdentity) =>
  `${s.name}, server ${s.version}, namespace ${s.namespace}${s.label ? `; ${s.label}` : ''}`;
