// docker-compose.yml's `setup` step: once the cluster's frontend (TEMPORAL_ADDRESS) answers, makes the namespace
// (TEMPORAL_NAMESPACE) if absent and registers the complaint search attributes, then waits until a query on them
// answers: lib/cluster/cluster.ts's ensureNamespace, what `npm run cluster` does for its own cluster. Safe to run
// again.
import { ensureNamespace, untilFrontendAnswers } from '../lib/cluster/cluster';
import { temporalTarget } from '../lib/temporal/temporal-connection';

const WAIT_MS = 5 * 60_000;

async function main(): Promise<void> {
  const { connectionOptions, namespace } = temporalTarget();
  const address = connectionOptions.address;
  if (!address) throw new Error('set TEMPORAL_ADDRESS to the cluster frontend, host:port');
  await untilFrontendAnswers(address, WAIT_MS);
  await ensureNamespace(address, namespace, console.log);
  console.log(`namespace ${namespace} ready on ${address}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
