// The baseline's worker process: the same SDK, connection and tuning (WORKER_* variables) as the complaint
// worker, with the baseline workflows and their no-op activity, the default data converter (no codec).
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../../lib/config';
import { temporalTarget } from '../../lib/temporal-connection';
import { createBaselineActivities } from './baseline-activities';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

async function main(): Promise<void> {
  const config = loadConfig();
  const target = temporalTarget();
  const connection = await NativeConnection.connect(target.connectionOptions);
  try {
    const worker = await Worker.create({
      connection,
      namespace: target.namespace,
      taskQueue: BASELINE_TASK_QUEUE,
      workflowsPath: require.resolve('./baseline-workflows'),
      activities: createBaselineActivities(),
      ...config.workerTuning,
    });
    console.log(`baseline worker: polling ${BASELINE_TASK_QUEUE}`);
    await worker.run();
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`baseline worker: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
