// A PostgreSQL server of Debian's (`apt-get install postgresql`) in a folder of ours, on a loopback port: the
// Temporal cluster's store (`npm run cluster`, data kept under var/) and the records tests' database (a
// temporary folder). As root, the server runs as the `postgres` user, who owns the folder: PostgreSQL refuses
// to run as root.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface PostgresServer {
  /** A superuser's URL (user postgres, database postgres, trust authentication on loopback). */
  url: string;
  port: number;
  /** The server's process (the postmaster), while it runs. */
  readonly pid: number | undefined;
  /** Stops the server, keeping its data, as an outage would; resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Holds the cluster (data/) and the server's socket; created and initialised on first use, reused after. */
  dir: string;
  port: number;
  /** Off for throwaway test data: faster, and a crash loses what was not yet written. On by default. */
  fsync?: boolean;
  /** Server settings (`-c name=value`), e.g. max_connections. */
  settings?: Record<string, string | number>;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: run `apt-get install postgresql`');
  return join(root, newest, 'bin');
}

async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log()}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not start:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const { dir, port } = options;
  const asRoot = process.getuid?.() === 0;
  // As root, the server's commands run as the postgres user, who must own the cluster's folder. They are
  // this process's own children (spawned with that user's ids, not through runuser), so stopping the server
  // waits for the server itself and leaves nothing behind.
  const user = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      }
    : {};
  const command = (program: string, args: string[]): [string, string[]] => [join(bin, program), args];
  mkdirSync(dir, { recursive: true });
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) {
    try {
      execFileSync(
        ...command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']),
        { stdio: ['ignore', 'ignore', 'pipe'], ...user },
      );
    } catch (err) {
      const why = String((err as { stderr?: Buffer }).stderr ?? err);
      const hint =
        asRoot && /Permission denied/.test(why)
          ? ' (the postgres user must be able to pass through every folder above it: chmod o+x)'
          : '';
      throw new Error(`initdb ${data} failed: ${why.trim()}${hint}`);
    }
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const settings = {
    listen_addresses: '127.0.0.1',
    ...(options.fsync === false ? { fsync: 'off' } : {}),
    ...options.settings,
  };
  const launch = async (): Promise<ChildProcess> => {
    const [program, args] = command('postgres', [
      ...['-D', data, '-p', `${port}`, '-k', dir],
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ]);
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    await ready(url, child, () => log);
    return child;
  };
  const halt = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    // SIGTERM: a smart shutdown once clients have gone (SIGINT is not honoured under jest's workers);
    // SIGQUIT (immediate) if a client lingers.
    child.kill('SIGTERM');
    const lingering = setTimeout(() => child.kill('SIGQUIT'), 3_000);
    await exited;
    clearTimeout(lingering);
  };
  let child = await launch();
  return {
    url,
    port,
    get pid() {
      return child.exitCode === null ? child.pid : undefined;
    },
    async pause() {
      await halt(child);
    },
    async resume() {
      child = await launch();
    },
    async stop() {
      await halt(child);
    },
  };
}
