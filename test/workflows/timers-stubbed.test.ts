// The clock's logic alone, fast: the complaint workflow on the time-skipping server with its activities stubbed
// (dates from the real planning code, sends and records answered at once), so a timer or version mistake shows
// in seconds, without SMTP or a database. What is asserted is the workflow's own state: which message of which
// version it sent, and when it meant to. The scenarios with the real activities are beside this file.
import { currentWorkflowBundle } from '../helpers/workflow-bundle';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { createActivities } from '../../activities';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { planDemand, planHearing } from '../../lib/procedure/schedule';
import { testServerExecutable } from '../../lib/dev/temporal-binaries';
import type { complaintWorkflow } from '../../workflows/complaint';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { extendDeadline, getComplaint, rescheduleHearing } from '../../workflows/messages';
import { registerSearchAttributes } from '../../lib/dev/register-search-attributes';
import { seedCase, testDataConverter, uniqueTaskQueue } from '../helpers/fixtures';

type Activities = ReturnType<typeof createActivities>;
const ZONE = 'Asia/Kolkata';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleOption;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('stubbed');
let sent = 0;

/** Every activity answered at once; the dates from the same planning code the real activities run. */
const stubs = {
  registerComplaint: () => Promise.resolve(undefined),
  recordReview: () => Promise.resolve(undefined),
  recordClosure: () => Promise.resolve(undefined),
  recordJournal: () => Promise.resolve(undefined),
  planDemand: (req: Parameters<typeof planDemand>[0]) => Promise.resolve(planDemand(req)),
  planHearing: (req: Parameters<typeof planHearing>[0]) => Promise.resolve(planHearing(req)),
  sendOfficerMessage: () => Promise.resolve(stubSent()),
  sendStaffAlert: () => Promise.resolve(stubSent()),
  sendMoment: ({ messages }: { messages: unknown[] }) => Promise.resolve(messages.map(stubSent)),
} as unknown as Activities;

function stubSent() {
  return { messageId: `<stub-${++sent}@test>`, sentAt: new Date().toISOString() };
}

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testServerExecutable() },
    client: { dataConverter: testDataConverter() },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  bundle = await currentWorkflowBundle();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: stubs,
    dataConverter: testDataConverter(),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

let n = 0;
/** A fresh Monday 10:00 in Kolkata, two days on at least, and the instants counted from it. */
async function anchored() {
  let day = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .plus({ days: 2 })
    .startOf('day');
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  const anchor = day.set({ hour: 10 });
  await advanceTo(anchor.toUTC().toISO()!);
  return {
    at: (days: number, hhmm: string) => {
      const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
      return anchor.plus({ days }).set({ hour, minute }).toUTC().toISO({ suppressMilliseconds: true })!;
    },
    dateOf: (days: number) => anchor.plus({ days }).toISODate()!,
    receivedOn: anchor.toISODate()!,
  };
}

async function advanceTo(instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

async function until(
  handle: { query: (q: typeof getComplaint) => Promise<ComplaintState> },
  ok: (s: ComplaintState) => boolean,
) {
  for (let i = 0; i < 400; i++) {
    const s = await handle.query(getComplaint);
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the complaint never reached the state expected');
}

/** The messages of the state: kind, step, version, and when the workflow meant to send each (to the second). */
const sends = (s: ComplaintState) =>
  s.respondents[0]!.messages.map((m) => [
    m.kind,
    m.stepId,
    m.version,
    m.scheduledFor.replace(/\.\d{3}Z$/, 'Z'),
  ]);

async function start(receivedOn: string) {
  const caseFile = seedCase({ caseReference: `STUB/${process.pid}/${++n}`, receivedOn });
  return env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
    taskQueue,
    workflowId: `stubbed-${process.pid}-${n}`,
    args: [{ caseFile, procedure: DEFAULT_PROCEDURE }],
  });
}

test('an extension bumps the version: the old due-soon reminder never fires, the new one and the lapse come at the new times', async () => {
  const { at, dateOf, receivedOn } = await anchored();
  const handle = await start(receivedOn);
  await until(handle, (s) => s.respondents[0]!.messages.length === 1);
  await advanceTo(at(3, '12:00'));
  await handle.executeUpdate(extendDeadline, {
    args: [
      { respondentId: 'delhi-police', stepId: 'notice', until: dateOf(12), reason: 'records from the court' },
    ],
  });
  // Past the old due-soon time (day 5) and the old deadline (day 7): nothing of version 1 goes out.
  await advanceTo(at(7, '18:00'));
  let s = await handle.query(getComplaint);
  // The officer was told the new deadline (version 2), at once.
  expect(sends(s)).toEqual([
    ['notice', 'notice', 1, at(0, '10:00')],
    ['deadline-extended', 'notice', 2, at(3, '12:00')],
  ]);
  expect(s.respondents[0]!.steps[0]!.overdue).toBe(false);
  // Version 2's due-soon reminder (two days before day 12), then its lapse and the staff's overdue alert.
  await advanceTo(at(12, '17:01'));
  s = await until(
    handle,
    (x) => x.respondents[0]!.steps[0]!.overdue && x.respondents[0]!.messages.length === 4,
  );
  expect(sends(s)).toEqual([
    ['notice', 'notice', 1, at(0, '10:00')],
    ['deadline-extended', 'notice', 2, at(3, '12:00')],
    ['due-soon-reminder', 'notice', 2, at(10, '10:00')],
    ['step-overdue', 'notice', 2, at(12, '17:00')],
  ]);
  // Three days on, the escalation: the overdue reminder, its dates planned with the notice's.
  await advanceTo(at(15, '10:01'));
  s = await until(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'overdue-reminder'));
  expect(s.respondents[0]!.steps.map((st) => [st.stepId, st.status, st.dueAt])).toEqual([
    ['notice', 'closed', at(12, '17:00')],
    ['overdue-reminder', 'open', at(22, '17:00')],
  ]);
  await handle.terminate('end of test');
});

test('a moved hearing bumps the version: the summons goes again with the new date, the day-before alert moves with it', async () => {
  const { at, dateOf, receivedOn } = await anchored();
  const handle = await start(receivedOn);
  // No answer: reminder at day 10, summons at day 17 for a hearing on day 31 at 11:00.
  await advanceTo(at(17, '17:01'));
  let s = await until(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'summons'));
  const summons = s.respondents[0]!.steps.find((st) => st.kind === 'summons')!;
  expect(summons).toMatchObject({ dueAt: at(31, '11:00'), version: 1 });
  await handle.executeUpdate(rescheduleHearing, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: summons.stepId,
        date: dateOf(35),
        reason: 'the bench sits later',
      },
    ],
  });
  s = await until(handle, (x) => x.respondents[0]!.messages.filter((m) => m.kind === 'summons').length === 2);
  // Past the old day-before alert (day 30): none for version 1; version 2's on day 34.
  await advanceTo(at(34, '10:01'));
  s = await until(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'hearing-tomorrow'));
  expect(sends(s).filter(([kind]) => kind === 'summons' || kind === 'hearing-tomorrow')).toEqual([
    ['summons', summons.stepId, 1, at(17, '17:00')],
    ['summons', summons.stepId, 2, expect.any(String)],
    ['hearing-tomorrow', summons.stepId, 2, at(34, '10:00')],
  ]);
  await handle.terminate('end of test');
});
