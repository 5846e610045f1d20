// A complaint past its history budget continues as new in the middle of its procedure, carrying its whole
// state: every deadline and the reminders still to come, the messages already sent (none again), the officer's
// link, the search attributes, and the Update IDs already applied (a retry across runs is applied once); its
// identity in the records (the first run's ID) is the same in every run.
import { GENERATION } from '../../workflows/generation';
import {
  extendDeadline,
  getComplaint,
  getGeneration,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import { recipientHash } from '../../lib/domain/recipient-hash';
import {
  eventually,
  keepHistory,
  messages,
  notices,
  OFFICER,
  stepOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start } = world;

test('continued as new mid-procedure: deadlines, reminders, links, search attributes and applied Update IDs carry over', async () => {
  await newAnchor();
  const caseFile = freshCase();
  // A small budget, so that a few staff extensions take the complaint past it.
  const handle = await start(caseFile, undefined, { historyBudget: { events: 60, bytes: 10 * 1024 * 1024 } });
  const firstRun = (await handle.describe()).runId;
  const runOf = async () => (await handle.describe()).runId;

  // Staff extend the notice's deadline a day at a time: five extensions take it past the budget.
  let days = 7;
  let lastReceipt: unknown;
  let lastUpdateId = '';
  for (let i = 0; i < 5; i++) {
    days++;
    lastUpdateId = `extend-to-${dateOf(days)}`;
    lastReceipt = await handle.executeUpdate(extendDeadline, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(days), reason: `day ${days}` }],
      updateId: lastUpdateId,
    });
  }
  // It continues as new once nothing is half done (the last extension's journal written, or carried).
  for (let waited = 0; (await runOf()) === firstRun && waited < 10_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  const secondRun = await runOf();
  expect(secondRun).not.toBe(firstRun);
  const first = await world.env.client.workflow.getHandle(handle.workflowId, firstRun).describe();
  expect(first.status.name).toBe('CONTINUED_AS_NEW');

  // The state came across whole: the deadline as last extended, every extension, the one notice sent.
  let s = await handle.query(getComplaint);
  const extensions = days - 7;
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(days, '17:00'), version: extensions + 1 });
  expect(stepOf(s, 'notice').extensions).toHaveLength(extensions);
  expect(messages(s)).toEqual([['notice', 'notice', OFFICER, at(0, '10:00')]]);
  expect(world.mailsFor(caseFile)).toHaveLength(1);
  // The search attributes too (the new run publishes them as its state says).
  const attributes = (await handle.describe()).typedSearchAttributes.getAll();
  expect(attributes.find((p) => p.key.name === 'ComplaintStage')?.value).toBe('notice');
  expect(attributes.find((p) => p.key.name === 'OpenSteps')?.value).toBe(1);
  // Its generation: written by the first run's first upsert, carried over, and answered by the query.
  const generationOf = (a: typeof attributes) => a.find((p) => p.key.name === 'ComplaintGeneration')?.value;
  expect(generationOf(first.typedSearchAttributes.getAll())).toBe(GENERATION);
  expect(generationOf(attributes)).toBe(GENERATION);
  expect(await handle.query(getGeneration)).toBe(GENERATION);

  // The last extension, retried under its Update ID in the new run: the same receipt, not applied again.
  expect(
    await handle.executeUpdate(extendDeadline, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(days), reason: `day ${days}` }],
      updateId: lastUpdateId,
    }),
  ).toEqual(lastReceipt);
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice').extensions).toHaveLength(extensions);

  // The timers are re-armed from the carried deadlines: the due-soon reminder, then the lapse, on time.
  await advanceTo(at(days - 2, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 2);
  expect(messages(s)[1]).toEqual(['due-soon-reminder', 'notice', OFFICER, at(days - 2, '10:00')]);
  await advanceTo(at(days, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'notice').overdue);

  // The officer's link (it names the complaint, not the run) still takes the answer, checked as the web app sends it.
  await handle.executeUpdate(submitAnswer, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        atrText: 'FIR registered after the continue-as-new',
        recipientHash: recipientHash(OFFICER),
      },
    ],
  });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
  });
  expect(await handle.result()).toMatchObject({ closure: { kind: 'resolved' } });
  expect((await world.records.answersFor(handle.workflowId)).map((a) => a.atr_text)).toEqual([
    'FIR registered after the continue-as-new',
  ]);
  // Its identity in the records is the first run's ID in every run (workflowInfo().firstExecutionRunId): the rows
  // the second run wrote (the reminder, the lapse, the answer, the closure) are the same complaint's.
  for (const table of ['complaints', 'steps', 'step_events', 'answers', 'notices'] as const) {
    const identities = await world.records.db
      .selectFrom(table)
      .select('first_run_id')
      .distinct()
      .where('workflow_id', '=', handle.workflowId)
      .execute();
    expect([table, identities.map((r) => r.first_run_id)]).toEqual([table, [firstRun]]);
  }
  expect(await world.records.complaint(handle.workflowId)).toMatchObject({
    first_run_id: firstRun,
    closure_kind: 'resolved',
  });
  await keepHistory(handle, 'continued-as-new');
});
