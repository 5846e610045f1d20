// `npm run bench:cluster -- [--shards N] [--history-processes N] [bench options]`: the bench on a Temporal
// cluster on PostgreSQL of its own (lib/cluster/cluster.ts, free ports, a scratch folder), with the cluster's
// processes named for the server's CPU and the shape as the results' label; the cluster is removed after.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_HISTORY_SHARDS, startScratchCluster } from '../../lib/cluster/cluster';

function takeNumber(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: must be a whole number of at least 1`);
  args.splice(at, 2);
  return value;
}

async function main(): Promise<number> {
  // Ctrl-C reaches the bench too, which stops; then this stops the cluster.
  process.on('SIGINT', () => undefined);
  const args = process.argv.slice(2);
  const shards = takeNumber(args, '--shards', DEFAULT_HISTORY_SHARDS);
  const historyProcesses = takeNumber(args, '--history-processes', 2);
  const cluster = await startScratchCluster({
    shards,
    historyProcesses,
    log: (line) => console.log(`[cluster] ${line}`),
  });
  try {
    const label = `Temporal ${cluster.version} on PostgreSQL, ${shards} shards, ${historyProcesses} history process${historyProcesses > 1 ? 'es' : ''}`;
    const bench = spawn(
      process.execPath,
      [
        join(__dirname, 'main.js'),
        '--temporal-address',
        cluster.address,
        '--server-pids',
        cluster.pids().join(','),
        '--server-label',
        label,
        ...args,
      ],
      { stdio: 'inherit' },
    );
    return await new Promise<number>((resolve) => bench.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await cluster.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[bench:cluster] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
