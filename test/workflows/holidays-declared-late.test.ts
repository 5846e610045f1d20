// A holiday declared late (issue 24 point 5): a running complaint told of its procedure's new holidays moves each
// open deadline still to come that they move, tells its officer once (English and Hindi), and its reminder follows
// the new date; a holiday after the deadline, or a deadline already passed, moves nothing; the same revision again
// changes nothing.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DEFAULT_PROCEDURE, type DemandStepDefinition, type Procedure } from '../../lib/procedure/procedure';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import type { HolidayChange } from '../../lib/domain/holidays';
import { Refusal } from '../../lib/domain/refusals';
import {
  applyHolidays,
  closeComplaint,
  getComplaint,
  rescheduleHearing,
  restartClock,
  stopClock,
} from '../../workflows/messages';
import {
  eventually,
  keepHistory,
  messages,
  OFFICER,
  stepOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, otherMailsFor } = world;

/** Five working days to answer, a reminder one working day before, letters in English and Hindi. */
const WORKING_DAYS: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'working-days-test',
  steps: DEFAULT_PROCEDURE.steps.map((s) =>
    s.id === 'notice' && s.kind === 'notice'
      ? {
          ...s,
          answerWithin: { days: 5, kind: 'working' },
          dueSoonReminderBefore: { days: 1, kind: 'working' },
        }
      : s,
  ),
};

const change = (revision: string, holidays: string[], names?: Record<string, string>): HolidayChange => ({
  procedureId: WORKING_DAYS.id,
  revision,
  holidays,
  ...(names ? { names } : {}),
  by: 'registrar',
});

const movedMails = (caseFile: ReturnType<typeof freshCase>) =>
  otherMailsFor(caseFile).filter((m) => m.subject?.startsWith('Deadline moved'));

test('a holiday before the deadline moves it a working day on; the officer is told once; the reminder follows', async () => {
  await newAnchor(); // Monday day 0: 5 working days → due Monday day 7, 17:00; reminder Friday day 4, 10:00
  const caseFile = freshCase();
  const handle = await start(caseFile, WORKING_DAYS);
  expect(stepOf(await handle.query(getComplaint), 'notice')).toMatchObject({
    dueAt: at(7, '17:00'),
    dueSoonAt: at(4, '10:00'),
    version: 1,
  });
  await advanceTo(at(1, '11:00'));

  const wednesday = dateOf(2);
  const receipt = await handle.executeUpdate(applyHolidays, {
    args: [change('r1', [wednesday], { [wednesday]: 'Foundation Day' })],
  });
  expect(receipt).toEqual({
    revision: 'r1',
    moved: [{ respondentId: 'delhi-police', stepId: 'notice', from: at(7, '17:00'), to: at(8, '17:00') }],
  });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({
    dueAt: at(8, '17:00'),
    dueSoonAt: at(7, '10:00'),
    version: 2,
  });
  expect(s.holidays).toMatchObject({ revision: 'r1', dates: [wednesday], by: 'registrar' });

  // The same revision again (another Update ID): nothing moves, nobody is told again.
  expect(await handle.executeUpdate(applyHolidays, { args: [change('r1', [wednesday])] })).toEqual({
    revision: 'r1',
    moved: [],
  });
  // A holiday after the deadline moves nothing.
  const later = await handle.executeUpdate(applyHolidays, {
    args: [change('r2', [wednesday, dateOf(15)])],
  });
  expect(later).toEqual({ revision: 'r2', moved: [] });

  // The old reminder's time passes without it; it comes at its new time.
  await advanceTo(at(4, '10:01'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);
  await advanceTo(at(7, '10:01'));
  s = await eventually(handle, (x) => messages(x).length === 2);
  expect(messages(s)[1]).toEqual(['due-soon-reminder', 'notice', OFFICER, at(7, '10:00')]);

  // Told once, in English and Hindi, naming the holiday and both deadlines.
  await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'deadline-moved'));
  const told = movedMails(caseFile);
  expect(told).toHaveLength(1);
  expect(told[0]!.text).toMatch(/The Commission has declared \d+ \w+ \d{4} \(Foundation Day\) a holiday\./);
  expect(told[0]!.text).toMatch(
    /Your deadline moves from \w+ \d+ \w+ \d{4}, 17:00 .* to \w+ \d+ \w+ \d{4}, 17:00/,
  );
  expect(told[0]!.text).toContain('को अवकाश घोषित किया है');
  expect(told[0]!.text).toContain('समय-सीमा बदली गई');

  // Its deadline passed, a holiday before it moves it no more.
  await advanceTo(at(8, '17:01'));
  await eventually(handle, (x) => stepOf(x, 'notice').overdue);
  const passed = await handle.executeUpdate(applyHolidays, {
    args: [change('r3', [wednesday, dateOf(3), dateOf(15)])],
  });
  expect(passed).toEqual({ revision: 'r3', moved: [] });
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(8, '17:00'), version: 2 });
  expect(movedMails(caseFile)).toHaveLength(1);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'holiday-declared-late');
});

test('a holiday withdrawn moves the deadline back, and the officer is told which', async () => {
  await newAnchor();
  const wednesday = dateOf(2);
  const caseFile = freshCase();
  const handle = await start(caseFile, {
    ...WORKING_DAYS,
    rules: { ...WORKING_DAYS.rules, holidays: [wednesday] },
  });
  expect(stepOf(await handle.query(getComplaint), 'notice').dueAt).toBe(at(8, '17:00'));
  const receipt = await handle.executeUpdate(applyHolidays, { args: [change('w1', [])] });
  expect(receipt.moved).toEqual([
    { respondentId: 'delhi-police', stepId: 'notice', from: at(8, '17:00'), to: at(7, '17:00') },
  ]);
  await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'deadline-moved'));
  expect(movedMails(caseFile)[0]!.text).toMatch(
    /The Commission has withdrawn the holiday of \d+ \w+ \d{4}\./,
  );
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});

test('a holiday after the deadline moves nothing told, but the step its lapse issues counts with it', async () => {
  await newAnchor(); // notice due Monday day 7; lapse → overdue reminder issued Thursday day 10, 5 working days
  const procedure: Procedure = {
    ...WORKING_DAYS,
    steps: WORKING_DAYS.steps.map((st) =>
      st.id === 'overdue-reminder' && st.kind === 'reminder'
        ? { ...st, answerWithin: { days: 5, kind: 'working' } }
        : st,
    ),
  };
  const caseFile = freshCase();
  const handle = await start(caseFile, procedure);
  const planned = (x: ComplaintState) => {
    const next = stepOf(x, 'notice').plannedNext;
    return next?.kind === 'demand' ? next.plan.dueAt : undefined;
  };
  expect(planned(await handle.query(getComplaint))).toBe(at(17, '17:00'));
  // Monday day 14, after the notice's deadline: the notice stays, the reminder it will issue is planned again.
  const r1 = await handle.executeUpdate(applyHolidays, { args: [change('n1', [dateOf(14)])] });
  expect(r1.moved).toEqual([]);
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(7, '17:00'), version: 1 });
  expect(planned(s)).toBe(at(18, '17:00'));
  // Lapsed, its escalation to come: Tuesday day 15 too; the reminder is planned when it is issued.
  await advanceTo(at(8, '12:00'));
  await eventually(handle, (x) => stepOf(x, 'notice').overdue);
  const r2 = await handle.executeUpdate(applyHolidays, { args: [change('n2', [dateOf(14), dateOf(15)])] });
  expect(r2.moved).toEqual([]);
  await advanceTo(at(10, '10:01'));
  s = await eventually(handle, (x) => stepOf(x, 'overdue-reminder') !== undefined);
  // Friday 11, Wednesday 16, Thursday 17, Friday 18, Monday 21: both holidays passed over.
  expect(stepOf(s, 'overdue-reminder').dueAt).toBe(at(21, '17:00'));
  expect(movedMails(caseFile)).toHaveLength(0);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});

test('a stopped clock keeps its dates; its restart counts with the new holidays', async () => {
  await newAnchor(); // due Monday day 7, 17:00
  const handle = await start(freshCase(), WORKING_DAYS);
  const notice = { respondentId: 'delhi-police', stepId: 'notice' };
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(stopClock, { args: [{ ...notice, grounds: 'fee' }] });
  // Friday day 4 declared while the clock stands stopped: its dates stay as they are.
  const receipt = await handle.executeUpdate(applyHolidays, { args: [change('s1', [dateOf(4)])] });
  expect(receipt.moved).toEqual([]);
  expect(stepOf(await handle.query(getComplaint), 'notice')).toMatchObject({
    dueAt: at(7, '17:00'),
    version: 2,
  });
  // Restarted on day 3: Tuesday and Wednesday (2 working days) were stopped. Counted with the new holiday, 5
  // working days are due Tuesday day 8, and 2 more make Thursday day 10 (without it: Wednesday day 9).
  await advanceTo(at(3, '11:00'));
  await handle.executeUpdate(restartClock, { args: [notice] });
  expect(stepOf(await handle.query(getComplaint), 'notice').dueAt).toBe(at(10, '17:00'));
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});

test('a hearing the procedure set moves, its summons sent again; one staff set does not', async () => {
  await newAnchor();
  const notice = WORKING_DAYS.steps[0] as DemandStepDefinition;
  const procedure: Procedure = {
    ...WORKING_DAYS,
    id: 'working-days-test',
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
        recipient: 'officer',
        hearingAfter: { days: 5, kind: 'working' },
        hearingTime: '11:00',
      },
    ],
    followUp: {
      ...WORKING_DAYS.followUp,
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
    },
  };
  const handle = await start(freshCase(), procedure);
  // The notice lapses Tuesday day 1 at 17:00: the summons is issued, the hearing 5 working days on, Tuesday day 8.
  await advanceTo(at(1, '17:01'));
  let s = await eventually(handle, (x) => messages(x).some((m) => m[0] === 'summons'));
  expect(stepOf(s, 'summons').dueAt).toBe(at(8, '11:00'));
  const receipt = await handle.executeUpdate(applyHolidays, { args: [change('h1', [dateOf(3)])] });
  expect(receipt.moved).toEqual([
    { respondentId: 'delhi-police', stepId: 'summons', from: at(8, '11:00'), to: at(9, '11:00') },
  ]);
  s = await eventually(handle, (x) => messages(x).filter((m) => m[0] === 'summons').length === 2);
  expect(stepOf(s, 'summons').hearing).toMatchObject({
    hearingAt: at(9, '11:00'),
    rescheduled: [expect.objectContaining({ hearingAt: at(8, '11:00'), holidays: 'h1' })],
  });
  // Staff set the hearing themselves: a later holiday leaves it where they put it.
  await handle.executeUpdate(rescheduleHearing, {
    args: [{ respondentId: 'delhi-police', stepId: 'summons', date: dateOf(11), reason: 'Bench' }],
  });
  const after = await handle.executeUpdate(applyHolidays, { args: [change('h2', [dateOf(3), dateOf(10)])] });
  expect(after.moved).toEqual([]);
  expect(stepOf(await handle.query(getComplaint), 'summons').dueAt).toBe(at(11, '11:00'));
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});

test('refused, naming the field: another procedure, a bad date; nothing changes', async () => {
  await newAnchor();
  const handle = await start(freshCase(), WORKING_DAYS);
  const refusal = async (c: HolidayChange) => {
    const err = (await handle
      .executeUpdate(applyHolidays, { args: [c] })
      .catch((e: unknown) => e)) as WorkflowUpdateFailedError;
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return err.cause as Error & { type?: string };
  };
  const other = await refusal({ ...change('x', [dateOf(2)]), procedureId: 'ncpcr-seven-days' });
  expect(other.type).toBe(Refusal.invalidArgument);
  expect(other.message).toMatch(
    /^procedureId: complaint .* runs procedure working-days-test, not ncpcr-seven-days$/,
  );
  expect((await refusal(change('x', ['2021-02-30']))).message).toBe(
    'holidays: 2021-02-30 must be a date as YYYY-MM-DD',
  );
  expect((await refusal(change(' ', [dateOf(2)]))).message).toBe('revision: must not be empty');
  const s = await handle.query(getComplaint);
  expect(s.holidays).toBeUndefined();
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(7, '17:00'), version: 1 });
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'Withdrawn' }] });
  await handle.result();
});
