// Schema migrations, run at start by whoever opens the records store (worker, web app, tests).
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Replaces `table` by one made by `create` (under a temporary name) holding its rows, each with the identity
 * `''` ("before identities", NO_COMPLAINT_IDENTITY in complaint-identity.ts): SQLite cannot change a primary key in
 * place, so both databases copy the table. Its indexes go with it; the caller makes the new ones.
 */
async function rebuildWithIdentity(
  db: Kysely<unknown>,
  table: string,
  columns: string[],
  create: (name: string) => { execute(): Promise<void> },
): Promise<void> {
  const next = `${table}_next`;
  await create(next).execute();
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(next)} (${list}, first_run_id)
    select ${list}, ${sql.lit('')} from ${sql.table(table)}`.execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
}

const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('complaints')
        .addColumn('workflow_id', 'text', (c) => c.primaryKey())
        .addColumn('case_reference', 'text', (c) => c.notNull().unique())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('procedure_id', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notices')
        .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('notices_by_complaint').on('notices').column('workflow_id').execute();
      await db.schema
        .createTable('answers')
        .addColumn('answer_id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('atr_text', 'text', (c) => c.notNull())
        .addColumn('fir_number', 'text')
        .addColumn('fir_date', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('answers_by_complaint').on('answers').column('workflow_id').execute();
    },
  },
  '0002-reviews-and-closures': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('answers').addColumn('review_decision', 'text').execute();
      await db.schema.alterTable('answers').addColumn('review_note', 'text').execute();
      await db.schema.alterTable('answers').addColumn('reviewed_at', 'text').execute();
      await db.schema.alterTable('complaints').addColumn('closure_kind', 'text').execute();
      await db.schema.alterTable('complaints').addColumn('closure_reason', 'text').execute();
      await db.schema.alterTable('complaints').addColumn('closed_at', 'text').execute();
    },
  },
  '0003-steps-events-attachments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('steps')
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_as', 'text')
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('steps_pk', ['workflow_id', 'respondent_id', 'step_id'])
        .execute();
      await db.schema
        .createTable('step_events')
        .addColumn('event_key', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute();
      await db.schema
        .createIndex('step_events_by_complaint')
        .on('step_events')
        .columns(['workflow_id', 'at'])
        .execute();
      await db.schema
        .createTable('attachments')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attachments_pk', ['answer_id', 'sha256'])
        .execute();
    },
  },
  '0004-mail-outages': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mail_outages')
        .addColumn('outage_id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text', (c) => c.notNull())
        .addColumn('delayed_messages', 'integer', (c) => c.notNull())
        .addColumn('reported_at', 'text')
        .execute();
    },
  },
  '0005-undeliverable-notices': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('notices').addColumn('failure', 'text').execute();
    },
  },
  '0006-officer-inbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('officer_inbox')
        .addColumn('update_id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('submission', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('settled_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .execute();
      await db.schema
        .createIndex('officer_inbox_by_step')
        .on('officer_inbox')
        .columns(['workflow_id', 'respondent_id', 'step_id'])
        .execute();
      await db.schema.createIndex('officer_inbox_by_status').on('officer_inbox').column('status').execute();
    },
  },
  '0007-steps-journal-seq': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('steps')
        .addColumn('journal_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0008-complaint-respondents': {
    async up(db: Kysely<unknown>) {
      // The respondents' names, for the dashboard's list (steps name a respondent by its ID only).
      await db.schema
        .createTable('complaint_respondents')
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('complaint_respondents_pk', ['workflow_id', 'respondent_id'])
        .execute();
    },
  },
  '0009-staff-sessions': {
    async up(db: Kysely<unknown>) {
      // Staff sessions, server-side so that sign-out, an admin and a password change can end them.
      await db.schema
        .createTable('staff_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('password_fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('staff_sessions_by_user')
        .on('staff_sessions')
        .column('user_name')
        .execute();
    },
  },
  '0010-complaint-identities': {
    async up(db: Kysely<unknown>) {
      // Every row of a complaint carries its identity in Temporal (its first run's ID) beside its workflow ID, in
      // the keys: a new complaint under an old workflow ID has rows of its own. A reference may be registered
      // again (no longer unique). Existing rows: '' (before identities).
      await rebuildWithIdentity(
        db,
        'complaints',
        [
          'workflow_id',
          'case_reference',
          'subject',
          'procedure_id',
          'received_on',
          'registered_at',
          'closure_kind',
          'closure_reason',
          'closed_at',
        ],
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('workflow_id', 'text', (c) => c.notNull())
            .addColumn('first_run_id', 'text', (c) => c.notNull())
            .addColumn('case_reference', 'text', (c) => c.notNull())
            .addColumn('subject', 'text', (c) => c.notNull())
            .addColumn('procedure_id', 'text', (c) => c.notNull())
            .addColumn('received_on', 'text', (c) => c.notNull())
            .addColumn('registered_at', 'text', (c) => c.notNull())
            .addColumn('closure_kind', 'text')
            .addColumn('closure_reason', 'text')
            .addColumn('closed_at', 'text')
            .addPrimaryKeyConstraint('complaints_identity_pk', ['workflow_id', 'first_run_id']),
      );
      // Which complaint a workflow ID names now (the one registered last): read by every list, digest and gauge.
      await db.schema
        .createIndex('complaints_by_registration')
        .on('complaints')
        .columns(['workflow_id', 'registered_at', 'first_run_id'])
        .execute();
      await rebuildWithIdentity(
        db,
        'complaint_respondents',
        ['workflow_id', 'respondent_id', 'name', 'position'],
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('workflow_id', 'text', (c) => c.notNull())
            .addColumn('first_run_id', 'text', (c) => c.notNull())
            .addColumn('respondent_id', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('position', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('complaint_respondents_identity_pk', [
              'workflow_id',
              'first_run_id',
              'respondent_id',
            ]),
      );
      await rebuildWithIdentity(
        db,
        'steps',
        [
          'workflow_id',
          'respondent_id',
          'step_id',
          'kind',
          'status',
          'closed_as',
          'issued_at',
          'due_at',
          'version',
          'updated_at',
          'journal_seq',
        ],
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('workflow_id', 'text', (c) => c.notNull())
            .addColumn('first_run_id', 'text', (c) => c.notNull())
            .addColumn('respondent_id', 'text', (c) => c.notNull())
            .addColumn('step_id', 'text', (c) => c.notNull())
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('closed_as', 'text')
            .addColumn('issued_at', 'text', (c) => c.notNull())
            .addColumn('due_at', 'text', (c) => c.notNull())
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('updated_at', 'text', (c) => c.notNull())
            .addColumn('journal_seq', 'integer', (c) => c.notNull().defaultTo(0))
            .addPrimaryKeyConstraint('steps_identity_pk', [
              'workflow_id',
              'first_run_id',
              'respondent_id',
              'step_id',
            ]),
      );
      // Answer IDs name the workflow ID, not the complaint: the key adds its identity.
      await rebuildWithIdentity(
        db,
        'answers',
        [
          'answer_id',
          'workflow_id',
          'respondent_id',
          'step_id',
          'atr_text',
          'fir_number',
          'fir_date',
          'received_at',
          'recorded_at',
          'review_decision',
          'review_note',
          'reviewed_at',
        ],
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('answer_id', 'text', (c) => c.notNull())
            .addColumn('first_run_id', 'text', (c) => c.notNull())
            .addColumn('workflow_id', 'text', (c) => c.notNull())
            .addColumn('respondent_id', 'text', (c) => c.notNull())
            .addColumn('step_id', 'text', (c) => c.notNull())
            .addColumn('atr_text', 'text', (c) => c.notNull())
            .addColumn('fir_number', 'text')
            .addColumn('fir_date', 'text')
            .addColumn('received_at', 'text', (c) => c.notNull())
            .addColumn('recorded_at', 'text', (c) => c.notNull())
            .addColumn('review_decision', 'text')
            .addColumn('review_note', 'text')
            .addColumn('reviewed_at', 'text')
            .addPrimaryKeyConstraint('answers_identity_pk', ['answer_id', 'first_run_id']),
      );
      await db.schema
        .createIndex('answers_by_complaint')
        .on('answers')
        .columns(['workflow_id', 'first_run_id'])
        .execute();
      await rebuildWithIdentity(
        db,
        'attachments',
        ['answer_id', 'sha256', 'file_name', 'content_type', 'size', 'recorded_at'],
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('answer_id', 'text', (c) => c.notNull())
            .addColumn('first_run_id', 'text', (c) => c.notNull())
            .addColumn('sha256', 'text', (c) => c.notNull())
            .addColumn('file_name', 'text', (c) => c.notNull())
            .addColumn('content_type', 'text', (c) => c.notNull())
            .addColumn('size', 'integer', (c) => c.notNull())
            .addColumn('recorded_at', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('attachments_identity_pk', ['answer_id', 'first_run_id', 'sha256']),
      );
      // The outbox and the journal keep their keys, which now name the identity (outbox-key.ts, store.ts).
      for (const table of ['notices', 'step_events'])
        await db.schema
          .alterTable(table)
          .addColumn('first_run_id', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
    },
  },
  '0011-temporal-binding': {
    async up(db: Kysely<unknown>) {
      // Which Temporal cluster and namespace the records belong to (one row), and every adoption by another.
      await db.schema
        .createTable('temporal_binding')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('cluster_id', 'text', (c) => c.notNull())
        .addColumn('cluster_name', 'text', (c) => c.notNull())
        .addColumn('namespace', 'text', (c) => c.notNull())
        .addColumn('namespace_id', 'text', (c) => c.notNull())
        .addColumn('bound_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('temporal_adoptions')
        .addColumn('adoption_id', 'text', (c) => c.primaryKey())
        .addColumn('adopted_at', 'text', (c) => c.notNull())
        .addColumn('adopted_by', 'text')
        .addColumn('from_cluster_id', 'text')
        .addColumn('from_cluster_name', 'text')
        .addColumn('from_namespace', 'text')
        .addColumn('from_namespace_id', 'text')
        .addColumn('to_cluster_id', 'text', (c) => c.notNull())
        .addColumn('to_cluster_name', 'text', (c) => c.notNull())
        .addColumn('to_namespace', 'text', (c) => c.notNull())
        .addColumn('to_namespace_id', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0012-reopening': {
    async up(db: Kysely<unknown>) {
      // A complaint reopened lives again under its identity: each life after the first, and why.
      await db.schema
        .createTable('complaint_lives')
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('first_run_id', 'text', (c) => c.notNull())
        .addColumn('life', 'integer', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reopened_by', 'text')
        .addColumn('reopened_at', 'text', (c) => c.notNull())
        .addColumn('resumed_from', 'text', (c) => c.notNull())
        .addColumn('previous_closure_kind', 'text')
        .addColumn('previous_closed_at', 'text')
        .addPrimaryKeyConstraint('complaint_lives_pk', ['workflow_id', 'first_run_id', 'life'])
        .execute();
    },
  },
  '0013-joint-inquiry': {
    async up(db: Kysely<unknown>) {
      // A second commission's staff, reading the complaints of their joint inquiries (reader-access.ts).
      await db.schema
        .createTable('reader_accounts')
        .addColumn('user_name', 'text', (c) => c.primaryKey())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('commission_email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reader_grants')
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reader_grants_pk', ['user_name', 'workflow_id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  await migrate(db, (m) => m.migrateToLatest());
}

/** Migrates up to `name` and no further: a database as that version of the code left it (tests of a migration). */
export async function migrateUpTo(db: Kysely<unknown>, name: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`records migration ${name}: no such migration`);
  await migrate(db, (m) => m.migrateTo(name));
}

async function migrate(
  db: Kysely<unknown>,
  run: (m: Migrator) => ReturnType<Migrator['migrateToLatest']>,
): Promise<void> {
  const { error, results } = await run(new Migrator({ db, provider }));
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`records migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
