// Finding complaints for staff: a visibility query over the search attributes (no personal data there), read
// back with each complaint's memo. Shared by the CLI's `list` and the dashboard.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { DateTime, IANAZone } from 'luxon';
import { caseReferenceOfWorkflowId, complaintWorkflowId } from '../lib/temporal/workflow-ids';
import {
  ComplaintStage,
  ComplianceOverdue,
  NextDeadline,
  NextHearing,
  OpenSteps,
  Overdue,
} from '../lib/domain/search-attributes';
import { caseReferenceSchema } from '../lib/procedure/case-file';
import { InputError } from '../lib/procedure/validation';
import type { ComplaintStage as Stage } from '../lib/domain/complaint-state';
import { LIST_STAGES } from '../lib/records/complaint-list';

/** The stages a complaint is listed by: the records' list and the search attribute name the same ones. */
export const STAGES: Stage[] = [...LIST_STAGES];

export interface ComplaintFilter {
  stage?: string;
  overdue?: boolean;
  /** Only complaints with a recommendation's proof of compliance past its date. */
  complianceOverdue?: boolean;
  respondent?: string;
  /** A date (YYYY-MM-DD): complaints with a deadline before its start in `zone`. */
  dueBefore?: string;
  /** The start of a case reference, e.g. NCPCR/2021. */
  search?: string;
  zone?: string;
  limit?: number;
}

export interface ComplaintSummary {
  workflowId: string;
  caseReference: string;
  stage: string;
  openSteps: number;
  overdue: boolean;
  /** A recommendation's proof of compliance is past its date. */
  complianceOverdue: boolean;
  nextDeadline: string | null;
  nextHearing: string | null;
  timeZone: string;
  status: string;
  startedAt: string;
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/** The visibility query for `filter`; bad values are refused naming the filter. */
export function complaintQuery(filter: ComplaintFilter): string {
  const clauses = [`WorkflowType = 'complaintWorkflow'`];
  if (filter.stage !== undefined) {
    if (!STAGES.includes(filter.stage as Stage))
      throw new InputError(`stage: must be one of ${STAGES.join(', ')}`, ['stage']);
    clauses.push(`ComplaintStage = ${quote(filter.stage)}`);
  }
  if (filter.overdue) clauses.push('Overdue = true');
  if (filter.complianceOverdue) clauses.push('ComplianceOverdue = true');
  if (filter.respondent !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(filter.respondent))
      throw new InputError('respondent: must be a respondent ID such as delhi-police', ['respondent']);
    clauses.push(`Respondents = ${quote(filter.respondent)}`);
  }
  if (filter.dueBefore !== undefined) {
    const zone = filter.zone ?? 'Asia/Kolkata';
    if (!IANAZone.isValidZone(zone)) throw new InputError('zone: is not a known IANA time zone', ['zone']);
    const day = DateTime.fromISO(filter.dueBefore, { zone });
    if (!/^\d{4}-\d\d-\d\d$/.test(filter.dueBefore) || !day.isValid)
      throw new InputError('dueBefore: must be a date as YYYY-MM-DD', ['dueBefore']);
    clauses.push(`NextDeadline < ${quote(day.toUTC().toISO())}`);
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const search = filter.search.trim();
    if (!/^[A-Za-z0-9/._-]{1,64}$/.test(search))
      throw new InputError('search: a case reference has only letters, digits and / . _ -', ['search']);
    clauses.push(`WorkflowId STARTS_WITH ${quote(complaintWorkflowId(search))}`);
  }
  return clauses.join(' AND ');
}

function summarize(info: WorkflowExecutionInfo): ComplaintSummary {
  const sa = info.typedSearchAttributes;
  const memo = (info.memo ?? {}) as { caseReference?: string; timeZone?: string };
  const date = (d: Date | undefined) => (d ? d.toISOString() : null);
  return {
    workflowId: info.workflowId,
    caseReference: memo.caseReference ?? caseReferenceOfWorkflowId(info.workflowId) ?? info.workflowId,
    stage: sa.get(ComplaintStage) ?? 'notice',
    openSteps: sa.get(OpenSteps) ?? 0,
    overdue: sa.get(Overdue) ?? false,
    complianceOverdue: sa.get(ComplianceOverdue) ?? false,
    nextDeadline: date(sa.get(NextDeadline)),
    nextHearing: date(sa.get(NextHearing)),
    timeZone: memo.timeZone ?? 'UTC',
    status: info.status.name,
    startedAt: info.startTime.toISOString(),
  };
}

export async function listComplaints(
  client: Client,
  filter: ComplaintFilter = {},
): Promise<ComplaintSummary[]> {
  const query = complaintQuery(filter);
  const limit = filter.limit ?? 200;
  const found: ComplaintSummary[] = [];
  // A complaint continued as new, or reopened, has several runs: the list shows its latest (listed first).
  const seen = new Set<string>();
  for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 100) })) {
    if (seen.has(info.workflowId)) continue;
    seen.add(info.workflowId);
    found.push(summarize(info));
    if (found.length >= limit) break;
  }
  // Soonest deadline first; complaints without one (closed, under review) after.
  return found.sort((a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999'));
}

/** The workflow of a case reference, refusing a malformed reference by name. */
export function workflowIdOf(caseReference: string): string {
  const parsed = caseReferenceSchema.safeParse(caseReference);
  if (!parsed.success)
    throw new InputError(`caseReference: ${parsed.error.issues[0]?.message ?? 'is not valid'}`, [
      'caseReference',
    ]);
  return complaintWorkflowId(caseReference);
}
