// A holiday declared late (issue 24 point 5): a running complaint told of its procedure's new holidays moves each
// open deadline still to come that they move, tells its officer once (English and Hindi), and its reminder follows
// the new date; a holiday after the deadline, or a deadline already passed, moves nothing; the same revision again
// changes nothing.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import type { HolidayChange } from '../../lib/domain/holidays';
import { Refusal } from '../../lib/domain/refusals';
import { applyHolidays, closeComplaint, getComplaint } from '../../workflows/messages';
import { eventually, messages, OFFICER, stepOf, useTimeSkippingWorld } from '../helpers/time-skipping-world';

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
