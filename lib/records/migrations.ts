// Schema migrations, run at start by whoever opens the records store (worker, web app, tests).
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`records migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
