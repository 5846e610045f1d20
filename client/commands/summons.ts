// `complaint summons dispensation`: staff set, change or remove a summons' cut-off (its dispensation): an Action
// Taken Report received by it and accepted dispenses with the officer's appearance, and the hearing is cancelled.
// The officer is told the condition as it now stands.
import type { Command } from 'commander';
import { dispensationOrderProblem } from '../../lib/domain/dispensation';
import { InputError } from '../../lib/procedure/validation';
import { setDispensation } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';

export function addSummonsCommands(program: Command): void {
  const summons = program
    .command('summons')
    .description("A summons' condition (dispensation of the appearance)");
  stepOptions(
    summons
      .command('dispensation')
      .description(
        'Set or change the cut-off (--cut-off) by which an accepted report dispenses with the appearance, or remove it (--remove)',
      )
      .argument('<case-reference>')
      .option(
        '--cut-off <date>',
        "the cut-off, YYYY-MM-DD (before the hearing's day), at the procedure's due time",
      )
      .option('--remove', 'remove the cut-off: the officer must appear')
      .option('--reason <text>', 'why (told to the officer)'),
  ).action(
    async (
      caseReference: string,
      o: {
        respondent: string;
        step: string;
        cutOff?: string;
        remove?: boolean;
        reason?: string;
        by?: string;
        json?: boolean;
      },
    ) => {
      if (!!o.remove === (o.cutOff !== undefined))
        throw new InputError('cutOff: give either --cut-off YYYY-MM-DD or --remove', ['cutOff']);
      const args = {
        respondentId: o.respondent,
        stepId: o.step,
        cutOff: o.remove ? null : o.cutOff!,
        reason: o.reason ?? '',
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, setDispensation, args, dispensationOrderProblem),
        ),
        o.json,
      );
    },
  );
}
