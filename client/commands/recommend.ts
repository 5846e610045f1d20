// `complaint recommend` and `complaint waive`: the commission's recommendations to a respondent, each followed to
// compliance (a compliance step demanding its proof), and a recommendation waived with a reason.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  recommendationsRecordProblem,
  recommendationWaiverProblem,
  type Recommendation,
} from '../../lib/domain/recommendations';
import { InputError } from '../../lib/procedure/validation';
import { recordRecommendations, waiveRecommendation } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState } from './command-support';

export interface RecommendationOptions {
  what?: string;
  proof?: string;
  within?: string;
  working?: boolean;
  until?: string;
  fromFile?: string;
}

/** Adds the options that give recommendations: one by --what/--proof, or a list from a JSON file. */
export function recommendationOptions(cmd: Command): Command {
  return cmd
    .option('--what <text>', 'what the Commission recommends (one recommendation)')
    .option('--proof <text>', 'the proof of compliance due, e.g. "proof of payment"')
    .option('--within <days>', "within how many days (default: the procedure's compliance period)")
    .option('--working', '--within counts working days (default: calendar days)')
    .option('--until <date>', 'or by this date, YYYY-MM-DD')
    .option(
      '--from-file <file>',
      'several recommendations: a JSON list of { what, proof, within?: { days, kind }, until? }',
    );
}

/** The recommendations the options give (checked by the Update's own check before anything is sent). */
export async function recommendationsOf(
  o: RecommendationOptions,
  { allowNone = false }: { allowNone?: boolean } = {},
): Promise<Recommendation[]> {
  // At a hearing, none given renews the demand for proof of those still pending.
  if (allowNone && [o.fromFile, o.what, o.proof, o.within, o.until].every((v) => v === undefined)) return [];
  if (o.fromFile !== undefined) {
    if (o.what !== undefined || o.proof !== undefined)
      throw new InputError('fromFile: give --from-file or --what/--proof, not both', ['fromFile']);
    const text = await readFile(o.fromFile, 'utf8').catch(() => {
      throw new InputError(`fromFile: cannot read ${o.fromFile}`, ['fromFile']);
    });
    try {
      return JSON.parse(text) as Recommendation[];
    } catch {
      throw new InputError('fromFile: must be a JSON list of recommendations', ['fromFile']);
    }
  }
  let within: Recommendation['within'];
  if (o.within !== undefined) {
    const days = Number(o.within);
    if (!/^\d+$/.test(o.within)) throw new InputError('within: must be a whole number of days', ['within']);
    within = { days, kind: o.working ? 'working' : 'calendar' };
  }
  return [
    {
      what: o.what ?? '',
      proof: o.proof ?? '',
      ...(within ? { within } : {}),
      ...(o.until !== undefined ? { until: o.until } : {}),
    },
  ];
}

export function addRecommendCommands(program: Command): void {
  recommendationOptions(
    program
      .command('recommend')
      .description(
        "Record the Commission's recommendations to a respondent: each opens a compliance step demanding its proof",
      )
      .argument('<case-reference>')
      .requiredOption('-r, --respondent <id>', 'the respondent, e.g. delhi-police'),
  )
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (
        caseReference: string,
        o: RecommendationOptions & { respondent: string; by?: string; json?: boolean },
      ) => {
        const args = {
          respondentId: o.respondent,
          recommendations: await recommendationsOf(o),
          ...(o.by ? { by: o.by } : {}),
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, recordRecommendations, args, recommendationsRecordProblem),
          ),
          o.json,
        );
      },
    );
  program
    .command('waive')
    .description(
      'Waive a recommendation: its compliance step closes, and the complaint no longer waits for it',
    )
    .argument('<case-reference>')
    .requiredOption('-r, --respondent <id>', 'the respondent, e.g. delhi-police')
    .requiredOption('--recommendation <id>', 'the recommendation, e.g. R1 (see `complaint show`)')
    .requiredOption('--reason <text>', 'why, for the record')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (
        caseReference: string,
        o: { respondent: string; recommendation: string; reason: string; by?: string; json?: boolean },
      ) => {
        const args = {
          respondentId: o.respondent,
          recommendationId: o.recommendation,
          reason: o.reason,
          ...(o.by ? { by: o.by } : {}),
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, waiveRecommendation, args, recommendationWaiverProblem),
          ),
          o.json,
        );
      },
    );
}
