// The complaint workflow on the time-skipping test server, with its real activities: a real SMTP server
// receives the notices and a real (SQLite) records database takes the answers.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { AnswerSubmission } from '../../lib/answer';
import { AnswerLinks, recipientHash } from '../../lib/answer-links';
import type { CaseFile } from '../../lib/case-file';
import { DEFAULT_PROCEDURE } from '../../lib/procedure';
import { RecordsStore } from '../../lib/records/store';
import { registerSearchAttributes } from '../../lib/register-search-attributes';
import { createSmtpMailer, type Mailer } from '../../lib/mail/mailer';
import { testServerExecutable } from '../../lib/temporal-binaries';
import { complaintWorkflowId } from '../../lib/workflow-ids';
import { createComplaintWorker } from '../../worker/create-worker';
import type { ComplaintInput } from '../../workflows/complaint';
import { getComplaint, submitAnswer } from '../../workflows/messages';
import { seedCase, SUBSIDIARY, todayInCommissionZone, uniqueTaskQueue } from '../helpers/fixtures';
import { answerLinkIn, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const SECRET = 'workflow-test-link-secret-0123456789abcdef';
const links = new AnswerLinks(SECRET, 'http://answers.test');

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let mailer: Mailer;
let records: RecordsStore;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url);
  records = await RecordsStore.open('sqlite::memory:');
  workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
});

afterAll(async () => {
  mailer?.close();
  await records?.close();
  await sink?.close();
  await env?.teardown();
});

let caseNumber = 0;
/** A fresh complaint received today in the commission's zone, with a unique case reference. */
function freshCase(extra: Partial<CaseFile> = {}): CaseFile {
  return seedCase({
    caseReference: `TEST/${process.pid}/${++caseNumber}`,
    receivedOn: todayInCommissionZone(),
    ...extra,
  });
}

async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueTaskQueue('wf');
  const worker: Worker = await createComplaintWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    dependencies: { records, mailer, links, mailFrom: 'Commission <notices@commission.test>' },
    workflows: { workflowBundle },
  });
  return worker.runUntil(fn(taskQueue));
}

function start(taskQueue: string, caseFile: CaseFile) {
  const input: ComplaintInput = { caseFile, procedure: DEFAULT_PROCEDURE };
  return env.client.workflow.start('complaintWorkflow', {
    taskQueue,
    workflowId: complaintWorkflowId(caseFile.caseReference),
    args: [input],
  });
}

const toOfficer = (caseFile: CaseFile, email: string) => (m: { subject?: string; to?: unknown }) =>
  (m.subject ?? '').includes(caseFile.caseReference) && JSON.stringify(m.to).includes(email);

/** Seven calendar days after today in Asia/Kolkata, at 17:00 there. */
function expectedDueAt(): string {
  return DateTime.fromISO(todayInCommissionZone(), { zone: 'Asia/Kolkata' })
    .plus({ days: 7 })
    .set({ hour: 17 })
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;
}

test('a notice goes to the officer with a deadline seven days out; the answer is recorded and closes the complaint', async () => {
  const caseFile = freshCase();
  const officer = caseFile.respondents[0]!.officer;
  await withWorker(async (taskQueue) => {
    const handle = await start(taskQueue, caseFile);
    const [notice] = await sink.waitForMessages(1, toOfficer(caseFile, officer.email));

    // The email: its recipient, deadline in the commission's zone, and a link bound to this step and officer.
    expect(notice!.text).toContain('Deadline: ');
    expect(notice!.text).toContain('17:00 (Asia/Kolkata, UTC+05:30)');
    const token = answerLinkIn(notice!).split('/answer/')[1]!;
    expect(links.verify(token)).toEqual({
      workflowId: handle.workflowId,
      respondentId: 'delhi-police',
      stepId: 'notice-1',
      recipientHash: recipientHash(officer.email),
    });

    const before = await handle.query(getComplaint);
    expect(before.stage).toBe('awaiting-answers');
    const step = before.respondents[0]!.steps[0]!;
    expect(step).toMatchObject({
      status: 'open',
      overdue: false,
      dueAt: expectedDueAt(),
      issuedOn: todayInCommissionZone(),
    });
    expect(step.noticeSentAt).toBeDefined();

    const receipt = await handle.executeUpdate(submitAnswer, {
      args: [
        {
          respondentId: 'delhi-police',
          stepId: 'notice-1',
          atrText: 'FIR registered',
          firNumber: '123/2021',
          firDate: '2021-06-29',
        },
      ],
      updateId: 'answer-link-1',
    });
    expect(await handle.result()).toMatchObject({ caseReference: caseFile.caseReference, stage: 'closed' });

    const after = await handle.query(getComplaint);
    expect(after.stage).toBe('closed');
    expect(after.respondents[0]!.steps[0]).toMatchObject({
      status: 'closed',
      answer: { atrText: 'FIR registered', firNumber: '123/2021' },
    });
    const rows = await records.answersFor(handle.workflowId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      answer_id: receipt.answerId,
      atr_text: 'FIR registered',
      fir_date: '2021-06-29',
    });
    const notices = await records.noticesFor(handle.workflowId);
    expect(notices).toEqual([
      expect.objectContaining({ status: 'sent', recipient: officer.email, kind: 'notice' }),
    ]);
    expect(notices[0]!.message_id).toBe(notice!.messageId);
  });
});

test('with no answer the step turns overdue when its deadline lapses, and an answer still closes it', async () => {
  const caseFile = freshCase();
  await withWorker(async (taskQueue) => {
    const handle = await start(taskQueue, caseFile);
    await sink.waitForMessages(1, toOfficer(caseFile, caseFile.respondents[0]!.officer.email));
    const { dueAt } = (await handle.query(getComplaint)).respondents[0]!.steps[0]!;

    // Just before the deadline: still on time.
    await env.sleep(Date.parse(dueAt) - (await env.currentTimeMs()) - 60_000);
    expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.overdue).toBe(false);
    await env.sleep(120_000);
    const lapsed = await handle.query(getComplaint);
    expect(lapsed.respondents[0]!.steps[0]).toMatchObject({ status: 'open', overdue: true });
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.getAll().find((p) => p.key.name === 'Overdue')?.value).toBe(true);

    await handle.executeUpdate(submitAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice-1', atrText: 'Late, but done' }],
    });
    await handle.result();
    expect((await records.answersFor(handle.workflowId)).map((a) => a.atr_text)).toEqual(['Late, but done']);
  });
});

test('invalid answers are rejected by the validator and change nothing; a repeated update ID is recorded once', async () => {
  const caseFile = freshCase();
  await withWorker(async (taskQueue) => {
    const handle = await start(taskQueue, caseFile);
    await sink.waitForMessages(1, toOfficer(caseFile, caseFile.respondents[0]!.officer.email));

    const rejected = async (args: AnswerSubmission) => {
      const err = await handle.executeUpdate(submitAnswer, { args: [args] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return (err as WorkflowUpdateFailedError).cause?.message;
    };
    expect(await rejected({ respondentId: 'delhi-police', stepId: 'notice-1', atrText: '   ' })).toMatch(
      /^atrText:/,
    );
    expect(await rejected({ respondentId: 'delhi-police', stepId: 'notice-9', atrText: 'x' })).toMatch(
      /^stepId:/,
    );
    expect(
      await rejected({
        respondentId: 'delhi-police',
        stepId: 'notice-1',
        atrText: 'x',
        firDate: '2021-02-30',
      }),
    ).toMatch(/^firDate:/);
    expect((await handle.query(getComplaint)).respondents[0]!.steps[0]!.status).toBe('open');
    expect(await records.answersFor(handle.workflowId)).toEqual([]);

    // A double click: the same update ID twice gives one answer and the same receipt.
    const answer = { respondentId: 'delhi-police', stepId: 'notice-1', atrText: 'Once' };
    const first = await handle.executeUpdate(submitAnswer, { args: [answer], updateId: 'same-link' });
    const second = await handle.executeUpdate(submitAnswer, { args: [answer], updateId: 'same-link' });
    expect(second).toEqual(first);
    await handle.result();
    expect(await records.answersFor(handle.workflowId)).toHaveLength(1);
    // Only the accepted update is in history: the rejected ones left no trace but their rejection.
    const history = await handle.fetchHistory();
    const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(accepted).toHaveLength(1);
  });
});

test('two respondents each get their own notice, and the complaint closes only when both have answered', async () => {
  const caseFile = freshCase({ respondents: [...seedCase().respondents, SUBSIDIARY] });
  await withWorker(async (taskQueue) => {
    const handle = await start(taskQueue, caseFile);
    await sink.waitForMessages(1, toOfficer(caseFile, caseFile.respondents[0]!.officer.email));
    await sink.waitForMessages(1, toOfficer(caseFile, SUBSIDIARY.officer.email));

    await handle.executeUpdate(submitAnswer, {
      args: [{ respondentId: SUBSIDIARY.id, stepId: 'notice-1', atrText: 'Account details shared' }],
    });
    const halfway = await handle.query(getComplaint);
    expect(halfway.stage).toBe('awaiting-answers');
    expect(halfway.respondents.map((r) => r.steps[0]!.status)).toEqual(['open', 'closed']);

    await handle.executeUpdate(submitAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice-1', atrText: 'FIR registered' }],
    });
    await handle.result();
    expect((await records.answersFor(handle.workflowId)).map((a) => a.respondent_id).sort()).toEqual([
      'delhi-police',
      SUBSIDIARY.id,
    ]);
    expect(sink.messages.filter((m) => m.subject?.includes(caseFile.caseReference))).toHaveLength(2);
  });
});
