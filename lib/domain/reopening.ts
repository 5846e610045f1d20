// Reopening a closed complaint (and an appeal, a reopening with its own name and period): what staff ask, the
// checks it must pass before anything starts (each names its field), and the lives the reopened complaint carries.
// Pure: used by the client before it starts the new run, and by the workflow as it resumes the tracks.
import type { Procedure, ProcedureStep } from '../procedure/procedure';
import { REASON_MAX_CHARS } from './answer';
import { firstProblem, optionalLine, requiredText } from './checks';
import type { ReopenedComplaint } from './complaint-start';
import type { ComplaintLife, ComplaintState, Reopening } from './complaint-state';

/** What staff ask: why, from which step the tracks resume, whether it is an appeal, and a fresh demand's words. */
export interface ReopenRequest {
  reason: string;
  /** `notice` (a fresh demand, the default), `summons`, or the ID of a step of the procedure. */
  from?: string;
  appeal?: boolean;
  /** A fresh demand's demands (default: each respondent's own). */
  demands?: string[];
  by?: string;
}

/** The most demands staff may give a fresh demand, as a hearing's fresh demand takes (each at most 2,000 characters). */
export const REOPEN_DEMANDS_MAX = 20;

/**
 * The most lives a complaint may have: each carries its steps and letters into the next run's state, so the count
 * is bounded as every action is (docs/how-it-works.md, "How big a complaint's history grows").
 */
export const MAX_LIVES = 10;

/** The request's own problems, before the complaint is looked at. */
export function reopenRequestProblem(r: ReopenRequest): string | null {
  if (typeof r !== 'object' || r === null) return 'arguments: must be an object';
  const demands = r.demands;
  return firstProblem(
    requiredText('reason', r.reason, REASON_MAX_CHARS),
    r.from === undefined || (typeof r.from === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(r.from))
      ? null
      : 'from: must be notice, summons or a step of the procedure',
    demands === undefined ||
      (Array.isArray(demands) &&
        demands.length > 0 &&
        demands.length <= REOPEN_DEMANDS_MAX &&
        demands.every((d) => requiredText('d', d, 2000) === null))
      ? null
      : `demands: must list 1 to ${REOPEN_DEMANDS_MAX} demands of at most 2000 characters`,
    optionalLine('by', r.by, 200),
  );
}

/** The procedure's step the tracks resume from: `notice` is its first demand, `summons` its first summons. */
export function resumeStep(procedure: Procedure, from = 'notice'): ProcedureStep | undefined {
  if (from === 'summons') return procedure.steps.find((s) => s.kind === 'summons');
  if (from === 'notice') return procedure.steps[0];
  return procedure.steps.find((s) => s.id === from);
}

/**
 * Whether the closed complaint can be reopened so: closed, from a step that exists, a fresh demand's words only for
 * a demand, an appeal only where the procedure takes appeals. Null, or the first problem, naming its field. (The
 * window, counted in the commission's days, is lib/procedure/reopening-window.ts.)
 */
export function reopeningProblem(
  state: ComplaintState,
  procedure: Procedure,
  r: ReopenRequest,
): string | null {
  const own = reopenRequestProblem(r);
  if (own) return own;
  if (!state.closure)
    return `caseReference: complaint ${state.caseReference} is not closed: it is still running`;
  // Another body holds a transferred complaint (or track) now: reopening it here would demand of its officers again.
  if (
    state.closure.kind === 'transferred' ||
    (state.respondents.length > 0 && state.respondents.every((r) => r.transferredAs))
  )
    return `caseReference: complaint ${state.caseReference} was transferred to another body: it cannot be reopened here`;
  if ((state.lives?.length ?? 1) >= MAX_LIVES)
    return `caseReference: complaint ${state.caseReference} has lived ${MAX_LIVES} times, the most a complaint may: start a new complaint`;
  const step = resumeStep(procedure, r.from);
  if (!step) return `from: procedure ${procedure.id} has no step ${r.from ?? 'notice'}`;
  if (r.demands !== undefined && step.kind === 'summons')
    return 'demands: a summons demands the report itself: give demands only for a fresh demand';
  if (r.appeal === true && !procedure.reopening?.appeal)
    return `appeal: procedure ${procedure.id} takes no appeal (its reopening has no appeal rule)`;
  return null;
}

/**
 * The lives of a complaint as it closed, the last one closed now: what the reopened run carries. A complaint never
 * reopened has lived once, from `firstRunId` at `startedAt`; `lastRunId` is the run it closed in.
 */
export function closedLives(
  state: ComplaintState,
  first: { runId: string; startedAt: string },
  lastRunId: string,
): ComplaintLife[] {
  const lives = state.lives ?? [{ life: 1, runId: first.runId, startedAt: first.startedAt }];
  return lives.map((l, i) =>
    i === lives.length - 1 && state.closure
      ? { ...l, lastRunId, closedAt: state.closure.at, closure: state.closure }
      : l,
  );
}

/** The reopening as the new life records it (an appeal with the procedure's name for it). */
export function reopeningOf(procedure: Procedure, r: ReopenRequest, at: string): Reopening {
  const label = r.appeal ? procedure.reopening?.appeal?.label : undefined;
  return {
    kind: r.appeal ? 'appeal' : 'reopening',
    reason: r.reason.trim(),
    ...(r.by ? { by: r.by } : {}),
    at,
    from: r.from ?? 'notice',
    ...(r.demands ? { demands: r.demands } : {}),
    ...(label ? { label } : {}),
  };
}

/** The state the new life starts with: the closed one's, open again, with its lives (this one last). */
export function reopenedState(reopened: ReopenedComplaint, runId: string, startedAt: string): ComplaintState {
  const { closure: _closed, ...closed } = reopened.state!;
  const life = reopened.lives.length + 1;
  return {
    ...closed,
    // A track transferred to another body stays closed: the reopening resumes the others.
    respondents: closed.respondents.map((r) => (r.transferredAs ? r : { ...r, status: 'open' })),
    lives: [...reopened.lives, { life, runId, startedAt, reopening: reopened.reopening }],
  };
}

/** What a continued run of a reopened life carries of its start: the identity, not the closed state again. */
export function reopenedCarried(reopened: ReopenedComplaint): ReopenedComplaint {
  const { state: _carriedInContinued, ...rest } = reopened;
  return rest;
}
