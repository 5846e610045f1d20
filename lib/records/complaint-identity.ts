// A complaint's identity in the records: its workflow ID and its first run's ID in Temporal
// (`workflowInfo().firstExecutionRunId`, the same across continue-as-new). A workflow ID alone does not name one
// complaint for good: a reference started again after its workflow was terminated and removed, or a records
// database that outlives the Temporal store it was written with, brings a new complaint under an old ID. Rows are
// keyed by both, and a read by workflow ID means the complaint registered last under it.
import { sql, type RawBuilder } from 'kysely';

/**
 * The first run ID of rows of no one complaint: the commission's staff digest, and rows written before the
 * records kept identities (migration 0010 gave them this one).
 */
export const NO_COMPLAINT_IDENTITY = '';

export interface ComplaintIdentity {
  workflowId: string;
  firstRunId: string;
}

/**
 * The first run ID of the complaint `workflowId` names now: the one registered last under it (ties, which one
 * registration in the same millisecond would take, go to the greater ID). `workflowId` is a value or a column
 * (`sql.ref('c.workflow_id')`); null when no complaint is registered under it.
 */
export function currentFirstRunId(workflowId: string | RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(select newest.first_run_id from complaints newest where newest.workflow_id = ${workflowId}
    order by newest.registered_at desc, newest.first_run_id desc limit 1)`;
}

/** The identity out of an activity's request that names its complaint (and more). */
export function identityOf(request: ComplaintIdentity): ComplaintIdentity {
  return { workflowId: request.workflowId, firstRunId: request.firstRunId };
}
