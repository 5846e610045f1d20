// `complaint transfer`: the complaint, or one respondent's track (--respondent), goes to another body with its
// case papers; the track(s) close as transferred.
import type { Command } from 'commander';
import { transferOrderProblem } from '../../lib/domain/transfers';
import { transferComplaint } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { printState, withClient } from './command-support';

interface TransferOptions {
  respondent?: string;
  to: string;
  email: string;
  address: string[];
  reason: string;
  by?: string;
  json?: boolean;
}

export function addTransferCommand(program: Command): void {
  program
    .command('transfer')
    .description(
      "Transfer a complaint, or one respondent's track, to another body: its letter and case papers go to it, the track(s) close as transferred",
    )
    .argument('<case-reference>')
    .option('--respondent <id>', "transfer only this respondent's track (without it: the whole complaint)")
    .requiredOption(
      '--to <name>',
      'the body it goes to, e.g. "Karnataka State Commission for Protection of Child Rights"',
    )
    .requiredOption('--email <address>', "the body's email address (its letter and case papers go there)")
    .requiredOption(
      '--address <line>',
      "a line of the body's postal address (repeat for each line)",
      (line: string, lines: string[] = []) => [...lines, line],
    )
    .requiredOption('--reason <text>', 'why, for the record and the letter')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(async (caseReference: string, o: TransferOptions) => {
      const args = {
        ...(o.respondent ? { respondentId: o.respondent } : {}),
        body: { name: o.to, email: o.email, address: o.address },
        reason: o.reason,
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, transferComplaint, args, transferOrderProblem),
        ),
        o.json,
      );
    });
}
