// The records keyed by the complaint's identity in Temporal (its first run's ID), on both databases: a new complaint
// under an old workflow ID has its own outbox, steps, answers and list row, and every read by workflow ID means it;
// rows from before identities keep their keys (migration 0010); the records belong to one Temporal cluster and
// namespace, and are adopted by another only explicitly, and logged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { sql, type Kysely } from 'kysely';
import { listComplaintPage } from '../../lib/records/complaint-list';
import { openRecordsDatabase } from '../../lib/records/database';
import { digestSections } from '../../lib/records/digest';
import { migrateUpTo } from '../../lib/records/migrations';
import { messageIdempotencyKey } from '../../lib/records/outbox-key';
import { NO_COMPLAINT_IDENTITY } from '../../lib/records/complaint-identity';
import { RecordsStore, type JournalEntry } from '../../lib/records/store';
import {
  adoptions,
  adoptRecords,
  bindRecords,
  RecordsBindingError,
  recordsBinding,
  type TemporalIdentity,
} from '../../lib/records/temporal-binding';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

const NOW = '2026-11-30T10:00:00.000Z';
const W = 'complaint-NCPCR-2021-05-0291';
const REFERENCE = 'NCPCR/2021/05/0291';

describe.each(['sqlite', 'postgres'] as const)('identities on %s', (kind) => {
  let dir: string;
  let pg: TestPostgres | undefined;
  let made = 0;

  /** A fresh, empty records database of this kind (on PostgreSQL: a database of its own on the test server). */
  async function freshUrl(): Promise<string> {
    made++;
    if (!pg) return `sqlite:${join(dir, `records-${made}.sqlite`)}`;
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`create database records_${made}`);
    await admin.end();
    const url = new URL(pg.url);
    url.pathname = `/records_${made}`;
    return url.toString();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'identities-'));
    if (kind === 'postgres') pg = await startPostgres();
  });

  afterAll(async () => {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const step = (
    seq: number,
    stepId: string,
    status: string,
    dueAt: string,
    event = 'opened',
  ): JournalEntry => ({
    seq,
    respondentId: 'delhi-police',
    stepId,
    event,
    at: '2026-11-20T05:00:00.000Z',
    step: { kind: stepId, status, issuedAt: '2026-11-20T05:00:00.000Z', dueAt, version: 1 },
  });
  const caseOf = (firstRunId: string) => ({
    workflowId: W,
    firstRunId,
    caseReference: REFERENCE,
    subject: `Subject of ${firstRunId}`,
    procedureId: 'ncpcr-seven-days',
    receivedOn: '2026-11-20',
    respondents: [{ id: 'delhi-police', name: 'Delhi Police' }],
  });
  const noticeOf = (firstRunId: string) => {
    const address = {
      workflowId: W,
      firstRunId,
      respondentId: 'delhi-police',
      stepId: 'notice',
      kind: 'notice',
    };
    const idempotencyKey = messageIdempotencyKey({ ...address, version: 1 });
    return {
      ...address,
      idempotencyKey,
      recipient: 'commissioner@delhipolice.example',
      messageId: `<${idempotencyKey}@commission.example>`,
    };
  };
  const answerOf = (firstRunId: string, atrText: string, sha256: string) => ({
    answerId: `${W}/delhi-police/notice/1`,
    workflowId: W,
    firstRunId,
    respondentId: 'delhi-police',
    stepId: 'notice',
    atrText,
    receivedAt: '2026-11-25T05:00:00.000Z',
    attachments: [{ sha256, fileName: 'atr.pdf', contentType: 'application/pdf', size: 10 }],
  });

  test('a new complaint under an old workflow ID: its notice is not taken as sent, and every read means it', async () => {
    const records = await RecordsStore.open(await freshUrl());
    try {
      // The first complaint: its notice sent and answered, its step overdue; its workflow terminated (no closure),
      // and its Temporal store gone.
      const first = { workflowId: W, firstRunId: 'first-run-1' };
      await records.registerComplaint(caseOf('first-run-1'));
      await records.recordJournal(first, [step(1, 'notice', 'open', '2026-11-27T11:30:00.000Z')]);
      await records.reserveNotice(noticeOf('first-run-1'));
      await records.markNoticeSent(noticeOf('first-run-1').idempotencyKey);
      await records.recordAnswer(answerOf('first-run-1', 'the first complaint answered', 'a'.repeat(64)));

      // The same reference started again: registered (a reference is no longer unique), its notice to send.
      const second = { workflowId: W, firstRunId: 'first-run-2' };
      await records.registerComplaint(caseOf('first-run-2'));
      const outbox = await records.reserveNotice(noticeOf('first-run-2'));
      expect(outbox).toMatchObject({ status: 'pending', first_run_id: 'first-run-2', sent_at: null });
      expect(outbox.idempotency_key).not.toBe(noticeOf('first-run-1').idempotencyKey);
      await records.recordJournal(second, [step(1, 'notice', 'open', '2026-12-03T11:30:00.000Z')]);
      await records.markNoticeSent(noticeOf('first-run-2').idempotencyKey);
      await records.recordAnswer(answerOf('first-run-2', 'the second complaint answered', 'b'.repeat(64)));

      // Read by workflow ID: the complaint registered last, and none of the first one's rows.
      expect(await records.complaint(W)).toMatchObject({
        first_run_id: 'first-run-2',
        subject: 'Subject of first-run-2',
      });
      expect((await records.stepsFor(W)).map((s) => [s.first_run_id, s.due_at])).toEqual([
        ['first-run-2', '2026-12-03T11:30:00.000Z'],
      ]);
      expect((await records.eventsFor(W)).map((e) => [e.first_run_id, e.seq])).toEqual([['first-run-2', 1]]);
      expect((await records.noticesFor(W)).map((n) => [n.first_run_id, n.status])).toEqual([
        ['first-run-2', 'sent'],
      ]);
      expect((await records.answersFor(W)).map((a) => a.atr_text)).toEqual(['the second complaint answered']);
      const answerId = `${W}/delhi-police/notice/1`;
      expect((await records.attachmentsFor(answerId)).map((a) => a.sha256)).toEqual(['b'.repeat(64)]);
      // The first complaint's rows are kept, under its identity.
      expect(await records.complaint(W, 'first-run-1')).toMatchObject({ subject: 'Subject of first-run-1' });
      expect((await records.answersFor(W, 'first-run-1')).map((a) => a.atr_text)).toEqual([
        'the first complaint answered',
      ]);
      expect((await records.attachmentsFor(answerId, 'first-run-1')).map((a) => a.sha256)).toEqual([
        'a'.repeat(64),
      ]);

      // The list: one row, the second complaint, open with its own step, not overdue.
      const list = await listComplaintPage(records.db, { sort: 'next', page: 1, pageSize: 25, now: NOW });
      expect(list.total).toBe(1);
      expect(list.rows).toEqual([
        expect.objectContaining({
          workflowId: W,
          subject: 'Subject of first-run-2',
          stage: 'notice',
          closure: null,
          openSteps: 1,
          overdueSteps: 0,
        }),
      ]);
      expect(list.rows[0]?.next?.at).toBe('2026-12-03T11:30:00.000Z');
      // The digest: the second complaint's step, due soon; the first's overdue one is not listed. (The step gauges
      // count every row not closed, the terminated complaint's too, as they always have.)
      const digest = await digestSections(records.db, NOW);
      expect(digest.overdue).toEqual([]);
      expect(digest.dueSoon.map((i) => [i.workflowId, i.at])).toEqual([[W, '2026-12-03T11:30:00.000Z']]);
      expect(await records.stepCounts(NOW)).toEqual({ open: 2, overdue: 1 });

      // A closure and a review reach the complaint they name, not the other.
      await records.recordReview({
        answerId,
        firstRunId: 'first-run-2',
        decision: 'accept',
        reviewedAt: NOW,
      });
      await records.recordClosure({ ...second, kind: 'resolved', at: NOW });
      expect((await records.answersFor(W, 'first-run-1'))[0]?.review_decision).toBeNull();
      expect((await records.complaint(W, 'first-run-1'))?.closure_kind).toBeNull();
      expect(await records.complaint(W)).toMatchObject({
        first_run_id: 'first-run-2',
        closure_kind: 'resolved',
      });
    } finally {
      await records.close();
    }
  });

  test('rows from before identities keep their keys (identity ""): a retried send finds its row; the reference registers again', async () => {
    const url = await freshUrl();
    // The records as the code before identities left them.
    const before = openRecordsDatabase(url);
    await migrateUpTo(before as Kysely<unknown>, '0009-staff-sessions');
    await sql`insert into complaints (workflow_id, case_reference, subject, procedure_id, received_on,
      registered_at) values (${W}, ${REFERENCE}, 'Before', 'ncpcr-seven-days', '2021-05-29',
      '2021-05-29T04:30:00.000Z')`.execute(before);
    const oldKey = `${W}|delhi-police|notice|notice|v1`;
    await sql`insert into notices (idempotency_key, workflow_id, respondent_id, step_id, kind, recipient, message_id,
      status, created_at, sent_at) values (${oldKey}, ${W}, 'delhi-police', 'notice', 'notice', 'cp@example',
      '<old@commission.example>', 'sent', '2021-05-29T04:30:00.000Z', '2021-05-29T04:30:01.000Z')`.execute(
      before,
    );
    await sql`insert into steps (workflow_id, respondent_id, step_id, kind, status, issued_at, due_at, version,
      updated_at, journal_seq) values (${W}, 'delhi-police', 'notice', 'notice', 'open', '2021-05-29T04:30:00.000Z',
      '2021-06-05T11:30:00.000Z', 1, '2021-05-29T04:30:00.000Z', 1)`.execute(before);
    await before.destroy();

    const records = await RecordsStore.open(url);
    try {
      for (const table of ['complaints', 'notices', 'steps'] as const) {
        const rows = await records.db.selectFrom(table).select('first_run_id').execute();
        expect([table, rows]).toEqual([table, [{ first_run_id: '' }]]);
      }
      // A migrated row keeps the key it had (one without a first run ID, as the digest's are), found sent.
      const retried = {
        workflowId: W,
        firstRunId: NO_COMPLAINT_IDENTITY,
        respondentId: 'delhi-police',
        stepId: 'notice',
        kind: 'notice',
        version: 1,
      };
      expect(messageIdempotencyKey(retried)).toBe(oldKey);
      expect(
        await records.reserveNotice({
          ...retried,
          idempotencyKey: oldKey,
          recipient: 'cp@example',
          messageId: '<old@commission.example>',
        }),
      ).toMatchObject({ status: 'sent', message_id: '<old@commission.example>' });
      expect(await records.complaint(W)).toMatchObject({ first_run_id: '', subject: 'Before' });

      // The reference started again: registered beside the old row, and now the complaint its workflow ID means.
      await records.registerComplaint(caseOf('first-run-2'));
      expect(await records.reserveNotice(noticeOf('first-run-2'))).toMatchObject({ status: 'pending' });
      expect(await records.complaint(W)).toMatchObject({ first_run_id: 'first-run-2' });
      expect(await records.stepsFor(W)).toEqual([]);
      expect((await records.complaint(W, ''))?.subject).toBe('Before');
      const list = await listComplaintPage(records.db, { sort: 'next', page: 1, pageSize: 25, now: NOW });
      expect(list.rows.map((r) => [r.caseReference, r.subject, r.openSteps])).toEqual([
        [REFERENCE, 'Subject of first-run-2', 0],
      ]);
    } finally {
      await records.close();
    }
  });

  const devServer: TemporalIdentity = {
    clusterId: '31e447a8-87fd-42c8-bb18-65af56397ac6',
    clusterName: 'active',
    namespace: 'default',
    namespaceId: '01a24e8f-15b1-712f-9b81-8638a6991ddd',
  };
  const cluster: TemporalIdentity = {
    clusterId: '5c3e1d0a-9c55-4a35-a1f7-2b1f0d3c9e11',
    clusterName: 'active',
    namespace: 'default',
    namespaceId: '0193b6c2-7d1e-7c55-8f00-9a1b2c3d4e5f',
  };

  test('the records belong to the first Temporal that opens them; another is refused, naming both, until adopted', async () => {
    const records = await RecordsStore.open(await freshUrl());
    try {
      expect(await recordsBinding(records.db)).toBeNull();
      expect(await bindRecords(records.db, devServer)).toEqual({ bound: devServer, boundNow: true });
      // The worker and the web app again, or after a restart of the same server: the same Temporal.
      expect(await bindRecords(records.db, { ...devServer })).toEqual({ bound: devServer, boundNow: false });

      // Another cluster, or the same cluster's namespace recreated (same name, new ID): refused, both named.
      for (const other of [cluster, { ...devServer, namespaceId: cluster.namespaceId }]) {
        const refused = await bindRecords(records.db, other).catch((err: unknown) => err);
        expect(refused).toBeInstanceOf(RecordsBindingError);
        const { message } = refused as RecordsBindingError;
        expect(message).toContain(
          `cluster active (ID ${devServer.clusterId}), namespace default (ID ${devServer.namespaceId})`,
        );
        expect(message).toContain(
          `cluster active (ID ${other.clusterId}), namespace default (ID ${other.namespaceId})`,
        );
        expect(message).toContain('complaint records adopt --yes');
        expect(message).toContain('fresh records database');
      }
      expect(await recordsBinding(records.db)).toEqual(devServer);

      // Adopted by the cluster: the binding rewritten and the adoption logged; adopting again changes nothing.
      const adoption = await adoptRecords(records.db, cluster, 'registrar', () => new Date(NOW));
      expect(adoption).toEqual({ from: devServer, to: cluster, adopted: true, at: NOW });
      expect(await adoptRecords(records.db, cluster, 'registrar')).toMatchObject({ adopted: false });
      expect(await adoptions(records.db)).toEqual([
        expect.objectContaining({
          adopted_at: NOW,
          adopted_by: 'registrar',
          from_cluster_id: devServer.clusterId,
          from_namespace: 'default',
          from_namespace_id: devServer.namespaceId,
          to_cluster_id: cluster.clusterId,
          to_namespace: 'default',
          to_namespace_id: cluster.namespaceId,
        }),
      ]);
      expect(await bindRecords(records.db, cluster)).toEqual({ bound: cluster, boundNow: false });
      await expect(bindRecords(records.db, devServer)).rejects.toThrow(RecordsBindingError);
    } finally {
      await records.close();
    }
  });
});
