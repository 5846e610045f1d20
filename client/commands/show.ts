// `complaint show`: a complaint's whole timeline.
import type { Command } from 'commander';
import { InputError } from '../../lib/procedure/validation';
import { lifeOf } from '../reopen';
import { complaintState } from '../staff-actions';
import { withClient, printState } from './command-support';

export function addShowCommand(program: Command): void {
  program
    .command('show')
    .description("Show a complaint's whole timeline: steps, deadlines, messages, answers, hearings")
    .argument('<case-reference>', 'e.g. NCPCR/2021/05/0291')
    .option(
      '--explain',
      'under each due date and hearing, how it was computed (the day counted from, days off passed over, moves)',
    )
    .option('--life <n>', 'a reopened complaint: only that life (1 is the first), its steps and how it ended')
    .option('--json', 'print the complaint as JSON (each step carries its `derivation`)')
    .action(async (caseReference: string, opts: { json?: boolean; explain?: boolean; life?: string }) => {
      const state = await withClient((client) => complaintState(client, caseReference));
      if (opts.life === undefined) return printState(state, opts.json, opts.explain);
      const life = lifeOf(state, Number(opts.life));
      if (!life)
        throw new InputError(
          `life: must be a life of this complaint, 1 to ${Math.max(1, state.lives?.length ?? 0)}`,
          ['life'],
        );
      printState(life, opts.json, opts.explain);
    });
}
