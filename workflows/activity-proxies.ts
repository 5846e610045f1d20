// The activities as the workflow sees them: types only, and the options they run with.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

type Activities = ReturnType<typeof createActivities>;

// Retries with backoff and no attempt limit: an SMTP server or database that is down for a while delays a
// message or a record, it never loses it.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;

export const {
  registerComplaint,
  recordReview,
  recordClosure,
  recordJournal,
  recordReopening,
  recordAddedRespondent,
} = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry,
});

// Mail: an attempt has minutes, as a letter may wait its turn behind a burst of others in the render pool (50
// letters of the largest complaint take a minute); it heartbeats from its tenth second, so an attempt lost with
// its worker (killed mid-send) is retried on another worker after 30 s all the same. An ordinary send ends before
// its first heartbeat.
export const MAIL_OPTIONS = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry,
} as const;
export const {
  sendOfficerMessage,
  sendStaffAlert,
  sendMoment,
  sendTransferLetter,
  sendTransferReminder,
  alertTransferUndeliverable,
} = proxyActivities<Activities>(MAIL_OPTIONS);

// Deadline arithmetic. Regular activities, not local ones: tracks plan their steps concurrently, and local
// activities that complete together in one run are replayed together, which would interleave the tracks'
// commands differently on replay (a nondeterminism error the replay tests caught).
export const { planDemand, planHearing, planClockStop, planClockRestart, planCutOff } =
  proxyActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
