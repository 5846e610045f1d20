// Read access for a joint inquiry: the staff of a second commission sign in to the dashboard with an account of
// their own (not in STAFF_USERS) that reads the complaints granted to it and nothing else: no other complaint, no
// action, no Temporal UI (client/web/staff-guard.ts). Accounts and grants live in the records database, so every
// web app process sees a grant or a revocation at the reader's next request.
import type { Kysely } from 'kysely';
import type { ReaderAccountRow, ReaderGrantRow, RecordsDatabase } from './schema';

export class ReaderAccessStore {
  constructor(
    private readonly db: Kysely<RecordsDatabase>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async account(user: string): Promise<ReaderAccountRow | undefined> {
    return this.db.selectFrom('reader_accounts').selectAll().where('user_name', '=', user).executeTakeFirst();
  }

  /** Makes the account, or gives an existing one a new password (its sessions then end). */
  async saveAccount(user: string, passwordHash: string, commissionEmail: string): Promise<void> {
    await this.db
      .insertInto('reader_accounts')
      .values({
        user_name: user,
        password_hash: passwordHash,
        commission_email: commissionEmail,
        created_at: this.now().toISOString(),
      })
      .onConflict((oc) => oc.column('user_name').doUpdateSet({ password_hash: passwordHash }))
      .execute();
  }

  /** Lets `user` read the complaint `workflowId` (again: nothing changes). */
  async grant(user: string, workflowId: string, by?: string): Promise<void> {
    await this.db
      .insertInto('reader_grants')
      .values({
        user_name: user,
        workflow_id: workflowId,
        granted_by: by ?? null,
        granted_at: this.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_name', 'workflow_id']).doNothing())
      .execute();
  }

  /** Withdraws grants on `workflowId`: of `user`, or of every reader of the commission at `commissionEmail`. */
  async revoke(workflowId: string, who: { user: string } | { commissionEmail: string }): Promise<number> {
    let users: string[];
    if ('user' in who) users = [who.user];
    else
      users = (
        await this.db
          .selectFrom('reader_accounts')
          .select('user_name')
          .where((eb) => eb(eb.fn('lower', ['commission_email']), '=', who.commissionEmail.toLowerCase()))
          .execute()
      ).map((r) => r.user_name);
    if (users.length === 0) return 0;
    const result = await this.db
      .deleteFrom('reader_grants')
      .where('workflow_id', '=', workflowId)
      .where('user_name', 'in', users)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The complaints (workflow IDs) `user` may read. */
  async grantsOf(user: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('reader_grants')
      .select('workflow_id')
      .where('user_name', '=', user)
      .orderBy('workflow_id')
      .execute();
    return rows.map((r) => r.workflow_id);
  }

  /** Every grant, with its reader's commission: what `complaint joint-inquiry readers` lists. */
  async list(): Promise<(ReaderGrantRow & { commission_email: string })[]> {
    return this.db
      .selectFrom('reader_grants as g')
      .innerJoin('reader_accounts as a', 'a.user_name', 'g.user_name')
      .select(['g.user_name', 'g.workflow_id', 'g.granted_by', 'g.granted_at', 'a.commission_email'])
      .orderBy('g.workflow_id')
      .orderBy('g.user_name')
      .execute();
  }
}
