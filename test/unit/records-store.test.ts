// The records store on a real SQLite file: migrations at open, idempotent writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordsStore } from '../../lib/records/store';

let dir: string;
let store: RecordsStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'records-'));
  store = await RecordsStore.open(`sqlite:${join(dir, 'records.sqlite')}`);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const answer = {
  answerId: 'complaint-X/delhi-police/notice-1',
  workflowId: 'complaint-X',
  respondentId: 'delhi-police',
  stepId: 'notice-1',
  atrText: 'FIR registered',
  receivedAt: '2021-06-29T09:00:00.000Z',
};

test('an answer recorded twice (a retried activity) is one row, unchanged', async () => {
  const first = await store.recordAnswer(answer);
  const second = await store.recordAnswer({ ...answer, atrText: 'a retry must not overwrite' });
  expect(second).toEqual(first);
  expect(await store.answersFor('complaint-X')).toEqual([first]);
});

test('the outbox keeps one row per idempotency key and marks it sent once', async () => {
  const notice = {
    idempotencyKey: 'complaint-X|delhi-police|notice-1|notice|v1',
    workflowId: 'complaint-X',
    respondentId: 'delhi-police',
    stepId: 'notice-1',
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

test('reopening the database keeps the records and does not re-run migrations', async () => {
  const again = await RecordsStore.open(`sqlite:${join(dir, 'records.sqlite')}`);
  expect(await again.answersFor('complaint-X')).toHaveLength(1);
  await again.close();
});
