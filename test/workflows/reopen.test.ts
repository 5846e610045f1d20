// Reopening (issue 25): staff reopen a closed complaint within the procedure's window, with a reason. A new run
// under the same workflow ID carries the complaint's identity and its lives; each respondent's track resumes with a
// new letter that says it is reopened and why (an appeal says appeal); the first life's steps stay in the state.
// Past the window, or while a reopened run already runs, nothing starts and the refusal names the field.
import type { ParsedMail } from 'mailparser';
import type { CaseFile } from '../../lib/procedure/case-file';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { InputError } from '../../lib/procedure/validation';
import { reopenComplaint } from '../../client/reopen';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { closedLives, reopeningOf } from '../../lib/domain/reopening';
import {
  closeComplaint,
  extendDeadline,
  getComplaint,
  getOrigin,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import {
  answer,
  eventually,
  stepOf,
  track,
  useTimeSkippingWorld,
  type Handle,
  keepHistory,
} from '../helpers/time-skipping-world';
import type { complaintWorkflow } from '../../workflows/complaint';

const world = useTimeSkippingWorld();
const { newAnchor, at, advanceTo, freshCase, start, mailsFor } = world;
const notice = { respondentId: 'delhi-police', stepId: 'notice' };

const serverNow = async () => {
  const ms = await world.env.currentTimeMs();
  return () => new Date(ms);
};

/**
 * Waits until the run has closed. Not `result()`: the time-skipping server skips ahead while a result is awaited,
 * and the window to reopen is counted on its clock.
 */
async function closed(handle: Handle): Promise<void> {
  for (let i = 0; (await handle.describe()).status.name === 'RUNNING'; i++) {
    if (i > 400) throw new Error('the run never closed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The complaint closed as resolved: its answer accepted by staff. */
async function closedByAcceptance(handle: Handle): Promise<void> {
  await handle.executeUpdate(submitAnswer, { args: [answer('notice')] });
  await handle.executeUpdate(reviewAnswer, { args: [{ ...notice, decision: 'accept' }] });
  await closed(handle);
}

/** The complaint's current run (the latest under its workflow ID). */
const latest = (handle: Handle) =>
  world.env.client.workflow.getHandle<typeof complaintWorkflow>(handle.workflowId);

/** The officer's letter whose subject starts so, once it has arrived. */
async function mailStartingWith(caseFile: CaseFile, subject: string): Promise<ParsedMail> {
  for (let i = 0; i < 200; i++) {
    const found = mailsFor(caseFile).find((m) => m.subject?.startsWith(subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail "${subject}" arrived`);
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

test('reopened from the notice: a new notice says why, the same complaint under the same workflow ID, its first life kept', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const first = await start(caseFile);
  const firstRunId = (await first.describe()).runId; // its identity: its first run's ID
  await advanceTo(at(2, '12:00'));
  await closedByAcceptance(first);
  const closedState = await first.query(getComplaint);
  expect(closedState.stage).toBe('closed');

  await advanceTo(at(20, '11:00'));
  const reason = 'The complainant reports that no FIR was registered after all';
  const run = await reopenComplaint(
    world.env.client,
    world.taskQueue,
    caseFile.caseReference,
    { reason, by: 'registrar' },
    await serverNow(),
  );
  expect(run).toMatchObject({ workflowId: first.workflowId, life: 2, kind: 'reopening' });
  expect(run.runId).not.toBe(firstRunId);

  const handle = latest(first);
  const s = await eventually(handle, (x) => track(x).messages.some((m) => m.stepId === 'notice-2'));
  expect(s.stage).toBe('notice');
  expect(s.closure).toBeUndefined();
  // The first life's steps stay as its history; the new one opens in life 2, due seven days on.
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'accepted' });
  expect(stepOf(s, 'notice').answers).toHaveLength(1);
  expect(stepOf(s, 'notice-2')).toMatchObject({
    status: 'open',
    life: 2,
    demands: caseFile.respondents[0]!.demands,
    dueAt: at(27, '17:00'),
    reopened: { kind: 'reopening', reason, life: 2 },
  });
  expect(s.lives).toHaveLength(2);
  expect(s.lives![0]).toMatchObject({
    life: 1,
    runId: firstRunId,
    lastRunId: firstRunId,
    closure: { kind: 'resolved' },
  });
  expect(s.lives![1]).toMatchObject({
    life: 2,
    runId: run.runId,
    reopening: { kind: 'reopening', reason, by: 'registrar', from: 'notice' },
  });

  // The officer gets the new notice, in English and Hindi, saying it is reopened and why.
  const reopenedMail = await mailStartingWith(caseFile, 'Notice (reopened)');
  expect(reopenedMail.text).toContain(`The Commission reopened this complaint on`);
  expect(reopenedMail.text).toContain(reason);
  expect(reopenedMail.text).toContain('इस शिकायत को पुनः खोला है');
  expect(mailsFor(caseFile).filter((m) => m.subject?.startsWith('Notice'))).toHaveLength(2);

  // The records: the same complaint (its identity), a life recorded, open again; the new notice under its identity.
  const rows = await world.records.db
    .selectFrom('complaints')
    .selectAll()
    .where('workflow_id', '=', first.workflowId)
    .execute();
  expect(rows).toEqual([expect.objectContaining({ first_run_id: firstRunId, closure_kind: null })]);
  expect(await world.records.livesOf(first.workflowId)).toEqual([
    expect.objectContaining({
      first_run_id: firstRunId,
      life: 2,
      run_id: run.runId,
      kind: 'reopening',
      reason,
      previous_closure_kind: 'resolved',
    }),
  ]);
  const notices = await world.records.db
    .selectFrom('notices')
    .select(['step_id', 'first_run_id'])
    .where('workflow_id', '=', first.workflowId)
    .where('kind', '=', 'notice')
    .execute();
  expect(notices.map((n) => [n.step_id, n.first_run_id]).sort()).toEqual([
    ['notice', firstRunId],
    ['notice-2', firstRunId],
  ]);

  // Closed again, it records its closure under the same identity.
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await closed(handle);
  expect((await world.records.complaint(first.workflowId))?.closure_kind).toBe('disposed');
  await keepHistory(handle, 'reopened-then-disposed');
});

test('two reopenings at once start one; a reopening past the window starts nothing, naming the field', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const first = await start(caseFile);
  await first.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'Withdrawn' }] });
  await closed(first);
  await advanceTo(at(3, '11:00'));
  const now = await serverNow();
  const ask = () =>
    reopenComplaint(world.env.client, world.taskQueue, caseFile.caseReference, { reason: 'New facts' }, now);
  const both = await Promise.allSettled([ask(), ask()]);
  expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const second = both.find((r) => r.status === 'rejected')!;
  expect(second.reason).toBeInstanceOf(InputError);
  expect((second.reason as Error).message).toMatch(/^caseReference: complaint .* is not closed/);
  // One new run, and it is life 2.
  const handle = latest(first);
  await eventually(handle, (x) => track(x).messages.some((m) => m.stepId === 'notice-2'));
  expect((await handle.query(getComplaint)).lives).toHaveLength(2);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await closed(handle);
  const closedRun = (await handle.describe()).runId;

  // 90 calendar days from the day it closed is the last: the day after, refused, and nothing started.
  await advanceTo(at(3 + 91, '11:00'));
  const late = await refusal(
    reopenComplaint(
      world.env.client,
      world.taskQueue,
      caseFile.caseReference,
      { reason: 'Too late' },
      await serverNow(),
    ),
  );
  expect(late.message).toMatch(
    /^within: the complaint closed on \d{4}-\d\d-\d\d; a reopening was possible until/,
  );
  expect(late.fields).toEqual(['within']);
  const after = await handle.describe();
  expect([after.runId, after.status.name]).toEqual([closedRun, 'COMPLETED']);
  // A reason is required; a step that does not exist is named.
  expect(
    (
      await refusal(
        reopenComplaint(world.env.client, world.taskQueue, caseFile.caseReference, { reason: '' }),
      )
    ).message,
  ).toBe('reason: is required');
  // A running complaint is not reopened.
  const running = freshCase();
  const runningHandle = await start(running);
  expect(
    (
      await refusal(
        reopenComplaint(world.env.client, world.taskQueue, running.caseReference, { reason: 'Why not' }),
      )
    ).message,
  ).toMatch(/^caseReference: complaint .* is not closed: it is still running/);
  await runningHandle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
});

test('an appeal: labelled as such in the summons it resumes with, within its own period', async () => {
  await newAnchor();
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'with-appeal',
    reopening: {
      within: { days: 30, kind: 'calendar' },
      appeal: { within: { days: 60, kind: 'calendar' }, label: { en: 'First appeal', hi: 'प्रथम अपील' } },
    },
  };
  const caseFile = freshCase();
  const first = await start(caseFile, procedure);
  await first.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'No jurisdiction' }] });
  await closed(first);
  // Past the reopening's 30 days, within the appeal's 60.
  await advanceTo(at(45, '11:00'));
  const request = { reason: 'The complainant appeals the disposal', from: 'summons' };
  const tooLate = await refusal(
    reopenComplaint(world.env.client, world.taskQueue, caseFile.caseReference, request, await serverNow()),
  );
  expect(tooLate.message).toMatch(/^within: .*a reopening was possible until/);
  // Demands are for a fresh demand, not a summons.
  const demandsToSummons = await refusal(
    reopenComplaint(
      world.env.client,
      world.taskQueue,
      caseFile.caseReference,
      { ...request, appeal: true, demands: ['Send the report'] },
      await serverNow(),
    ),
  );
  expect(demandsToSummons.fields).toEqual(['demands']);
  const run = await reopenComplaint(
    world.env.client,
    world.taskQueue,
    caseFile.caseReference,
    { ...request, appeal: true },
    await serverNow(),
  );
  expect(run.kind).toBe('appeal');
  const handle = latest(first);
  const s = await eventually(handle, (x) => track(x).messages.some((m) => m.kind === 'summons'));
  expect(stepOf(s, 'summons')).toMatchObject({
    kind: 'summons',
    life: 2,
    reopened: { kind: 'appeal', label: { en: 'First appeal', hi: 'प्रथम अपील' } },
  });
  expect(s.stage).toBe('summons');
  expect(s.lives?.[1]?.reopening).toMatchObject({ kind: 'appeal', from: 'summons' });
  const summons = await mailStartingWith(caseFile, 'Summons (appeal)');
  expect(summons.text).toContain('On appeal (First appeal), the Commission reopened this complaint on');
  expect(summons.text).toContain('अपील (प्रथम अपील) पर आयोग ने');
  expect(summons.attachments.map((a) => a.contentType)).toEqual(
    expect.arrayContaining(['application/pdf', 'text/calendar']),
  );
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await closed(handle);

  // A procedure without an appeal rule takes none.
  const plain = freshCase();
  const other = await start(plain);
  await other.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await closed(other);
  const noAppeal = await refusal(
    reopenComplaint(world.env.client, world.taskQueue, plain.caseReference, {
      reason: 'Appeal',
      appeal: true,
    }),
  );
  expect(noAppeal.fields).toEqual(['appeal']);
});

test('a reopened life that continues as new stays the same complaint: its identity, lives and records carry over', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const first = await start(caseFile);
  const firstRunId = (await first.describe()).runId;
  await first.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await closed(first);
  // Reopened as client/reopen.ts reopens it, with a small history budget (which no client sets).
  const [state, origin] = await Promise.all([first.query(getComplaint), first.query(getOrigin)]);
  expect(origin.firstRunId).toBe(firstRunId);
  const reopened = {
    firstRunId: origin.firstRunId,
    lives: closedLives(state, { runId: origin.firstRunId, startedAt: origin.startedAt }, firstRunId),
    reopening: reopeningOf(origin.procedure, { reason: 'New facts' }, at(1, '10:00')),
    state,
  };
  const handle = await world.env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
    taskQueue: world.taskQueue,
    workflowId: first.workflowId,
    args: [
      {
        caseFile: origin.caseFile,
        procedure: origin.procedure,
        reopened,
        historyBudget: { events: 60, bytes: 10 * 1024 * 1024 },
      },
    ],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
  const lifeRun = handle.firstExecutionRunId;
  await eventually(handle, (x) => track(x).messages.some((m) => m.stepId === 'notice-2'));
  for (let days = 8; days <= 12; days++)
    await handle.executeUpdate(extendDeadline, {
      args: [
        {
          respondentId: 'delhi-police',
          stepId: 'notice-2',
          until: world.dateOf(days),
          reason: `day ${days}`,
        },
      ],
    });
  const current = latest(first);
  for (let waited = 0; (await current.describe()).runId === lifeRun && waited < 10_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  expect((await current.describe()).runId).not.toBe(lifeRun);

  const s = await current.query(getComplaint);
  expect(s.lives?.map((l) => [l.life, l.runId])).toEqual([
    [1, firstRunId],
    [2, lifeRun],
  ]);
  expect((await current.query(getOrigin)).firstRunId).toBe(firstRunId);
  expect(stepOf(s, 'notice-2').extensions).toHaveLength(5);
  // One complaint in the records, one life recorded; the officer's news of each extension under its identity.
  expect(
    await world.records.db
      .selectFrom('complaints')
      .select('first_run_id')
      .where('workflow_id', '=', first.workflowId)
      .execute(),
  ).toEqual([{ first_run_id: firstRunId }]);
  expect(await world.records.livesOf(first.workflowId)).toHaveLength(1);
  await current.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Done' }] });
  await closed(current);
  expect((await world.records.complaint(first.workflowId, firstRunId))?.closure_kind).toBe('disposed');
  const told = await world.records.db
    .selectFrom('notices')
    .select('first_run_id')
    .where('workflow_id', '=', first.workflowId)
    .where('step_id', '=', 'notice-2')
    .execute();
  expect(told.length).toBeGreaterThan(5);
  expect(new Set(told.map((n) => n.first_run_id))).toEqual(new Set([firstRunId]));
});
