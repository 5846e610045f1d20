// What staff do to a running complaint, as the arguments of its Updates, and the checks those arguments must
// pass before the workflow looks at its own state. Pure: used by validators, the CLI and the dashboard.
import { emailAddress, firstProblem, isCalendarDate, isTimeOfDay, requiredText, stepAddress } from './checks';
import { REASON_MAX_CHARS, type StepAddress } from './answer';
import { recommendationsProblem, type Recommendation } from './recommendations';

export interface DeadlineExtension extends StepAddress {
  /** The new due date, YYYY-MM-DD in the commission's zone: later than the current one. */
  until: string;
  reason: string;
  by?: string;
}

/** Staff's decision on an officer's answer: accept it (the step closes) or return it (a follow-up opens). */
export type ReviewDecision = 'accept' | 'return';

export interface AnswerReview extends StepAddress {
  decision: ReviewDecision;
  /** For a return: what is missing. It becomes the demand of a new step with its own deadline. */
  missing?: string;
  note?: string;
  by?: string;
}

export type HearingNext =
  | { action: 'close' }
  | { action: 'further-hearing'; date: string; time?: string }
  | { action: 'fresh-demand'; demands: string[] }
  /** The hearing closes with the commission's recommendations: each a compliance step (recommendations.ts). */
  | { action: 'recommend'; recommendations: Recommendation[] };

export interface HearingOutcomeRecord extends StepAddress {
  appeared: boolean;
  atrFiled: boolean;
  firRegistered: boolean;
  firNumber?: string;
  notes?: string;
  next: HearingNext;
  by?: string;
}

export interface HearingReschedule extends StepAddress {
  date: string;
  time?: string;
  reason: string;
  by?: string;
}

/** The officer's right address, for a step whose messages went astray (refused as undeliverable, bounced). */
export interface RecipientCorrection extends StepAddress {
  email: string;
  reason: string;
  by?: string;
}

export interface ComplaintClosure {
  action: 'withdraw' | 'dispose';
  reason: string;
  by?: string;
}

const bool = (field: string, v: unknown) =>
  typeof v === 'boolean' ? null : `${field}: must be true or false`;
const date = (field: string, v: unknown) =>
  isCalendarDate(v) ? null : `${field}: must be a date as YYYY-MM-DD`;
const time = (field: string, v: unknown) =>
  v === undefined || isTimeOfDay(v) ? null : `${field}: must be a time as HH:mm`;

export function extensionProblem(x: DeadlineExtension): string | null {
  return (
    stepAddress(x) ?? firstProblem(date('until', x.until), requiredText('reason', x.reason, REASON_MAX_CHARS))
  );
}

export function reviewProblem(x: AnswerReview): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      x.decision === 'accept' || x.decision === 'return' ? null : 'decision: must be accept or return',
      x.decision === 'return' ? requiredText('missing', x.missing, REASON_MAX_CHARS) : null,
      x.note === undefined ? null : requiredText('note', x.note, REASON_MAX_CHARS),
    )
  );
}

export function hearingOutcomeProblem(x: HearingOutcomeRecord): string | null {
  const next = x?.next as Partial<HearingNext> | undefined;
  let nextProblem: string | null = null;
  if (!next || typeof next !== 'object') nextProblem = 'next: is required';
  else if (next.action === 'further-hearing')
    nextProblem = firstProblem(date('next.date', next.date), time('next.time', next.time));
  else if (next.action === 'fresh-demand') {
    const demands = (next as { demands?: unknown }).demands;
    nextProblem =
      Array.isArray(demands) &&
      demands.length > 0 &&
      demands.every((d) => requiredText('d', d, 2000) === null)
        ? null
        : 'next.demands: must list at least one demand';
  } else if (next.action === 'recommend')
    nextProblem = recommendationsProblem(
      'next.recommendations',
      (next as { recommendations?: unknown }).recommendations,
      // Empty: the hearing renews the demand for proof of the recommendations still pending.
      { allowEmpty: true },
    );
  else if (next.action !== 'close')
    nextProblem = 'next.action: must be close, further-hearing, fresh-demand or recommend';
  return (
    stepAddress(x) ??
    firstProblem(
      bool('appeared', x.appeared),
      bool('atrFiled', x.atrFiled),
      bool('firRegistered', x.firRegistered),
      x.notes === undefined ? null : requiredText('notes', x.notes, REASON_MAX_CHARS),
      nextProblem,
    )
  );
}

export function rescheduleProblem(x: HearingReschedule): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      date('date', x.date),
      time('time', x.time),
      requiredText('reason', x.reason, REASON_MAX_CHARS),
    )
  );
}

export function closureProblem(x: ComplaintClosure): string | null {
  if (typeof x !== 'object' || x === null) return 'arguments: must be an object';
  return firstProblem(
    x.action === 'withdraw' || x.action === 'dispose' ? null : 'action: must be withdraw or dispose',
    requiredText('reason', x.reason, REASON_MAX_CHARS),
  );
}

export function recipientCorrectionProblem(x: RecipientCorrection): string | null {
  return (
    stepAddress(x) ??
    firstProblem(emailAddress('email', x.email), requiredText('reason', x.reason, REASON_MAX_CHARS))
  );
}
