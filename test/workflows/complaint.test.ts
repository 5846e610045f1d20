// The complaint procedure on the time-skipping test server, with its real activities: a real SMTP server
// receives every message and a real (SQLite) records database takes the answers. Each test first moves the
// server's clock to a fresh Monday 10:00 in Asia/Kolkata (the "anchor"), so every instant is asserted exactly.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker, type WorkflowBundle } from '@temporalio/worker';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { AnswerSubmission } from '../../lib/answer';
import { AnswerLinks, recipientHash } from '../../lib/answer-links';
import type { CaseFile } from '../../lib/case-file';
import type { DeadlineExtension } from '../../lib/staff-actions';
import { createSmtpMailer, type Mailer } from '../../lib/mail/mailer';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure';
import { RecordsStore } from '../../lib/records/store';
import { registerSearchAttributes } from '../../lib/register-search-attributes';
import { testServerExecutable } from '../../lib/temporal-binaries';
import { complaintWorkflowId } from '../../lib/workflow-ids';
import { createComplaintWorker } from '../../worker/create-worker';
import type { complaintWorkflow } from '../../workflows/complaint';
import type { ComplaintState, MessageKind } from '../../workflows/complaint-state';
import {
  acknowledgeSummons,
  closeComplaint,
  extendDeadline,
  getComplaint,
  recordHearingOutcome,
  requestExtension,
  rescheduleHearing,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import { HISTORIES, seedCase, SUBSIDIARY, testDataConverter, uniqueTaskQueue } from '../helpers/fixtures';
import { answerLinkIn, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const ZONE = 'Asia/Kolkata';
const links = new AnswerLinks('workflow-test-link-secret-0123456789abcdef', 'http://answers.test');

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let mailer: Mailer;
let records: RecordsStore;
let workflowBundle: WorkflowBundle;
let worker: Worker;
let workerRun: Promise<void>;
const taskQueue = uniqueTaskQueue('wf');

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testServerExecutable() },
    client: { dataConverter: testDataConverter() },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url);
  records = await RecordsStore.open('sqlite::memory:');
  workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  worker = await createComplaintWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    dependencies: {
      records,
      mailer,
      links,
      mailFrom: 'Commission <notices@commission.test>',
      consoleUrlFor: (id) => `http://console.test/${id}`,
    },
    workflows: { workflowBundle },
    dataConverter: testDataConverter(),
  });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  mailer?.close();
  await records?.close();
  await sink?.close();
  await env?.teardown();
});

// ---- time ----------------------------------------------------------------------------------------------

let anchor: DateTime;

/** Moves the server's clock to the next Monday, 10:00 in Kolkata, at least two days ahead. */
async function newAnchor(): Promise<void> {
  const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
  let day = now.plus({ days: 2 }).startOf('day');
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  anchor = day.set({ hour: 10 });
  await advanceTo(iso(anchor));
}

const iso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;
/** The instant `days` after the anchor's date at `hhmm` in Kolkata. */
const at = (days: number, hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return iso(anchor.plus({ days }).set({ hour, minute }));
};
const dateOf = (days: number) => anchor.plus({ days }).toISODate()!;

async function advanceTo(instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

// ---- complaints ----------------------------------------------------------------------------------------

let caseNumber = 0;
function freshCase(extra: Partial<CaseFile> = {}): CaseFile {
  return seedCase({
    caseReference: `TEST/${process.pid}/${++caseNumber}`,
    receivedOn: anchor.toISODate()!,
    ...extra,
  });
}

type Handle = WorkflowHandle<typeof complaintWorkflow>;

async function start(caseFile: CaseFile, procedure: Procedure = DEFAULT_PROCEDURE): Promise<Handle> {
  const handle = await env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
    taskQueue,
    workflowId: complaintWorkflowId(caseFile.caseReference),
    args: [{ caseFile, procedure }],
  });
  await eventually(handle, (s) => s.respondents.every((r) => r.messages.some((m) => m.kind === 'notice')));
  return handle;
}

/** Polls the query until `predicate` holds (the worker acts on a fired timer a moment after the clock moves). */
async function eventually(
  handle: Handle,
  predicate: (s: ComplaintState) => boolean,
): Promise<ComplaintState> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await handle.query(getComplaint);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`state never matched:\n${JSON.stringify(state, null, 2)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The state with instants to the second: a workflow stamps "now" with the milliseconds its task ran at. */
function toSeconds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)
      ? v.replace(/\.\d{3}Z$/, 'Z')
      : v,
  ) as T;
}

const track = (s: ComplaintState, respondentId = 'delhi-police') =>
  toSeconds(s.respondents.find((r) => r.respondentId === respondentId)!);
const NOTICE_KINDS: MessageKind[] = [
  'notice',
  'due-soon-reminder',
  'overdue-reminder',
  'follow-up',
  'summons',
];
/** The procedure's messages to the officers (not receipts, not staff alerts). */
const notices = (s: ComplaintState, respondentId = 'delhi-police') =>
  track(s, respondentId).messages.filter((m) => NOTICE_KINDS.includes(m.kind));
/** Receipts and staff alerts: [kind, step, to, when]. */
const others = (s: ComplaintState, respondentId = 'delhi-police') =>
  track(s, respondentId)
    .messages.filter((m) => !NOTICE_KINDS.includes(m.kind))
    .map((m) => [m.kind, m.stepId, m.to, m.scheduledFor]);
const messages = (s: ComplaintState, respondentId = 'delhi-police') =>
  notices(s, respondentId).map(
    (m) => [m.kind, m.stepId, m.to, m.scheduledFor] as [MessageKind, string, string, string],
  );
/** An action, then the complaint as the query shows it (an Update returns only a receipt). */
async function act<A, R>(
  handle: Handle,
  update: UpdateDefinition<R, [A]>,
  options: { args: [A] },
): Promise<ComplaintState> {
  await handle.executeUpdate(update, options);
  return handle.query(getComplaint);
}

const stepOf = (s: ComplaintState, stepId: string, respondentId = 'delhi-police') =>
  track(s, respondentId).steps.find((st) => st.stepId === stepId)!;

const OFFICER = 'commissioner@delhipolice.example';
const DCP = 'dcp.cybercell@delhipolice.example';

/** The notices, reminders and summons that reached the officers (not receipts, not staff alerts). */
function mailsFor(caseFile: CaseFile) {
  return sink.messages.filter(
    (m) => m.subject?.includes(`${caseFile.caseReference}:`) && !m.subject.startsWith('Answer received'),
  );
}

/** The staff alerts and receipts of a case that reached their recipients. */
function otherMailsFor(caseFile: CaseFile) {
  return sink.messages.filter(
    (m) =>
      m.subject?.includes(`: ${caseFile.caseReference} (`) ||
      m.subject?.startsWith(`Answer received ${caseFile.caseReference}:`),
  );
}

const COMMISSION = 'complaints@ncpcr.example';

const answer = (
  stepId: string,
  atrText = 'FIR registered; report attached',
  respondentId = 'delhi-police',
): AnswerSubmission => ({
  respondentId,
  stepId,
  atrText,
});

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), keeps the finished workflow's history as a replay
 * fixture in test/histories/latest/: the replay tests then check that the current code still replays it.
 */
async function keepHistory(handle: Handle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(join(HISTORIES, 'latest'), { recursive: true });
  writeFileSync(join(HISTORIES, 'latest', `${name}.json`), historyToJSON(await handle.fetchHistory()));
}

// ---- the procedure -------------------------------------------------------------------------------------

test('no answer at all: due-soon reminder, lapse, overdue reminder, summons to the named officer, hearing', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);

  let s = await handle.query(getComplaint);
  expect(s.stage).toBe('notice');
  expect(stepOf(s, 'notice')).toMatchObject({
    issuedOn: dateOf(0),
    dueAt: at(7, '17:00'),
    dueSoonAt: at(5, '10:00'),
    escalatesAt: at(10, '10:00'),
  });

  await advanceTo(at(5, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 2);
  await advanceTo(at(7, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'notice').overdue);
  const described = await handle.describe();
  expect(described.typedSearchAttributes.getAll().find((p) => p.key.name === 'Overdue')?.value).toBe(true);

  await advanceTo(at(10, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 3);
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'lapsed' });
  expect(stepOf(s, 'overdue-reminder')).toMatchObject({
    kind: 'reminder',
    dueAt: at(17, '17:00'),
    lapsedDueAt: at(7, '17:00'),
  });
  expect(s.stage).toBe('reminder');

  await advanceTo(at(17, '17:01'));
  s = await eventually(handle, (x) => notices(x).length === 4);
  expect(stepOf(s, 'summons')).toMatchObject({ kind: 'summons', dueAt: at(31, '11:00'), status: 'open' });
  expect(s.stage).toBe('summons');
  expect(messages(s)).toEqual([
    ['notice', 'notice', OFFICER, at(0, '10:00')],
    ['due-soon-reminder', 'notice', OFFICER, at(5, '10:00')],
    ['overdue-reminder', 'overdue-reminder', OFFICER, at(10, '10:00')],
    ['summons', 'summons', DCP, at(17, '17:00')],
  ]);
  // Each sent when its timer fired (not early, and promptly).
  for (const m of track(s).messages)
    expect(Date.parse(m.sentAt) - Date.parse(m.scheduledFor)).toBeLessThan(60_000);
  const mails = mailsFor(caseFile);
  expect(mails.map((m) => m.subject!.split(' NCPCR')[0]!.split(' TEST')[0])).toEqual([
    'Notice',
    'Reminder: deadline approaching',
    'Overdue reminder',
    'Summons',
  ]);
  expect(mails[3]!.to).toMatchObject({ value: [{ address: DCP }] });
  expect(mails[3]!.text).toContain(
    `Hearing: ${DateTime.fromISO(at(31, '11:00')).setZone(ZONE).toFormat('cccc d LLLL yyyy, HH:mm')}`,
  );
  expect(mails[2]!.text).toContain('has passed without an answer');

  // The summons carries a calendar invitation for the hearing, as calendar programs read it.
  const ics = mails[3]!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(ics).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')) as unknown[]);
  expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  expect(event.startDate.toJSDate().toISOString()).toBe(new Date(at(31, '11:00')).toISOString());
  expect(event.endDate.toJSDate().toISOString()).toBe(
    new Date(Date.parse(at(31, '11:00')) + 3_600_000).toISOString(),
  );
  expect(event.summary).toContain(caseFile.caseReference);
  expect(event.attendees[0]!.getFirstValue()).toBe(`mailto:${DCP}`);
  expect(event.sequence).toBe(0);

  // Staff were alerted when each deadline lapsed.
  expect(others(s)).toEqual([
    ['step-overdue', 'notice', COMMISSION, at(7, '17:00')],
    ['step-overdue', 'overdue-reminder', COMMISSION, at(17, '17:00')],
  ]);

  // The officer acknowledges through the summons link; staff cannot record an outcome before the hearing day.
  await handle.executeUpdate(acknowledgeSummons, {
    args: [{ respondentId: 'delhi-police', stepId: 'summons' }],
  });
  const early = await handle
    .executeUpdate(recordHearingOutcome, {
      args: [
        {
          respondentId: 'delhi-police',
          stepId: 'summons',
          appeared: true,
          atrFiled: true,
          firRegistered: true,
          next: { action: 'close' },
        },
      ],
    })
    .catch((e: unknown) => e);
  expect((early as WorkflowUpdateFailedError).cause?.message).toMatch(/has not taken place yet/);

  await advanceTo(at(31, '12:00'));
  s = await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  expect(others(s).at(-1)).toEqual(['hearing-tomorrow', 'summons', COMMISSION, at(30, '10:00')]);
  const tomorrow = otherMailsFor(caseFile).find((m) => m.subject?.startsWith('Hearing tomorrow'))!;
  expect(tomorrow.to).toMatchObject({ value: [{ address: COMMISSION }] });
  expect(tomorrow.text).toContain(`http://console.test/${handle.workflowId}`);
  s = await act(handle, recordHearingOutcome, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        appeared: true,
        atrFiled: true,
        firRegistered: true,
        firNumber: '0123/2021',
        notes: 'The officer appeared with the ATR',
        next: { action: 'close' },
        by: 'registrar',
      },
    ],
  });
  expect(stepOf(s, 'summons').hearing).toMatchObject({
    acknowledgedAt: at(17, '17:01'),
    outcomes: [expect.objectContaining({ next: 'close', appeared: true, by: 'registrar' })],
  });
  const outcome = await handle.result();
  await keepHistory(handle, 'no-answer-summons-hearing');
  expect(outcome.closure).toMatchObject({ kind: 'resolved' });
  expect((await records.complaint(handle.workflowId))?.closure_kind).toBe('resolved');
  expect(mailsFor(caseFile)).toHaveLength(4);
});

test('an answer before the deadline stops the clock: staff accept it and the complaint closes, with no reminder sent', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(2, '12:00'));
  const receipt = await handle.executeUpdate(submitAnswer, {
    args: [{ ...answer('notice'), firNumber: '0123/2021', firDate: dateOf(1) }],
    updateId: 'link-answer-1',
  });
  let s = await handle.query(getComplaint);
  expect(s.stage).toBe('review');
  expect(stepOf(s, 'notice')).toMatchObject({
    status: 'answered',
    answers: [{ answerId: receipt.answerId, receivedAt: at(2, '12:00') }],
  });

  // The officer gets a receipt and the staff an alert.
  // (They go out side by side: in either order.)
  s = await eventually(handle, (x) => others(x).length === 2);
  expect(others(s)).toHaveLength(2);
  expect(others(s)).toEqual(
    expect.arrayContaining([
      ['answer-receipt', 'notice', OFFICER, at(2, '12:00')],
      ['answer-to-review', 'notice', COMMISSION, at(2, '12:00')],
    ]),
  );
  const receiptMail = otherMailsFor(caseFile).find((m) => m.subject?.startsWith('Answer received'))!;
  expect(receiptMail.text).toContain('The Commission has received your answer');

  // While under review, the deadline passes: no reminder, no escalation.
  await advanceTo(at(12, '12:00'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);

  s = await act(handle, reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept', by: 'registrar' }],
  });
  expect(stepOf(s, 'notice')).toMatchObject({
    status: 'closed',
    closedAs: 'accepted',
    answers: [{ review: { decision: 'accepted', by: 'registrar' } }],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'answered-and-accepted');
  expect(await records.answersFor(handle.workflowId)).toEqual([
    expect.objectContaining({
      answer_id: receipt.answerId,
      fir_number: '0123/2021',
      review_decision: 'accept',
    }),
  ]);
  expect(mailsFor(caseFile)).toHaveLength(1);
  // The records keep the journal of the step.
  expect((await records.eventsFor(handle.workflowId)).map((e) => e.event)).toEqual([
    'opened',
    'answered',
    'reviewed',
    'closed',
  ]);
  expect(await records.stepsFor(handle.workflowId)).toEqual([
    expect.objectContaining({
      step_id: 'notice',
      status: 'closed',
      closed_as: 'accepted',
      due_at: at(7, '17:00'),
    }),
  ]);
});

test('an answer after the overdue reminder; a returned answer becomes a new step with its own deadline', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(11, '09:00'));
  await eventually(handle, (x) => notices(x).length === 3);
  await handle.executeUpdate(submitAnswer, { args: [answer('overdue-reminder', 'Inquiry under way')] });

  let s = await act(handle, reviewAnswer, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'overdue-reminder',
        decision: 'return',
        missing: 'Send a copy of the FIR',
      },
    ],
  });
  expect(stepOf(s, 'overdue-reminder')).toMatchObject({ status: 'closed', closedAs: 'returned' });
  expect(stepOf(s, 'follow-up')).toMatchObject({
    kind: 'follow-up',
    status: 'open',
    demands: ['Send a copy of the FIR'],
    issuedOn: dateOf(11),
    dueAt: at(18, '17:00'),
  });
  s = await eventually(handle, (x) => notices(x).length === 4);
  expect(messages(s).at(-1)).toEqual(['follow-up', 'follow-up', OFFICER, at(11, '09:00')]);
  const followUp = mailsFor(caseFile).at(-1)!;
  expect(followUp.subject).toMatch(/^Further demand/);
  expect(followUp.text).toContain('Send a copy of the FIR');
  expect(links.verify(answerLinkIn(followUp).split('/answer/')[1]!)).toMatchObject({
    stepId: 'follow-up',
    recipientHash: recipientHash(OFFICER),
  });

  await handle.executeUpdate(submitAnswer, { args: [answer('follow-up', 'FIR copy attached')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'follow-up', decision: 'accept' }],
  });
  await handle.result();
  await keepHistory(handle, 'returned-then-accepted');
  expect((await records.answersFor(handle.workflowId)).map((a) => [a.step_id, a.review_decision])).toEqual([
    ['overdue-reminder', 'return'],
    ['follow-up', 'accept'],
  ]);
});

test('an extension re-arms the timers: no stale reminder fires at the old times, the new ones all come', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  // The officer asks for more time; staff extend the deadline from day 7 to day 14.
  await advanceTo(at(3, '11:00'));
  await handle.executeUpdate(requestExtension, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        reason: 'The cyber cell needs the platform data',
        requestedDate: dateOf(14),
      },
    ],
  });
  // One request at a time: a second one, while the first waits for staff, is refused and changes nothing.
  const again = (await handle
    .executeUpdate(requestExtension, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', reason: 'Still waiting for the data' }],
    })
    .catch((e: unknown) => e)) as WorkflowUpdateFailedError;
  expect(again.cause?.message).toMatch(
    /^stepId: an extension request for step notice already waits for the commission's decision/,
  );
  const extension = {
    respondentId: 'delhi-police',
    stepId: 'notice',
    until: dateOf(14),
    reason: 'Data awaited from the platform',
    by: 'registrar',
  };
  expect(await handle.executeUpdate(extendDeadline, { args: [extension] })).toEqual({
    respondentId: 'delhi-police',
    stepId: 'notice',
    status: 'open',
    version: 2,
    dueAt: at(14, '17:00'),
  });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    version: 2,
    dueAt: at(14, '17:00'),
    dueSoonAt: at(12, '10:00'),
    escalatesAt: at(17, '10:00'),
    extensions: [
      {
        previousDueAt: at(7, '17:00'),
        dueAt: at(14, '17:00'),
        reason: 'Data awaited from the platform',
        by: 'registrar',
        at: at(3, '11:00'),
      },
    ],
    extensionRequests: [
      { reason: 'The cyber cell needs the platform data', requestedDate: dateOf(14), at: at(3, '11:00') },
    ],
  });

  // Past the old due-soon time, the old deadline and the old escalation: nothing happens.
  await advanceTo(at(10, '12:00'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'open', overdue: false });

  await advanceTo(at(17, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 3);
  expect(messages(s)).toEqual([
    ['notice', 'notice', OFFICER, at(0, '10:00')],
    ['due-soon-reminder', 'notice', OFFICER, at(12, '10:00')],
    ['overdue-reminder', 'overdue-reminder', OFFICER, at(17, '10:00')],
  ]);
  expect(stepOf(s, 'overdue-reminder').dueAt).toBe(at(24, '17:00'));

  // Bad extensions are rejected by the validator, naming the field, and change nothing.
  const bad = async (args: DeadlineExtension) =>
    (
      (await handle
        .executeUpdate(extendDeadline, { args: [args] })
        .catch((e: unknown) => e)) as WorkflowUpdateFailedError
    ).cause?.message;
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: dateOf(20), reason: 'x' }),
  ).toMatch(/^until: must be later/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: '2027-02-30', reason: 'x' }),
  ).toMatch(/^until: must be a date/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'overdue-reminder', until: dateOf(30), reason: ' ' }),
  ).toMatch(/^reason: is required/);
  expect(
    await bad({ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(30), reason: 'x' }),
  ).toMatch(/^stepId: step notice is closed/);
  expect(await bad({ respondentId: 'nobody', stepId: 'notice', until: dateOf(30), reason: 'x' })).toMatch(
    /^respondentId: no respondent nobody/,
  );
  expect(stepOf(await handle.query(getComplaint), 'overdue-reminder').version).toBe(1);

  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'end of test' }] });
  await handle.result();
  await keepHistory(handle, 'extended-then-withdrawn');
});

test('a withdrawal closes every step with its reason; nothing is sent afterwards', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const s = await act(handle, closeComplaint, {
    args: [{ action: 'withdraw', reason: 'The complainant withdrew', by: 'chairperson' }],
  });
  expect(s.closure).toMatchObject({
    kind: 'withdrawn',
    reason: 'The complainant withdrew',
    by: 'chairperson',
  });
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'withdrawn' });
  expect(await handle.result()).toMatchObject({ closure: { kind: 'withdrawn' } });
  await keepHistory(handle, 'withdrawn');
  await advanceTo(at(40, '10:00'));
  expect(mailsFor(caseFile)).toHaveLength(1);
  expect(await records.complaint(handle.workflowId)).toMatchObject({
    closure_kind: 'withdrawn',
    closure_reason: 'The complainant withdrew',
  });
  const again = await handle
    .executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'x' }] })
    .catch((e: unknown) => e);
  expect(again).toBeInstanceOf(Error);
});

/** Walks a fresh complaint to its hearing day with no answer; returns the handle. */
async function toHearingDay(caseFile: CaseFile): Promise<Handle> {
  const handle = await start(caseFile);
  await advanceTo(at(17, '17:01'));
  await eventually(handle, (x) => notices(x).length === 4);
  await advanceTo(at(31, '11:30'));
  await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  return handle;
}

test('hearing outcome "further hearing": the summons goes out again with the new date, then a reschedule', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await toHearingDay(caseFile);
  let s = await act(handle, recordHearingOutcome, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        appeared: false,
        atrFiled: false,
        firRegistered: false,
        next: { action: 'further-hearing', date: dateOf(45) },
      },
    ],
  });
  expect(stepOf(s, 'summons')).toMatchObject({
    status: 'open',
    version: 2,
    overdue: false,
    dueAt: at(45, '11:00'),
  });
  s = await eventually(handle, (x) => notices(x).length === 5);
  expect(messages(s).at(-1)).toEqual(['summons', 'summons', DCP, at(31, '11:30')]);

  s = await act(handle, rescheduleHearing, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        date: dateOf(46),
        time: '15:00',
        reason: 'The Commission sits elsewhere',
      },
    ],
  });
  expect(stepOf(s, 'summons').hearing!.rescheduled.map((r) => r.hearingAt)).toEqual([
    at(31, '11:00'),
    at(45, '11:00'),
  ]);
  s = await eventually(handle, (x) => notices(x).length === 6);
  expect(stepOf(s, 'summons').dueAt).toBe(at(46, '15:00'));
  expect(mailsFor(caseFile).at(-1)!.text).toContain('15:00');

  await advanceTo(at(46, '16:00'));
  await handle.executeUpdate(recordHearingOutcome, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        appeared: true,
        atrFiled: true,
        firRegistered: true,
        next: { action: 'close' },
      },
    ],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'further-hearing-rescheduled');
});

test('hearing outcome "fresh demand": a new step with its own deadline, answered and accepted', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await toHearingDay(caseFile);
  let s = await act(handle, recordHearingOutcome, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        appeared: true,
        atrFiled: true,
        firRegistered: true,
        next: { action: 'fresh-demand', demands: ['Report the progress of the investigation'] },
      },
    ],
  });
  expect(stepOf(s, 'summons')).toMatchObject({ status: 'closed', closedAs: 'fresh-demand' });
  expect(stepOf(s, 'follow-up')).toMatchObject({
    demands: ['Report the progress of the investigation'],
    dueAt: at(38, '17:00'),
  });
  s = await eventually(handle, (x) => notices(x).length === 5);
  expect(s.stage).toBe('notice');
  await handle.executeUpdate(submitAnswer, { args: [answer('follow-up', 'Progress report')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'follow-up', decision: 'accept' }],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'fresh-demand');
});

test('two respondents answer at different times, each on its own track; the complaint closes when both are done', async () => {
  await newAnchor();
  const caseFile = freshCase({ respondents: [...seedCase().respondents, SUBSIDIARY] });
  const handle = await start(caseFile);
  await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Account details shared', SUBSIDIARY.id)],
  });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: SUBSIDIARY.id, stepId: 'notice', decision: 'accept' }],
  });

  await advanceTo(at(10, '10:01'));
  const s = await eventually(handle, (x) => notices(x).length === 3);
  expect(track(s, SUBSIDIARY.id)).toMatchObject({ status: 'closed' });
  expect(messages(s, SUBSIDIARY.id)).toEqual([
    ['notice', 'notice', SUBSIDIARY.officer.email, at(0, '10:00')],
  ]);
  expect(messages(s).map((m) => m[0])).toEqual(['notice', 'due-soon-reminder', 'overdue-reminder']);
  expect(s.stage).toBe('reminder');
  expect((await handle.describe()).status.name).toBe('RUNNING');

  await handle.executeUpdate(submitAnswer, { args: [answer('overdue-reminder')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'overdue-reminder', decision: 'accept' }],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'two-respondents');
  expect(
    mailsFor(caseFile).filter((m) => JSON.stringify(m.to).includes(SUBSIDIARY.officer.email)),
  ).toHaveLength(1);
});

test('working-day rules: a deadline counts past a weekend and a holiday, and its reminder lands on a working day', async () => {
  await newAnchor(); // a Monday
  // Wednesday (day 2) and Thursday (day 3) are holidays this week.
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'working-days-test',
    rules: { ...DEFAULT_PROCEDURE.rules, holidays: [dateOf(2), dateOf(3)] },
    steps: [
      {
        id: 'notice',
        kind: 'notice',
        recipient: 'officer',
        answerWithin: { days: 3, kind: 'working' },
        dueSoonReminderBefore: { days: 1, kind: 'working' },
        onLapse: { next: null, after: { days: 0, kind: 'working' } },
      },
    ],
  };
  const handle = await start(freshCase(), procedure);
  // Mon + 3 working days: Tue (1), [Wed, Thu holidays], Fri (2), [weekend], Mon (3) → day 7.
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    dueAt: at(7, '17:00'),
    dueSoonAt: at(4, '10:00'),
    escalatesAt: null,
  });
  await advanceTo(at(7, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'notice').overdue);
  expect(messages(s).map((m) => [m[0], m[3]])).toEqual([
    ['notice', at(0, '10:00')],
    ['due-soon-reminder', at(4, '10:00')],
  ]);
  // No further step on the lapse: it stays open, overdue, for the staff to decide.
  await advanceTo(at(20, '10:00'));
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'open', overdue: true });
  expect(notices(s)).toHaveLength(2);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'No jurisdiction' }] });
  expect((await handle.result()).closure.kind).toBe('disposed');
  await keepHistory(handle, 'working-days-disposed');
});

test('invalid answers are rejected by the validator and change nothing; a repeated update ID is recorded once', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  const rejected = async (args: AnswerSubmission) => {
    const err = await handle.executeUpdate(submitAnswer, { args: [args] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message;
  };
  expect(await rejected(answer('notice', '   '))).toMatch(/^atrText:/);
  expect(await rejected(answer('notice-9', 'x'))).toMatch(/^stepId: no step notice-9/);
  expect(await rejected({ ...answer('notice', 'x'), firDate: '2021-02-30' })).toMatch(/^firDate:/);
  expect(await rejected({ ...answer('notice', 'x'), firNumber: 'a\r\nBcc: x@y.z' })).toMatch(/^firNumber:/);
  expect(stepOf(await handle.query(getComplaint), 'notice').status).toBe('open');
  expect(await records.answersFor(handle.workflowId)).toEqual([]);
  const reviewTooEarly = await handle
    .executeUpdate(reviewAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
    })
    .catch((e: unknown) => e);
  expect((reviewTooEarly as WorkflowUpdateFailedError).cause?.message).toBe(
    'stepId: step notice is open, with no answer to review',
  );

  // A double click: the same update ID twice gives one answer and the same receipt.
  const first = await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Once')],
    updateId: 'same-link',
  });
  const second = await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Once')],
    updateId: 'same-link',
  });
  expect(second).toEqual(first);
  expect(await records.answersFor(handle.workflowId)).toHaveLength(1);
  // Only the accepted update is in history: the rejected ones left no trace but their rejection.
  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'end of test' }] });
  await handle.result();
  await keepHistory(handle, 'validator-rejections');
});

test('every message that arrived, of every kind: both parts, a Message-ID kept in the outbox, a working link', async () => {
  const subjects = new Set<string>();
  const sent = new Set(
    (await records.db.selectFrom('notices').select(['message_id', 'status']).execute())
      .filter((n) => n.status === 'sent')
      .map((n) => n.message_id),
  );
  expect(sink.messages.length).toBeGreaterThan(20);
  for (const m of sink.messages) {
    subjects.add(m.subject!.split(/ [A-Z]+\//)[0]!.replace(/:.*$/, ''));
    expect(m.text?.length).toBeGreaterThan(50);
    expect(m.html).toMatch(/^<!doctype html>/);
    expect(sent.has(m.messageId!)).toBe(true);
    expect(m.from?.value[0]?.address).toBe('notices@commission.test');
    const link = /https?:\/\/\S+/.exec(m.text!)![0];
    expect(m.html).toContain(`href="${link}"`);
    if (link.includes('/answer/')) expect(links.verify(link.split('/answer/')[1]!)).not.toBeNull();
    else expect(link).toMatch(/^http:\/\/console\.test\/complaint-/);
  }
  expect([...subjects].sort()).toEqual([
    'Answer received',
    'Answer to review',
    'Further demand',
    'Hearing tomorrow',
    'Notice',
    'Overdue reminder',
    'Reminder',
    'Step overdue',
    'Summons',
  ]);
  // No message was sent twice.
  expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(sink.messages.length);
});
