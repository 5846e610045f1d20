// How this project runs the Temporal CLI's dev server on a developer's machine (`npm start`, `npm run bench`):
// persistent SQLite, the custom search attributes, and SQLite in write-ahead-log mode. The dev server's default
// rollback journal syncs to disk on every commit; with WAL and synchronous=NORMAL a crash of the process loses
// nothing and the server carries about three times the load (BENCHMARKS.md, "Tuning").
import type { DevServerConfig } from '@temporalio/testing';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../domain/search-attributes';
import { devServerExecutable } from './temporal-binaries';

export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

export interface DevServerPlace {
  port: number;
  /** The Web UI's port, or none. */
  uiPort?: number;
  namespace?: string;
  dbFilename: string;
  /** The codec endpoint the Web UI calls (the web app's console, which serves the UI too). */
  ui?: { codecEndpoint: string };
  /** The server's own log level: its warnings are for whoever runs the server, not the app's log. */
  logLevel?: 'warn' | 'error';
}

export function devServerConfig(place: DevServerPlace): Omit<DevServerConfig, 'type'> {
  return {
    executable: devServerExecutable(),
    ip: '127.0.0.1',
    port: place.port,
    ...(place.uiPort ? { ui: true, uiPort: place.uiPort } : { ui: false }),
    ...(place.namespace ? { namespace: place.namespace } : {}),
    dbFilename: place.dbFilename,
    searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES,
    log: { format: 'pretty', level: place.logLevel ?? 'warn' },
    extraArgs: [
      ...DEV_SERVER_SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]),
      ...(place.ui
        ? [
            ...['--ui-codec-endpoint', place.ui.codecEndpoint],
            // No calls to the internet from an admin's browser (the UI's news feed).
            '--ui-disable-news-fetch',
          ]
        : []),
    ],
  };
}
