// `complaint show`: a complaint's whole timeline.
import type { Command } from 'commander';
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
    .option('--json', 'print the complaint as JSON (each step carries its `derivation`)')
    .action(async (caseReference: string, opts: { json?: boolean; explain?: boolean }) => {
      printState(
        await withClient((client) => complaintState(client, caseReference)),
        opts.json,
        opts.explain,
      );
    });
}
