// The records store: every write is idempotent (insert-or-ignore on a natural key), so an activity that is
// retried after a crash writes its row once. Every row of a complaint is keyed by its identity (workflow ID and
// first run ID: complaint-identity.ts); a read by workflow ID alone reads the complaint registered last under it.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ClosureKind } from '../domain/complaint-state';
import type { ReviewDecision } from '../domain/staff-actions';
import { currentFirstRunId, type ComplaintIdentity } from './complaint-identity';
import { databaseKind, openRecordsDatabase, type DatabaseKind } from './database';
import type { JournalEntry } from './journal';
import { migrateToLatest } from './migrations';
import type {
  AnswerRow,
  AttachmentRow,
  ComplaintLifeRow,
  ComplaintRow,
  NoticeRow,
  RecordsDatabase,
  StepEventRow,
  StepRow,
} from './schema';

export interface NewComplaint extends ComplaintIdentity {
  caseReference: string;
  subject: string;
  procedureId: string;
  receivedOn: string;
  /** Its respondents (ID and name), in the case file's order. */
  respondents?: { id: string; name: string }[];
}

export interface NewNotice extends ComplaintIdentity {
  idempotencyKey: string;
  respondentId: string;
  stepId: string;
  kind: string;
  recipient: string;
  messageId: string;
  /** The complaint's journal entries to write in the same transaction. */
  journal?: JournalEntry[];
}

export interface AttachmentReference {
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface NewAnswer extends ComplaintIdentity {
  answerId: string;
  respondentId: string;
  stepId: string;
  atrText: string;
  firNumber?: string;
  firDate?: string;
  attachments?: AttachmentReference[];
  receivedAt: string;
}

/** A reopening of a complaint, as the records keep it (complaint_lives). */
export interface NewLife extends ComplaintIdentity {
  life: number;
  runId: string;
  kind: 'reopening' | 'appeal';
  reason: string;
  by?: string;
  at: string;
  from: string;
  previousClosure?: { kind: ClosureKind; at: string };
}

export type { ComplaintIdentity, JournalEntry };

export class RecordsStore {
  constructor(
    readonly db: Kysely<RecordsDatabase>,
    private readonly now: () => Date = () => new Date(),
    readonly kind: DatabaseKind = 'sqlite',
  ) {}

  /** Opens the database at `url` and brings its schema up to date. */
  static async open(url: string, now?: () => Date): Promise<RecordsStore> {
    const db = openRecordsDatabase(url);
    await migrateToLatest(db as Kysely<unknown>);
    return new RecordsStore(db, now, databaseKind(url));
  }

  /**
   * The identity a read by workflow ID means: the one given, or the complaint's registered last under the ID.
   */
  private identityMeant(workflowId: string, firstRunId?: string): string | RawBuilder<string> {
    return firstRunId ?? currentFirstRunId(workflowId);
  }

  /** A respondent staff added to a running complaint, after the case file's (idempotent). */
  async addComplaintRespondent(r: {
    workflowId: string;
    firstRunId: string;
    respondentId: string;
    name: string;
    position: number;
  }): Promise<void> {
    await this.db
      .insertInto('complaint_respondents')
      .values({
        workflow_id: r.workflowId,
        first_run_id: r.firstRunId,
        respondent_id: r.respondentId,
        name: r.name,
        position: r.position,
      })
      .onConflict((oc) => oc.columns(['workflow_id', 'first_run_id', 'respondent_id']).doNothing())
      .execute();
  }

  async registerComplaint(c: NewComplaint): Promise<ComplaintRow> {
    await this.db.transaction().execute(async (trx) => {
      await this.writeComplaint(trx, c);
      for (const [position, r] of (c.respondents ?? []).entries()) {
        await trx
          .insertInto('complaint_respondents')
          .values({
            workflow_id: c.workflowId,
            first_run_id: c.firstRunId,
            respondent_id: r.id,
            name: r.name,
            position,
          })
          .onConflict((oc) => oc.columns(['workflow_id', 'first_run_id', 'respondent_id']).doNothing())
          .execute();
      }
    });
    return this.db
      .selectFrom('complaints')
      .selectAll()
      .where('workflow_id', '=', c.workflowId)
      .where('first_run_id', '=', c.firstRunId)
      .executeTakeFirstOrThrow();
  }

  private async writeComplaint(trx: Kysely<RecordsDatabase>, c: NewComplaint): Promise<void> {
    await trx
      .insertInto('complaints')
      .values({
        workflow_id: c.workflowId,
        first_run_id: c.firstRunId,
        case_reference: c.caseReference,
        subject: c.subject,
        procedure_id: c.procedureId,
        received_on: c.receivedOn,
        registered_at: this.now().toISOString(),
        closure_kind: null,
        closure_reason: null,
        closed_at: null,
      })
      .onConflict((oc) => oc.columns(['workflow_id', 'first_run_id']).doNothing())
      .execute();
  }

  /** Writes the outbox row for a message if it is not there yet, and returns the row as it stands. */
  async reserveNotice(n: NewNotice): Promise<NoticeRow> {
    await this.db.transaction().execute(async (trx) => {
      await this.writeNotice(trx, n);
      if (n.journal) await this.writeJournal(trx, n, n.journal);
    });
    return this.db
      .selectFrom('notices')
      .selectAll()
      .where('idempotency_key', '=', n.idempotencyKey)
      .executeTakeFirstOrThrow();
  }

  private async writeNotice(trx: Kysely<RecordsDatabase>, n: NewNotice): Promise<void> {
    await trx
      .insertInto('notices')
      .values({
        idempotency_key: n.idempotencyKey,
        workflow_id: n.workflowId,
        first_run_id: n.firstRunId,
        respondent_id: n.respondentId,
        step_id: n.stepId,
        kind: n.kind,
        recipient: n.recipient,
        message_id: n.messageId,
        status: 'pending',
        created_at: this.now().toISOString(),
        sent_at: null,
        failure: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  }

  /** Marks a message sent (now, or at `sentAt` when the records are rebuilt from the complaint). */
  async markNoticeSent(idempotencyKey: string, sentAt?: string): Promise<NoticeRow> {
    await this.db
      .updateTable('notices')
      .set({ status: 'sent', sent_at: sentAt ?? this.now().toISOString() })
      .where('idempotency_key', '=', idempotencyKey)
      .where('status', '=', 'pending')
      .execute();
    return this.db
      .selectFrom('notices')
      .selectAll()
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirstOrThrow();
  }

  /** Marks a message the mail server refused for good; it stays so (a retry finds it and does not send). */
  async markNoticeUndeliverable(idempotencyKey: string, failure: string): Promise<void> {
    await this.db
      .updateTable('notices')
      .set({ status: 'undeliverable', failure })
      .where('idempotency_key', '=', idempotencyKey)
      .where('status', '=', 'pending')
      .execute();
  }

  /** A complaint's messages: those of the complaint registered last under `workflowId`, unless `firstRunId` says. */
  async noticesFor(workflowId: string, firstRunId?: string): Promise<NoticeRow[]> {
    return this.db
      .selectFrom('notices')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .orderBy('created_at')
      .execute();
  }

  /** Records an answer and its attachments once: a retried activity finds them there and changes nothing. */
  async recordAnswer(a: NewAnswer): Promise<AnswerRow> {
    const recordedAt = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('answers')
        .values({
          answer_id: a.answerId,
          first_run_id: a.firstRunId,
          workflow_id: a.workflowId,
          respondent_id: a.respondentId,
          step_id: a.stepId,
          atr_text: a.atrText,
          fir_number: a.firNumber ?? null,
          fir_date: a.firDate ?? null,
          received_at: a.receivedAt,
          recorded_at: recordedAt,
          review_decision: null,
          review_note: null,
          reviewed_at: null,
        })
        .onConflict((oc) => oc.columns(['answer_id', 'first_run_id']).doNothing())
        .execute();
      for (const file of a.attachments ?? []) {
        await trx
          .insertInto('attachments')
          .values({
            answer_id: a.answerId,
            first_run_id: a.firstRunId,
            sha256: file.sha256,
            file_name: file.fileName,
            content_type: file.contentType,
            size: file.size,
            recorded_at: recordedAt,
          })
          .onConflict((oc) => oc.columns(['answer_id', 'first_run_id', 'sha256']).doNothing())
          .execute();
      }
    });
    return this.db
      .selectFrom('answers')
      .selectAll()
      .where('answer_id', '=', a.answerId)
      .where('first_run_id', '=', a.firstRunId)
      .executeTakeFirstOrThrow();
  }

  /** An answer's files: of the complaint registered last under the answer's workflow ID, unless `firstRunId` says. */
  async attachmentsFor(answerId: string, firstRunId?: string): Promise<AttachmentRow[]> {
    const answerWorkflow = sql`(select a.workflow_id from answers a where a.answer_id = ${answerId} limit 1)`;
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('answer_id', '=', answerId)
      .where('first_run_id', '=', firstRunId ?? currentFirstRunId(answerWorkflow))
      .orderBy('file_name')
      .execute();
  }

  /** Writes journal entries in one transaction: each event once, and each step's row as it now stands. */
  async recordJournal(complaint: ComplaintIdentity, entries: JournalEntry[]): Promise<void> {
    await this.db.transaction().execute((trx) => this.writeJournal(trx, complaint, entries));
  }

  /**
   * Each event once, and each step's row as of its latest event: entries may arrive out of order (a batch of the
   * journal and a message carrying the entries after it), so a row never goes back to an older event's state.
   */
  private async writeJournal(
    trx: Kysely<RecordsDatabase>,
    { workflowId, firstRunId }: ComplaintIdentity,
    entries: JournalEntry[],
  ) {
    // The key names the identity too (rows of no one complaint's identity: the workflow ID alone).
    const complaint = firstRunId ? `${workflowId}|${firstRunId}` : workflowId;
    {
      for (const e of entries) {
        await trx
          .insertInto('step_events')
          .values({
            event_key: `${complaint}|${e.seq}`,
            workflow_id: workflowId,
            first_run_id: firstRunId,
            respondent_id: e.respondentId,
            step_id: e.stepId,
            seq: e.seq,
            event: e.event,
            at: e.at,
            details: e.details ? JSON.stringify(e.details) : null,
          })
          .onConflict((oc) => oc.column('event_key').doNothing())
          .execute();
        const row = {
          kind: e.step.kind,
          status: e.step.status,
          closed_as: e.step.closedAs ?? null,
          issued_at: e.step.issuedAt,
          due_at: e.step.dueAt,
          version: e.step.version,
          updated_at: e.at,
          journal_seq: e.seq,
        };
        await trx
          .insertInto('steps')
          .values({
            workflow_id: workflowId,
            first_run_id: firstRunId,
            respondent_id: e.respondentId,
            step_id: e.stepId,
            ...row,
          })
          .onConflict((oc) =>
            oc
              .columns(['workflow_id', 'first_run_id', 'respondent_id', 'step_id'])
              .doUpdateSet(row)
              .where('steps.journal_seq', '<', e.seq),
          )
          .execute();
      }
    }
  }

  /** Writes a step's row as the complaint holds it (when the records are rebuilt from the complaint). */
  async recordStep(
    { workflowId, firstRunId }: ComplaintIdentity,
    respondentId: string,
    step: Omit<StepRow, 'workflow_id' | 'first_run_id' | 'respondent_id' | 'journal_seq'>,
  ): Promise<void> {
    const { step_id: stepId, ...row } = step;
    await this.db
      .insertInto('steps')
      .values({
        workflow_id: workflowId,
        first_run_id: firstRunId,
        respondent_id: respondentId,
        step_id: stepId,
        ...row,
      })
      .onConflict((oc) =>
        oc.columns(['workflow_id', 'first_run_id', 'respondent_id', 'step_id']).doUpdateSet(row),
      )
      .execute();
  }

  /**
   * Steps open across all complaints, and those of them past their deadline at `now`. Every step row not closed,
   * as before identities: an older complaint under a reused workflow ID counts as a terminated one does (its rows
   * stay open). Choosing the current complaint per row would triple this query's cost, paid at every journal write.
   */
  async stepCounts(now: string): Promise<{ open: number; overdue: number }> {
    const row = await this.db
      .selectFrom('steps')
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
      ])
      .where('status', '!=', 'closed')
      .executeTakeFirstOrThrow();
    return { open: Number(row.open), overdue: Number(row.overdue ?? 0) };
  }

  /** A complaint's steps (of the complaint registered last under `workflowId`, unless `firstRunId` says). */
  async stepsFor(workflowId: string, firstRunId?: string): Promise<StepRow[]> {
    return this.db
      .selectFrom('steps')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .orderBy('issued_at')
      .execute();
  }

  /** A complaint's journal (of the complaint registered last under `workflowId`, unless `firstRunId` says). */
  async eventsFor(workflowId: string, firstRunId?: string): Promise<StepEventRow[]> {
    return this.db
      .selectFrom('step_events')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .orderBy('at')
      .execute();
  }

  /** Records staff's review of an answer; a retry writes the same values again. */
  async recordReview(r: {
    answerId: string;
    firstRunId: string;
    decision: ReviewDecision;
    note?: string;
    reviewedAt: string;
  }): Promise<void> {
    await this.db
      .updateTable('answers')
      .set({ review_decision: r.decision, review_note: r.note ?? null, reviewed_at: r.reviewedAt })
      .where('answer_id', '=', r.answerId)
      .where('first_run_id', '=', r.firstRunId)
      .execute();
  }

  /** Records how the complaint closed; a retry writes the same values again. */
  async recordClosure(c: {
    workflowId: string;
    firstRunId: string;
    kind: ClosureKind;
    reason?: string;
    at: string;
  }) {
    await this.db
      .updateTable('complaints')
      .set({ closure_kind: c.kind, closure_reason: c.reason ?? null, closed_at: c.at })
      .where('workflow_id', '=', c.workflowId)
      .where('first_run_id', '=', c.firstRunId)
      .execute();
  }

  /**
   * Records a reopening: the complaint's new life (once, however often it is retried), and the complaint open again
   * (its closure cleared: lists and the digest see it running). The life before it keeps its closure in its row.
   */
  async recordReopening(r: NewLife): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('complaint_lives')
        .values({
          workflow_id: r.workflowId,
          first_run_id: r.firstRunId,
          life: r.life,
          run_id: r.runId,
          kind: r.kind,
          reason: r.reason,
          reopened_by: r.by ?? null,
          reopened_at: r.at,
          resumed_from: r.from,
          previous_closure_kind: r.previousClosure?.kind ?? null,
          previous_closed_at: r.previousClosure?.at ?? null,
        })
        .onConflict((oc) => oc.columns(['workflow_id', 'first_run_id', 'life']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return; // a retry: the complaint may have moved on
      await trx
        .updateTable('complaints')
        .set({ closure_kind: null, closure_reason: null, closed_at: null })
        .where('workflow_id', '=', r.workflowId)
        .where('first_run_id', '=', r.firstRunId)
        .execute();
    });
  }

  /** A complaint's lives after the first, oldest first (of the complaint registered last, unless `firstRunId` says). */
  async livesOf(workflowId: string, firstRunId?: string): Promise<ComplaintLifeRow[]> {
    return this.db
      .selectFrom('complaint_lives')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .orderBy('life')
      .execute();
  }

  /** The complaint registered last under `workflowId` (or the one `firstRunId` names). */
  async complaint(workflowId: string, firstRunId?: string): Promise<ComplaintRow | undefined> {
    return this.db
      .selectFrom('complaints')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .executeTakeFirst();
  }

  /** A complaint's answers (of the complaint registered last under `workflowId`, unless `firstRunId` says). */
  async answersFor(workflowId: string, firstRunId?: string): Promise<AnswerRow[]> {
    return this.db
      .selectFrom('answers')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('first_run_id', '=', this.identityMeant(workflowId, firstRunId))
      .orderBy('received_at')
      .execute();
  }

  /**
   * Notes an SMTP outage that a worker saw end. Several workers see the same outage, each with its own start
   * and end: the first to report it claims it (and tells staff); a later report that overlaps it widens it.
   */
  async claimMailOutage(o: {
    outageId: string;
    startedAt: string;
    endedAt: string;
  }): Promise<{ claimed: boolean; delayedMessages: number }> {
    return this.db.transaction().execute(async (trx) => {
      // Writers one at a time: PostgreSQL by a table lock; SQLite, by writing first (its write lock is whole).
      if (this.kind === 'postgres')
        await sql`lock table mail_outages in share row exclusive mode`.execute(trx);
      const widened = await trx
        .updateTable('mail_outages')
        .set((eb) => ({
          started_at: eb
            .case()
            .when('started_at', '>', o.startedAt)
            .then(o.startedAt)
            .else(eb.ref('started_at'))
            .end(),
          ended_at: eb.case().when('ended_at', '<', o.endedAt).then(o.endedAt).else(eb.ref('ended_at')).end(),
        }))
        .where('started_at', '<=', o.endedAt)
        .where('ended_at', '>=', o.startedAt)
        .executeTakeFirst();
      if (Number(widened.numUpdatedRows) > 0) return { claimed: false, delayedMessages: 0 };
      const waiting = await trx
        .selectFrom('notices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .where('created_at', '<=', o.endedAt)
        // Not rows left pending for good (a complaint terminated mid-send): those of the outage and the day before.
        .where('created_at', '>=', new Date(Date.parse(o.startedAt) - 86_400_000).toISOString())
        .executeTakeFirstOrThrow();
      const delayedMessages = Number(waiting.n);
      await trx
        .insertInto('mail_outages')
        .values({
          outage_id: o.outageId,
          started_at: o.startedAt,
          ended_at: o.endedAt,
          delayed_messages: delayedMessages,
          reported_at: null,
        })
        .execute();
      return { claimed: true, delayedMessages };
    });
  }

  async markMailOutageReported(outageId: string): Promise<void> {
    await this.db
      .updateTable('mail_outages')
      .set({ reported_at: this.now().toISOString() })
      .where('outage_id', '=', outageId)
      .execute();
  }

  async mailOutages() {
    return this.db.selectFrom('mail_outages').selectAll().orderBy('started_at').execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
