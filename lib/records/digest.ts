// What the staff's daily digest lists, read from the records (the projection every complaint keeps in step by
// its journal): open complaints only, and of them only references, subjects, respondent and step IDs and
// dates: what staff alerts already carry, nothing of the answers or the people. A complaint is the one its
// workflow ID names now (complaint-identity.ts): an older one under the same ID is not listed.
import { sql, type Kysely } from 'kysely';
import { currentFirstRunId } from './complaint-identity';
import type { RecordsDatabase } from './schema';

export interface DigestItem {
  workflowId: string;
  caseReference: string;
  subject: string;
  respondentId: string;
  stepId: string;
  stepKind: string;
  /** The step's deadline, or the hearing (ISO instant); for an undeliverable message, when it was due. */
  at: string;
  /** For an undeliverable message: which message, and the server's refusal. */
  messageKind?: string;
  failure?: string;
}

export interface DigestSections {
  /** Open steps past their deadline (a summons: its hearing passed with no outcome recorded). */
  overdue: DigestItem[];
  /** Open demands falling due within the next seven days. */
  dueSoon: DigestItem[];
  /** Hearings within the next seven days. */
  hearings: DigestItem[];
  /** Answers waiting for staff review. */
  toReview: DigestItem[];
  /** Messages the mail server refused for good, on steps still open and not since delivered. */
  undeliverable: DigestItem[];
}

export const DIGEST_HORIZON_DAYS = 7;

/** The digest's sections as the records stand at `now`. */
export async function digestSections(db: Kysely<RecordsDatabase>, now: string): Promise<DigestSections> {
  const horizon = new Date(Date.parse(now) + DIGEST_HORIZON_DAYS * 86_400_000).toISOString();
  const openSteps = db
    .selectFrom('steps')
    .innerJoin('complaints', (join) =>
      join
        .onRef('complaints.workflow_id', '=', 'steps.workflow_id')
        .onRef('complaints.first_run_id', '=', 'steps.first_run_id'),
    )
    .where('complaints.first_run_id', '=', currentFirstRunId(sql.ref('complaints.workflow_id')))
    .where('complaints.closure_kind', 'is', null)
    .where('steps.status', '!=', 'closed')
    .select([
      'steps.workflow_id as workflowId',
      'complaints.case_reference as caseReference',
      'complaints.subject as subject',
      'steps.respondent_id as respondentId',
      'steps.step_id as stepId',
      'steps.kind as stepKind',
      'steps.due_at as at',
    ])
    .orderBy('steps.due_at')
    .orderBy('complaints.case_reference');
  const [overdue, dueSoon, hearings, toReview, refused] = await Promise.all([
    openSteps.where('steps.status', '=', 'open').where('steps.due_at', '<', now).execute(),
    openSteps
      .where('steps.status', '=', 'open')
      .where('steps.kind', '!=', 'summons')
      .where('steps.due_at', '>=', now)
      .where('steps.due_at', '<', horizon)
      .execute(),
    openSteps
      .where('steps.kind', '=', 'summons')
      .where('steps.due_at', '>=', now)
      .where('steps.due_at', '<', horizon)
      .execute(),
    openSteps.where('steps.status', '=', 'answered').execute(),
    openSteps
      .innerJoin('notices', (join) =>
        join
          .onRef('notices.workflow_id', '=', 'steps.workflow_id')
          .onRef('notices.first_run_id', '=', 'steps.first_run_id')
          .onRef('notices.respondent_id', '=', 'steps.respondent_id')
          .onRef('notices.step_id', '=', 'steps.step_id'),
      )
      .where('notices.status', '=', 'undeliverable')
      // Sent since to a corrected address: no longer a problem.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notices as later')
              .select('later.idempotency_key')
              .whereRef('later.workflow_id', '=', 'notices.workflow_id')
              .whereRef('later.first_run_id', '=', 'notices.first_run_id')
              .whereRef('later.respondent_id', '=', 'notices.respondent_id')
              .whereRef('later.step_id', '=', 'notices.step_id')
              .whereRef('later.kind', '=', 'notices.kind')
              .where('later.status', '=', 'sent'),
          ),
        ),
      )
      .select(['notices.kind as messageKind', 'notices.failure as failure'])
      .execute(),
  ]);
  const plain = (rows: DigestItem[]) => rows.map((r) => ({ ...r }));
  return {
    overdue: plain(overdue),
    dueSoon: plain(dueSoon),
    hearings: plain(hearings),
    toReview: plain(toReview),
    undeliverable: refused.map(({ failure, messageKind, ...r }) => ({
      ...r,
      messageKind,
      ...(failure ? { failure } : {}),
    })),
  };
}
