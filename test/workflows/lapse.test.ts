// What a lapse costs: with the procedure escalating at the deadline itself (the fan-out of the benchmark), the
// lapse is one activity that sends the staff alert and the overdue reminder, and nothing else runs: the
// reminder's dates were planned with the notice, the journal goes with the messages (in their outbox
// transaction), and the search attributes are published once per workflow task.
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { getComplaint } from '../../workflows/messages';
import { eventually, OFFICER, stepOf, useTimeSkippingWorld } from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, advanceTo, freshCase, start } = world;

const ESCALATING_AT_THE_DEADLINE: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'lapse-at-the-deadline',
  steps: DEFAULT_PROCEDURE.steps.map((s) =>
    s.id === 'notice' && s.kind === 'notice'
      ? {
          ...s,
          dueSoonReminderBefore: null,
          onLapse: { next: 'overdue-reminder', after: { days: 0, kind: 'calendar' } },
        }
      : s,
  ),
};

test('a lapse runs one activity (the staff alert and the overdue reminder, sent together); the records still get every step event', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile, ESCALATING_AT_THE_DEADLINE);
  // The notice was planned with the reminder its lapse issues.
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice').plannedNext).toMatchObject({ kind: 'demand', plan: { dueAt: at(14, '17:00') } });
  const before = (await handle.fetchHistory()).events!.length;

  await advanceTo(at(7, '17:01'));
  s = await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'overdue-reminder'));
  s = await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'step-overdue'));
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'lapsed' });
  expect(stepOf(s, 'overdue-reminder')).toMatchObject({
    dueAt: at(14, '17:00'),
    lapsedDueAt: at(7, '17:00'),
  });

  const lapse = (await handle.fetchHistory()).events!.slice(before);
  const activities = lapse
    .filter((e) => e.activityTaskScheduledEventAttributes)
    .map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name)
    .sort();
  expect(activities).toEqual(['sendMoment']);
  // The search attributes, at most once per workflow task.
  let upserts = 0;
  for (const e of lapse) {
    if (e.upsertWorkflowSearchAttributesEventAttributes) upserts++;
    if (e.workflowTaskCompletedEventAttributes) {
      expect(upserts).toBeLessThanOrEqual(1);
      upserts = 0;
    }
  }
  // The journal came with the messages: every step event is in the records, the steps as they now stand.
  const events = await world.records.eventsFor(handle.workflowId);
  expect(events.map((e) => [e.step_id, e.event])).toEqual(
    expect.arrayContaining([
      ['notice', 'lapsed'],
      ['notice', 'closed'],
      ['overdue-reminder', 'opened'],
    ]),
  );
  expect((await world.records.stepsFor(handle.workflowId)).map((r) => [r.step_id, r.status])).toEqual(
    expect.arrayContaining([
      ['notice', 'closed'],
      ['overdue-reminder', 'open'],
    ]),
  );
  expect(world.mailsFor(caseFile).map((m) => m.to && 'value' in m.to && m.to.value[0]!.address)).toEqual([
    OFFICER,
    OFFICER,
  ]);
  await handle.terminate('end of test');
});
