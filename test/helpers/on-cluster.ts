// Test stacks on a Temporal cluster on PostgreSQL (lib/cluster/cluster.ts: two history processes, 16 shards)
// instead of the dev server. A file under test/cluster/ imports ./use-cluster first, then whole test files of
// test/integration/: every stack they start (test/helpers/stack.ts) runs on a cluster of its own, so the same
// assertions hold on both servers.
import { DEFAULT_HISTORY_SHARDS, startScratchCluster, type TemporalCluster } from '../../lib/cluster/cluster';

let onCluster = false;

/** Stacks of this test file run on a cluster of their own. */
export function useCluster(): void {
  onCluster = true;
}

export const stacksOnCluster = () => onCluster;

/** A cluster of the stack's own: two history processes, 16 shards; its stop() removes it. */
export const startTestCluster = (): Promise<TemporalCluster> =>
  startScratchCluster({ shards: DEFAULT_HISTORY_SHARDS, historyProcesses: 2 });
