// The worker process: `npm run worker` (started by `npm start`). Stops cleanly on SIGINT / SIGTERM.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { bindRecordsTo, describeTemporal } from '../lib/records/temporal-binding';
import { complaintDataConverter } from '../lib/temporal/data-converter';
import { connectClient, temporalTarget } from '../lib/temporal/temporal-connection';
import { openActivityDependencies } from './activity-dependencies';
import { connectWorker, createComplaintWorker } from './create-worker';
import { watchEventLoopDelay } from './event-loop-delay';
import { ensureStaffDigestSchedule } from './staff-digest-schedule';

async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({
    // The SDK logs at LOG_LEVEL: at info, what starts and stops and what goes wrong, not every task.
    logger: new DefaultLogger(config.logLevel.toUpperCase() as Uppercase<typeof config.logLevel>),
    // The SDK's own metrics (workflows, activities, task latencies, polls) and ours, for Prometheus.
    ...(config.metrics.worker
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.metrics.worker } } } }
      : {}),
  });
  // Whether the event loop stays free (letters render in threads of their own): a metric.
  const loopDelay = watchEventLoopDelay(Runtime.instance().metricMeter);
  const target = temporalTarget();
  const dependencies = await openActivityDependencies(config);
  const connection = await connectWorker(target);
  try {
    // The records are this Temporal's, or the worker does not start (lib/records/temporal-binding.ts).
    const { bound, boundNow } = await bindRecordsTo(
      dependencies.records.db,
      connection.workflowService,
      target.namespace,
    );
    if (boundNow)
      console.log(`worker: the records database now belongs to Temporal ${describeTemporal(bound)}`);
    const worker = await createComplaintWorker({
      connection,
      namespace: target.namespace,
      taskQueue: config.taskQueue,
      dependencies,
      dataConverter: complaintDataConverter(config),
      tuning: config.workerTuning,
      shutdownGraceMs: config.workerShutdownGraceMs,
    });
    // The staff's daily digest: its schedule created, or brought in line with this configuration.
    const client = await connectClient(config, target);
    try {
      await ensureStaffDigestSchedule(client, config);
    } finally {
      await client.connection.close();
    }
    console.log(
      config.staffDigest.at === null
        ? 'worker: no staff digest (STAFF_DIGEST_AT=off)'
        : `worker: staff digest scheduled daily at ${config.staffDigest.at} (${config.staffDigest.timeZone})`,
    );
    console.log(`worker: polling task queue ${config.taskQueue} in namespace ${target.namespace}`);
    if (config.metrics.worker) console.log(`worker: metrics on http://${config.metrics.worker}/metrics`);
    // The SDK's runtime shuts the worker down on SIGINT and SIGTERM: activities under way get the grace time
    // (WORKER_SHUTDOWN_GRACE), then are cancelled and retried by another worker; run() returns then.
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await connection.close();
    await dependencies.close();
    loopDelay.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`worker: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
