// A complaint reopened (or appealed): a new run under the complaint's workflow ID, started by staff once the last
// one closed (client/reopen.ts says why a new run: a closed workflow takes no Update). It lives on the closed run's
// state: its closure moves into its lives, every closed step stays as the history of the life before, and each
// respondent's track resumes from the step staff chose, a new step with a new letter that says it is reopened.
import { setHandler } from '@temporalio/workflow';
import type { StepReopening } from '../lib/domain/complaint-state';
import { resumeStep } from '../lib/domain/reopening';
import type { Complaint } from './complaint-context';
import { getOrigin } from './messages';
import { openDemandStep, openSummonsStep } from './steps';

/** Answers what the complaint would be reopened with: its start, identity and the life's start (a query). */
export function answerOrigin(c: Complaint, startedAt: string): void {
  const { caseFile, procedure } = c.input;
  setHandler(getOrigin, () => ({
    caseFile,
    procedure,
    firstRunId: c.firstRunId,
    startedAt,
    journalSeq: c.stepJournal.lastSeq(),
  }));
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
    c.state.respondents
      .filter((track) => !track.transferredAs)
      .map(async (track) => {
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
