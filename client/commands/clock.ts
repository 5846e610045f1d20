// `complaint clock stop|restart|approve|decline`: a demand's clock stopped while the commission waits for what it
// asked for, restarted (new dates by the procedure's rule), and the officer's request for a stop decided.
import type { Command } from 'commander';
import {
  CLOCK_STOP_GROUNDS,
  clockRestartProblem,
  clockStopDecisionProblem,
  clockStopProblem,
  type ClockStopGrounds,
} from '../../lib/domain/clock-stops';
import { decideClockStop, restartClock, stopClock } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

type StepOpts = { respondent: string; step: string; by?: string; json?: boolean };
const address = (o: StepOpts) => ({
  respondentId: o.respondent,
  stepId: o.step,
  ...(o.by ? { by: o.by } : {}),
});

export function addClockCommands(program: Command): void {
  const clock = program
    .command('clock')
    .description(
      "Stop or restart a step's clock (the procedure's clockStops), or decide an officer's request",
    );
  stepOptions(
    clock
      .command('stop')
      .description("Stop a step's clock: its reminders and lapse wait until it restarts; the officer is told")
      .argument('<case-reference>')
      .requiredOption('--grounds <grounds>', `why: ${CLOCK_STOP_GROUNDS.join(', ')}`)
      .option('--details <text>', 'what the commission waits for (required for other)'),
  ).action(async (caseReference: string, o: StepOpts & { grounds: string; details?: string }) => {
    const args = {
      ...address(o),
      grounds: o.grounds as ClockStopGrounds,
      ...(o.details ? { details: o.details } : {}),
    };
    printState(
      await withClient((c) => runStaffAction(c, caseReference, stopClock, args, clockStopProblem)),
      o.json,
    );
  });
  stepOptions(
    clock
      .command('restart')
      .description(
        "Restart a stopped clock: the step's new dates by the procedure's rule; the officer is told",
      )
      .argument('<case-reference>'),
  ).action(async (caseReference: string, o: StepOpts) => {
    printState(
      await withClient((c) =>
        runStaffAction(c, caseReference, restartClock, address(o), clockRestartProblem),
      ),
      o.json,
    );
  });
  for (const decision of ['approve', 'decline'] as const)
    stepOptions(
      clock
        .command(decision)
        .description(
          decision === 'approve'
            ? "Approve the officer's request: the clock stops from the day they asked"
            : "Decline the officer's request to stop the clock: they are told, the deadline stands",
        )
        .argument('<case-reference>')
        .option('--note <text>', 'a word for the officer and the record'),
    ).action(async (caseReference: string, o: StepOpts & { note?: string }) => {
      const args = { ...address(o), decision, ...(o.note ? { note: o.note } : {}) };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, decideClockStop, args, clockStopDecisionProblem),
        ),
        o.json,
      );
    });
}
