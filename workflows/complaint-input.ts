// What a complaint workflow runs on: what a client starts it with (lib/domain/complaint-start.ts), its history
// budget, and on a continued run what the last run carried over.
import type { ComplaintStart } from '../lib/domain/complaint-start';
import type { ComplaintState } from '../lib/domain/complaint-state';
import type { JournalEntry } from '../lib/records/journal';

export interface HistoryBudget {
  events: number;
  bytes: number;
}

/** What a complaint's next run carries over from the last (continue-as-new). */
export interface ContinuedComplaint {
  state: ComplaintState;
  /** When the first run started: the notice's issue time. */
  startedAt: string;
  journalSeq: number;
  /** Journal entries not yet written to the records. */
  journal: JournalEntry[];
  /** Update IDs already applied, with their results: a retried Update is applied once across runs. */
  appliedUpdates: [string, unknown][];
}

export interface ComplaintInput extends ComplaintStart {
  /** The history budget, if not the default (DEFAULT_HISTORY_BUDGET). */
  historyBudget?: HistoryBudget;
  /** Set on a continued run only. */
  continued?: ContinuedComplaint;
}
