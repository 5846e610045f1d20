// A conditional summons (issue 25): "however, if the report is received on or before" a cut-off, "the personal
// appearance shall be dispensed with". An answer received by the cut-off and accepted cancels the hearing (the step
// closes as dispensed, the officer is told with a calendar CANCEL of the invitation's UID, no hearing-tomorrow
// alert); one received after it leaves the hearing standing. Staff set, change or remove the cut-off by an Update.
import ICAL from 'ical.js';
import { DEFAULT_PROCEDURE, type DemandStepDefinition, type Procedure } from '../../lib/procedure/procedure';
import { Refusal } from '../../lib/domain/refusals';
import {
  applyHolidays,
  closeComplaint,
  getComplaint,
  recordHearingOutcome,
  rescheduleHearing,
  reviewAnswer,
  setDispensation,
  submitAnswer,
} from '../../workflows/messages';
import {
  act,
  answer,
  COMMISSION,
  DCP,
  eventually,
  keepHistory,
  notices,
  others,
  refusalOf,
  stepOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, mailsFor, otherMailsFor } = world;
const summons = { respondentId: 'delhi-police', stepId: 'summons' };

/** The NCPCR procedure, its summons conditional: the report by 3 calendar days before the hearing's day. */
const conditional: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'conditional-summons-test',
  steps: DEFAULT_PROCEDURE.steps.map((st) =>
    st.kind === 'summons' ? { ...st, dispensation: { reportBefore: { days: 3, kind: 'calendar' } } } : st,
  ),
};

/** The mails of a case whose subject starts so, once the first has arrived. */
async function titled(caseFile: ReturnType<typeof freshCase>, title: string, count = 1) {
  const found = () => otherMailsFor(caseFile).filter((m) => m.subject?.startsWith(title));
  const until = Date.now() + 20_000;
  while (found().length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(found()).toHaveLength(count);
  return found();
}

/** The calendar part of a mail, parsed. */
function calendarOf(mail: { attachments: { contentType: string; content: Buffer }[] }) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')) as unknown[]);
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    contentType: part!.contentType,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
  };
}

test('answered by the cut-off and accepted: the hearing is dispensed with, its invitation cancelled', async () => {
  await newAnchor(); // notice day 0; summons day 17 at 17:00, hearing day 31 at 11:00, cut-off day 28 at 17:00
  const caseFile = freshCase();
  const handle = await start(caseFile, conditional);
  await advanceTo(at(17, '17:01'));
  let s = await eventually(handle, (x) => notices(x).length === 4);
  expect(stepOf(s, 'summons').hearing!.dispensation).toMatchObject({
    cutOffAt: at(28, '17:00'),
    cutOffDate: dateOf(28),
    cutOffText: expect.stringContaining('17:00') as string,
    setBy: 'procedure',
  });
  // The letter states the condition, in English and in Hindi.
  const letter = mailsFor(caseFile).find((m) => m.subject?.startsWith('Summons'))!;
  expect(letter.text).toContain('However, if the Action Taken Report is received on or before');
  expect(letter.text).toContain('your personal appearance shall be dispensed with');
  expect(letter.text).toContain('तो आपकी व्यक्तिगत उपस्थिति से छूट दी जाएगी');
  const invitation = calendarOf(letter);
  expect([invitation.method, invitation.sequence]).toEqual(['REQUEST', 0]);

  // Staff move the hearing a week on: the procedure's cut-off moves with it, and the summons goes out again.
  s = await act(handle, rescheduleHearing, {
    args: [{ ...summons, date: dateOf(38), reason: 'Bench unavailable' }],
  });
  expect(stepOf(s, 'summons').hearing!.dispensation).toMatchObject({
    cutOffAt: at(35, '17:00'),
    setBy: 'procedure',
  });
  s = await eventually(handle, (x) => notices(x).length === 5);
  const moved = calendarOf(mailsFor(caseFile).filter((m) => m.subject?.startsWith('Summons'))[1]!);
  expect([moved.uid, moved.sequence]).toEqual([invitation.uid, 1]);

  await advanceTo(at(20, '12:00'));
  await handle.executeUpdate(submitAnswer, { args: [answer('summons')] });
  const [receipt] = await titled(caseFile, 'Answer received');
  expect(receipt!.text).toContain('It was received by the cut-off of');
  const [alert] = await titled(caseFile, 'Answer to review');
  expect(alert!.text).toContain('accepting it dispenses with the hearing');

  s = await act(handle, reviewAnswer, { args: [{ ...summons, decision: 'accept', by: 'registrar' }] });
  expect(stepOf(s, 'summons')).toMatchObject({ status: 'closed', closedAs: 'dispensed' });
  expect(stepOf(s, 'summons').hearing!.dispensation!.dispensed).toMatchObject({
    answerId: expect.stringMatching(/summons\/1$/) as string,
  });
  const outcome = await handle.result();
  expect(outcome.closure).toMatchObject({ kind: 'resolved' });
  // The officer is told once, in English and Hindi, and their calendar's event is cancelled: same UID, later SEQUENCE.
  s = await handle.query(getComplaint);
  const told = await titled(caseFile, 'Personal appearance dispensed with');
  expect(told[0]!.to).toMatchObject({ value: [{ address: DCP }] });
  expect(told[0]!.text).toContain('the hearing will not take place');
  expect(told[0]!.text).toContain('व्यक्तिगत उपस्थिति से छूट');
  const cancel = calendarOf(told[0]!);
  expect(cancel).toMatchObject({ method: 'CANCEL', uid: invitation.uid, status: 'CANCELLED' });
  expect(Number(cancel.sequence)).toBeGreaterThan(Number(moved.sequence));
  expect(s.respondents[0]!.messages.filter((m) => m.kind === 'answer-accepted')).toEqual([]);
  // The journal records it; no hearing-tomorrow alert ever goes.
  const journal = await world.records.db
    .selectFrom('step_events')
    .select(['event'])
    .where('workflow_id', '=', handle.workflowId)
    .execute();
  expect(journal.map((j) => j.event)).toEqual(expect.arrayContaining(['hearing-dispensed']));
  await advanceTo(at(38, '12:00'));
  expect(others(await handle.query(getComplaint)).map((m) => m[0])).not.toContain('hearing-tomorrow');
  await keepHistory(handle, 'hearing-dispensed');
});

test('answered after the cut-off and accepted: the hearing stands, and staff record its outcome', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile, conditional);
  await advanceTo(at(29, '12:00')); // after the cut-off (day 28, 17:00)
  await eventually(handle, (x) => notices(x).length === 4);
  await handle.executeUpdate(submitAnswer, { args: [answer('summons')] });
  expect((await titled(caseFile, 'Answer received'))[0]!.text).toContain(
    'It was received after the cut-off of',
  );
  expect((await titled(caseFile, 'Answer to review'))[0]!.text).toContain(
    'accepting it does not dispense with the hearing',
  );
  let s = await act(handle, reviewAnswer, { args: [{ ...summons, decision: 'accept' }] });
  expect(stepOf(s, 'summons')).toMatchObject({ status: 'open', dueAt: at(31, '11:00') });
  expect(stepOf(s, 'summons').answers[0]!.review).toMatchObject({ decision: 'accepted' });
  expect(stepOf(s, 'summons').hearing!.dispensation!.dispensed).toBeUndefined();
  const [stands] = await titled(caseFile, 'Answer accepted; the hearing stands');
  expect(stands!.text).toContain('so your personal appearance is not dispensed with');
  expect(stands!.text).toContain('उत्तर स्वीकृत, सुनवाई यथावत');
  expect(stands!.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(false);

  await advanceTo(at(31, '12:00'));
  s = await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  expect(others(s).map((m) => m[0])).toContain('hearing-tomorrow');
  s = await act(handle, recordHearingOutcome, {
    args: [{ ...summons, appeared: true, atrFiled: true, firRegistered: true, next: { action: 'close' } }],
  });
  expect(stepOf(s, 'summons')).toMatchObject({ status: 'closed', closedAs: 'hearing-closed' });
  await handle.result();
  await keepHistory(handle, 'answer-after-cut-off');
});

test('staff set, change and remove the cut-off; what cannot be is refused, naming the field', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile); // the NCPCR procedure: no dispensation of its own
  await advanceTo(at(17, '17:01'));
  let s = await eventually(handle, (x) => notices(x).length === 4);
  expect(stepOf(s, 'summons').hearing!.dispensation).toBeUndefined();
  const order = { ...summons, cutOff: dateOf(25), reason: 'Report promised by the DCP', by: 'registrar' };
  const refused = async (args: typeof order | Record<string, unknown>) =>
    refusalOf(handle.executeUpdate(setDispensation, { args: [args as typeof order] }));

  expect(await refused({ ...order, cutOff: dateOf(31) })).toMatchObject({
    type: Refusal.invalidArgument,
    message: `cutOff: must be before the hearing's day (${dateOf(31)})`,
  });
  expect((await refused({ ...order, cutOff: '2030-02-30' })).message).toBe(
    'cutOff: must be a date as YYYY-MM-DD, or null to remove it',
  );
  expect((await refused({ ...order, reason: ' ' })).message).toBe('reason: is required');
  expect((await refused({ ...order, cutOff: null })).message).toBe(
    'cutOff: step summons has no cut-off to remove',
  );
  expect((await refused({ ...order, cutOff: dateOf(16) })).message).toMatch(/^cutOff: .* has passed$/);
  expect((await refused({ ...order, stepId: 'notice' })).message).toBe(
    'stepId: step notice is closed (lapsed)',
  );
  expect(stepOf(await handle.query(getComplaint), 'summons').hearing!.dispensation).toBeUndefined();

  s = await act(handle, setDispensation, { args: [order] });
  expect(stepOf(s, 'summons').hearing).toMatchObject({
    dispensation: { cutOffAt: at(25, '17:00'), cutOffDate: dateOf(25), setBy: 'staff' },
    dispensationChanges: [{ cutOffDate: dateOf(25), reason: order.reason, by: 'registrar' }],
  });
  expect((await refused(order)).message).toBe(`cutOff: the cut-off is already ${dateOf(25)}`);
  const told = await titled(caseFile, 'Condition of the summons ');
  expect(told[0]!.to).toMatchObject({ value: [{ address: DCP }] });
  expect(told[0]!.text).toContain('If the Action Taken Report is received on or before');
  expect(told[0]!.text).toContain('समन की शर्त');

  // A later hearing keeps staff's cut-off (the summons again states it); an earlier one than it clears it.
  s = await act(handle, rescheduleHearing, { args: [{ ...summons, date: dateOf(33), reason: 'Bench' }] });
  expect(stepOf(s, 'summons').hearing!.dispensation).toMatchObject({
    cutOffDate: dateOf(25),
    setBy: 'staff',
  });
  await eventually(handle, (x) => notices(x).length === 5);
  const again = mailsFor(caseFile).filter((m) => m.subject?.startsWith('Summons'));
  expect(again[1]!.text).toContain('However, if the Action Taken Report is received on or before');
  s = await act(handle, rescheduleHearing, { args: [{ ...summons, date: dateOf(24), reason: 'Bench' }] });
  expect(stepOf(s, 'summons').hearing!.dispensation).toBeUndefined();
  await eventually(handle, (x) => notices(x).length === 6);
  const third = mailsFor(caseFile).filter((m) => m.subject?.startsWith('Summons'))[2]!;
  expect(third.text).not.toContain('However, if the Action Taken Report');

  // Set again, then removed: the officer is told each time.
  await act(handle, setDispensation, { args: [{ ...order, cutOff: dateOf(22) }] });
  s = await act(handle, setDispensation, { args: [{ ...order, cutOff: null, reason: 'Appearance needed' }] });
  expect(stepOf(s, 'summons').hearing!.dispensation).toBeUndefined();
  expect(stepOf(s, 'summons').hearing!.dispensationChanges).toHaveLength(3);
  expect((await titled(caseFile, 'Condition of the summons removed'))[0]!.text).toContain(
    'Appearance needed',
  );

  // Once the hearing's time has passed, no cut-off can be set.
  await advanceTo(at(24, '12:00'));
  await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  expect((await refused({ ...order, cutOff: dateOf(23) })).message).toBe(
    `stepId: the hearing of ${dateOf(24)} has passed`,
  );
  expect(others(await handle.query(getComplaint)).filter((m) => m[2] === COMMISSION).length).toBeGreaterThan(
    0,
  );
});

test('a holiday declared late moves the hearing the procedure set, and its cut-off with it; the summons states the new one', async () => {
  await newAnchor(); // Monday day 0
  const notice = DEFAULT_PROCEDURE.steps[0] as DemandStepDefinition;
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'conditional-working-days',
    steps: [
      {
        ...notice,
        answerWithin: { days: 1, kind: 'working' },
        dueSoonReminderBefore: null,
        onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
      },
      {
        id: 'summons',
        kind: 'summons',
        recipient: 'summoned-officer',
        hearingAfter: { days: 5, kind: 'working' },
        hearingTime: '11:00',
        dispensation: { reportBefore: { days: 2, kind: 'working' } },
      },
    ],
    followUp: {
      ...DEFAULT_PROCEDURE.followUp,
      onLapse: { next: null, after: { days: 0, kind: 'calendar' } },
    },
  };
  const caseFile = freshCase();
  const handle = await start(caseFile, procedure);
  // The notice lapses Tuesday day 1: the hearing 5 working days on (Tuesday day 8), the cut-off 2 before (Friday day 4).
  await advanceTo(at(1, '17:01'));
  let s = await eventually(handle, (x) => notices(x).length === 2);
  expect(stepOf(s, 'summons').hearing!.dispensation).toMatchObject({ cutOffAt: at(4, '17:00') });
  // Thursday day 3 declared a holiday: the hearing moves to Wednesday day 9, its cut-off to Monday day 7.
  await handle.executeUpdate(applyHolidays, {
    args: [{ procedureId: procedure.id, revision: 'h1', holidays: [dateOf(3)], by: 'registrar' }],
  });
  s = await eventually(handle, (x) => notices(x).length === 3);
  const hearing = stepOf(s, 'summons').hearing!;
  expect(hearing.hearingAt).toBe(at(9, '11:00'));
  expect(hearing.dispensation).toMatchObject({ cutOffAt: at(7, '17:00'), setBy: 'procedure' });
  const letters = mailsFor(caseFile).filter((m) => m.subject?.startsWith('Summons'));
  expect(letters[1]!.text).toContain(`received on or before ${hearing.dispensation!.cutOffText}`);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});
