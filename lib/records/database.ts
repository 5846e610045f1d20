// Opens the records database named by DATABASE_URL: `sqlite:<path>` (the default) or `sqlite::memory:`.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ConfigError } from '../config';
import type { RecordsDatabase } from './schema';

export function openRecordsDatabase(url: string): Kysely<RecordsDatabase> {
  if (url.startsWith('sqlite:')) {
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
    }
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    return new Kysely<RecordsDatabase>({ dialect: new SqliteDialect({ database }) });
  }
  throw new ConfigError(
    `DATABASE_URL: unsupported database URL scheme in "${url.split(':')[0]}:" (use sqlite:<path>)`,
  );
}
