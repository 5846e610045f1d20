// `complaint import`: many complaints from JSON Lines or CSV; a rerun skips those already started.
import type { Command } from 'commander';
import { readProcedure } from '../case-files';
import { importComplaints, progressBar, readImportFile } from '../import-complaints';
import { withClient } from './command-support';

export function addImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Start many complaints from JSON Lines (.jsonl) or CSV (.csv); a rerun skips those already started',
    )
    .argument('<file>', 'the file to import')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { procedure?: string; json?: boolean }) => {
      const items = await readImportFile(file);
      const procedure = await readProcedure(opts.procedure);
      const tty = process.stderr.isTTY;
      const result = await withClient((client, taskQueue) =>
        importComplaints(client, taskQueue, procedure, items, (p) => {
          if (tty) process.stderr.write(`\r${progressBar(p)}`);
          else if (p.done === p.total || p.done % Math.max(1, Math.ceil(p.total / 10)) === 0)
            process.stderr.write(`${progressBar(p)}\n`);
        }),
      );
      if (tty) process.stderr.write('\n');
      if (opts.json) console.log(JSON.stringify(result));
      else
        console.log(
          `Imported ${items.length} complaints: started ${result.started.length}, skipped ${result.skipped.length} already started`,
        );
    });
}
