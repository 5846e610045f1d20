// `complaint interim accept|refuse`: staff decide on an officer's interim reply. Accepted, the deadline moves to
// the date the officer expects the report by (up to the procedure's limit); refused, a deadline the reply moved
// comes back. The officer is told.
import type { Command } from 'commander';
import { interimReplyDecisionProblem } from '../../lib/domain/interim-replies';
import { decideInterimReply } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

export function addInterimCommands(program: Command): void {
  const interim = program
    .command('interim')
    .description("Decide on an officer's interim reply: accept or refuse the date they expect the report by");
  for (const decision of ['accept', 'refuse'] as const)
    stepOptions(
      interim
        .command(decision)
        .description(
          decision === 'accept'
            ? 'Accept the expected date: the deadline moves to it (up to the procedure limit)'
            : 'Refuse the expected date: a deadline the reply moved comes back',
        )
        .argument('<case-reference>')
        .option('--note <text>', 'a word for the officer and the record'),
    ).action(
      async (
        caseReference: string,
        o: { respondent: string; step: string; by?: string; note?: string; json?: boolean },
      ) => {
        const args = {
          respondentId: o.respondent,
          stepId: o.step,
          decision,
          ...(o.note ? { note: o.note } : {}),
          ...(o.by ? { by: o.by } : {}),
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, decideInterimReply, args, interimReplyDecisionProblem),
          ),
          o.json,
        );
      },
    );
}
