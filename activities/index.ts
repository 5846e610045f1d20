// The activity factory: every activity, built from injected dependencies (the Temporal samples' idiom).
// Workflows import only its type: `proxyActivities<ReturnType<typeof createActivities>>`.
import { createAnswerActivities } from './answers';
import { createComplaintActivities } from './complaints';
import { createDeadlineActivities } from './deadlines';
import { createDigestActivities } from './digest';
import type { ActivityDependencies } from './dependencies';
import { createJournalActivities } from './journal';
import { createNoticeActivities } from './notices';
import { createTransferActivities } from './transfers';

export type { ActivityDependencies } from './dependencies';

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createDeadlineActivities(),
    ...createComplaintActivities(deps),
    ...createNoticeActivities(deps),
    ...createAnswerActivities(deps),
    ...createJournalActivities(deps),
    ...createDigestActivities(deps),
    ...createTransferActivities(deps),
  };
}
