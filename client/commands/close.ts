// `complaint withdraw` and `complaint dispose`: a complaint closes, every open step with it.
import type { Command } from 'commander';
import { closureProblem } from '../../lib/domain/staff-actions';
import { closeComplaint } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState } from './command-support';

export function addCloseCommands(program: Command): void {
  for (const [name, action, what] of [
    ['withdraw', 'withdraw', 'Withdraw a complaint (e.g. the complainant withdrew)'],
    ['dispose', 'dispose', 'Dispose of a complaint (e.g. no jurisdiction)'],
  ] as const) {
    program
      .command(name)
      .description(`${what}: every open step closes`)
      .argument('<case-reference>')
      .requiredOption('--reason <text>', 'why, for the record')
      .option('--by <name>', 'who is acting, for the record', process.env.USER)
      .option('--json', 'print the complaint as JSON')
      .action(async (caseReference: string, o: { reason: string; by?: string; json?: boolean }) => {
        const args = { action, reason: o.reason, ...(o.by ? { by: o.by } : {}) };
        printState(
          await withClient((c) => runStaffAction(c, caseReference, closeComplaint, args, closureProblem)),
          o.json,
        );
      });
  }
}
