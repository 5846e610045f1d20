// The records store on both databases it supports: a real SQLite file and a real PostgreSQL server.
// Migrations at open, idempotent writes, the journal of steps and events, attachments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordsStore, type JournalEntry } from '../../lib/records/store';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

describe.each(['sqlite', 'postgres'] as const)('records on %s', (kind) => {
  let dir: string;
  let pg: TestPostgres | undefined;
  let url: string;
  let store: RecordsStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'records-'));
    if (kind === 'postgres') {
      pg = await startPostgres();
      url = pg.url;
    } else url = `sqlite:${join(dir, 'records.sqlite')}`;
    store = await RecordsStore.open(url);
  });

  afterAll(async () => {
    await store?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The complaint of these tests: its workflow ID and its first run's ID. */
  const X = { workflowId: 'complaint-X', firstRunId: 'first-run-of-X' };
  const answer = {
    answerId: 'complaint-X/delhi-police/notice/1',
    ...X,
    respondentId: 'delhi-police',
    stepId: 'notice',
    atrText: 'FIR registered',
    receivedAt: '2021-06-29T09:00:00.000Z',
    attachments: [
      { sha256: 'a'.repeat(64), fileName: 'fir.pdf', contentType: 'application/pdf', size: 1234 },
    ],
  };

  test('an answer recorded twice (a retried activity) is one row with its attachment, unchanged', async () => {
    await store.registerComplaint({
      ...X,
      caseReference: 'X/1',
      subject: 's',
      procedureId: 'p',
      receivedOn: '2021-05-29',
    });
    const first = await store.recordAnswer(answer);
    const second = await store.recordAnswer({ ...answer, atrText: 'a retry must not overwrite' });
    expect(second).toEqual(first);
    expect(await store.answersFor('complaint-X')).toEqual([first]);
    expect(await store.attachmentsFor(answer.answerId)).toEqual([
      expect.objectContaining({
        sha256: 'a'.repeat(64),
        file_name: 'fir.pdf',
        content_type: 'application/pdf',
        size: 1234,
      }),
    ]);
    await store.recordReview({
      answerId: answer.answerId,
      firstRunId: X.firstRunId,
      decision: 'return',
      note: 'FIR copy missing',
      reviewedAt: '2021-06-30T05:00:00Z',
    });
    expect((await store.answersFor('complaint-X'))[0]).toMatchObject({
      review_decision: 'return',
      review_note: 'FIR copy missing',
    });
  });

  test('the outbox keeps one row per idempotency key and marks it sent once', async () => {
    const notice = {
      idempotencyKey: 'complaint-X|first-run-of-X|delhi-police|notice|notice|v1',
      ...X,
      respondentId: 'delhi-police',
      stepId: 'notice',
      kind: 'notice',
      recipient: 'officer@police.example',
      messageId: '<abc@commission.example>',
    };
    expect((await store.reserveNotice(notice)).status).toBe('pending');
    const sent = await store.markNoticeSent(notice.idempotencyKey);
    expect(sent.status).toBe('sent');
    expect(await store.reserveNotice(notice)).toEqual(sent);
    expect(await store.markNoticeSent(notice.idempotencyKey)).toEqual(sent);
    expect(await store.noticesFor('complaint-X')).toHaveLength(1);
  });

  test('the journal keeps each event once, in order, and each step as it now stands', async () => {
    const step = {
      kind: 'notice',
      status: 'open',
      issuedAt: '2021-05-29T04:30:00Z',
      dueAt: '2021-06-05T11:30:00Z',
      version: 1,
    };
    const opened: JournalEntry = {
      seq: 1,
      respondentId: 'delhi-police',
      stepId: 'notice',
      event: 'opened',
      at: '2021-05-29T04:30:00Z',
      step,
    };
    const extended: JournalEntry = {
      seq: 2,
      respondentId: 'delhi-police',
      stepId: 'notice',
      event: 'extended',
      at: '2021-06-01T06:00:00Z',
      details: { reason: 'data awaited', dueAt: '2021-06-12T11:30:00Z' },
      step: { ...step, dueAt: '2021-06-12T11:30:00Z', version: 2 },
    };
    await store.recordJournal(X, [opened, extended]);
    await store.recordJournal(X, [extended]); // a retried batch
    const closed: JournalEntry = {
      ...extended,
      seq: 10,
      event: 'closed',
      at: '2021-06-20T06:00:00Z',
      details: undefined,
      step: { ...extended.step, status: 'closed', closedAs: 'accepted' },
    };
    await store.recordJournal(X, [closed]);
    expect((await store.eventsFor('complaint-X')).map((e) => [e.seq, e.event])).toEqual([
      [1, 'opened'],
      [2, 'extended'],
      [10, 'closed'],
    ]);
    expect(JSON.parse((await store.eventsFor('complaint-X'))[1]!.details!)).toEqual({
      reason: 'data awaited',
      dueAt: '2021-06-12T11:30:00Z',
    });
    expect(await store.stepsFor('complaint-X')).toEqual([
      expect.objectContaining({
        step_id: 'notice',
        status: 'closed',
        closed_as: 'accepted',
        version: 2,
        due_at: '2021-06-12T11:30:00Z',
      }),
    ]);
  });

  test('an SMTP outage is claimed by the first worker to report it; overlapping reports widen it', async () => {
    const first = await store.claimMailOutage({
      outageId: 'w1',
      startedAt: '2026-11-30T10:00:05.000Z',
      endedAt: '2026-11-30T10:01:05.000Z',
    });
    expect(first.claimed).toBe(true);
    // Another worker saw the same outage a little differently: not claimed again, the outage widens.
    const second = await store.claimMailOutage({
      outageId: 'w2',
      startedAt: '2026-11-30T10:00:01.000Z',
      endedAt: '2026-11-30T10:01:09.000Z',
    });
    expect(second).toEqual({ claimed: false, delayedMessages: 0 });
    await store.markMailOutageReported('w1');
    // A later outage is a new one.
    expect(
      (
        await store.claimMailOutage({
          outageId: 'w3',
          startedAt: '2026-11-30T12:00:00.000Z',
          endedAt: '2026-11-30T12:10:00.000Z',
        })
      ).claimed,
    ).toBe(true);
    const outages = await store.mailOutages();
    expect(outages.map((o) => [o.outage_id, o.started_at, o.ended_at, o.reported_at !== null])).toEqual([
      ['w1', '2026-11-30T10:00:01.000Z', '2026-11-30T10:01:09.000Z', true],
      ['w3', '2026-11-30T12:00:00.000Z', '2026-11-30T12:10:00.000Z', false],
    ]);
  });

  test('closing a complaint is recorded; reopening the database keeps everything and migrates nothing again', async () => {
    await store.recordClosure({
      ...X,
      kind: 'withdrawn',
      reason: 'complainant withdrew',
      at: '2021-07-01T05:00:00Z',
    });
    const again = await RecordsStore.open(url);
    expect(await again.complaint('complaint-X')).toMatchObject({
      closure_kind: 'withdrawn',
      closure_reason: 'complainant withdrew',
    });
    expect(await again.answersFor('complaint-X')).toHaveLength(1);
    await again.close();
  });
});
