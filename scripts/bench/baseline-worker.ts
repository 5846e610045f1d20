// The baseline's worker process: the same SDK, connection and tuning (WORKER_* variables) as the complaint
// worker, with the baseline workflows and their no-op activity, the default data converter (no codec). Its task
// queue is its first argument: the bench stack's own.
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../../lib/config';
import { createSmtpMailer } from '../../lib/mail/mailer';
import { temporalTarget } from '../../lib/temporal/temporal-connection';
import { createBaselineActivities } from './baseline-activities';

async function main(taskQueue: string | undefined): Promise<void> {
  if (!taskQueue) throw new Error('usage: baseline-worker.js <task queue>');
  const config = loadConfig();
  const target = temporalTarget();
  const connection = await NativeConnection.connect(target.connectionOptions);
  const mailer = createSmtpMailer(config.smtpUrl);
  try {
    const worker = await Worker.create({
      connection,
      namespace: target.namespace,
      taskQueue,
      workflowsPath: require.resolve('./baseline-workflows'),
      activities: createBaselineActivities(mailer),
      ...config.workerTuning,
    });
    console.log(`baseline worker: polling ${taskQueue}`);
    await worker.run();
  } finally {
    mailer.close();
    await connection.close();
  }
}

if (require.main === module) {
  main(process.argv[2]).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`baseline worker: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
