// `complaint records adopt`: which Temporal the records database belongs to (lib/records/temporal-binding.ts).
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { RecordsStore } from '../../lib/records/store';
import {
  adoptRecords,
  describeTemporal,
  identifyTemporal,
  recordsBinding,
  sameTemporal,
} from '../../lib/records/temporal-binding';
import { InputError } from '../../lib/procedure/validation';
import { terminalSafe } from '../terminal-safe';
import { withClient } from './command-support';

export function addRecordsCommand(program: Command): void {
  const recordsCommand = program
    .command('records')
    .description('The records database (DATABASE_URL) and the Temporal it belongs to');
  recordsCommand
    .command('adopt')
    .description(
      'Make the records database belong to the Temporal this command connects to (TEMPORAL_*), after a restore, a move to a cluster or a recreated namespace; logged',
    )
    .option('--yes', "confirm: from now on the records are this Temporal's")
    .option('--by <name>', 'who is adopting, for the log', process.env.USER)
    .option('--json', 'print the adoption as JSON')
    .action(async (opts: { yes?: boolean; by?: string; json?: boolean }) => {
      const records = await RecordsStore.open(loadConfig().databaseUrl);
      try {
        const adoption = await withClient(async (client) => {
          const to = await identifyTemporal(client.workflowService, client.options.namespace);
          const from = await recordsBinding(records.db);
          if (!(from && sameTemporal(from, to)) && !opts.yes)
            throw new InputError(
              `yes: adopting makes the records database belong to Temporal ${describeTemporal(to)} (it belongs to ${from ? `Temporal ${describeTemporal(from)}` : 'none yet'}); run again with --yes to confirm`,
              ['yes'],
            );
          return adoptRecords(records.db, to, opts.by);
        });
        if (opts.json) console.log(JSON.stringify(adoption));
        else if (!adoption.adopted)
          console.log(
            `The records database already belongs to Temporal ${describeTemporal(adoption.to)}: nothing to adopt`,
          );
        else
          console.log(
            terminalSafe(
              `Adopted the records database for Temporal ${describeTemporal(adoption.to)} (it belonged to ${adoption.from ? `Temporal ${describeTemporal(adoption.from)}` : 'none'}); logged at ${adoption.at}${opts.by ? ` by ${opts.by}` : ''}`,
            ),
          );
      } finally {
        await records.close();
      }
    });
}
