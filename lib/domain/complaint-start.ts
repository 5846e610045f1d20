// How a client starts a complaint workflow without importing the workflow's code: its registered name and the
// signature it is started with. test/unit/workflow-signatures.test.ts checks that the workflow still matches it.
import type { CaseFile } from '../procedure/case-file';
import type { Procedure } from '../procedure/procedure';
import type { Closure, ComplaintLife, ComplaintState, Reopening } from './complaint-state';

/** The complaint workflow's name, as the worker registers it and lists filter on (WorkflowType). */
export const COMPLAINT_WORKFLOW = 'complaintWorkflow';

/** What a client starts a complaint with (a continued run carries more, set by the workflow itself). */
export interface ComplaintStart {
  caseFile: CaseFile;
  /** Frozen at start: editing the procedure later never changes this complaint. */
  procedure: Procedure;
  /** Set when staff reopen a closed complaint: a new run under its workflow ID, the same complaint (client/reopen.ts). */
  reopened?: ReopenedComplaint;
}

/** What a reopened complaint's run starts from: the complaint's identity, its lives, why, and its closed state. */
export interface ReopenedComplaint {
  /** The complaint's identity in the records: its first life's first run ID (complaint-identity.ts). */
  firstRunId: string;
  /** Its lives so far, every one closed. */
  lives: ComplaintLife[];
  reopening: Reopening;
  /** The closed run's state, as continue-as-new carries it; absent once the reopened life continues as new. */
  state?: ComplaintState;
  /** The closed run's last journal number: the new life's journal goes on from it (the same identity's events). */
  journalSeq?: number;
}

/** What a closed complaint is reopened with: how it was started, its identity, and when its current life began. */
export interface ComplaintOrigin extends ComplaintStart {
  firstRunId: string;
  startedAt: string;
  /** The last number its step journal gave (a reopened life's journal goes on from it). */
  journalSeq: number;
}

/** What a complaint workflow returns when it ends. */
export interface ComplaintOutcome {
  caseReference: string;
  closure: Closure;
}

/** The complaint workflow as a client sees it: `client.workflow.start<ComplaintWorkflow>(COMPLAINT_WORKFLOW, ...)`. */
export type ComplaintWorkflow = (input: ComplaintStart) => Promise<ComplaintOutcome>;
