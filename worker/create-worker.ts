// Builds the complaint worker: the workflows plus the activities with their dependencies.
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import type { WorkerTuning } from '../lib/config';
import type { TemporalTarget } from '../lib/temporal/temporal-connection';
import { workflowSource, type WorkflowSource } from './workflow-source';

export interface ComplaintWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /** Defaults to the prebuilt bundle, or the workflow sources when there is none. */
  workflows?: WorkflowSource;
  /** The project's data converter (payload encryption). */
  dataConverter: DataConverter;
  /** Cache size and concurrency limits (WORKER_* variables); the SDK's defaults otherwise. */
  tuning?: WorkerTuning;
  /** How long a stopping worker lets running activities finish before cancelling them (default 10 s). */
  shutdownGraceMs?: number;
}

/** Past the grace time, cancelled activities have this long to give up before the worker stops regardless. */
const SHUTDOWN_FORCE_AFTER_GRACE_MS = 15_000;

export async function createComplaintWorker(options: ComplaintWorkerOptions): Promise<Worker> {
  const grace = options.shutdownGraceMs ?? 10_000;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: createActivities(options.dependencies),
    ...(options.workflows ?? workflowSource()),
    ...options.tuning,
    // A stopping worker lets sends under way finish, then cancels the rest (the mailer gives up at once, the
    // outbox row stays pending) and their retries run on the next worker.
    shutdownGraceTime: grace,
    shutdownForceTime: grace + SHUTDOWN_FORCE_AFTER_GRACE_MS,
  });
}

export async function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect(target.connectionOptions);
}
