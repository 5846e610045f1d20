// The dashboard's list of complaints as the records give it, on both databases: each complaint's stage,
// respondents, overdue steps and next deadline or hearing; sorted and paged by the database; filtered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listComplaintPage, type ComplaintListQuery } from '../../lib/records/complaint-list';
import { RecordsStore } from '../../lib/records/store';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

const NOW = '2026-11-30T10:00:00.000Z';

describe.each(['sqlite', 'postgres'] as const)('the list on %s', (kind) => {
  let dir: string;
  let pg: TestPostgres | undefined;
  let store: RecordsStore;

  /** Each complaint's identity: its workflow ID and its (made-up) first run ID. */
  const complaint = (workflowId: string) => ({ workflowId, firstRunId: `first-run-of-${workflowId}` });
  const step = (
    workflowId: string,
    respondentId: string,
    stepId: string,
    kindOf: string,
    status: string,
    dueAt: string,
  ) =>
    store.recordStep(complaint(workflowId), respondentId, {
      step_id: stepId,
      kind: kindOf,
      status,
      closed_as: status === 'closed' ? 'lapsed' : null,
      issued_at: '2026-11-20T05:00:00.000Z',
      due_at: dueAt,
      version: 1,
      updated_at: '2026-11-20T05:00:00.000Z',
    });
  const register = (letter: string, respondents?: { id: string; name: string }[]) =>
    store.registerComplaint({
      ...complaint(`complaint-T-2026-${letter}`),
      caseReference: `T/2026/${letter}`,
      subject: `Subject ${letter}`,
      procedureId: 'ncpcr-seven-days',
      receivedOn: '2026-11-20',
      ...(respondents ? { respondents } : {}),
    });
  const police = { id: 'delhi-police', name: 'Delhi Police' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'list-'));
    if (kind === 'postgres') pg = await startPostgres();
    store = await RecordsStore.open(pg ? pg.url : `sqlite:${join(dir, 'records.sqlite')}`);
    // A: two respondents, notices due ahead (the police's first).
    await register('A', [police, { id: 'network-india', name: 'Social network India Private Limited' }]);
    await step('complaint-T-2026-A', 'delhi-police', 'notice', 'notice', 'open', '2026-12-07T11:30:00.000Z');
    await step('complaint-T-2026-A', 'network-india', 'notice', 'notice', 'open', '2026-12-08T11:30:00.000Z');
    // B: its notice lapsed into a summons to a hearing.
    await register('B', [police]);
    await step(
      'complaint-T-2026-B',
      'delhi-police',
      'notice',
      'notice',
      'closed',
      '2026-11-27T11:30:00.000Z',
    );
    await step(
      'complaint-T-2026-B',
      'delhi-police',
      'summons',
      'summons',
      'open',
      '2026-12-14T05:30:00.000Z',
    );
    // C: withdrawn (its step row not closed yet: the closure stands).
    await register('C', [police]);
    await step('complaint-T-2026-C', 'delhi-police', 'notice', 'notice', 'open', '2026-11-25T11:30:00.000Z');
    await store.recordClosure({ ...complaint('complaint-T-2026-C'), kind: 'withdrawn', at: NOW });
    // D: two steps past their deadline, one of them a reminder.
    await register('D', [police]);
    await step('complaint-T-2026-D', 'delhi-police', 'notice', 'notice', 'open', '2026-11-28T11:30:00.000Z');
    await step(
      'complaint-T-2026-D',
      'delhi-police',
      'follow-up',
      'reminder',
      'open',
      '2026-11-29T11:30:00.000Z',
    );
    // E: an answer waits for review.
    await register('E', [police]);
    await step(
      'complaint-T-2026-E',
      'delhi-police',
      'notice',
      'notice',
      'answered',
      '2026-12-01T11:30:00.000Z',
    );
    // F: registered before the records kept respondents' names.
    await register('F');
    await step('complaint-T-2026-F', 'delhi-police', 'notice', 'notice', 'open', '2026-12-20T11:30:00.000Z');
  });

  afterAll(async () => {
    await store?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = (q: Partial<ComplaintListQuery> = {}) =>
    listComplaintPage(store.db, { sort: 'next', page: 1, pageSize: 25, now: NOW, ...q });
  const refs = async (q: Partial<ComplaintListQuery> = {}) =>
    (await list(q)).rows.map((r) => r.caseReference.slice('T/2026/'.length));

  test('each complaint: stage, respondents, overdue steps, next deadline or hearing', async () => {
    const { rows, total, pages } = await list({ sort: 'reference' });
    expect({ total, pages }).toEqual({ total: 6, pages: 1 });
    const by = (letter: string) => rows.find((r) => r.caseReference === `T/2026/${letter}`)!;
    expect(by('A')).toMatchObject({
      subject: 'Subject A',
      stage: 'notice',
      respondents: [police, { id: 'network-india', name: 'Social network India Private Limited' }],
      overdueSteps: 0,
      overdueSince: null,
      closure: null,
      next: {
        kind: 'deadline',
        at: '2026-12-07T11:30:00.000Z',
        respondentId: 'delhi-police',
        stepKind: 'notice',
      },
    });
    expect(by('B')).toMatchObject({
      stage: 'summons',
      overdueSteps: 0,
      openSteps: 1,
      next: { kind: 'hearing', at: '2026-12-14T05:30:00.000Z', stepId: 'summons' },
    });
    expect(by('C')).toMatchObject({
      stage: 'withdrawn',
      overdueSteps: 0,
      next: null,
      closure: { kind: 'withdrawn', at: NOW },
    });
    expect(by('D')).toMatchObject({
      stage: 'reminder',
      overdueSteps: 2,
      overdueSince: '2026-11-28T11:30:00.000Z',
      next: null,
    });
    expect(by('E')).toMatchObject({ stage: 'review', awaitingReview: 1, overdueSteps: 0, next: null });
    expect(by('F').respondents).toEqual([{ id: 'delhi-police', name: 'delhi-police' }]);
  });

  test('sorted by next event, reference or overdue first; paged', async () => {
    expect(await refs({ sort: 'reference' })).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(await refs({ sort: 'next' })).toEqual(['A', 'B', 'F', 'C', 'D', 'E']);
    expect(await refs({ sort: 'overdue' })).toEqual(['D', 'A', 'B', 'F', 'C', 'E']);
    const second = await list({ sort: 'reference', pageSize: 4, page: 2 });
    expect({ total: second.total, pages: second.pages }).toEqual({ total: 6, pages: 2 });
    expect(second.rows.map((r) => r.caseReference)).toEqual(['T/2026/E', 'T/2026/F']);
    expect((await list({ pageSize: 4, page: 3 })).rows).toEqual([]);
  });

  test('filtered by stage, overdue, respondent and the start of a reference', async () => {
    expect(await refs({ stage: 'summons' })).toEqual(['B']);
    expect(await refs({ stage: 'withdrawn' })).toEqual(['C']);
    expect(await refs({ overdueOnly: true })).toEqual(['D']);
    expect(await refs({ respondent: 'network-india' })).toEqual(['A']);
    expect(await refs({ respondent: 'delhi-police', sort: 'reference' })).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
    ]);
    expect(await refs({ search: 'T/2026/D' })).toEqual(['D']);
    // A reference is matched as text: `_` and `%` are no wildcards.
    expect(await refs({ search: 'T_2026' })).toEqual([]);
    expect((await list({ search: 'T/2026/', stage: 'notice', sort: 'reference' })).total).toBe(2);
  });
});
