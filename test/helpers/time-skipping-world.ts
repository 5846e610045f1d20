// The complaint procedure on the time-skipping test server, with its real activities: a real SMTP server
// receives every message and a real (SQLite) records database takes the answers. Each test first moves the
// server's clock to a fresh Monday 10:00 in Asia/Kolkata (the "anchor"), so every instant is asserted exactly.
// The scenarios are in test/workflows/*.test.ts; each file has a world of its own (useTimeSkippingWorld).
import { currentWorkflowBundle } from './workflow-bundle';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import type { ActivityDependencies } from '../../activities';
import type { AnswerSubmission } from '../../lib/domain/answer';
import { AnswerLinks } from '../../lib/mail/answer-links';
import type { CaseFile } from '../../lib/procedure/case-file';
import { loadConfig } from '../../lib/config';
import { openLetterhead } from '../../lib/mail/letters/letter-pdf';
import { createSmtpMailer, type Mailer } from '../../lib/mail/mailer';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { RecordsStore } from '../../lib/records/store';
import { registerSearchAttributes } from '../../lib/dev/register-search-attributes';
import { testServerExecutable } from '../../lib/dev/temporal-binaries';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { createComplaintWorker } from '../../worker/create-worker';
import type { complaintWorkflow } from '../../workflows/complaint';
import type { ComplaintInput } from '../../workflows/complaint-input';
import type { ComplaintState, MessageKind } from '../../lib/domain/complaint-state';
import { getComplaint } from '../../workflows/messages';
import { GENERATION } from '../../workflows/generation';
import { HISTORIES, seedCase, testDataConverter, uniqueTaskQueue } from './fixtures';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp-sink';

export const ZONE = 'Asia/Kolkata';
export const links = new AnswerLinks('workflow-test-link-secret-0123456789abcdef', 'http://answers.test');

export const OFFICER = 'commissioner@delhipolice.example';
export const DCP = 'dcp.cybercell@delhipolice.example';
export const COMMISSION = 'complaints@ncpcr.example';

export type Handle = WorkflowHandle<typeof complaintWorkflow>;

/** One test file's server, worker, mail sink and records, and the clock and complaints of its tests. */
export interface TimeSkippingWorld {
  readonly env: TestWorkflowEnvironment;
  readonly sink: SmtpSink;
  readonly records: RecordsStore;
  /** The task queue of this world's worker. */
  readonly taskQueue: string;
  /** Moves the server's clock to the next Monday, 10:00 in Kolkata, at least two days ahead. */
  newAnchor: () => Promise<void>;
  /** The instant `days` after the anchor's date at `hhmm` in Kolkata. */
  at: (days: number, hhmm: string) => string;
  dateOf: (days: number) => string;
  advanceTo: (instant: string) => Promise<void>;
  freshCase: (extra?: Partial<CaseFile>) => CaseFile;
  /** Starts the complaint on this world's worker; resolves once every respondent's notice is out. */
  start: (caseFile: CaseFile, procedure?: Procedure, input?: Partial<ComplaintInput>) => Promise<Handle>;
  /** The notices, reminders and summons that reached the officers (not receipts, decisions or staff alerts). */
  mailsFor: (caseFile: CaseFile) => ParsedMail[];
  /** The staff alerts, receipts and officers' news of decisions of a case that reached their recipients. */
  otherMailsFor: (caseFile: CaseFile) => ParsedMail[];
  /**
   * Checks every message that arrived in this world: both parts, a Message-ID the outbox keeps as sent, the
   * commission's sender, a working link; none sent twice. Resolves with their kinds (subjects without the case).
   */
  expectEveryMessageWhole: () => Promise<Set<string>>;
}

/**
 * Starts the world before the file's tests (beforeAll) and stops it after them (afterAll). The server,
 * sink and records exist only once the tests run: read them from the returned world inside a test.
 */
export function useTimeSkippingWorld(
  options: { dependencies?: Partial<ActivityDependencies>; sink?: SmtpSinkOptions } = {},
): TimeSkippingWorld {
  let env: TestWorkflowEnvironment;
  let sink: SmtpSink;
  let mailer: Mailer;
  let records: RecordsStore;
  let worker: Worker;
  let workerRun: Promise<void>;
  const taskQueue = uniqueTaskQueue('wf');

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: testServerExecutable() },
      client: { dataConverter: testDataConverter() },
    });
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
    sink = await startSmtpSink(options.sink);
    mailer = createSmtpMailer(sink.url);
    records = await RecordsStore.open('sqlite::memory:');
    const workflowBundle = await currentWorkflowBundle();
    worker = await createComplaintWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dependencies: {
        records,
        mailer,
        links,
        mailFrom: 'Commission <notices@commission.test>',
        letterhead: openLetterhead(loadConfig({}).commission),
        consoleUrlFor: (id) => `http://console.test/${id}`,
        ...options.dependencies,
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

  // ---- time --------------------------------------------------------------------------------------------

  let anchor: DateTime;

  async function newAnchor(): Promise<void> {
    const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
    let day = now.plus({ days: 2 }).startOf('day');
    while (day.weekday !== 1) day = day.plus({ days: 1 });
    anchor = day.set({ hour: 10 });
    await advanceTo(iso(anchor));
  }

  const at = (days: number, hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    return iso(anchor.plus({ days }).set({ hour, minute }));
  };
  const dateOf = (days: number) => anchor.plus({ days }).toISODate()!;

  async function advanceTo(instant: string): Promise<void> {
    const ms = Date.parse(instant) - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  }

  // ---- complaints --------------------------------------------------------------------------------------

  let caseNumber = 0;
  function freshCase(extra: Partial<CaseFile> = {}): CaseFile {
    return seedCase({
      caseReference: `TEST/${process.pid}/${++caseNumber}`,
      receivedOn: anchor.toISODate()!,
      ...extra,
    });
  }

  async function start(
    caseFile: CaseFile,
    procedure: Procedure = DEFAULT_PROCEDURE,
    input: Partial<ComplaintInput> = {},
  ): Promise<Handle> {
    const handle = await env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
      taskQueue,
      workflowId: complaintWorkflowId(caseFile.caseReference),
      args: [{ caseFile, procedure, ...input }],
    });
    await eventually(handle, (s) => s.respondents.every((r) => r.messages.some((m) => m.kind === 'notice')));
    return handle;
  }

  // ---- mail --------------------------------------------------------------------------------------------

  function mailsFor(caseFile: CaseFile) {
    return sink.messages.filter(
      (m) => m.subject?.includes(`${caseFile.caseReference}:`) && !NOT_NOTICES.test(m.subject),
    );
  }

  function otherMailsFor(caseFile: CaseFile) {
    return sink.messages.filter(
      (m) =>
        m.subject?.includes(`: ${caseFile.caseReference} (`) ||
        (NOT_NOTICES.test(m.subject ?? '') && m.subject?.includes(` ${caseFile.caseReference}:`)),
    );
  }

  async function expectEveryMessageWhole(): Promise<Set<string>> {
    const subjects = new Set<string>();
    const sent = new Set(
      (await records.db.selectFrom('notices').select(['message_id', 'status']).execute())
        .filter((n) => n.status === 'sent')
        .map((n) => n.message_id),
    );
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
    // No message was sent twice.
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(sink.messages.length);
    return subjects;
  }

  return {
    get env() {
      return env;
    },
    get sink() {
      return sink;
    },
    get records() {
      return records;
    },
    taskQueue,
    newAnchor,
    at,
    dateOf,
    advanceTo,
    freshCase,
    start,
    mailsFor,
    otherMailsFor,
    expectEveryMessageWhole,
  };
}

/** Officers' messages that are not the procedure's demands: receipts, and what staff decided (officer-updates.ts). */
const NOT_NOTICES =
  /^(Answer received|Deadline extended|Answer accepted|Complaint withdrawn|Complaint disposed of|Clock stopped|Clock restarted|Request to stop the clock declined|Interim reply received|Expected date accepted|Expected date not accepted|Deadline moved|Answer accepted; the hearing stands|Personal appearance dispensed with|Condition of the summons removed|Condition of the summons) /;

const iso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;

// ---- the complaint as the query shows it ---------------------------------------------------------------

/** Polls the query until `predicate` holds (the worker acts on a fired timer a moment after the clock moves). */
export async function eventually(
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

export const track = (s: ComplaintState, respondentId = 'delhi-police') =>
  toSeconds(s.respondents.find((r) => r.respondentId === respondentId)!);
const NOTICE_KINDS: MessageKind[] = [
  'notice',
  'due-soon-reminder',
  'overdue-reminder',
  'follow-up',
  'summons',
];
/** The procedure's messages to the officers (not receipts, not staff alerts). */
export const notices = (s: ComplaintState, respondentId = 'delhi-police') =>
  track(s, respondentId).messages.filter((m) => NOTICE_KINDS.includes(m.kind));
/** Receipts and staff alerts: [kind, step, to, when]. */
export const others = (s: ComplaintState, respondentId = 'delhi-police') =>
  track(s, respondentId)
    .messages.filter((m) => !NOTICE_KINDS.includes(m.kind))
    .map((m) => [m.kind, m.stepId, m.to, m.scheduledFor]);
export const messages = (s: ComplaintState, respondentId = 'delhi-police') =>
  notices(s, respondentId).map(
    (m) => [m.kind, m.stepId, m.to, m.scheduledFor] as [MessageKind, string, string, string],
  );
/** The typed refusal an Update failed with (lib/domain/refusals.ts): its `type` and the message naming the field. */
export async function refusalOf(update: Promise<unknown>): Promise<Error & { type?: string }> {
  const err = (await update.catch((e: unknown) => e)) as WorkflowUpdateFailedError;
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return err.cause as Error & { type?: string };
}

/** An action, then the complaint as the query shows it (an Update returns only a receipt). */
export async function act<A, R>(
  handle: Handle,
  update: UpdateDefinition<R, [A]>,
  options: { args: [A] },
): Promise<ComplaintState> {
  await handle.executeUpdate(update, options);
  return handle.query(getComplaint);
}

export const stepOf = (s: ComplaintState, stepId: string, respondentId = 'delhi-police') =>
  track(s, respondentId).steps.find((st) => st.stepId === stepId)!;

export const answer = (
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
 * fixture in test/histories/<generation>/ (workflows/generation.ts): the replay tests then check that the current
 * code still replays it.
 */
export async function keepHistory(handle: Handle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(join(HISTORIES, GENERATION), { recursive: true });
  writeFileSync(join(HISTORIES, GENERATION, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}
