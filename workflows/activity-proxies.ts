// The activities as the workflow sees them: types only, and the options they run with.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

type Activities = ReturnType<typeof createActivities>;

// Retries with backoff and no attempt limit: an SMTP server or database that is down for a while delays a
// message or a record, it never loses it.
export const { registerComplaint, sendOfficerMessage, recordAnswer, recordReview, recordClosure } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });

// Deadline arithmetic is pure and quick: a local activity records its result in history without a round trip.
export const { planDemand, planHearing } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
});
