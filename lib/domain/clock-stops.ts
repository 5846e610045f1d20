// A step's clock stopped while the commission waits for something it asked for, and restarted: the ledger kept
// in the step (who, why, from, to, how many days, the deadline before and after), the officer's request for a
// stop, the grounds in words, and the checks the Updates' arguments pass. Pure: workflows, web app and CLI use it.
// How the stopped days count (toll or restart) is the procedure's (lib/procedure/clock-stops.ts plans it).
import { firstProblem, optionalLine, requiredText, stepAddress } from './checks';
import { REASON_MAX_CHARS, type OfficerSubmission, type StepAddress } from './answer';

/** Why a clock stops: information the commission asked for, a fee, a court's stay, or another reason (said). */
export const CLOCK_STOP_GROUNDS = ['awaiting-information', 'fee', 'court-stay', 'other'] as const;
export type ClockStopGrounds = (typeof CLOCK_STOP_GROUNDS)[number];

/** The grounds as letters and pages say them, in each letter language. */
export const CLOCK_STOP_GROUNDS_TEXT: Record<ClockStopGrounds, { en: string; hi: string }> = {
  'awaiting-information': { en: 'awaiting information', hi: 'जानकारी की प्रतीक्षा' },
  fee: { en: 'awaiting a fee', hi: 'शुल्क की प्रतीक्षा' },
  'court-stay': { en: 'stay by a court', hi: 'न्यायालय द्वारा रोक' },
  other: { en: 'other reason', hi: 'अन्य कारण' },
};

/** One stop of a step's clock, as its ledger keeps it. The restart's fields are set when it restarts. */
export interface ClockStop {
  grounds: ClockStopGrounds;
  details?: string;
  /** Who stopped it (staff), and whether the officer had asked for it. */
  by?: string;
  askedByOfficer?: boolean;
  stoppedAt: string;
  /** The first day not counted (YYYY-MM-DD, the commission's zone): the day the clock stopped. */
  from: string;
  /** The procedure's limit (clockStops.maxDays): the clock restarts by itself at this instant. */
  restartsBy?: string;
  /** The deadline when the clock stopped. */
  dueAtBefore: string;
  restartedAt?: string;
  /** Who restarted it: staff's name, or `limit` when the procedure's limit restarted it. */
  restartedBy?: string;
  /** The last day not counted (absent when it restarted the day it stopped: no day excluded). */
  to?: string;
  /** How many days were not counted: from `from` to `to`, both included. */
  days?: number;
  /** The deadline after the restart. */
  dueAtAfter?: string;
}

/** An officer's request that the clock stop, through their link; staff approve (the stop counts from it) or decline. */
export interface ClockStopRequest {
  grounds: ClockStopGrounds;
  details: string;
  at: string;
  decision?: { approved: boolean; note?: string; by?: string; at: string };
}

/** Staff stop a step's clock. */
export interface ClockStopOrder extends StepAddress {
  grounds: ClockStopGrounds;
  /** What the commission waits for; required for `other`. */
  details?: string;
  by?: string;
}

/** Staff restart a stopped clock. */
export interface ClockRestartOrder extends StepAddress {
  by?: string;
}

/** Staff decide on the officer's request that the clock stop. */
export interface ClockStopDecision extends StepAddress {
  decision: 'approve' | 'decline';
  note?: string;
  by?: string;
}

/** The officer asks, through their link, that the step's clock stop (where the procedure lets them). */
export interface ClockStopRequestSubmission extends OfficerSubmission {
  grounds: ClockStopGrounds;
  /** What they wait for, e.g. "we asked the complainant for the child's school records". */
  details: string;
}

/** The stop in progress, if the step's clock stands stopped. */
export function runningStop(step: { clockStops?: ClockStop[] }): ClockStop | undefined {
  const last = step.clockStops?.at(-1);
  return last && last.restartedAt === undefined ? last : undefined;
}

/** The days the step's clock has stood stopped so far, its stops now ended together. */
export function daysStopped(step: { clockStops?: ClockStop[] }): number {
  return (step.clockStops ?? []).reduce((sum, s) => sum + (s.days ?? 0), 0);
}

/** The officer's request still waiting for staff: one at a time. */
export function pendingClockStopRequest(step: {
  clockStopRequests?: ClockStopRequest[];
}): ClockStopRequest | undefined {
  const last = step.clockStopRequests?.at(-1);
  return last && !last.decision ? last : undefined;
}

function groundsProblem(grounds: unknown, details: unknown, detailsRequired: boolean): string | null {
  if (!CLOCK_STOP_GROUNDS.includes(grounds as ClockStopGrounds))
    return `grounds: must be one of ${CLOCK_STOP_GROUNDS.join(', ')}`;
  if (detailsRequired || grounds === 'other') return requiredText('details', details, REASON_MAX_CHARS);
  return details === undefined ? null : requiredText('details', details, REASON_MAX_CHARS);
}

export function clockStopProblem(x: ClockStopOrder): string | null {
  return stepAddress(x) ?? firstProblem(groundsProblem(x.grounds, x.details, false), by(x.by));
}

export function clockRestartProblem(x: ClockRestartOrder): string | null {
  return stepAddress(x) ?? by(x.by);
}

export function clockStopDecisionProblem(x: ClockStopDecision): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      x.decision === 'approve' || x.decision === 'decline' ? null : 'decision: must be approve or decline',
      x.note === undefined ? null : requiredText('note', x.note, REASON_MAX_CHARS),
      by(x.by),
    )
  );
}

export function clockStopRequestProblem(x: ClockStopRequestSubmission): string | null {
  return stepAddress(x) ?? groundsProblem(x.grounds, x.details, true);
}

const by = (value: unknown) => optionalLine('by', value, 200);
