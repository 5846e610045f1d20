// How a client starts a complaint workflow without importing the workflow's code: its registered name and the
// signature it is started with. test/unit/workflow-signatures.test.ts checks that the workflow still matches it.
import type { CaseFile } from '../procedure/case-file';
import type { Procedure } from '../procedure/procedure';
import type { Closure } from './complaint-state';

/** The complaint workflow's name, as the worker registers it and lists filter on (WorkflowType). */
export const COMPLAINT_WORKFLOW = 'complaintWorkflow';

/** What a client starts a complaint with (a continued run carries more, set by the workflow itself). */
export interface ComplaintStart {
  caseFile: CaseFile;
  /** Frozen at start: editing the procedure later never changes this complaint. */
  procedure: Procedure;
}

/** What a complaint workflow returns when it ends. */
export interface ComplaintOutcome {
  caseReference: string;
  closure: Closure;
}

/** The complaint workflow as a client sees it: `client.workflow.start<ComplaintWorkflow>(COMPLAINT_WORKFLOW, ...)`. */
export type ComplaintWorkflow = (input: ComplaintStart) => Promise<ComplaintOutcome>;
