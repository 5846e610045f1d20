// `complaint holidays add|remove|apply`: a procedure's own holidays changed in its file (PROCEDURES_DIR), then
// sent to every running complaint of that procedure: each open deadline still to come that the change moves is
// moved and its officer told (docs/procedures.md, "A holiday declared late"). A report lists what moved.
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { isCalendarDate } from '../../lib/domain/holidays';
import { formatForPeople } from '../../lib/procedure/deadlines';
import {
  findProcedureFile,
  writeProcedureFile,
  type ProcedureFile,
} from '../../lib/procedure/procedure-folder';
import type { Procedure } from '../../lib/procedure/procedure';
import { InputError } from '../../lib/procedure/validation';
import { openComplaintsOfProcedure } from '../../lib/records/complaint-list';
import { RecordsStore } from '../../lib/records/store';
import { holidayRevision, rollOutHolidays, type RolloutReport } from '../holiday-rollout';
import { table, withClient } from './command-support';

interface ApplyOpts {
  procedure: string;
  by?: string;
  batch: string;
  json?: boolean;
}

function checkedDate(date: string): string {
  if (!isCalendarDate(date)) throw new InputError('date: must be a date as YYYY-MM-DD', ['date']);
  return date;
}

/** The file's holidays and names after `edit`, written back once the whole procedure is checked. */
function editHolidays(
  file: ProcedureFile,
  edit: (holidays: Set<string>, names: Record<string, string>) => void,
): Procedure {
  const rules = file.data.rules;
  const holidays = new Set((rules.holidays as string[] | undefined) ?? []);
  const names = { ...((rules.holidayNames as Record<string, string> | undefined) ?? {}) };
  edit(holidays, names);
  rules.holidays = [...holidays].sort();
  if (Object.keys(names).length) rules.holidayNames = names;
  else delete rules.holidayNames;
  return writeProcedureFile(file.path, file.data);
}

function reportText(report: RolloutReport, zone: string): string {
  const when = (instant: string) => formatForPeople(instant, zone).replace(/ \(.*\)$/, '');
  const lines = [
    `Holidays of ${report.procedureId} (revision ${report.revision}) applied to ${report.applied} of ${report.complaints} running complaints` +
      (report.alreadyApplied ? `; ${report.alreadyApplied} had them already` : '') +
      (report.notRunning ? `; ${report.notRunning} no longer running` : ''),
  ];
  if (report.moved.length === 0) lines.push('No deadline moved.');
  else
    lines.push(
      table([
        ['CASE REFERENCE', 'RESPONDENT', 'STEP', 'FROM', 'TO'],
        ...report.moved.map((m) => [m.caseReference, m.respondentId, m.stepId, when(m.from), when(m.to)]),
      ]),
    );
  for (const f of report.failed) lines.push(`failed: ${f.caseReference}: ${f.error}`);
  return lines.join('\n');
}

/** Sends the procedure's holidays as they now stand to each of its running complaints, and prints the report. */
async function applyToRunning(procedure: Procedure, opts: ApplyOpts): Promise<void> {
  const batch = Number(opts.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 200)
    throw new InputError('batch: must be a whole number from 1 to 200', ['batch']);
  const { holidays, holidayNames } = procedure.rules;
  const change = {
    procedureId: procedure.id,
    revision: holidayRevision(holidays, holidayNames),
    holidays,
    ...(holidayNames ? { names: holidayNames } : {}),
    ...(opts.by ? { by: opts.by } : {}),
  };
  const records = await RecordsStore.open(loadConfig().databaseUrl);
  let complaints;
  try {
    complaints = await openComplaintsOfProcedure(records.db, procedure.id);
  } finally {
    await records.close();
  }
  const report = await withClient((client) =>
    rollOutHolidays(client, complaints, change, {
      batch,
      progress: (done, total) => console.error(`${done}/${total} complaints`),
    }),
  );
  console.log(opts.json ? JSON.stringify(report, null, 2) : reportText(report, procedure.rules.timeZone));
  if (report.failed.length) process.exitCode = 1;
}

const applyOptions = (cmd: Command) =>
  cmd
    .requiredOption('--procedure <id>', 'the procedure (its file in PROCEDURES_DIR), e.g. ncpcr-seven-days')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--batch <n>', 'complaints told at once', '20')
    .option('--json', 'print the report as JSON');

export function addHolidaysCommand(program: Command): void {
  const holidays = program
    .command('holidays')
    .description(
      "Change a procedure's holidays and move the running complaints' deadlines they touch (dates passed never move)",
    );
  applyOptions(
    holidays
      .command('add')
      .description('Declare a holiday in the procedure, then apply it to its running complaints')
      .argument('<date>', 'the day, YYYY-MM-DD')
      .requiredOption('--name <text>', 'what the holiday is, told to the officers'),
  ).action(async (date: string, o: ApplyOpts & { name: string }) => {
    checkedDate(date);
    const name = o.name.trim();
    if (name === '' || name.length > 200) throw new InputError('name: must be 1 to 200 characters', ['name']);
    const file = findProcedureFile(loadConfig().proceduresDir, o.procedure);
    const procedure = editHolidays(file, (dates, names) => {
      dates.add(date);
      names[date] = name;
    });
    await applyToRunning(procedure, o);
  });
  applyOptions(
    holidays
      .command('remove')
      .description('Withdraw a holiday from the procedure, then apply that to its running complaints')
      .argument('<date>', 'the day, YYYY-MM-DD'),
  ).action(async (date: string, o: ApplyOpts) => {
    checkedDate(date);
    const file = findProcedureFile(loadConfig().proceduresDir, o.procedure);
    if (!((file.data.rules.holidays as string[] | undefined) ?? []).includes(date))
      throw new InputError(`date: ${date} is not a holiday of procedure ${o.procedure}`, ['date']);
    const procedure = editHolidays(file, (dates, names) => {
      dates.delete(date);
      delete names[date];
    });
    await applyToRunning(procedure, o);
  });
  applyOptions(
    holidays
      .command('apply')
      .description(
        "Apply the procedure's holidays as its file now stands (after editing it) to its running complaints",
      ),
  ).action(async (o: ApplyOpts) => {
    await applyToRunning(findProcedureFile(loadConfig().proceduresDir, o.procedure).procedure, o);
  });
}
