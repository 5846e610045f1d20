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
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`records migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
