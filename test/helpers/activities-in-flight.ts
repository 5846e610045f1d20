// What a complaint's worker is still trying, read from the workflow's description (its pending activities): a test
// waits until a send or a write has been retried, or until nothing of it is in flight, instead of sleeping a fixed
// time and hoping the retry (or the absence of a second send) happened by then.
import type { WorkflowHandle } from '@temporalio/client';

type Handle = Pick<WorkflowHandle, 'describe' | 'workflowId'>;

interface PendingActivity {
  type: string;
  attempt: number;
}

async function pendingActivities(handle: Handle): Promise<PendingActivity[]> {
  const { raw } = await handle.describe();
  return (raw.pendingActivities ?? []).map((a) => ({
    type: a.activityType?.name ?? '',
    attempt: a.attempt ?? 1,
  }));
}

/** Polls until `done` holds for the workflow's pending activities; fails naming what it waited for and last saw. */
async function untilPending(
  handle: Handle,
  what: string,
  done: (pending: PendingActivity[]) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await pendingActivities(handle);
    if (done(pending)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${handle.workflowId}: ${what} within ${timeoutMs} ms; pending: ${JSON.stringify(pending)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until an activity whose type matches has failed `failures` times and waits for (or runs) its next attempt. */
export function activityRetried(
  handle: Handle,
  type: RegExp,
  failures = 1,
  timeoutMs = 60_000,
): Promise<void> {
  return untilPending(
    handle,
    `no ${type} activity failed ${failures} time(s)`,
    (pending) => pending.some((a) => type.test(a.type) && a.attempt > failures),
    timeoutMs,
  );
}

/**
 * Waits until no activity whose type matches is pending: none is running or waiting for a retry, so no further
 * message or write of that kind can still arrive from what the workflow has done so far.
 */
export function activitiesSettled(handle: Handle, type: RegExp, timeoutMs = 60_000): Promise<void> {
  return untilPending(
    handle,
    `a ${type} activity still pending`,
    (pending) => !pending.some((a) => type.test(a.type)),
    timeoutMs,
  );
}
