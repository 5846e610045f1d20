// The cluster's Temporal server and temporal-sql-tool at the pinned release, built from the Go module proxy
// into .tools/temporal-server-<version>/bin, with that release's PostgreSQL schema copied beside them.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { goInstall, reportsVersion } from './go-install';
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
  const dir = await goInstall(
    {
      name: `temporal-server-${version}`,
      programs: [
        { pkg: `go.temporal.io/server/cmd/server@v${version}`, as: 'temporal-server' },
        { pkg: `go.temporal.io/server/cmd/tools/sql@v${version}`, as: 'temporal-sql-tool' },
      ],
      after: (into, modCache) =>
        cpSync(
          join(modCache, `go.temporal.io/server@v${version}`, 'schema', 'postgresql', 'v12'),
          join(into, 'schema'),
          {
            recursive: true,
          },
        ),
    },
    log,
  );
  const tools = {
    version,
    server: join(dir, 'bin', 'temporal-server'),
    sqlTool: join(dir, 'bin', 'temporal-sql-tool'),
    schemaDir: join(dir, 'schema'),
  };
  if (!(await reportsVersion(tools.server, version))) {
    throw new Error(`${tools.server} does not report version ${version}: remove ${dir} to build it again`);
  }
  return tools;
}
