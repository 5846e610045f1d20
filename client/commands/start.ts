// `complaint start`: a complaint from a JSON case file; notices go out to every respondent.
import type { Command } from 'commander';
import { readCaseFile, readProcedure } from '../case-files';
import { startComplaint } from '../complaints';
import { terminalSafe } from '../terminal-safe';
import { withClient } from './command-support';

export function addStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start a complaint from a JSON case file: notices go out to every respondent')
    .argument('<case-file>', 'path of the case file (see examples/)')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option('--json', 'print the result as JSON')
    .action(async (caseFilePath: string, opts: { procedure?: string; json?: boolean }) => {
      const caseFile = await readCaseFile(caseFilePath);
      const procedure = await readProcedure(opts.procedure);
      const started = await withClient((client, taskQueue) =>
        startComplaint(client, taskQueue, caseFile, procedure),
      );
      if (opts.json) console.log(JSON.stringify(started));
      else
        console.log(
          terminalSafe(`Started complaint ${started.caseReference} (workflow ${started.workflowId})`),
        );
    });
}
