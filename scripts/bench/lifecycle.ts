// Section 1, lifecycle throughput: complaints through notice → answered → accepted → closed, driven as staff and
// officers would (the answer only once the notice is in the mailbox), beside baseline workflows with the same
// number of activities and Updates that do nothing.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import type { ComplaintWorkflow } from '../../lib/domain/complaint-start';
import { reviewAnswer, submitAnswer } from '../../workflows/messages';
import { benchCase, officerAddress, procedureDueAt, RESPONDENT_ID } from './bench-cases';
import type { BenchStack, CpuSeconds } from './bench-stack';
import { proceed, type ActivityShape, type baselineLifecycleWorkflow } from './baseline-workflows';
import { inPool, since } from './measure';

export interface ThroughputResult {
  count: number;
  seconds: number;
  perSecond: number;
  /** CPU seconds each process used during the run. */
  cpuSeconds: CpuSeconds;
}

function cpuSpent(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return {
    server: after.server === null || before.server === null ? null : after.server - before.server,
    worker: after.worker - before.worker,
    baselineWorker: after.baselineWorker - before.baselineWorker,
    web: after.web - before.web,
    bench: after.bench - before.bench,
  };
}

const STEP = { respondentId: RESPONDENT_ID, stepId: 'notice' };

export async function runComplaintLifecycles(
  stack: BenchStack,
  tag: string,
  count: number,
  concurrency: number,
): Promise<ThroughputResult & { lastWorkflowId: string }> {
  // Deadlines seconds away: far enough that no notice lapses while the run lasts.
  const procedure = procedureDueAt(
    DateTime.utc()
      .plus({ seconds: 120 + count / 2 })
      .startOf('second'),
  );
  stack.sink.keepUnclaimed = true;
  let lastWorkflowId = '';
  const cpuBefore = stack.cpuSeconds();
  const start = performance.now();
  await inPool(count, concurrency, async (i) => {
    const { workflowId } = await startComplaint(
      stack.client,
      stack.complaintTaskQueue,
      benchCase(tag, i),
      procedure,
    );
    const handle: WorkflowHandle<ComplaintWorkflow> = stack.client.workflow.getHandle(workflowId);
    await stack.sink.next(officerAddress(tag, i)); // the notice, as the officer receives it
    await handle.executeUpdate(submitAnswer, {
      args: [{ ...STEP, atrText: 'FIR registered; report enclosed.' }],
    });
    await stack.sink.next(officerAddress(tag, i)); // the receipt
    await handle.executeUpdate(reviewAnswer, { args: [{ ...STEP, decision: 'accept', by: 'bench' }] });
    const outcome = await handle.result();
    if (outcome.closure.kind !== 'resolved')
      throw new Error(`${workflowId} closed as ${outcome.closure.kind}`);
    lastWorkflowId = workflowId;
  });
  const seconds = since(start) / 1000;
  return {
    count,
    seconds,
    perSecond: count / seconds,
    lastWorkflowId,
    cpuSeconds: cpuSpent(cpuBefore, stack.cpuSeconds()),
  };
}

/** What a finished complaint ran, from its history: activities before its first Update and from each Update on. */
export async function activityShapeOf(client: Client, workflowId: string): Promise<ActivityShape> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const shape: ActivityShape = { beforeUpdates: 0, perUpdate: [] };
  let updates = 0;
  for (const event of history.events ?? []) {
    if (event.workflowExecutionUpdateAcceptedEventAttributes) shape.perUpdate[updates++] = 0;
    else if (event.activityTaskScheduledEventAttributes) {
      if (updates === 0) shape.beforeUpdates++;
      else shape.perUpdate[updates - 1]!++;
    }
  }
  return shape;
}

export async function runBaselineLifecycles(
  stack: BenchStack,
  tag: string,
  count: number,
  concurrency: number,
  shape: ActivityShape,
): Promise<ThroughputResult> {
  const cpuBefore = stack.cpuSeconds();
  const start = performance.now();
  await inPool(count, concurrency, async (i) => {
    const handle = await stack.baselineClient.workflow.start<typeof baselineLifecycleWorkflow>(
      'baselineLifecycleWorkflow',
      { taskQueue: stack.baselineTaskQueue, workflowId: `baseline-${tag}-${i}`, args: [shape] },
    );
    for (let u = 0; u < shape.perUpdate.length; u++) await handle.executeUpdate(proceed);
    const done = await handle.result();
    if (done !== shape.perUpdate.length) throw new Error(`baseline-${tag}-${i} took ${done} Updates`);
  });
  const seconds = since(start) / 1000;
  return { count, seconds, perSecond: count / seconds, cpuSeconds: cpuSpent(cpuBefore, stack.cpuSeconds()) };
}
