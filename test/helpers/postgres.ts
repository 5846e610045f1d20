// A real PostgreSQL server for tests: Debian's binaries (`apt-get install postgresql`, done by .ci/run), a
// fresh cluster in a temporary folder on a free loopback port, removed afterwards. As root, the server runs
// as the `postgres` user (PostgreSQL refuses to run as root). TEST_POSTGRES_URL uses a server of your own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './network';

export interface TestPostgres {
  url: string;
  /** Stops the server, keeping its data, as an outage would; resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL is not installed: run `apt-get install postgresql` (or set TEST_POSTGRES_URL)',
    );
  }
  return join(root, newest, 'bin');
}

async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
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

export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_POSTGRES_URL)
    return {
      url: process.env.TEST_POSTGRES_URL,
      pause: () => Promise.reject(new Error('cannot pause a server of your own (TEST_POSTGRES_URL)')),
      resume: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    };
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'records-pg-'));
  const asRoot = process.getuid?.() === 0;
  // As root, run the server's commands as the postgres user, who must own the cluster's folder.
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  execFileSync(
    ...command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']),
    {
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const launch = async (): Promise<ChildProcess> => {
    const [program, args] = command('postgres', [
      '-D',
      data,
      '-p',
      `${port}`,
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    await ready(url, child, () => log);
    return child;
  };
  const halt = async (child: ChildProcess) => {
    if (child.exitCode !== null) return;
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
    async pause() {
      await halt(child);
    },
    async resume() {
      child = await launch();
    },
    async stop() {
      await halt(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
