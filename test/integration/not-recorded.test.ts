// Nothing lost in silence: an officer's answer that the complaint cannot take (closed meanwhile, or no longer
// running at all) gets a page that says plainly it was not recorded, nothing is written, and staff are told.
import { closeComplaint } from '../../workflows/messages';
import { seedCase, todayInCommissionZone } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { STAFF_ALERTS_TO, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

let n = 0;
async function startWithLink(): Promise<{ workflowId: string; link: string; reference: string }> {
  const reference = `NCPCR/2026/LOST/${++n}`;
  const caseFile = { ...seedCase(), caseReference: reference, receivedOn: todayInCommissionZone() };
  const started = await stack.cli(['start', stack.writeJson(`lost-${n}.json`, caseFile), '--json']);
  expect(started.code).toBe(0);
  const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
  const [notice] = await stack.sink.waitForMessages(1, (m) =>
    (m.subject ?? '').startsWith(`Notice ${reference}:`),
  );
  return { workflowId, link: answerLinkIn(notice!), reference };
}

const answer = (link: string) =>
  fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'answer', atrText: 'FIR registered on time' }).toString(),
    redirect: 'manual',
  });

async function expectStaffTold(reference: string): Promise<void> {
  const [alert] = await stack.sink.waitForMessages(
    1,
    (m) => (m.subject ?? '').startsWith(`Not recorded: ${reference} `),
    15_000,
  );
  expect(alert!.to).toMatchObject({ value: [{ address: STAFF_ALERTS_TO }] });
  expect(alert!.text).toContain('It was not recorded');
  // The answer's text stays out of email.
  expect(alert!.text).not.toContain('FIR registered on time');
}

test('an answer to a complaint withdrawn meanwhile: the page says it was not recorded, nothing is, staff are told', async () => {
  const { workflowId, link, reference } = await startWithLink();
  await stack.env.client.workflow
    .getHandle(workflowId)
    .executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'The complainant withdrew' }] });

  const res = await answer(link);
  expect(res.status).toBe(409);
  const page = await res.text();
  expect(page).toContain('Your submission was not recorded');
  expect(page).toContain('This step was closed (withdrawn)');
  expect(page).not.toContain('FIR registered on time');
  expect(await stack.records.answersFor(workflowId)).toEqual([]);
  await expectStaffTold(reference);
});

test('an answer to a complaint that no longer runs (terminated): said plainly, nothing recorded, staff told', async () => {
  const { workflowId, link, reference } = await startWithLink();
  await stack.env.client.workflow.getHandle(workflowId).terminate('history limit');

  const res = await answer(link);
  expect(res.status).toBe(409);
  expect(await res.text()).toContain('no longer takes answers');
  expect(await stack.records.answersFor(workflowId)).toEqual([]);
  await expectStaffTold(reference);
});
