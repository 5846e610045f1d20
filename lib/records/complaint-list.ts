// The dashboard's list of complaints, one page at a time, from the records (a projection of the complaints):
// sorted and paged by the database, so a page costs a few queries however many complaints there are, and no
// complaint's workflow is queried for it. The same SQL on SQLite and PostgreSQL. A workflow ID lists once, as the
// complaint registered last under it (complaint-identity.ts), with that complaint's rows only.
import { sql, type Kysely } from 'kysely';
import { currentFirstRunId } from './complaint-identity';
import type { RecordsDatabase } from './schema';

export const LIST_SORTS = ['next', 'reference', 'overdue'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The stages as the list shows them: those of the complaint's search attribute, derived the same way. */
export const LIST_STAGES = [
  'notice',
  'reminder',
  'summons',
  'review',
  'closed',
  'withdrawn',
  'disposed',
  'transferred',
] as const;
export type ListStage = (typeof LIST_STAGES)[number];

/** The compliance filter: complaints with a recommendation's compliance step open, or past its date. */
export const LIST_COMPLIANCE = ['pending', 'overdue'] as const;
export type ListCompliance = (typeof LIST_COMPLIANCE)[number];

export interface ComplaintListQuery {
  sort: ListSort;
  /** From 1. */
  page: number;
  pageSize: number;
  /** The start of a case reference. */
  search?: string;
  respondent?: string;
  stage?: ListStage;
  overdueOnly?: boolean;
  /** Only complaints with a compliance step open (`pending`), or one past its date (`overdue`). */
  compliance?: ListCompliance;
  /** Only these complaints (workflow IDs): a joint inquiry's reader sees the ones granted to them. */
  workflowIds?: string[];
  /** The instant deadlines are compared with (ISO). */
  now: string;
}

/** What comes next for a complaint: its soonest deadline or hearing still ahead. */
export interface ListNextEvent {
  kind: 'deadline' | 'hearing';
  at: string;
  respondentId: string;
  stepId: string;
  stepKind: string;
}

export interface ComplaintListRow {
  workflowId: string;
  caseReference: string;
  subject: string;
  /** Its procedure (whose zone its times are shown in). */
  procedureId: string;
  stage: ListStage;
  closure: { kind: string; at: string | null } | null;
  respondents: { id: string; name: string }[];
  openSteps: number;
  /** Open steps past their deadline, and the earliest of those deadlines. */
  overdueSteps: number;
  overdueSince: string | null;
  /** Answered steps waiting for staff's review. */
  awaitingReview: number;
  next: ListNextEvent | null;
  /**
   * Recommendations' compliance steps not closed (proof awaited or under review), those past their date, and the
   * earliest of those dates.
   */
  compliance: { pending: number; overdue: number; overdueSince: string | null };
}

export interface ComplaintListPage {
  rows: ComplaintListRow[];
  total: number;
  page: number;
  pages: number;
}

interface ListedRow {
  workflow_id: string;
  first_run_id: string;
  case_reference: string;
  subject: string;
  procedure_id: string;
  closure_kind: string | null;
  closed_at: string | null;
  stage: ListStage;
  overdue_steps: number | string;
  compliance_pending: number | string;
  compliance_overdue: number | string;
  next_at: string | null;
}

export async function listComplaintPage(
  db: Kysely<RecordsDatabase>,
  q: ComplaintListQuery,
): Promise<ComplaintListPage> {
  const { now } = q;
  // Per complaint: its stage (as complaintStage() derives it), its overdue steps and its next deadline or hearing,
  // from its own steps (those of its workflow ID and identity).
  const ofComplaint = sql`s.workflow_id = c.workflow_id and s.first_run_id = c.first_run_id`;
  const listed = sql`
    select c.workflow_id, c.first_run_id, c.case_reference, c.subject, c.procedure_id, c.closure_kind,
      c.closed_at,
      case
        when c.closure_kind = 'resolved' then 'closed'
        when c.closure_kind is not null then c.closure_kind
        when exists (select 1 from steps s where ${ofComplaint} and s.status = 'answered') then 'review'
        when exists (select 1 from steps s where ${ofComplaint} and s.status <> 'closed'
          and s.kind = 'summons') then 'summons'
        when exists (select 1 from steps s where ${ofComplaint} and s.status <> 'closed'
          and s.kind = 'reminder') then 'reminder'
        else 'notice'
      end as stage,
      case when c.closure_kind is null then (
        select count(*) from steps s where ${ofComplaint} and s.status = 'open'
          and s.kind <> 'summons' and s.due_at <= ${now}
      ) else 0 end as overdue_steps,
      case when c.closure_kind is null then (
        select count(*) from steps s where ${ofComplaint} and s.status <> 'closed' and s.kind = 'compliance'
      ) else 0 end as compliance_pending,
      case when c.closure_kind is null then (
        select count(*) from steps s where ${ofComplaint} and s.status = 'open' and s.kind = 'compliance'
          and s.due_at <= ${now}
      ) else 0 end as compliance_overdue,
      case when c.closure_kind is null then (
        select min(s.due_at) from steps s where ${ofComplaint} and s.due_at > ${now}
          and ((s.status = 'open' and s.kind <> 'summons') or (s.status <> 'closed' and s.kind = 'summons'))
      ) else null end as next_at
    from complaints c
    where c.first_run_id = ${currentFirstRunId(sql.ref('c.workflow_id'))}`;
  const where = [sql`1 = 1`];
  if (q.search) where.push(sql`substr(case_reference, 1, ${q.search.length}) = ${q.search}`);
  if (q.stage) where.push(sql`stage = ${q.stage}`);
  if (q.overdueOnly) where.push(sql`overdue_steps > 0`);
  if (q.compliance === 'pending') where.push(sql`compliance_pending > 0`);
  if (q.compliance === 'overdue') where.push(sql`compliance_overdue > 0`);
  if (q.workflowIds)
    where.push(
      q.workflowIds.length
        ? sql`workflow_id in (${sql.join(q.workflowIds.map((id) => sql`${id}`))})`
        : sql`1 = 0`,
    );
  if (q.respondent)
    where.push(sql`(exists (select 1 from complaint_respondents r where r.workflow_id = listed.workflow_id
      and r.first_run_id = listed.first_run_id and r.respondent_id = ${q.respondent}) or exists (select 1
      from steps s where s.workflow_id = listed.workflow_id and s.first_run_id = listed.first_run_id
      and s.respondent_id = ${q.respondent}))`);
  const filter = sql.join(where, sql` and `);
  const nextLast = sql`case when next_at is null then 1 else 0 end, next_at`;
  const order =
    q.sort === 'reference'
      ? sql`case_reference`
      : q.sort === 'overdue'
        ? sql`overdue_steps desc, ${nextLast}, case_reference`
        : sql`${nextLast}, case_reference`;

  const counted = await sql<{
    n: number | string;
  }>`with listed as (${listed}) select count(*) as n from listed where ${filter}`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  const found = await sql<ListedRow>`with listed as (${listed}) select * from listed where ${filter}
    order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  if (found.rows.length === 0) return { rows: [], total, page: q.page, pages };

  // The rows of the complaints listed: each by its workflow ID and identity.
  const ofListed = sql<boolean>`(${sql.join(
    found.rows.map((r) => sql`(workflow_id = ${r.workflow_id} and first_run_id = ${r.first_run_id})`),
    sql` or `,
  )})`;
  const [named, steps] = await Promise.all([
    db
      .selectFrom('complaint_respondents')
      .select(['workflow_id', 'respondent_id', 'name'])
      .where(ofListed)
      .orderBy('workflow_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('steps')
      .select(['workflow_id', 'respondent_id', 'step_id', 'kind', 'status', 'due_at', 'issued_at'])
      .where(ofListed)
      .orderBy('issued_at')
      .execute(),
  ]);
  const rows = found.rows.map((r): ComplaintListRow => {
    const own = steps.filter((s) => s.workflow_id === r.workflow_id);
    const respondents = named
      .filter((n) => n.workflow_id === r.workflow_id)
      .map((n) => ({ id: n.respondent_id, name: n.name }));
    // Complaints registered before the records kept names: their respondents' IDs, from their steps.
    for (const s of own)
      if (!respondents.some((x) => x.id === s.respondent_id))
        respondents.push({ id: s.respondent_id, name: s.respondent_id });
    const closed = r.closure_kind !== null;
    const open = closed ? [] : own.filter((s) => s.status !== 'closed');
    const nextStep = r.next_at
      ? open.find((s) => s.due_at === r.next_at && (s.kind === 'summons' || s.status === 'open'))
      : undefined;
    return {
      workflowId: r.workflow_id,
      caseReference: r.case_reference,
      subject: r.subject,
      procedureId: r.procedure_id,
      stage: r.stage,
      closure: closed ? { kind: r.closure_kind!, at: r.closed_at } : null,
      respondents,
      openSteps: open.length,
      overdueSteps: Number(r.overdue_steps),
      overdueSince:
        open
          .filter((s) => s.status === 'open' && s.kind !== 'summons' && s.due_at <= now)
          .map((s) => s.due_at)
          .sort()[0] ?? null,
      awaitingReview: open.filter((s) => s.status === 'answered').length,
      compliance: {
        pending: Number(r.compliance_pending),
        overdue: Number(r.compliance_overdue),
        overdueSince:
          open
            .filter((s) => s.kind === 'compliance' && s.status === 'open' && s.due_at <= now)
            .map((s) => s.due_at)
            .sort()[0] ?? null,
      },
      next: nextStep
        ? {
            kind: nextStep.kind === 'summons' ? 'hearing' : 'deadline',
            at: nextStep.due_at,
            respondentId: nextStep.respondent_id,
            stepId: nextStep.step_id,
            stepKind: nextStep.kind,
          }
        : null,
    };
  });
  return { rows, total, page: q.page, pages };
}

/**
 * The complaints of a procedure that have not ended, by the records (each registers its procedure as it starts, and
 * its closure as it ends): what a change of the procedure's holidays goes to.
 */
export async function openComplaintsOfProcedure(
  db: Kysely<RecordsDatabase>,
  procedureId: string,
): Promise<{ workflowId: string; caseReference: string }[]> {
  const rows = await sql<{ workflow_id: string; case_reference: string }>`
    select c.workflow_id, c.case_reference from complaints c
    where c.procedure_id = ${procedureId} and c.closure_kind is null
      and c.first_run_id = ${currentFirstRunId(sql.ref('c.workflow_id'))}
    order by c.case_reference`.execute(db);
  return rows.rows.map((r) => ({ workflowId: r.workflow_id, caseReference: r.case_reference }));
}
