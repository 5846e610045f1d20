// No worker running (a deploy, a crash): officers who answer meanwhile are told at once, plainly, that their answer
// was received and will be recorded; the web app keeps each in its inbox and delivers it, once, when a worker is
// back. An answer the complaint can no longer take is settled as refused, with the reason, and staff are told.
import { startComplaint } from '../../client/complaints';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { getComplaint } from '../../workflows/messages';
import { activitiesSettled } from '../helpers/activities-in-flight';
import { recordsEventually, seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { STAFF_ALERTS_TO, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ admitWithinMs: 3_000 });
});
afterAll(() => stack?.stop());

const OFFICERS = 20;

async function complaintsWithLinks(tag: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const reference = `NCPCR/2026/${tag}/${i}`;
      const caseFile = { ...seedCase(), caseReference: reference, receivedOn: todayInCommissionZone() };
      const { workflowId } = await startComplaint(
        stack.env.client,
        stack.taskQueue,
        caseFile,
        DEFAULT_PROCEDURE,
      );
      const [notice] = await stack.sink.waitForMessages(
        1,
        (m) => (m.subject ?? '').startsWith(`Notice ${reference}:`),
        30_000,
      );
      return { workflowId, reference, link: answerLinkIn(notice!) };
    }),
  );
}

const post = (link: string, atrText: string) =>
  fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'answer', atrText }).toString(),
    redirect: 'manual',
  });

test('20 answers while the worker is down: each acknowledged as received within seconds, all recorded exactly once after it restarts', async () => {
  const complaints = await complaintsWithLinks('DOWN', OFFICERS);
  await stack.stopWorker();

  const replies = await Promise.all(
    complaints.map(async ({ link }, i) => {
      const start = Date.now();
      const res = await post(link, `Report ${i}: FIR registered`);
      return { status: res.status, page: await res.text(), ms: Date.now() - start };
    }),
  );
  for (const reply of replies) {
    expect(reply.status).toBe(202);
    expect(reply.page).toContain('Your answer was received on');
    expect(reply.page).toContain('you do not need to send it again');
    // The officer is not kept waiting for the worker (the web app waits 3 s for it, then keeps the answer).
    expect(reply.ms).toBeLessThan(15_000);
  }
  expect(await stack.inbox.waiting()).toBe(OFFICERS);
  // Opening the link again meanwhile says the same, without a worker to ask.
  const meanwhile = await fetch(complaints[0]!.link);
  expect(meanwhile.status).toBe(202);
  expect(await meanwhile.text()).toContain('Your answer was received on');

  await stack.startWorker();
  for (const [i, { workflowId, link }] of complaints.entries()) {
    const rows = await recordsEventually(() => stack.records.answersFor(workflowId), 1, 60_000);
    expect(rows.map((r) => r.atr_text)).toEqual([`Report ${i}: FIR registered`]);
    const step = (await stack.env.client.workflow.getHandle(workflowId).query(getComplaint)).respondents[0]!
      .steps[0]!;
    expect(step.status).toBe('answered');
    expect(step.answers.map((a) => a.atrText)).toEqual([`Report ${i}: FIR registered`]);
    const page = await (await fetch(link)).text();
    expect(page).toContain('Your answer was recorded on');
    expect(page).not.toContain('was received on');
  }
  await recordsEventually(async () => ((await stack.inbox.waiting()) === 0 ? [true] : []), 1, 30_000);
  const settled = await Promise.all(
    complaints.map((c) => stack.inbox.forStep(c.workflowId, 'delhi-police', 'notice')),
  );
  for (const rows of settled) {
    expect(rows.map((r) => [r.status, r.submission])).toEqual([['recorded', null]]); // the text is not kept
  }
  // Exactly once, also as the officers see it: one receipt each.
  await stack.sink.waitForMessages(OFFICERS, (m) =>
    (m.subject ?? '').startsWith('Answer received NCPCR/2026/DOWN/'),
  );
  // No further receipt can come once no complaint has a send in flight or waiting for a retry.
  for (const c of complaints)
    await activitiesSettled(stack.env.client.workflow.getHandle(c.workflowId), /^send/);
  expect(
    stack.sink.messages.filter((m) => (m.subject ?? '').startsWith('Answer received NCPCR/2026/DOWN/')),
  ).toHaveLength(OFFICERS);
}, 180_000);

test('an answer kept while the worker was down, to a complaint that ended meanwhile: refused with the reason, on the page, and staff told', async () => {
  const [{ workflowId, link, reference }] = (await complaintsWithLinks('ENDED', 1)) as [
    { workflowId: string; link: string; reference: string },
  ];
  await stack.stopWorker();
  expect((await post(link, 'Sent while nobody listened')).status).toBe(202);
  // Terminated by an admin before any worker came back (the server takes that without a worker).
  await stack.env.client.workflow.getHandle(workflowId).terminate('closed by the registry');
  await stack.startWorker();

  const [row] = await recordsEventually(
    async () =>
      (await stack.inbox.forStep(workflowId, 'delhi-police', 'notice')).filter(
        (r) => r.status !== 'received',
      ),
    1,
    60_000,
  );
  expect(row).toMatchObject({ status: 'refused', submission: null });
  expect(row!.reason).toContain('no longer takes answers');
  expect(await stack.records.answersFor(workflowId)).toEqual([]);
  const page = await (await fetch(link)).text();
  expect(page).toContain('was not recorded: This complaint no longer takes answers');
  const [alert] = await stack.sink.waitForMessages(
    1,
    (m) => (m.subject ?? '').startsWith(`Not recorded: ${reference} `),
    15_000,
  );
  expect(alert!.to).toMatchObject({ value: [{ address: STAFF_ALERTS_TO }] });
  expect(alert!.text).not.toContain('Sent while nobody listened');
}, 120_000);
