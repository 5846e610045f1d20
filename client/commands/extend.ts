// `complaint extend`: a step's deadline moves later; its reminders and escalation move with it.
import type { Command } from 'commander';
import { extensionProblem } from '../../lib/domain/staff-actions';
import { extendDeadline } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

export function addExtendCommand(program: Command): void {
  stepOptions(
    program
      .command('extend')
      .description("Extend a step's deadline: its reminders and escalation move with it")
      .argument('<case-reference>')
      .requiredOption('--until <date>', 'the new due date, YYYY-MM-DD, in the commission zone')
      .requiredOption('--reason <text>', 'why, for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; until: string; reason: string; by?: string; json?: boolean },
    ) => {
      const args = {
        respondentId: o.respondent,
        stepId: o.step,
        until: o.until,
        reason: o.reason,
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) => runStaffAction(c, caseReference, extendDeadline, args, extensionProblem)),
        o.json,
      );
    },
  );
}
