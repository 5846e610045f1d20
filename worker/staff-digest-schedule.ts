// The Temporal Schedule of the staff's daily digest: every day at STAFF_DIGEST_AT in STAFF_DIGEST_TIMEZONE, it
// starts staffDigestWorkflow on the worker's task queue. Every worker creates it at start-up, or brings it in
// line with its configuration (time, zone, recipient): idempotent, so any number of workers and restarts leave
// one schedule, as the last configuration deployed says.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import type { AppConfig } from '../lib/config';
import type { StaffDigestRequest } from '../activities/digest';

export const STAFF_DIGEST_SCHEDULE_ID = 'staff-digest';

export type DigestScheduleConfig = Pick<AppConfig, 'staffDigest' | 'staffAlertsTo' | 'taskQueue'> & {
  commission: Pick<AppConfig['commission'], 'name'>;
};

function specOf(config: DigestScheduleConfig, at: string): ScheduleSpec {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  return {
    calendars: [{ hour, minute, comment: `daily at ${at}` }],
    timezone: config.staffDigest.timeZone,
  };
}

function actionOf(config: DigestScheduleConfig): ScheduleOptionsAction {
  // staffDigestWorkflow's input: the activity's request but for the time, which the workflow adds from its own.
  const input: Omit<StaffDigestRequest, 'at'> = {
    timeZone: config.staffDigest.timeZone,
    to: { name: `${config.commission.name} staff`, email: config.staffAlertsTo },
    commissionName: config.commission.name,
  };
  return {
    type: 'startWorkflow',
    workflowType: 'staffDigestWorkflow',
    workflowId: 'staff-digest',
    taskQueue: config.taskQueue,
    args: [input],
    staticSummary: 'Daily digest for staff',
  };
}

/**
 * Creates the digest's schedule, or updates it to `config`: what each worker does at start-up. With the digest
 * off (STAFF_DIGEST_AT=off), deletes it if it is there.
 */
export async function ensureStaffDigestSchedule(client: Client, config: DigestScheduleConfig): Promise<void> {
  const handle = client.schedule.getHandle(STAFF_DIGEST_SCHEDULE_ID);
  if (config.staffDigest.at === null) {
    await handle.delete().catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    return;
  }
  const spec = specOf(config, config.staffDigest.at);
  const action = actionOf(config);
  try {
    await client.schedule.create({
      scheduleId: STAFF_DIGEST_SCHEDULE_ID,
      spec,
      action,
      // A digest still running (mail down) when the next is due: skip it; the outbox sends one per day anyway.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await handle.update((previous) => ({ ...previous, spec, action }));
  }
}
