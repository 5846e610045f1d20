// A complaint reopened (or appealed): a new run under the complaint's workflow ID, started by staff once the last
// one closed (client/reopen.ts says why a new run: a closed workflow takes no Update). It lives on the closed run's
// state: its closure moves into its lives, every closed step stays as the history of the life before, and each
// respondent's track resumes from the step staff chose, a new step with a new letter that says it is reopened.
import { setHandler } from '@temporalio/workflow';
import type { ReopenedComplaint } from '../lib/domain/complaint-start';
import type { ComplaintState, StepReopening } from '../lib/domain/complaint-state';
import { resumeStep } from '../lib/domain/reopening';
import type { Complaint } from './complaint-context';
import { getOrigin } from './messages';
import { openDemandStep, openSummonsStep } from './steps';

/** Answers what the complaint would be reopened with: its start, identity and the life's start (a query). */
export function answerOrigin(c: Complaint, startedAt: string): void {
  const { caseFile, procedure } = c.input;
  setHandler(getOrigin, () => ({ caseFile, procedure, firstRunId: c.firstRunId, startedAt }));
}

/** The state the new life starts with: the closed one's, open again, with its lives (this one last). */
export function reopenedState(reopened: ReopenedComplaint, runId: string, startedAt: string): ComplaintState {
  const { closure: _closed, ...closed } = reopened.state!;
  const life = reopened.lives.length + 1;
  return {
    ...closed,
    respondents: closed.respondents.map((r) => ({ ...r, status: 'open' })),
    lives: [...reopened.lives, { life, runId, startedAt, reopening: reopened.reopening }],
  };
}

/** What a continued run of a reopened life carries of its start: the identity, not the closed state again. */
export function reopenedCarried(reopened: ReopenedComplaint): ReopenedComplaint {
  const { state: _carriedInContinued, ...rest } = reopened;
  return rest;
}

/** Opens each respondent's step of the new life, from the step staff chose (the client checked it exists). */
export async function resumeTracks(c: Complaint, issuedAt: string): Promise<void> {
  const { reopening } = c.input.reopened!;
  const life = c.state.lives!.at(-1)!.life;
  const def = resumeStep(c.procedure, reopening.from) ?? c.procedure.steps[0]!;
  const told: StepReopening = {
    kind: reopening.kind,
    reason: reopening.reason,
    at: reopening.at,
    life,
    ...(reopening.label ? { label: reopening.label } : {}),
  };
  await Promise.all(
    c.state.respondents.map(async (track) => {
      const step =
        def.kind === 'summons'
          ? await openSummonsStep(c, track, def, issuedAt)
          : await openDemandStep(c, track, def, {
              issuedAt,
              demands: reopening.demands ?? c.respondent(track.respondentId).demands,
            });
      step.reopened = told;
    }),
  );
}
