// `complaint hearing`: a hearing's outcome recorded, or the hearing rescheduled.
import { Option, type Command } from 'commander';
import { hearingOutcomeProblem, rescheduleProblem, type HearingNext } from '../../lib/domain/staff-actions';
import { InputError } from '../../lib/procedure/validation';
import { recordHearingOutcome, rescheduleHearing } from '../../workflows/messages';
import { runStaffAction } from '../staff-actions';
import { withClient, printState, stepOptions } from './command-support';
import { recommendationOptions, recommendationsOf, type RecommendationOptions } from './recommend';

export function addHearingCommand(program: Command): void {
  stepOptions(
    recommendationOptions(
      program
        .command('hearing')
        .description(
          "Record a hearing's outcome (--outcome; recommend: with --what/--proof or --from-file), or reschedule it (--reschedule)",
        )
        .argument('<case-reference>')
        .addOption(
          new Option('--outcome <next>', 'record the outcome, and what comes next').choices([
            'close',
            'further-hearing',
            'fresh-demand',
            'recommend',
          ]),
        )
        .option('--reschedule', 'move the hearing to --date (and --time)')
        .option('--appeared', 'the officer appeared', false)
        .option('--atr-filed', 'the Action Taken Report was filed', false)
        .option('--fir-registered', 'an FIR was registered', false)
        .option('--fir-number <number>', 'the FIR number')
        .option('--notes <text>', 'notes of the hearing')
        .option('--date <date>', 'the new hearing date (further hearing, reschedule), YYYY-MM-DD')
        .option('--time <time>', 'its time, HH:mm')
        .option('--demand <text...>', 'what the fresh demand asks (repeat for several)')
        .option('--reason <text>', 'why the hearing moves (reschedule)'),
    ),
  ).action(
    async (
      caseReference: string,
      o: {
        respondent: string;
        step: string;
        outcome?: HearingNext['action'];
        reschedule?: boolean;
        appeared: boolean;
        atrFiled: boolean;
        firRegistered: boolean;
        firNumber?: string;
        notes?: string;
        date?: string;
        time?: string;
        demand?: string[];
        reason?: string;
        by?: string;
        json?: boolean;
      } & RecommendationOptions,
    ) => {
      const by = o.by ? { by: o.by } : {};
      const at = { respondentId: o.respondent, stepId: o.step };
      if (!!o.reschedule === !!o.outcome)
        throw new InputError('outcome: give either --outcome or --reschedule', ['outcome']);
      if (o.reschedule) {
        const args = {
          ...at,
          date: o.date ?? '',
          ...(o.time ? { time: o.time } : {}),
          reason: o.reason ?? '',
          ...by,
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, rescheduleHearing, args, rescheduleProblem),
          ),
          o.json,
        );
        return;
      }
      const next: HearingNext =
        o.outcome === 'further-hearing'
          ? { action: 'further-hearing', date: o.date ?? '', ...(o.time ? { time: o.time } : {}) }
          : o.outcome === 'fresh-demand'
            ? { action: 'fresh-demand', demands: o.demand ?? [] }
            : o.outcome === 'recommend'
              ? { action: 'recommend', recommendations: await recommendationsOf(o, { allowNone: true }) }
              : { action: 'close' };
      const args = {
        ...at,
        appeared: o.appeared,
        atrFiled: o.atrFiled,
        firRegistered: o.firRegistered,
        ...(o.firNumber ? { firNumber: o.firNumber } : {}),
        ...(o.notes ? { notes: o.notes } : {}),
        next,
        ...by,
      };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, recordHearingOutcome, args, hearingOutcomeProblem),
        ),
        o.json,
      );
    },
  );
}
