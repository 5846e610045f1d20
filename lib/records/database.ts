// Opens the records database named by DATABASE_URL: `sqlite:<path>` (the default), `sqlite::memory:`, or a
// `postgres://` / `postgresql://` URL for production.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { Pool } from 'pg';
import { ConfigError } from '../config';
import type { RecordsDatabase } from './schema';

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new ConfigError(
    `DATABASE_URL: unsupported scheme "${url.split(':')[0]}:" (use sqlite:<path> or postgres://user:password@host/db)`,
  );
}

export function openRecordsDatabase(url: string): Kysely<RecordsDatabase> {
  if (databaseKind(url) === 'postgres') {
    const pool = new Pool({ connectionString: url, max: 10 });
    // An idle connection dropped by the server (a restart, a failover) must not crash the process: the pool
    // discards it and the next query opens a new one; a failing activity is retried by Temporal.
    pool.on('error', (err) => console.warn(`records: a database connection was lost (${err.message})`));
    return new Kysely<RecordsDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const location = url.slice('sqlite:'.length);
  if (!location)
    throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:var/records.sqlite');
  let database: Database.Database;
  if (location === ':memory:') {
    database = new Database(':memory:');
  } else {
    const path = resolve(location);
    mkdirSync(dirname(path), { recursive: true });
    database = new Database(path);
    // WAL lets the web app read while the worker writes; the busy timeout waits out a writer's lock.
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process loses nothing, a power
    // cut the last commits at most, and the records are a projection the workflows' histories rebuild (complaint
    // reproject); the outbox's resend after such a loss carries the same Message-ID. FULL cost the worker an
    // fsync per message, on its event loop (better-sqlite3 is synchronous).
    database.pragma('synchronous = NORMAL');
  }
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new Kysely<RecordsDatabase>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and SQLite's prepare is most of a small query's cost on the worker's event
 * loop (profiled in a fan-out: a third of the records' time). Queries repeat their SQL (values are bound apart),
 * so prepared statements are kept, the least recently used dropped past 500; one still iterating is not shared.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql); // to the most recent end
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
