#!/usr/bin/env node
// The staff CLI: `complaint <command>`. Bad input gets a message naming the field and exit code 2.
import { Command } from 'commander';
import { loadConfig } from '../lib/config';
import { connectClient } from '../lib/temporal-connection';
import { InputError } from '../lib/validation';
import { readCaseFile, readProcedure } from './case-files';
import { startComplaint } from './complaints';
import { previewSchedule } from '../lib/schedule';
import { formatSchedule } from './schedule-table';

export function buildCli(): Command {
  const program = new Command('complaint')
    .description('Start and steer complaints held to deadlines by the commission')
    .showHelpAfterError();

  program
    .command('start')
    .description('Start a complaint from a JSON case file: notices go out to every respondent')
    .argument('<case-file>', 'path of the case file (see examples/)')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option('--json', 'print the result as JSON')
    .action(async (caseFilePath: string, opts: { procedure?: string; json?: boolean }) => {
      const caseFile = await readCaseFile(caseFilePath);
      const procedure = await readProcedure(opts.procedure);
      const config = loadConfig();
      const client = await connectClient();
      try {
        const started = await startComplaint(client, config.taskQueue, caseFile, procedure);
        if (opts.json) console.log(JSON.stringify(started));
        else console.log(`Started complaint ${started.caseReference} (workflow ${started.workflowId})`);
      } finally {
        await client.connection.close();
      }
    });

  program
    .command('preview')
    .description(
      'Print the schedule the procedure gives a case (deadlines, reminders, summons, hearing), starting nothing',
    )
    .argument('<case-file>', 'path of the case file (see examples/)')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option('--json', 'print the schedule as JSON')
    .action(async (caseFilePath: string, opts: { procedure?: string; json?: boolean }) => {
      const caseFile = await readCaseFile(caseFilePath);
      const procedure = await readProcedure(opts.procedure);
      const schedule = previewSchedule(caseFile, procedure);
      if (opts.json) {
        console.log(
          JSON.stringify(
            {
              caseReference: caseFile.caseReference,
              procedureId: procedure.id,
              timeZone: procedure.rules.timeZone,
              respondents: schedule,
            },
            null,
            2,
          ),
        );
      } else console.log(formatSchedule(caseFile.caseReference, procedure.id, schedule));
    });

  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      if (err instanceof InputError) {
        console.error(`error: ${err.message}`);
        process.exit(2);
      }
      console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
