// docker-compose.yml's `setup` step: once the cluster's frontend (TEMPORAL_ADDRESS) answers, makes the namespace
// (TEMPORAL_NAMESPACE) if absent and registers the complaint search attributes, then waits until a query on them
// answers: lib/cluster/cluster.ts's ensureNamespace, what `npm run cluster` does for its own cluster. Safe to run
// again.
import { Connection } from '@temporalio/client';
import { ensureNamespace } from '../lib/cluster/cluster';
import { temporalTarget } from '../lib/temporal/temporal-connection';

const WAIT_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilServing(address: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        // Answers once every service has joined: the frontend's cluster info needs history.
        await connection.workflowService.getClusterInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the frontend ${address} did not answer: ${String(err)}`);
      await sleep(1_000);
    }
  }
}

async function main(): Promise<void> {
  const { connectionOptions, namespace } = temporalTarget();
  const address = connectionOptions.address;
  if (!address) throw new Error('set TEMPORAL_ADDRESS to the cluster frontend, host:port');
  await untilServing(address);
  await ensureNamespace(address, namespace, console.log);
  console.log(`namespace ${namespace} ready on ${address}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
