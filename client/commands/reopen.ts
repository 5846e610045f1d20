// `complaint reopen`: a closed complaint lives again (or is appealed), its tracks resuming from a fresh demand or a
// summons, with new letters; a new run under the same workflow ID (client/reopen.ts).
import type { Command } from 'commander';
import { complaintState } from '../staff-actions';
import { reopenComplaint } from '../reopen';
import { printState, withClient } from './command-support';

export function addReopenCommand(program: Command): void {
  program
    .command('reopen')
    .description(
      "Reopen a closed complaint within the procedure's window (or, with --appeal, take an appeal): every respondent's track resumes with a new letter",
    )
    .argument('<case-reference>')
    .requiredOption('--reason <text>', 'why it is reopened: told to the officers in the letter')
    .option(
      '--from <step>',
      'where the tracks resume: notice (a fresh demand), summons, or a step of the procedure',
      'notice',
    )
    .option('--appeal', "an appeal: the procedure's appeal period and its name in the letters")
    .option('--demand <text...>', "a fresh demand's demands (default: each respondent's own)")
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (
        caseReference: string,
        o: { reason: string; from: string; appeal?: boolean; demand?: string[]; by?: string; json?: boolean },
      ) => {
        const request = {
          reason: o.reason,
          from: o.from,
          ...(o.appeal ? { appeal: true } : {}),
          ...(o.demand ? { demands: o.demand } : {}),
          ...(o.by ? { by: o.by } : {}),
        };
        const state = await withClient(async (client, taskQueue) => {
          const run = await reopenComplaint(client, taskQueue, caseReference, request);
          console.log(
            `${run.kind === 'appeal' ? 'Appeal taken on' : 'Reopened'} complaint ${run.caseReference}: life ${run.life} (workflow ${run.workflowId}, run ${run.runId})`,
          );
          // The new life's steps open in its first moments: shown once they are there.
          for (let tries = 0; ; tries++) {
            const s = await complaintState(client, caseReference);
            if (
              s.lives?.length === run.life &&
              s.respondents.every((r) => r.steps.some((st) => st.life === run.life))
            )
              return s;
            if (tries > 100) return s;
            await new Promise((r) => setTimeout(r, 100));
          }
        });
        printState(state, o.json);
      },
    );
}
