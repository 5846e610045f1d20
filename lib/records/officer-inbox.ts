// The officers' inbox: a submission the web app could not hand to its complaint within seconds (no worker
// running) is kept here, durably, and delivered later, once. Its row says where it stands for the officer's page:
// received (waiting), recorded, or refused with the complaint's reason.
import type { Kysely } from 'kysely';
import type { InboxRow, OfficerInboxTable, RecordsDatabase } from './schema';

export interface ReceivedSubmission {
  updateId: string;
  workflowId: string;
  respondentId: string;
  stepId: string;
  action: OfficerInboxTable['action'];
  submission: unknown;
}

export class OfficerInboxStore {
  constructor(
    private readonly db: Kysely<RecordsDatabase>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Keeps a submission; a second receipt of the same Update ID keeps the first, unless the first was refused (the
   * officer sends it again: it waits anew).
   */
  async receive(s: ReceivedSubmission): Promise<InboxRow> {
    await this.db
      .insertInto('officer_inbox')
      .values({
        update_id: s.updateId,
        workflow_id: s.workflowId,
        respondent_id: s.respondentId,
        step_id: s.stepId,
        action: s.action,
        submission: JSON.stringify(s.submission),
        status: 'received',
        reason: null,
        received_at: this.now().toISOString(),
        settled_at: null,
        attempts: 0,
        lease_until: null,
      })
      .onConflict((oc) =>
        oc
          .column('update_id')
          .doUpdateSet({
            submission: JSON.stringify(s.submission),
            status: 'received',
            reason: null,
            received_at: this.now().toISOString(),
            settled_at: null,
            lease_until: null,
          })
          .where('officer_inbox.status', '=', 'refused'),
      )
      .execute();
    return this.db
      .selectFrom('officer_inbox')
      .selectAll()
      .where('update_id', '=', s.updateId)
      .executeTakeFirstOrThrow();
  }

  /**
   * Takes up to `limit` waiting submissions for delivery, each leased for `leaseMs` (another web app leaves them
   * alone meanwhile; a web app that dies holding one gives it up when the lease ends).
   */
  async lease(limit: number, leaseMs: number): Promise<InboxRow[]> {
    const now = this.now();
    const waiting = await this.db
      .selectFrom('officer_inbox')
      .selectAll()
      .where('status', '=', 'received')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
      .orderBy('received_at')
      .limit(limit)
      .execute();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const taken: InboxRow[] = [];
    for (const row of waiting) {
      const won = await this.db
        .updateTable('officer_inbox')
        .set({ lease_until: until, attempts: row.attempts + 1 })
        .where('update_id', '=', row.update_id)
        .where('status', '=', 'received')
        .where((eb) =>
          row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until),
        )
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) === 1) taken.push({ ...row, lease_until: until });
    }
    return taken;
  }

  /**
   * Settles a delivered submission: the complaint took it (recorded) or refused it (with its reason). Only under
   * the lease it was delivered under: a web app whose lease ran out meanwhile leaves it to the one that took over.
   */
  async settle(
    updateId: string,
    lease: string,
    outcome: { status: 'recorded' } | { status: 'refused'; reason: string },
  ) {
    await this.db
      .updateTable('officer_inbox')
      .set({
        status: outcome.status,
        reason: outcome.status === 'refused' ? outcome.reason : null,
        submission: null,
        settled_at: this.now().toISOString(),
        lease_until: null,
      })
      .where('update_id', '=', updateId)
      .where('status', '=', 'received')
      .where('lease_until', '=', lease)
      .execute();
  }

  /** The submissions through one link's step, oldest first: what its page says of them. */
  async forStep(workflowId: string, respondentId: string, stepId: string): Promise<InboxRow[]> {
    return this.db
      .selectFrom('officer_inbox')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('respondent_id', '=', respondentId)
      .where('step_id', '=', stepId)
      .orderBy('received_at')
      .execute();
  }

  async waiting(): Promise<number> {
    const { n } = await this.db
      .selectFrom('officer_inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'received')
      .executeTakeFirstOrThrow();
    return Number(n);
  }
}
