// The cluster's Temporal server and temporal-sql-tool at the pinned release, built from the Go module proxy
// into .tools/temporal-server-<version>/, with that release's PostgreSQL schema copied beside them.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { goInstall } from './go-install';
import { clusterVersions } from './versions';

export interface ServerTools {
  version: string;
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the release: temporal/ and visibility/, each with versioned/. */
  schemaDir: string;
}

export async function ensureServerTools(log?: (line: string) => void): Promise<ServerTools> {
  const version = clusterVersions().temporalServer;
  const module = `go.temporal.io/server@v${version}`;
  const dir = await goInstall(
    {
      name: `temporal-server-${version}`,
      packages: [
        `go.temporal.io/server/cmd/server@v${version}`,
        `go.temporal.io/server/cmd/tools/sql@v${version}`,
      ],
      after: (into, modCache) =>
        cpSync(join(modCache, module, 'schema', 'postgresql', 'v12'), join(into, 'schema'), {
          recursive: true,
        }),
    },
    log,
  );
  return {
    version,
    server: join(dir, 'bin', 'server'),
    sqlTool: join(dir, 'bin', 'sql'),
    schemaDir: join(dir, 'schema'),
  };
}
