// The commission's recommendations after an inquiry or a hearing (compensation to the victim, disciplinary action,
// a change of policy), each followed to compliance: a compliance step of the respondent's track demands the proof
// by a date, with reminders and escalation per the procedure's `compliance` rules, until staff accept the proof or
// waive the recommendation with a reason. Pure: the workflow's validators, the CLI and the dashboard use it.
import { firstProblem, isCalendarDate, requiredText } from './checks';
import { REASON_MAX_CHARS } from './answer';

/** At most this many recommendations to one respondent, over the complaint's life: each is a few steps of history. */
export const MAX_RECOMMENDATIONS_PER_RESPONDENT = 10;
/** At most this many compliance demands for one recommendation (its first, and the ones its returned proofs open). */
export const MAX_COMPLIANCE_DEMANDS = 5;
export const RECOMMENDATION_MAX_CHARS = 2000;

/** Within how long the proof is due: days counted as the procedure counts them (calendar or working days). */
export interface CompliancePeriod {
  days: number;
  kind: 'calendar' | 'working';
}

/** One recommendation as staff record it. */
export interface Recommendation {
  /** What the commission recommends, e.g. "Pay interim relief of Rs 50,000 to the victim's family". */
  what: string;
  /** The proof of compliance due, e.g. "Proof of payment (bank transfer receipt)". */
  proof: string;
  /** Within how long (absent, and no `until`: the procedure's compliance period). */
  within?: CompliancePeriod;
  /** Or by which date (YYYY-MM-DD in the commission's zone). */
  until?: string;
}

/** Staff record recommendations to one respondent, at any time while its track runs. */
export interface RecommendationsRecord {
  respondentId: string;
  recommendations: Recommendation[];
  by?: string;
}

/** Staff waive a recommendation: its compliance step closes, and the complaint no longer waits for it. */
export interface RecommendationWaiver {
  respondentId: string;
  recommendationId: string;
  reason: string;
  by?: string;
}

/** `transferred`: its track went to another body, which follows it up now (settled with the transfer's reason). */
export type RecommendationStatus = 'pending' | 'complied' | 'waived' | 'transferred';

/** A recommendation as the respondent's track keeps it. */
export interface RecommendationRecord extends Recommendation {
  /** `R1`, `R2`, ... within the respondent. */
  recommendationId: string;
  status: RecommendationStatus;
  /** The compliance step that demands its proof now (or demanded it last). */
  stepId: string;
  /** How many compliance demands it has had (bounded by MAX_COMPLIANCE_DEMANDS). */
  demands: number;
  by?: string;
  at: string;
  /** When it was complied with (the proof accepted) or waived, and by whom; a waiver's reason. */
  settled?: { at: string; by?: string; reason?: string };
}

function periodProblem(field: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return `${field}: must be { days, kind }`;
  const v = value as { days?: unknown; kind?: unknown };
  if (typeof v.days !== 'number' || !Number.isInteger(v.days) || v.days < 1 || v.days > 366)
    return `${field}.days: must be a whole number from 1 to 366`;
  if (v.kind !== 'calendar' && v.kind !== 'working') return `${field}.kind: must be "calendar" or "working"`;
  const extra = Object.keys(v).find((k) => k !== 'days' && k !== 'kind');
  return extra ? `${field}.${extra}: is not a field of a period` : null;
}

/** The problem with a list of recommendations (`field` names the list), or null. */
export function recommendationsProblem(
  field: string,
  list: unknown,
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): string | null {
  if (!Array.isArray(list) || (list.length === 0 && !allowEmpty))
    return `${field}: must list at least one recommendation`;
  if (list.length > MAX_RECOMMENDATIONS_PER_RESPONDENT)
    return `${field}: at most ${MAX_RECOMMENDATIONS_PER_RESPONDENT} recommendations to a respondent`;
  for (const [i, item] of list.entries()) {
    const at = `${field}[${i}]`;
    if (typeof item !== 'object' || item === null) return `${at}: must be an object`;
    const r = item as Partial<Recommendation>;
    const problem = firstProblem(
      requiredText(`${at}.what`, r.what, RECOMMENDATION_MAX_CHARS),
      requiredText(`${at}.proof`, r.proof, REASON_MAX_CHARS),
      r.within === undefined ? null : periodProblem(`${at}.within`, r.within),
      r.until === undefined || isCalendarDate(r.until) ? null : `${at}.until: must be a date as YYYY-MM-DD`,
      r.within !== undefined && r.until !== undefined ? `${at}.until: give within or until, not both` : null,
    );
    if (problem) return problem;
  }
  return null;
}

export function recommendationsRecordProblem(x: RecommendationsRecord): string | null {
  if (typeof x !== 'object' || x === null) return 'arguments: must be an object';
  if (typeof x.respondentId !== 'string' || !x.respondentId) return 'respondentId: is required';
  return recommendationsProblem('recommendations', x.recommendations);
}

export function recommendationWaiverProblem(x: RecommendationWaiver): string | null {
  if (typeof x !== 'object' || x === null) return 'arguments: must be an object';
  return firstProblem(
    typeof x.respondentId === 'string' && x.respondentId ? null : 'respondentId: is required',
    typeof x.recommendationId === 'string' && x.recommendationId ? null : 'recommendationId: is required',
    requiredText('reason', x.reason, REASON_MAX_CHARS),
  );
}

/** The respondent's recommendations still waiting for proof of compliance. */
export function pendingRecommendations(
  recommendations: RecommendationRecord[] | undefined,
): RecommendationRecord[] {
  return (recommendations ?? []).filter((r) => r.status === 'pending');
}
