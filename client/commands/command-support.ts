// What the CLI's commands share: a Temporal client for the command's span, tables for people, a complaint's
// state printed as its timeline or as JSON, and the options of a command on one step.
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { connectClient } from '../../lib/temporal/temporal-connection';
import { upcomingEvents } from '../upcoming-events';
import { terminalSafe } from '../terminal-safe';
import { timelineText } from '../timeline-text';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import type { Client } from '@temporalio/client';

/** Runs `fn` with a Temporal client, closing its connection after. */
export async function withClient<T>(fn: (client: Client, taskQueue: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    return await fn(client, config.taskQueue);
  } finally {
    await client.connection.close();
  }
}

/** Columns padded to their widest cell; each cell terminal-safe first, so the padding counts what shows. */
export function table(cells: string[][]): string {
  const rows = cells.map((r) => r.map(terminalSafe));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints a staff action's result: the complaint's timeline (`explain`: with how each date was computed), or its state as JSON. */
export function printState(state: ComplaintState, json?: boolean, explain?: boolean): void {
  // The JSON adds what is still to come (upcoming-events.ts) to the complaint's state.
  console.log(
    json
      ? JSON.stringify({ ...state, upcoming: upcomingEvents(state) }, null, 2)
      : terminalSafe(timelineText(state, { explain: explain === true })),
  );
}

/** The options of a command on one step: which respondent and step, who acts, JSON output. */
export const stepOptions = (cmd: Command) =>
  cmd
    .requiredOption('-r, --respondent <id>', 'the respondent, e.g. delhi-police')
    .requiredOption('-s, --step <id>', 'the step, e.g. notice (see `complaint show`)')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON');
