// `npm run cluster:tools`: builds the cluster's Go programs from the Go module proxy into .tools/ (the Temporal
// server and temporal-sql-tool, the Temporal UI server) if they are not there yet. `npm run cluster` and the
// tests do it themselves when needed; CI starts it early, beside its other steps.
import { ensureServerTools } from '../lib/cluster/server-tools';
import { ensureTemporalUi } from '../lib/cluster/temporal-ui';

export async function ensureClusterTools(log: (line: string) => void = () => undefined): Promise<void> {
  const started = Date.now();
  await ensureServerTools(log);
  await ensureTemporalUi(log);
  log(`cluster tools ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (require.main === module) {
  ensureClusterTools((line) => console.log(`[cluster-tools] ${line}`)).catch((err: unknown) => {
    console.error(`[cluster-tools] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
