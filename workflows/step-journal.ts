// The journal of a complaint's steps, for the records: each event of a step (opened, lapsed, answered, closed...)
// with the step as it then stood, numbered in order. Carried by the next message, whose send writes them in its
// outbox transaction, or written in batches by an activity of its own when no message goes first.
import { condition } from '@temporalio/workflow';
import type { ComplaintIdentity } from '../lib/records/complaint-identity';
import type { JournalEntry } from '../lib/records/journal';
import { recordJournal } from './activity-proxies';
import type { RespondentState, StepState } from '../lib/domain/complaint-state';
import { nowIso } from './time';

export class StepJournal {
  private readonly queue: JournalEntry[] = [];
  private seq: number;
  private closed = false;
  /** The batch being written. */
  private inFlight: JournalEntry[] = [];
  /** Past the history budget: no new batch starts, the queue goes over to the next run. */
  continuing = false;

  constructor(
    private readonly complaint: ComplaintIdentity,
    carried?: { journalSeq: number; journal: JournalEntry[] },
  ) {
    this.seq = carried?.journalSeq ?? 0;
    this.queue.push(...(carried?.journal ?? []));
  }

  /** The number the last event noted was given. */
  lastSeq(): number {
    return this.seq;
  }

  /** Notes an event of a step; the journal loop (or the next message) writes it. */
  note(track: RespondentState, step: StepState, event: string, details?: Record<string, unknown>): void {
    this.queue.push({
      seq: ++this.seq,
      respondentId: track.respondentId,
      stepId: step.stepId,
      event,
      at: nowIso(),
      ...(details ? { details } : {}),
      step: {
        kind: step.kind,
        status: step.status,
        ...(step.closedAs ? { closedAs: step.closedAs } : {}),
        issuedAt: step.issuedAt,
        dueAt: step.dueAt,
        version: step.version,
      },
    });
  }

  /** Writes the journal to the records as it fills, one activity per batch, until close(). */
  async run(): Promise<void> {
    for (;;) {
      // While the complaint waits to continue as new, no batch starts: the queue goes over to the next run.
      await condition(() => (this.queue.length > 0 && !this.continuing) || this.closed);
      if (this.queue.length === 0) return;
      this.inFlight = this.queue.splice(0);
      await recordJournal({ ...this.complaint, entries: this.inFlight });
      this.inFlight = [];
    }
  }

  close(): void {
    this.closed = true;
  }

  /**
   * The entries not yet written, taken to go with a message: its send activity writes them in the outbox's
   * transaction, and the journal needs no activity of its own.
   */
  forMessage(): JournalEntry[] {
    return this.continuing ? [] : this.queue.splice(0);
  }

  /** No batch is being written (an activity of a run that ended would be abandoned). */
  idle(): boolean {
    return this.inFlight.length === 0;
  }

  /** What the next run carries over: the numbering, and the entries still to write. */
  carriedOver(): { journalSeq: number; journal: JournalEntry[] } {
    return { journalSeq: this.seq, journal: this.queue };
  }
}
