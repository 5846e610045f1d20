// `complaint staff sessions` and `complaint staff revoke`: staff members' dashboard sessions.
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { RecordsStore } from '../../lib/records/store';
import { StaffSessionStore } from '../../lib/records/staff-sessions';
import { InputError } from '../../lib/procedure/validation';
import { terminalSafe } from '../terminal-safe';
import { STAFF_NAME } from '../staff-passwords';
import { table } from './command-support';

export function addStaffCommand(program: Command): void {
  const staff = program.command('staff').description("Staff members' dashboard sessions");
  const staffName = (name: string) => {
    if (!STAFF_NAME.test(name))
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
}
