// No answer at all, through the summons to the hearing and its outcomes: a further hearing, a fresh demand.
// Between them these scenarios send every kind of message, so this file also checks every message that
// arrived. The world they run in (time-skipping server, SMTP sink, records): test/helpers/time-skipping-world.ts.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { CaseFile } from '../../lib/procedure/case-file';
import {
  acknowledgeSummons,
  getComplaint,
  recordHearingOutcome,
  rescheduleHearing,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import {
  act,
  answer,
  COMMISSION,
  DCP,
  eventually,
  keepHistory,
  messages,
  notices,
  OFFICER,
  others,
  stepOf,
  track,
  useTimeSkippingWorld,
  ZONE,
  type Handle,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, mailsFor, otherMailsFor } = world;

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
  expect((await world.records.complaint(handle.workflowId))?.closure_kind).toBe('resolved');
  expect(mailsFor(caseFile)).toHaveLength(4);
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

test('every message that arrived, of every kind: both parts, a Message-ID kept in the outbox, a working link', async () => {
  expect(world.sink.messages.length).toBeGreaterThan(20);
  const subjects = await world.expectEveryMessageWhole();
  expect([...subjects].sort()).toEqual([
    'Answer accepted',
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
});
