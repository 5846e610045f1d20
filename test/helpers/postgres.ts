// A real PostgreSQL server for tests: Debian's (lib/dev/postgres-server.ts), a fresh cluster in a temporary
// folder on a free loopback port, removed afterwards. TEST_POSTGRES_URL uses a server of your own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresServer } from '../../lib/dev/postgres-server';
import { freePort } from './network';

export interface TestPostgres {
  url: string;
  /** Stops the server, keeping its data, as an outage would; resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_POSTGRES_URL)
    return {
      url: process.env.TEST_POSTGRES_URL,
      pause: () => Promise.reject(new Error('cannot pause a server of your own (TEST_POSTGRES_URL)')),
      resume: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    };
  const dir = mkdtempSync(join(tmpdir(), 'records-pg-'));
  const server = await startPostgresServer({ dir, port: await freePort(), fsync: false });
  return {
    url: server.url,
    pause: () => server.pause(),
    resume: () => server.resume(),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
