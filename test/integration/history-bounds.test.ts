// Nothing anyone sends may grow a complaint's history without bound (Temporal terminates a workflow past
// 50 MB or 51,200 events, and answers would then be lost). Against the whole system: a flood of extension
// requests through one link, a 50-respondent complaint that takes 100 staff actions, and every stop, request and
// interim reply a procedure allows on a step (its limits bound them).
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { inPool } from '../../scripts/bench/measure';
import {
  decideClockStop,
  decideInterimReply,
  extendDeadline,
  getComplaint,
  requestClockStop,
  requestExtension,
  restartClock,
  stopClock,
  submitInterimReply,
} from '../../workflows/messages';
import { seedCase, todayInCommissionZone, recordsEventually } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';
import { DateTime } from 'luxon';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function historyOf(workflowId: string): Promise<{ events: number; bytes: number }> {
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  return {
    events: history.events?.length ?? 0,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
  };
}

async function isRunning(workflowId: string): Promise<boolean> {
  const described = await stack.env.client.workflow.getHandle(workflowId).describe();
  return described.status.name === 'RUNNING';
}

const post = (link: string, fields: Record<string, string>) =>
  fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

test('1,000 extension requests through one link: one is kept, the rest refused and left out of history; an answer after is recorded', async () => {
  const caseFile = {
    ...seedCase(),
    caseReference: 'NCPCR/2026/FLOOD/1',
    receivedOn: todayInCommissionZone(),
  };
  const started = await stack.cli(['start', stack.writeJson('flood.json', caseFile), '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith('Notice NCPCR/2026/FLOOD/1'),
  );
  const link = answerLinkIn(notice!);

  // The officer asks once through the page: kept, and the page then shows it waits instead of the form.
  expect(
    (await post(link, { action: 'request-extension', reason: 'Awaiting the platform data' })).status,
  ).toBe(303);
  const page = await (await fetch(link)).text();
  expect(page).toContain('Awaiting the platform data');
  expect(page).toContain('is with the Commission');
  expect(page).not.toContain('value="request-extension"');
  // The request's journal write runs after it: wait until the history stands still.
  let before = await historyOf(workflowId);
  for (let settled = false; !settled;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await historyOf(workflowId);
    settled = now.events === before.events;
    before = now;
  }

  // The same Update as the page sends, 1,000 times, each with another 2,000-character reason.
  const handle = stack.env.client.workflow.getHandle(workflowId);
  const outcomes = await inPool(1000, 20, async (i) => {
    const reason = `${i} `.padEnd(2000, 'more time please ');
    return handle
      .executeUpdate(requestExtension, {
        args: [{ respondentId: 'delhi-police', stepId: 'notice', reason }],
        updateId: `flood-${i}`,
      })
      .then(
        () => 'kept',
        (err: unknown) => (err instanceof WorkflowUpdateFailedError ? err.cause?.message : String(err)),
      );
  });
  expect(new Set(outcomes)).toEqual(
    new Set([expect.stringMatching(/^stepId: an extension request for step notice already waits/)]),
  );
  expect(await isRunning(workflowId)).toBe(true);
  // A refused Update leaves nothing in history.
  expect(await historyOf(workflowId)).toEqual(before);
  const state = await handle.query(getComplaint);
  expect(state.respondents[0]!.steps[0]!.extensionRequests).toHaveLength(1);

  // The genuine answer is recorded.
  expect((await post(link, { action: 'answer', atrText: 'FIR 0123/2026 registered' })).status).toBe(303);
  expect(await fetch(link).then((r) => r.text())).toContain('FIR 0123/2026 registered');
  expect(
    (await recordsEventually(() => stack.records.answersFor(workflowId), 1)).map((a) => a.atr_text),
  ).toEqual(['FIR 0123/2026 registered']);
  await handle.terminate('end of test');
}, 180_000);

test('a 50-respondent complaint takes 100 staff actions and keeps running, its history small', async () => {
  const seed = seedCase();
  const respondents = Array.from({ length: 50 }, (_, i) => ({
    ...seed.respondents[0]!,
    id: `police-${i}`,
    name: `Police district ${i}`,
    officer: { ...seed.respondents[0]!.officer, email: `officer-${i}@police.example` },
  }));
  const caseFile = {
    ...seed,
    caseReference: 'NCPCR/2026/WIDE/1',
    receivedOn: todayInCommissionZone(),
    respondents,
  };
  const started = await stack.cli(['start', stack.writeJson('wide.json', caseFile), '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  await stack.sink.waitForMessages(
    50,
    (m) => (m.subject ?? '').startsWith('Notice NCPCR/2026/WIDE/1'),
    60_000,
  );

  const handle = stack.env.client.workflow.getHandle(workflowId);
  const today = DateTime.fromISO(todayInCommissionZone());
  // Two extensions of every respondent's notice: 100 actions, each a receipt in history, not the whole state.
  for (const round of [1, 2]) {
    const receipts = await inPool(50, 10, (i) =>
      handle.executeUpdate(extendDeadline, {
        args: [
          {
            respondentId: `police-${i}`,
            stepId: 'notice',
            until: today.plus({ days: 7 + 7 * round }).toISODate()!,
            reason: `Extension ${round} for district ${i}`,
            by: 'registrar',
          },
        ],
      }),
    );
    expect(receipts.map((r) => r.version)).toEqual(Array(50).fill(round + 1));
    const { dueAt, ...rest } = receipts[0]!;
    expect(rest).toEqual({ respondentId: 'police-0', stepId: 'notice', status: 'open', version: round + 1 });
    expect(dueAt.startsWith(today.plus({ days: 7 + 7 * round }).toISODate()!)).toBe(true);
  }
  expect(await isRunning(workflowId)).toBe(true);
  const history = await historyOf(workflowId);
  console.log(`50 respondents, 100 staff actions: ${history.events} events, ${history.bytes} bytes`);
  // Far below Temporal's limits (51,200 events, 50 MB): each action adds a few events of a few KiB.
  expect(history.events).toBeLessThan(3_000);
  expect(history.bytes).toBeLessThan(3 * 1024 * 1024);
  const state = await handle.query(getComplaint);
  expect(state.respondents.every((r) => r.steps[0]!.version === 3)).toBe(true);
  await handle.terminate('end of test');
}, 240_000);

test('every stop, request and interim reply the procedure allows on a step: the rest refused, the history small', async () => {
  const started = await stack.cli([
    'start',
    stack.writeJson('stops.json', { ...seedCase(), caseReference: 'BOUNDS/STOPS/1' }),
    '--json',
  ]);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const handle = stack.env.client.workflow.getHandle(workflowId);
  const notice = { respondentId: 'delhi-police', stepId: 'notice' };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'taken',
      (e: unknown) => (e instanceof WorkflowUpdateFailedError ? (e.cause?.message ?? '') : String(e)),
    );
  for (let i = 0; ; i++) {
    const step = (await handle.query(getComplaint)).respondents[0]!.steps[0];
    if (step) break;
    if (i > 100) throw new Error('the notice never opened');
    await new Promise((r) => setTimeout(r, 100));
  }
  const dueDate = (await handle.query(getComplaint)).respondents[0]!.steps[0]!.dueDate;
  const later = DateTime.fromISO(dueDate).plus({ days: 3 }).toISODate()!;
  // The NCPCR procedure: three requests to stop the clock, three interim replies, three stops. Each asked 200 times
  // at once; one at a time is taken, the rest refused and left out of history.
  for (let round = 0; round < 4; round++) {
    const asks = await inPool(200, 20, (i) =>
      refusal(
        handle.executeUpdate(requestClockStop, {
          args: [{ ...notice, grounds: 'awaiting-information', details: `records ${round}/${i}` }],
        }),
      ),
    );
    const replies = await inPool(200, 20, (i) =>
      refusal(
        handle.executeUpdate(submitInterimReply, {
          args: [{ ...notice, reason: `lab ${round}/${i}`.padEnd(1500, '.'), expectedDate: later }],
        }),
      ),
    );
    expect(asks.filter((o) => o === 'taken')).toHaveLength(round < 3 ? 1 : 0);
    expect(replies.filter((o) => o === 'taken')).toHaveLength(round < 3 ? 1 : 0);
    if (round < 3) {
      await handle.executeUpdate(decideClockStop, { args: [{ ...notice, decision: 'decline' }] });
      await handle.executeUpdate(decideInterimReply, { args: [{ ...notice, decision: 'refuse' }] });
    }
  }
  const stops = [];
  for (let i = 0; i < 4; i++) {
    stops.push(await refusal(handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'fee' }] })));
    if (stops.at(-1) === 'taken') await handle.executeUpdate(restartClock, { args: [notice] });
  }
  expect(stops).toEqual([
    'taken',
    'taken',
    'taken',
    "stepId: the clock of step notice has stopped 3 times, the procedure's most (clockStops.maxStops)",
  ]);
  const step = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;
  expect([step.clockStopRequests?.length, step.interimReplies?.length, step.clockStops?.length]).toEqual([
    3, 3, 3,
  ]);
  // Bounded by the procedure, whatever was sent: 2,400 refused Updates left no trace.
  const history = await historyOf(workflowId);
  expect(history.events).toBeLessThan(400);
  expect(history.bytes).toBeLessThan(400 * 1024);
  await handle.terminate('end of test');
}, 180_000);
