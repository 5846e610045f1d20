#!/usr/bin/env node
// The staff CLI: `complaint <command>`. Tables for people, --json for scripts; bad input gets a message that
// names the field and exit code 2, and changes nothing.
import type { Client } from '@temporalio/client';
import { Command, Option } from 'commander';
import { loadConfig } from '../lib/config';
import { formatForPeople } from '../lib/procedure/deadlines';
import { withResolvedHolidays } from '../lib/procedure/holiday-calendar';
import { issuedOnDate, previewSchedule } from '../lib/procedure/schedule';
import { isCalendarDate } from '../lib/domain/checks';
import { upcomingEvents } from './upcoming-events';
import {
  closureProblem,
  extensionProblem,
  hearingOutcomeProblem,
  recipientCorrectionProblem,
  rescheduleProblem,
  reviewProblem,
  type AnswerReview,
  type HearingNext,
} from '../lib/domain/staff-actions';
import { RecordsStore } from '../lib/records/store';
import { StaffSessionStore } from '../lib/records/staff-sessions';
import {
  adoptRecords,
  bindRecordsTo,
  describeTemporal,
  identifyTemporal,
  recordsBinding,
  sameTemporal,
} from '../lib/records/temporal-binding';
import { connectClient } from '../lib/temporal/temporal-connection';
import { InputError } from '../lib/procedure/validation';
import type { ComplaintState } from '../lib/domain/complaint-state';
import {
  closeComplaint,
  correctRecipient,
  extendDeadline,
  recordHearingOutcome,
  rescheduleHearing,
  reviewAnswer,
} from '../workflows/messages';
import { readCaseFile, readProcedure } from './case-files';
import { listComplaints, STAGES, type ComplaintSummary } from './complaint-queries';
import { startComplaint } from './complaints';
import { importComplaints, progressBar, readImportFile } from './import-complaints';
import { reproject } from './reproject';
import { formatSchedule } from './schedule-table';
import { complaintState, runStaffAction } from './staff-actions';
import { terminalSafe } from './terminal-safe';
import { timelineText } from './timeline-text';
import { hashPassword } from './web/staff-auth';

async function withClient<T>(fn: (client: Client, taskQueue: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    return await fn(client, config.taskQueue);
  } finally {
    await client.connection.close();
  }
}

/** Columns padded to their widest cell; each cell terminal-safe first, so the padding counts what shows. */
function table(cells: string[][]): string {
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

function listTable(rows: ComplaintSummary[]): string {
  if (rows.length === 0) return 'No complaints match.';
  const when = (instant: string | null, zone: string) =>
    instant ? formatForPeople(instant, zone).replace(/ \(.*\)$/, '') : '-';
  return table([
    ['CASE REFERENCE', 'STAGE', 'OPEN', 'OVERDUE', 'NEXT DEADLINE', 'NEXT HEARING', 'ZONE'],
    ...rows.map((r) => [
      r.caseReference,
      r.stage,
      String(r.openSteps),
      r.overdue ? 'OVERDUE' : '',
      when(r.nextDeadline, r.timeZone),
      when(r.nextHearing, r.timeZone),
      r.timeZone,
    ]),
  ]);
}

/** Prints a staff action's result: the complaint's timeline, or its state as JSON. */
function printState(state: ComplaintState, json?: boolean): void {
  // The JSON adds what is still to come (upcoming-events.ts) to the complaint's state.
  console.log(
    json
      ? JSON.stringify({ ...state, upcoming: upcomingEvents(state) }, null, 2)
      : terminalSafe(timelineText(state)),
  );
}

/** Accepts or returns the answer to a step (`accept`, `return`). */
async function review(
  caseReference: string,
  o: { respondent: string; step: string; by?: string; json?: boolean },
  decision: Pick<AnswerReview, 'decision' | 'missing' | 'note'>,
): Promise<void> {
  const args: AnswerReview = {
    respondentId: o.respondent,
    stepId: o.step,
    ...decision,
    ...(o.by ? { by: o.by } : {}),
  };
  printState(
    await withClient((c) => runStaffAction(c, caseReference, reviewAnswer, args, reviewProblem)),
    o.json,
  );
}

const stepOptions = (cmd: Command) =>
  cmd
    .requiredOption('-r, --respondent <id>', 'the respondent, e.g. delhi-police')
    .requiredOption('-s, --step <id>', 'the step, e.g. notice (see `complaint show`)')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON');

export function buildCli(): Command {
  const program = new Command('complaint')
    .description('Start and steer complaints held to deadlines by the commission')
    .showHelpAfterError();

  program
    .command('start')
    .description('Start a complaint from a JSON case file: notices go out to every respondent')
    .argument('<case-file>', 'path of the case file (see examples/)')
    .option('-p, --procedure <file>', 'procedure file (default: the built-in seven-day ATR procedure)')
    .option('--json', 'print the result as JSON')
    .action(async (caseFilePath: string, opts: { procedure?: string; json?: boolean }) => {
      const caseFile = await readCaseFile(caseFilePath);
      const procedure = await readProcedure(opts.procedure);
      const started = await withClient((client, taskQueue) =>
        startComplaint(client, taskQueue, caseFile, procedure),
      );
      if (opts.json) console.log(JSON.stringify(started));
      else
        console.log(
          terminalSafe(`Started complaint ${started.caseReference} (workflow ${started.workflowId})`),
        );
    });

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
    .option('--json', 'print the schedule as JSON')
    .action(async (caseFilePath: string, opts: { procedure?: string; issuedOn?: string; json?: boolean }) => {
      const caseFile = await readCaseFile(caseFilePath);
      const procedure = await readProcedure(opts.procedure);
      if (opts.issuedOn !== undefined && !isCalendarDate(opts.issuedOn))
        throw new InputError('issuedOn: must be a date as YYYY-MM-DD', ['issuedOn']);
      const issuedAt =
        opts.issuedOn === undefined
          ? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
          : issuedOnDate(opts.issuedOn, procedure.rules);
      // The holiday calendar resolved as `start` would resolve it, for the year of the issue.
      const schedule = previewSchedule(
        caseFile,
        withResolvedHolidays(procedure, new Date(issuedAt)),
        issuedAt,
      );
      if (opts.json) {
        const preview = {
          caseReference: caseFile.caseReference,
          procedureId: procedure.id,
          timeZone: procedure.rules.timeZone,
          respondents: schedule,
        };
        console.log(JSON.stringify(preview, null, 2));
      } else console.log(terminalSafe(formatSchedule(caseFile.caseReference, procedure.id, schedule)));
    });

  program
    .command('list')
    .description('List complaints, soonest deadline first')
    .addOption(new Option('--stage <stage>', 'only complaints at this stage').choices(STAGES))
    .option('--overdue', 'only complaints with a step past its deadline')
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

  program
    .command('show')
    .description("Show a complaint's whole timeline: steps, deadlines, messages, answers, hearings")
    .argument('<case-reference>', 'e.g. NCPCR/2021/05/0291')
    .option('--json', 'print the complaint as JSON')
    .action(async (caseReference: string, opts: { json?: boolean }) => {
      printState(await withClient((client) => complaintState(client, caseReference)), opts.json);
    });

  stepOptions(
    program
      .command('extend')
      .description("Extend a step's deadline: its reminders and escalation move with it")
      .argument('<case-reference>')
      .requiredOption('--until <date>', 'the new due date, YYYY-MM-DD, in the commission zone')
      .requiredOption('--reason <text>', 'why, for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; until: string; reason: string; by?: string; json?: boolean },
    ) => {
      const args = {
        respondentId: o.respondent,
        stepId: o.step,
        until: o.until,
        reason: o.reason,
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) => runStaffAction(c, caseReference, extendDeadline, args, extensionProblem)),
        o.json,
      );
    },
  );

  stepOptions(
    program
      .command('correct-address')
      .description("Send a step's message to the officer's right address (after it proved undeliverable)")
      .argument('<case-reference>')
      .requiredOption('--email <address>', "the officer's right address")
      .requiredOption('--reason <text>', 'why, for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; email: string; reason: string; by?: string; json?: boolean },
    ) => {
      const args = {
        respondentId: o.respondent,
        stepId: o.step,
        email: o.email,
        reason: o.reason,
        ...(o.by ? { by: o.by } : {}),
      };
      printState(
        await withClient((c) =>
          runStaffAction(c, caseReference, correctRecipient, args, recipientCorrectionProblem),
        ),
        o.json,
      );
    },
  );

  for (const [name, action, what] of [
    ['withdraw', 'withdraw', 'Withdraw a complaint (e.g. the complainant withdrew)'],
    ['dispose', 'dispose', 'Dispose of a complaint (e.g. no jurisdiction)'],
  ] as const) {
    program
      .command(name)
      .description(`${what}: every open step closes`)
      .argument('<case-reference>')
      .requiredOption('--reason <text>', 'why, for the record')
      .option('--by <name>', 'who is acting, for the record', process.env.USER)
      .option('--json', 'print the complaint as JSON')
      .action(async (caseReference: string, o: { reason: string; by?: string; json?: boolean }) => {
        const args = { action, reason: o.reason, ...(o.by ? { by: o.by } : {}) };
        printState(
          await withClient((c) => runStaffAction(c, caseReference, closeComplaint, args, closureProblem)),
          o.json,
        );
      });
  }

  stepOptions(
    program
      .command('accept')
      .description('Accept the answer to a step: the step closes')
      .argument('<case-reference>')
      .option('--note <text>', 'a note for the record'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; note?: string; by?: string; json?: boolean },
    ) => {
      await review(caseReference, o, { decision: 'accept', ...(o.note ? { note: o.note } : {}) });
    },
  );

  stepOptions(
    program
      .command('return')
      .description(
        'Return the answer to a step with what is missing: a new step asks for it, with its own deadline',
      )
      .argument('<case-reference>')
      .requiredOption('--missing <text>', 'what is missing'),
  ).action(
    async (
      caseReference: string,
      o: { respondent: string; step: string; missing: string; by?: string; json?: boolean },
    ) => {
      await review(caseReference, o, { decision: 'return', missing: o.missing });
    },
  );

  stepOptions(
    program
      .command('hearing')
      .description("Record a hearing's outcome (--outcome), or reschedule it (--reschedule)")
      .argument('<case-reference>')
      .addOption(
        new Option('--outcome <next>', 'record the outcome, and what comes next').choices([
          'close',
          'further-hearing',
          'fresh-demand',
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
      },
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

  // Which Temporal the records database belongs to (lib/records/temporal-binding.ts).
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

  program
    .command('hash-password')
    .description('Hash a staff password for STAFF_USERS (reads it from standard input, or asks for it)')
    .option('--name <name>', 'print a whole STAFF_USERS entry for this user')
    .action(async (opts: { name?: string }) => {
      const password = await readPassword();
      if (password.length < 12)
        throw new InputError('password: must be at least 12 characters', ['password']);
      const hash = hashPassword(password);
      console.log(opts.name ? `${opts.name}:${hash}` : hash);
    });

  // Staff sessions of the dashboard, the codec and the Temporal UI console (kept in the records database).
  const staff = program.command('staff').description("Staff members' dashboard sessions");
  const staffName = (name: string) => {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
      throw new InputError('name: must be a STAFF_USERS name (letters, digits, . _ -)', ['name']);
    return name;
  };
  const withSessions = async <T>(use: (store: StaffSessionStore) => Promise<T>): Promise<T> => {
    const records = await RecordsStore.open(loadConfig().databaseUrl);
    try {
      return await use(new StaffSessionStore(records.db));
    } finally {
      await records.close();
    }
  };
  staff
    .command('sessions')
    .description('List the stored sessions (who, since when, last used, ends at); never their secrets')
    .argument('[name]', "only this user's sessions")
    .option('--json', 'print them as JSON')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const sessions = await withSessions((store) =>
        store.list(name === undefined ? undefined : staffName(name)),
      );
      if (opts.json) {
        console.log(JSON.stringify(sessions));
        return;
      }
      if (sessions.length === 0) {
        console.log('No staff sessions.');
        return;
      }
      console.log(
        table([
          ['USER', 'SIGNED IN', 'LAST USED', 'ENDS AT'],
          ...sessions.map((s) => [s.user_name, s.created_at, s.last_seen_at, s.expires_at]),
        ]),
      );
    });
  staff
    .command('revoke')
    .description(
      'End every session of a staff member at once (dashboard, codec, Temporal UI): they sign in again',
    )
    .argument('<name>', 'the staff member, as named in STAFF_USERS')
    .option('--json', 'print the count as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const ended = await withSessions((store) => store.endAllOf(staffName(name)));
      if (opts.json) console.log(JSON.stringify({ user: name, ended }));
      else console.log(terminalSafe(`Ended ${ended} session(s) of ${name}`));
    });

  return program;
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then Enter and Ctrl-D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      // An error may quote what was given (a case reference, a file's content): terminal-safe too.
      if (err instanceof InputError) {
        console.error(`error: ${terminalSafe(err.message)}`);
        process.exit(2);
      }
      console.error(`error: ${terminalSafe(err instanceof Error ? err.message : String(err))}`);
      process.exit(1);
    });
}
