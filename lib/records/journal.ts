// The journal of a complaint's steps, as the workflow hands it to the records: pure types, safe in workflows.

/** One entry: an event of a step, with the step as it stands after it. */
export interface JournalEntry {
  /** The complaint's own sequence number: with the workflow ID, the event's idempotency key. */
  seq: number;
  respondentId: string;
  stepId: string;
  /** opened, lapsed, answered, reviewed, extended, extension-requested, hearing-moved, hearing-outcome, closed... */
  event: string;
  at: string;
  details?: Record<string, unknown>;
  step: { kind: string; status: string; closedAs?: string; issuedAt: string; dueAt: string; version: number };
}
