// `complaint correct-address`: a step's message goes to the officer's right address.
import type { Command } from 'commander';
import { recipientCorrectionProblem } from '../../lib/domain/staff-actions';
import { correctRecipient } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

export function addCorrectAddressCommand(program: Command): void {
  stepOptions(
    program
      .command('correct-address')
      .description("Send a step's message to the officer's right address (after it proved undeliverable)")
      .argument('<case-reference>')
      .requiredOption('--email <address>', "the officer's right address")
      .requiredOption('--reason <text>', 'why, for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; email: string; reason: string; by?: string; json?: boolean },
    ) => {
      const args = {
        respondentId: o.respondent,
        stepId: o.step,
        email: o.email,
        reason: o.reason,
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, correctRecipient, args, recipientCorrectionProblem),
        ),
        o.json,
      );
    },
  );
}
