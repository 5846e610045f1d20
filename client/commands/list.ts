// `complaint list`: complaints, soonest deadline first, filtered by stage, lapse, respondent, deadline.
import { Option, type Command } from 'commander';
import { formatForPeople } from '../../lib/procedure/deadlines';
import { InputError } from '../../lib/procedure/validation';
import { listComplaints, STAGES, type ComplaintSummary } from '../complaint-queries';
import { withClient, table } from './command-support';

function listTable(rows: ComplaintSummary[]): string {
  if (rows.length === 0) return 'No complaints match.';
  const when = (instant: string | null, zone: string) =>
    instant ? formatForPeople(instant, zone).replace(/ \(.*\)$/, '') : '-';
  return table([
    ['CASE REFERENCE', 'STAGE', 'OPEN', 'OVERDUE', 'COMPLIANCE', 'NEXT DEADLINE', 'NEXT HEARING', 'ZONE'],
    ...rows.map((r) => [
      r.caseReference,
      r.stage,
      String(r.openSteps),
      r.overdue ? 'OVERDUE' : '',
      r.complianceOverdue ? 'OVERDUE' : '',
      when(r.nextDeadline, r.timeZone),
      when(r.nextHearing, r.timeZone),
      r.timeZone,
    ]),
  ]);
}

export function addListCommand(program: Command): void {
  program
    .command('list')
    .description('List complaints, soonest deadline first')
    .addOption(new Option('--stage <stage>', 'only complaints at this stage').choices(STAGES))
    .option('--overdue', 'only complaints with a step past its deadline')
    .option(
      '--compliance-overdue',
      "only complaints with a recommendation's proof of compliance past its date",
    )
    .option('--respondent <id>', 'only complaints against this respondent, e.g. delhi-police')
    .option('--due-before <date>', 'only complaints with a deadline before this date (YYYY-MM-DD)')
    .option('--zone <zone>', 'the time zone of --due-before', 'Asia/Kolkata')
    .option('--search <case-reference>', 'only case references starting with this')
    .option('--limit <n>', 'at most this many', '200')
    .option('--json', 'print the list as JSON')
    .action(
      async (opts: {
        stage?: string;
        overdue?: boolean;
        complianceOverdue?: boolean;
        respondent?: string;
        dueBefore?: string;
        zone: string;
        search?: string;
        limit: string;
        json?: boolean;
      }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new InputError('limit: must be a whole number of at least 1', ['limit']);
        const rows = await withClient((client) => listComplaints(client, { ...opts, limit }));
        console.log(opts.json ? JSON.stringify(rows, null, 2) : listTable(rows));
      },
    );
}
