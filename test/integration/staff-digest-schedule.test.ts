// The staff's daily digest as a deployment runs it, on the real dev server, worker, SMTP server and records:
// the worker's start-up creates the Temporal Schedule (and brings it in line with a changed configuration),
// a trigger runs the digest, and a second trigger the same day sends nothing new. And a withdrawal as staff
// do it (the CLI): the officer is told once, and their link then says the complaint is closed.
import { ScheduleNotFoundError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { startComplaint } from '../../client/complaints';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { submitAnswer } from '../../workflows/messages';
import { ensureStaffDigestSchedule, STAFF_DIGEST_SCHEDULE_ID } from '../../worker/staff-digest-schedule';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import { activitiesSettled } from '../helpers/activities-in-flight';
import { seedCase } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import { STAFF_ALERTS_TO, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const ZONE = DEFAULT_PROCEDURE.rules.timeZone;
const OFFICER = seedCase().respondents[0]!.officer.email;

test('the worker creates the digest schedule, or updates it; two triggers the same day send one digest', async () => {
  const config = (at: string | null) => ({
    staffDigest: { at, timeZone: ZONE },
    staffAlertsTo: STAFF_ALERTS_TO,
    taskQueue: stack.taskQueue,
    commission: { name: 'National Commission for Protection of Child Rights' },
  });
  // Every worker does this at start-up: the first creates it, the others (and a new configuration) update it.
  await ensureStaffDigestSchedule(stack.env.client, config('17:30'));
  await ensureStaffDigestSchedule(stack.env.client, config('17:30'));
  await ensureStaffDigestSchedule(stack.env.client, config('09:15'));
  const schedule = stack.env.client.schedule.getHandle(STAFF_DIGEST_SCHEDULE_ID);
  const described = await schedule.describe();
  expect(described.spec.timezone).toBe(ZONE);
  expect(described.spec.calendars).toEqual([
    expect.objectContaining({
      hour: [{ start: 9, end: 9, step: 1 }],
      minute: [{ start: 15, end: 15, step: 1 }],
    }),
  ]);
  expect(described.action).toMatchObject({ workflowType: 'staffDigestWorkflow', taskQueue: stack.taskQueue });
  // Its next run is today's or tomorrow's 09:15 in Kolkata.
  const next = DateTime.fromJSDate(described.info.nextActionTimes[0]!).setZone(ZONE);
  expect(next.toFormat('HH:mm')).toBe('09:15');

  // A complaint with an answer to review: in the digest, with its link.
  const caseFile = { ...seedCase(), caseReference: 'DIGEST/2026/1', receivedOn: DateTime.now().toISODate() };
  const { workflowId } = await startComplaint(stack.env.client, stack.taskQueue, caseFile, DEFAULT_PROCEDURE);
  const handle = stack.env.client.workflow.getHandle(workflowId);
  await stack.sink.waitForMessages(1, (m) => m.subject?.startsWith('Notice DIGEST/2026/1:') ?? false);
  await handle.executeUpdate(submitAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', atrText: 'FIR registered' }],
  });
  for (let tries = 0; ; tries++) {
    const [row] = await stack.records.stepsFor(workflowId);
    if (row?.status === 'answered') break;
    if (tries > 200) throw new Error('the answer never reached the records');
    await new Promise((r) => setTimeout(r, 50));
  }

  const isDigest = (m: { subject?: string }) => m.subject?.startsWith('Daily digest') ?? false;
  await schedule.trigger();
  const [digest] = await stack.sink.waitForMessages(1, isDigest, 30_000);
  const today = DateTime.now().setZone(ZONE).toISODate()!;
  expect(digest!.subject).toMatch(new RegExp(`^Daily digest ${today}: .*1 to review`));
  expect((Array.isArray(digest!.to) ? digest!.to[0] : digest!.to)?.value[0]?.address).toBe(STAFF_ALERTS_TO);
  expect(digest!.text).toContain(
    `Answers awaiting review (1)\n  - DIGEST/2026/1 (${caseFile.subject}): delhi-police, step notice: answered`,
  );
  expect(digest!.text).toContain(`http://console.test/${workflowId}`);

  // Triggered again the same day, once the first run is over (the schedule skips a run that would overlap
  // one under way): the run completes, and sends nothing new.
  for (let tries = 0; (await schedule.describe()).info.recentActions.length < 1; tries++) {
    if (tries > 200) throw new Error('the first trigger never ran');
    await new Promise((r) => setTimeout(r, 100));
  }
  const first = (await schedule.describe()).info.recentActions[0]!.action.workflow.workflowId;
  await stack.env.client.workflow.getHandle(first).result();
  await schedule.trigger();
  for (let tries = 0; (await schedule.describe()).info.recentActions.length < 2; tries++) {
    if (tries > 200) throw new Error('the second trigger never ran');
    await new Promise((r) => setTimeout(r, 100));
  }
  const second = (await schedule.describe()).info.recentActions[1]!.action.workflow.workflowId;
  await stack.env.client.workflow.getHandle(second).result();
  expect(stack.sink.messages.filter(isDigest)).toHaveLength(1);
  const rows = await stack.records.db
    .selectFrom('notices')
    .select(['step_id', 'status'])
    .where('workflow_id', '=', 'staff-digest')
    .execute();
  expect(rows).toEqual([{ step_id: today, status: 'sent' }]);

  // Turned off (STAFF_DIGEST_AT=off): the next worker to start removes the schedule.
  await ensureStaffDigestSchedule(stack.env.client, {
    ...config('09:15'),
    staffDigest: { at: null, timeZone: ZONE },
  });
  await expect(schedule.describe()).rejects.toThrow(ScheduleNotFoundError);
  await ensureStaffDigestSchedule(stack.env.client, {
    ...config('09:15'),
    staffDigest: { at: null, timeZone: ZONE },
  });
  await handle.terminate('end of test');
});

test('withdrawn by staff: the officer is told once, and their link says the complaint is closed', async () => {
  const caseFile = { ...seedCase(), caseReference: 'DIGEST/2026/2', receivedOn: DateTime.now().toISODate() };
  await startComplaint(stack.env.client, stack.taskQueue, caseFile, DEFAULT_PROCEDURE);
  const [notice] = await stack.sink.waitForMessages(
    1,
    (m) => m.subject?.startsWith('Notice DIGEST/2026/2:') ?? false,
  );
  const link = answerLinkIn(notice!);
  const withdrawn = await stack.cli(['withdraw', 'DIGEST/2026/2', '--reason', 'The complainant withdrew']);
  expect(withdrawn.code).toBe(0);
  const isTold = (m: { subject?: string }) =>
    m.subject?.startsWith('Complaint withdrawn DIGEST/2026/2:') ?? false;
  const [told] = await stack.sink.waitForMessages(1, isTold);
  expect((Array.isArray(told!.to) ? told!.to[0] : told!.to)?.value[0]?.address).toBe(OFFICER);
  expect(told!.text).toContain('The Commission has withdrawn this complaint on ');
  expect(answerLinkIn(told!)).toBe(link);
  const page = await (await fetch(link)).text();
  expect(page).toContain('This complaint was withdrawn by the Commission on ');
  expect(page).toContain('nothing more is asked of you');
  expect(page).not.toContain('<form');
  await activitiesSettled(stack.env.client.workflow.getHandle(complaintWorkflowId('DIGEST/2026/2')), /^send/);
  expect(stack.sink.messages.filter(isTold)).toHaveLength(1);
});
