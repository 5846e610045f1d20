// Test stacks on a Temporal cluster on PostgreSQL (lib/cluster/cluster.ts: two history processes, 16 shards)
// instead of the dev server. A file under test/cluster/ imports ./use-cluster first, then whole test files of
// test/integration/: every stack they start (test/helpers/stack.ts) runs on a cluster of its own, so the same
// assertions hold on both servers.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HISTORY_SHARDS, startCluster, type TemporalCluster } from '../../lib/cluster/cluster';

let onCluster = false;

/** Stacks of this test file run on a cluster of their own. */
export function useCluster(): void {
  onCluster = true;
}

export const stacksOnCluster = () => onCluster;

export interface TestCluster {
  cluster: TemporalCluster;
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-'));
  chmodSync(dir, 0o755); // PostgreSQL's user passes through to its own folder inside (which only it reads)
  let cluster: TemporalCluster;
  try {
    cluster = await startCluster({
      dir,
      freePorts: true,
      shards: DEFAULT_HISTORY_SHARDS,
      historyProcesses: 2,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    cluster,
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
