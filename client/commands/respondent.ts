// `complaint respondent add`: a respondent added to a running complaint (a second authority found responsible),
// from a JSON file shaped as a case file's respondent. It gets its own notice and track from now on.
import type { Command } from 'commander';
import { respondentAdditionProblem } from '../../lib/domain/added-respondents';
import { addRespondent } from '../../workflows/messages';
import { readRespondent } from '../case-files';
import { runStaffAction } from '../staff-actions';
import { printState, withClient } from './command-support';

export function addRespondentCommand(program: Command): void {
  const respondent = program.command('respondent').description("Change a running complaint's respondents");
  respondent
    .command('add')
    .description(
      "Add a respondent to a running complaint: its own notice and track, under the complaint's procedure",
    )
    .argument('<case-reference>')
    .requiredOption(
      '--file <respondent.json>',
      "the respondent, as a case file's: id, name, officer, summonedOfficer?, demands",
    )
    .requiredOption('--reason <text>', 'why it is added, for the record')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (caseReference: string, o: { file: string; reason: string; by?: string; json?: boolean }) => {
        const args = {
          respondent: await readRespondent(o.file),
          reason: o.reason,
          ...(o.by ? { by: o.by } : {}),
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, addRespondent, args, respondentAdditionProblem),
          ),
          o.json,
        );
      },
    );
}
