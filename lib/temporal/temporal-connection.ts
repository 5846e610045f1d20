// How every part connects to Temporal: through @temporalio/envconfig, so TEMPORAL_ADDRESS,
// TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS settings and TEMPORAL_PROFILE (a profile in the config file)
// point the same code at the local dev server, a Temporal cluster or Temporal Cloud.
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { complaintDataConverter, type PayloadConfig } from './data-converter';

export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions;
  namespace: string;
}

export function temporalTarget(): TemporalTarget {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  return { connectionOptions, namespace: namespace ?? 'default' };
}

/** A client that reads and writes the project's payloads: encrypted, and the large ones by reference. */
export async function connectClient(
  config: PayloadConfig,
  target: TemporalTarget = temporalTarget(),
): Promise<Client> {
  const connection = await Connection.connect(target.connectionOptions);
  return new Client({
    connection,
    namespace: target.namespace,
    dataConverter: complaintDataConverter(config),
  });
}

/** Whether a worker polls `taskQueue` for workflow tasks: how a starter knows the worker is up. */
export async function hasWorkflowPollers(
  client: Client,
  namespace: string,
  taskQueue: string,
): Promise<boolean> {
  const res = await client.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (res.pollers?.length ?? 0) > 0;
}
