// The staff's daily digest, started by a Temporal Schedule at a local time (worker/staff-digest-schedule.ts):
// one activity reads the records and sends the day's email through the outbox, once per date.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { StaffDigestOutcome, StaffDigestRequest } from '../activities/digest';
import { nowIso } from './time';

const { sendStaffDigest } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  // Mail or records down: retried with backoff for up to a day; the next day's digest is a new email anyway.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export type StaffDigestInput = Omit<StaffDigestRequest, 'at'>;

export async function staffDigestWorkflow(input: StaffDigestInput): Promise<StaffDigestOutcome> {
  // The workflow's time, recorded in its history: a retry of the activity makes the same day's digest.
  return sendStaffDigest({ ...input, at: nowIso() });
}
