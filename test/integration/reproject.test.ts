// The records are a projection of the complaints: deleted (a lost database, a restore from an old backup), they
// are rebuilt from the complaints themselves by `complaint reproject`, row for row.
import { recordsEventually, seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const REFERENCE = 'NCPCR/2026/REPROJECT/1';

/** Everything the records hold of one complaint, but the journal's timeline and the times rows were written. */
async function rowsOf(workflowId: string) {
  const { db } = stack.records;
  const [complaints, steps, answers, notices] = await Promise.all([
    db.selectFrom('complaints').selectAll().where('workflow_id', '=', workflowId).execute(),
    db.selectFrom('steps').selectAll().where('workflow_id', '=', workflowId).execute(),
    db.selectFrom('answers').selectAll().where('workflow_id', '=', workflowId).execute(),
    db.selectFrom('notices').selectAll().where('workflow_id', '=', workflowId).execute(),
  ]);
  const strip = <R extends object>(rows: R[], ...volatile: string[]) =>
    rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !volatile.includes(k))))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    complaints: strip(complaints, 'registered_at'),
    steps: strip(steps, 'updated_at', 'journal_seq'), // journal_seq: the journal's bookkeeping, not the step's
    answers: strip(answers, 'recorded_at'),
    // When a message was sent, as the worker's clock had it; rebuilt, as the complaint's (within a second).
    notices: strip(notices, 'created_at', 'sent_at'),
    sentAt: notices.map((n) => [n.idempotency_key, Date.parse(n.sent_at!)] as const).sort(),
    attachments: await db
      .selectFrom('attachments')
      .select(['answer_id', 'sha256', 'file_name'])
      .where('answer_id', 'like', `${workflowId}/%`)
      .execute(),
  };
}

test("complaint reproject rebuilds a closed complaint's records, row for row, from the complaint alone", async () => {
  const caseFile = { ...seedCase(), caseReference: REFERENCE, receivedOn: todayInCommissionZone() };
  const started = await stack.cli(['start', stack.writeJson('reproject.json', caseFile), '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith(`Notice ${REFERENCE}:`),
  );
  const res = await fetch(answerLinkIn(notice!), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      action: 'answer',
      atrText: 'FIR 12/2026 registered',
      firNumber: 'FIR 12/2026',
    }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  await recordsEventually(() => stack.records.answersFor(workflowId), 1);
  expect((await stack.cli(['accept', REFERENCE, '-r', 'delhi-police', '-s', 'notice'])).code).toBe(0);
  await stack.env.client.workflow.getHandle(workflowId).result();

  const before = await rowsOf(workflowId);
  expect(before.complaints).toHaveLength(1);
  expect(before.answers).toEqual([
    expect.objectContaining({ atr_text: 'FIR 12/2026 registered', review_decision: 'accept' }),
  ]);
  expect(before.notices.length).toBeGreaterThanOrEqual(3); // the notice, the receipt, the staff alert

  // The records lose this complaint.
  for (const table of ['complaints', 'steps', 'answers', 'notices'] as const)
    await stack.records.db.deleteFrom(table).where('workflow_id', '=', workflowId).execute();
  expect((await rowsOf(workflowId)).complaints).toEqual([]);

  const rebuilt = await stack.cli(['reproject', REFERENCE, '--json']);
  expect(rebuilt.code).toBe(0);
  expect(JSON.parse(rebuilt.stdout)).toEqual({
    complaints: 1,
    steps: 1,
    answers: 1,
    messages: before.notices.length,
  });
  const after = await rowsOf(workflowId);
  expect({ ...after, sentAt: [] }).toEqual({ ...before, sentAt: [] });
  after.sentAt.forEach(([key, at], i) => {
    expect(key).toBe(before.sentAt[i]![0]);
    expect(Math.abs(at - before.sentAt[i]![1])).toBeLessThan(1_000);
  });

  // Run again, it changes nothing; asked wrongly, it names the field.
  expect((await stack.cli(['reproject', REFERENCE])).code).toBe(0);
  expect(await rowsOf(workflowId)).toEqual(after);
  const both = await stack.cli(['reproject', REFERENCE, '--all']);
  expect(both.code).toBe(2);
  expect(both.stderr).toContain('caseReference: name the complaints to rebuild, or --all');
  const unknown = await stack.cli(['reproject', 'NCPCR/2026/NOSUCH/1']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('caseReference: no complaint NCPCR/2026/NOSUCH/1');
}, 120_000);
