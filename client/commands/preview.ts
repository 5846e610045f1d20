// `complaint preview`: the schedule a procedure gives a case, starting nothing.
import type { Command } from 'commander';
import { holidayNames, withResolvedHolidays } from '../../lib/procedure/holiday-calendar';
import {
  issuedOnDate,
  previewSchedule,
  type RecommendWhatIf,
  type StopWhatIf,
} from '../../lib/procedure/schedule';
import { isCalendarDate } from '../../lib/domain/checks';
import { InputError } from '../../lib/procedure/validation';
import { readCaseFile, readProcedure } from '../case-files';
import { formatSchedule } from '../schedule-table';
import { terminalSafe } from '../terminal-safe';

export function addPreviewCommand(program: Command): void {
  program
    .command('preview')
    .description(
      'Print the schedule the procedure gives a case (deadlines, reminders, summons, hearing), starting nothing',
    )
    .argument('<case-file>', 'path of the case file (see examples/)')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option(
      '--issued-on <date>',
      'plan as if the notice went out on this day (YYYY-MM-DD, at the send time): a what-if, or a past case such as the seed; by default it goes out now, as `start` would send it',
    )
    .option(
      '--explain',
      'under each deadline, how it was computed (the day, or for hours the moment, counted from; days off passed over; moves)',
    )
    .option(
      '--stop <from:to>',
      "a what-if: the notice's clock stood stopped these days (YYYY-MM-DD:YYYY-MM-DD, both not counted), restarted as the next day begins; by the procedure's rule (toll or restart); repeatable",
      (value: string, stops: string[] = []) => [...stops, value],
    )
    .option(
      '--recommend [days]',
      "a what-if: a recommendation recorded when the schedule ends (at the hearing), its proof of compliance due within these calendar days (default: the procedure's compliance period), with its reminder and what its lapse leads to",
    )
    .option('--json', 'print the schedule as JSON')
    .action(
      async (
        caseFilePath: string,
        opts: {
          procedure?: string;
          issuedOn?: string;
          explain?: boolean;
          stop?: string[];
          recommend?: string | boolean;
          json?: boolean;
        },
      ) => {
        const caseFile = await readCaseFile(caseFilePath);
        const procedure = await readProcedure(opts.procedure);
        if (opts.issuedOn !== undefined && !isCalendarDate(opts.issuedOn))
          throw new InputError('issuedOn: must be a date as YYYY-MM-DD', ['issuedOn']);
        const issuedAt =
          opts.issuedOn === undefined
            ? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
            : issuedOnDate(opts.issuedOn, procedure.rules);
        // The holiday calendar resolved as `start` would resolve it, for the year of the issue.
        const resolved = withResolvedHolidays(procedure, new Date(issuedAt));
        const stops = (opts.stop ?? []).map(parseStop);
        const recommend = parseRecommend(opts.recommend);
        const schedule = previewSchedule(caseFile, resolved, issuedAt, {
          explain: opts.explain === true,
          stops,
          ...(recommend ? { recommend } : {}),
        });
        if (opts.json) {
          const preview = {
            caseReference: caseFile.caseReference,
            procedureId: procedure.id,
            timeZone: procedure.rules.timeZone,
            respondents: schedule,
          };
          console.log(JSON.stringify(preview, null, 2));
        } else {
          const explain = opts.explain
            ? { rules: resolved.rules, holidays: holidayNames(resolved.rules) }
            : undefined;
          console.log(terminalSafe(formatSchedule(caseFile.caseReference, procedure.id, schedule, explain)));
        }
      },
    );
}

/** `2021-06-03:2021-06-09`: the first and last days not counted. */
function parseStop(value: string): StopWhatIf {
  const [from, to, ...rest] = value.split(':');
  if (rest.length || !isCalendarDate(from) || !isCalendarDate(to))
    throw new InputError(`stop: must be two dates as YYYY-MM-DD:YYYY-MM-DD, not ${value}`, ['stop']);
  return { from, to };
}

/** `--recommend` (the procedure's period) or `--recommend 28` (28 calendar days). */
function parseRecommend(value: string | boolean | undefined): RecommendWhatIf | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 366)
    throw new InputError('recommend: must be a whole number of days from 1 to 366', ['recommend']);
  return { days: Number(value) };
}
