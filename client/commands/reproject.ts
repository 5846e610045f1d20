// `complaint reproject`: the records rebuilt from the complaints themselves.
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { RecordsStore } from '../../lib/records/store';
import { bindRecordsTo } from '../../lib/records/temporal-binding';
import { InputError } from '../../lib/procedure/validation';
import { reproject } from '../reproject';
import { withClient } from './command-support';

export function addReprojectCommand(program: Command): void {
  program
    .command('reproject')
    .description(
      'Rebuild the records (complaints, steps, answers and reviews, the outbox) from the complaints themselves',
    )
    .argument('[case-references...]', 'the complaints to rebuild')
    .option('--all', 'every complaint Temporal still holds')
    .option('--json', 'print the counts as JSON')
    .action(async (caseReferences: string[], opts: { all?: boolean; json?: boolean }) => {
      if (opts.all === caseReferences.length > 0)
        throw new InputError('caseReference: name the complaints to rebuild, or --all (not both)', [
          'caseReference',
        ]);
      const config = loadConfig();
      const records = await RecordsStore.open(config.databaseUrl);
      try {
        const report = await withClient(async (client) => {
          // Rebuilt only into records of this Temporal (lib/records/temporal-binding.ts).
          await bindRecordsTo(records.db, client.workflowService, client.options.namespace);
          return reproject(client, records, config.mailFrom, opts.all ? { all: true } : { caseReferences });
        });
        if (opts.json) console.log(JSON.stringify(report));
        else
          console.log(
            `Rebuilt the records of ${report.complaints} complaint(s): ${report.steps} steps, ${report.answers} answers, ${report.messages} messages`,
          );
      } finally {
        await records.close();
      }
    });
}
