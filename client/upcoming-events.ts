// What is still to come for each open step, as its plan stands: the due-soon reminder, the deadline, what its
// lapse issues and when, the hearing. `complaint show` (and its --json), the dashboard and the officer's page
// all list them from here, in the commission's zone.
import { formatForPeople } from '../lib/procedure/deadlines';
import { runningStop } from '../lib/domain/clock-stops';
import type { ComplaintState, RespondentState, StepState } from '../lib/domain/complaint-state';

export type UpcomingKind =
  'due-soon-reminder' | 'deadline' | 'escalation' | 'report-cut-off' | 'hearing' | 'clock-restart';

export interface UpcomingEvent {
  respondentId: string;
  stepId: string;
  kind: UpcomingKind;
  at: string;
  /** In the commission's zone, as people read it. */
  atText: string;
  /** What happens then, in words. */
  what: string;
}

const WHAT: Record<UpcomingKind, string> = {
  'due-soon-reminder': 'due-soon reminder to the officer',
  deadline: 'deadline for the answer',
  escalation: 'the lapse issues the next step',
  'report-cut-off':
    "the summons' cut-off: a report received by then and accepted dispenses with the appearance",
  hearing: 'hearing',
  'clock-restart': "the stopped clock restarts by itself (the procedure's limit)",
};

/** A step's events still to come at `now` (none while it waits for review, or once it is closed). */
export function upcomingEventsOf(
  state: ComplaintState,
  track: RespondentState,
  step: StepState,
  now: number = Date.now(),
): UpcomingEvent[] {
  if (state.closure || step.status !== 'open') return [];
  const sent = (kind: string) =>
    track.messages.some((m) => m.stepId === step.stepId && m.kind === kind && m.version === step.version);
  // A stopped clock: nothing fires until it restarts (its new dates are set then).
  const stop = runningStop(step);
  const events: [UpcomingKind, string | null | undefined, string?][] = stop
    ? [['clock-restart', stop.restartsBy]]
    : step.kind === 'summons'
      ? [
          ['report-cut-off', step.hearing?.dispensation?.cutOffAt],
          ['hearing', step.hearing?.hearingAt],
        ]
      : [
          ['due-soon-reminder', sent('due-soon-reminder') ? null : step.dueSoonAt],
          ['deadline', step.overdue ? null : step.dueAt],
          [
            'escalation',
            step.escalatesAt,
            step.plannedNext?.kind === 'hearing'
              ? 'the lapse issues a summons to appear'
              : step.plannedNext
                ? 'the lapse issues an overdue reminder with a fresh deadline'
                : undefined,
          ],
        ];
  return events
    .filter((e): e is [UpcomingKind, string, string?] => typeof e[1] === 'string' && Date.parse(e[1]) > now)
    .map(([kind, at, what]) => ({
      respondentId: track.respondentId,
      stepId: step.stepId,
      kind,
      at,
      atText: formatForPeople(at, state.timeZone),
      what: what ?? WHAT[kind],
    }));
}

/** Every open step's events still to come, soonest first. */
export function upcomingEvents(state: ComplaintState, now: number = Date.now()): UpcomingEvent[] {
  return state.respondents
    .flatMap((track) => track.steps.flatMap((step) => upcomingEventsOf(state, track, step, now)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
