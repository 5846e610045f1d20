// `complaint joint-inquiry open|end|grant|revoke|readers`: a joint inquiry with a second commission (a State
// Commission). Opening and ending are Updates of the complaint (the history records them; while open, every
// officer message is copied to that commission without the officer's link). Read access is granted apart, here in
// the records database: a credential is no part of a complaint's history. A reader account reads the complaints
// granted to it on the dashboard and nothing else; ending the joint inquiry withdraws its commission's grants.
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import {
  jointInquiryEndingProblem,
  jointInquiryProblem,
  openJointInquiries,
  sameAddress,
} from '../../lib/domain/joint-inquiries';
import { emailAddress } from '../../lib/domain/checks';
import { InputError } from '../../lib/procedure/validation';
import { ReaderAccessStore } from '../../lib/records/reader-access';
import { RecordsStore } from '../../lib/records/store';
import { endJointInquiry, openJointInquiry } from '../../workflows/messages';
import { workflowIdOf } from '../complaint-queries';
import { findComplaint, runStaffAction } from '../staff-actions';
import { parseStaffUsers, STAFF_NAME } from '../staff-passwords';
import { terminalSafe } from '../terminal-safe';
import { printState, table, withClient } from './command-support';

async function withReaders<T>(use: (readers: ReaderAccessStore) => Promise<T>): Promise<T> {
  const records = await RecordsStore.open(loadConfig().databaseUrl);
  try {
    return await use(new ReaderAccessStore(records.db));
  } finally {
    await records.close();
  }
}

/** A reader's name: as a staff member's, and never one of STAFF_USERS (a reader is never staff). */
function readerName(name: string): string {
  if (!STAFF_NAME.test(name))
    throw new InputError('user: must be letters, digits, . _ - (at most 64)', ['user']);
  if (parseStaffUsers(loadConfig().staffUsers).some((u) => u.name === name))
    throw new InputError(`user: ${name} is a member of staff (STAFF_USERS), not a reader`, ['user']);
  return name;
}

function problem(found: string | null): void {
  if (found) throw new InputError(found, [found.split(':')[0]!]);
}

export function addJointInquiryCommands(program: Command): void {
  const joint = program
    .command('joint-inquiry')
    .description(
      "A joint inquiry with a second commission: copies of the officers' messages, read access to the complaint",
    );
  joint
    .command('open')
    .description(
      "Open a joint inquiry: every officer message from now on is copied to the commission, without the officer's link",
    )
    .argument('<case-reference>')
    .requiredOption(
      '--commission-name <name>',
      'the second commission, e.g. "Delhi Commission for Protection of Child Rights"',
    )
    .requiredOption('--commission-email <address>', 'where its copies go')
    .requiredOption('--reason <text>', 'why, for the record (e.g. the order that joined it)')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (
        caseReference: string,
        o: { commissionName: string; commissionEmail: string; reason: string; by?: string; json?: boolean },
      ) => {
        const args = {
          commission: { name: o.commissionName, email: o.commissionEmail },
          reason: o.reason,
          ...(o.by ? { by: o.by } : {}),
        };
        printState(
          await withClient((c) =>
            runStaffAction(c, caseReference, openJointInquiry, args, jointInquiryProblem),
          ),
          o.json,
        );
      },
    );
  joint
    .command('end')
    .description("End a joint inquiry: no more copies; its commission's readers lose this complaint")
    .argument('<case-reference>')
    .requiredOption('--commission-email <address>', 'the commission whose joint inquiry ends')
    .requiredOption('--reason <text>', 'why, for the record')
    .option('--by <name>', 'who is acting, for the record', process.env.USER)
    .option('--json', 'print the complaint as JSON')
    .action(
      async (
        caseReference: string,
        o: { commissionEmail: string; reason: string; by?: string; json?: boolean },
      ) => {
        const args = { commissionEmail: o.commissionEmail, reason: o.reason, ...(o.by ? { by: o.by } : {}) };
        const state = await withClient((c) =>
          runStaffAction(c, caseReference, endJointInquiry, args, jointInquiryEndingProblem),
        );
        const withdrawn = await withReaders((r) =>
          r.revoke(state.workflowId, { commissionEmail: o.commissionEmail }),
        );
        printState(state, o.json);
        if (!o.json)
          console.log(terminalSafe(`Withdrew ${withdrawn} reader grant(s) of ${o.commissionEmail}.`));
      },
    );
  joint
    .command('grant')
    .description(
      'Let a reader of the joint commission read this complaint on the dashboard (nothing else, no action)',
    )
    .argument('<case-reference>')
    .requiredOption('--user <name>', 'the reader account (made with the first grant)')
    .requiredOption(
      '--commission-email <address>',
      'the commission in the joint inquiry the reader works for',
    )
    .option('--password-hash <hash>', 'for a new reader: `complaint hash-password` of their password')
    .option('--by <name>', 'who grants, for the record', process.env.USER)
    .option('--json', 'print the grant as JSON')
    .action(
      async (
        caseReference: string,
        o: { user: string; commissionEmail: string; passwordHash?: string; by?: string; json?: boolean },
      ) => {
        const user = readerName(o.user);
        workflowIdOf(caseReference);
        problem(emailAddress('commissionEmail', o.commissionEmail));
        if (o.passwordHash !== undefined && !/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/.test(o.passwordHash))
          throw new InputError('passwordHash: must be made by `complaint hash-password`', ['passwordHash']);
        // Only while that commission's joint inquiry is open.
        const { state } = await withClient((c) => findComplaint(c, caseReference));
        if (!openJointInquiries(state).some((i) => sameAddress(i.commission.email, o.commissionEmail)))
          throw new InputError(
            `commissionEmail: no joint inquiry with ${o.commissionEmail} is open on ${caseReference}`,
            ['commissionEmail'],
          );
        await withReaders(async (readers) => {
          const account = await readers.account(user);
          if (account && !sameAddress(account.commission_email, o.commissionEmail))
            throw new InputError(`user: ${user} reads for ${account.commission_email}`, ['user']);
          if (!account && o.passwordHash === undefined)
            throw new InputError('passwordHash: a new reader needs one (`complaint hash-password`)', [
              'passwordHash',
            ]);
          if (o.passwordHash !== undefined)
            await readers.saveAccount(user, o.passwordHash, o.commissionEmail);
          await readers.grant(user, state.workflowId, o.by);
        });
        if (o.json) console.log(JSON.stringify({ user, caseReference, workflowId: state.workflowId }));
        else console.log(terminalSafe(`${user} may read ${caseReference} (read only).`));
      },
    );
  joint
    .command('revoke')
    .description("Withdraw a reader's access to this complaint (at their next request)")
    .argument('<case-reference>')
    .requiredOption('--user <name>', 'the reader account')
    .option('--json', 'print the count as JSON')
    .action(async (caseReference: string, o: { user: string; json?: boolean }) => {
      const user = readerName(o.user);
      const workflowId = workflowIdOf(caseReference);
      const withdrawn = await withReaders((r) => r.revoke(workflowId, { user }));
      if (o.json) console.log(JSON.stringify({ user, caseReference, withdrawn }));
      else console.log(terminalSafe(`Withdrew ${withdrawn} grant(s) of ${user} on ${caseReference}.`));
    });
  joint
    .command('readers')
    .description('List the readers and the complaints each may read')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }) => {
      const grants = await withReaders((r) => r.list());
      if (o.json) console.log(JSON.stringify(grants));
      else if (grants.length === 0) console.log('No readers.');
      else
        console.log(
          table([
            ['USER', 'COMMISSION', 'COMPLAINT', 'GRANTED', 'BY'],
            ...grants.map((g) => [
              g.user_name,
              g.commission_email,
              g.workflow_id,
              g.granted_at,
              g.granted_by ?? '',
            ]),
          ]),
        );
    });
}
