// Writes a complaint's journal (its steps and what happened to them) to the records, a batch at a time.
// Idempotent: each entry is keyed by the complaint (workflow ID and identity) and its sequence number.
import { identityOf, type ComplaintIdentity } from '../lib/records/complaint-identity';
import type { JournalEntry } from '../lib/records/journal';
import type { ActivityDependencies } from './dependencies';
import { workerMetrics } from './metrics';

export interface RecordJournalRequest extends ComplaintIdentity {
  entries: JournalEntry[];
}

/** The gauges of open and overdue steps, as the journal written so far has them. */
export async function publishStepCounts(records: ActivityDependencies['records']): Promise<void> {
  const { open, overdue } = await records.stepCounts(new Date().toISOString());
  workerMetrics.steps(open, overdue);
}

export function createJournalActivities({ records }: Pick<ActivityDependencies, 'records'>) {
  return {
    async recordJournal(req: RecordJournalRequest): Promise<void> {
      await records.recordJournal(identityOf(req), req.entries);
      await publishStepCounts(records);
    },
  };
}
