// `complaint accept` and `complaint return`: staff's review of an officer's answer (one Update, two decisions).
import type { Command } from 'commander';
import { reviewProblem, type AnswerReview } from '../../lib/domain/staff-actions';
import { reviewAnswer } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

/** Accepts or returns the answer to a step (`accept`, `return`). */
async function review(
  caseReference: string,
  o: { respondent: string; step: string; by?: string; json?: boolean },
  decision: Pick<AnswerReview, 'decision' | 'missing' | 'note'>,
): Promise<void> {
  const args: AnswerReview = {
    respondentId: o.respondent,
    stepId: o.step,
    ...decision,
    ...(o.by ? { by: o.by } : {}),
  };
  printState(
    await withClient((c) => runStaffAction(c, caseReference, reviewAnswer, args, reviewProblem)),
    o.json,
  );
}

export function addAcceptCommand(program: Command): void {
  stepOptions(
    program
      .command('accept')
      .description('Accept the answer to a step: the step closes')
      .argument('<case-reference>')
      .option('--note <text>', 'a note for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; note?: string; by?: string; json?: boolean },
    ) => {
      await review(caseReference, o, { decision: 'accept', ...(o.note ? { note: o.note } : {}) });
    },
  );
}

export function addReturnCommand(program: Command): void {
  stepOptions(
    program
      .command('return')
      .description(
        'Return the answer to a step with what is missing: a new step asks for it, with its own deadline',
      )
      .argument('<case-reference>')
      .requiredOption('--missing <text>', 'what is missing'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; missing: string; by?: string; json?: boolean },
    ) => {
      await review(caseReference, o, { decision: 'return', missing: o.missing });
    },
  );
}
