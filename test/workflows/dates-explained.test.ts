// A running complaint's dates explain themselves: each step keeps how its due date or hearing was computed, from
// the planning activity (or the plan made with the step before it), replaced when the date moves.
import { closeComplaint, extendDeadline, getComplaint, rescheduleHearing } from '../../workflows/messages';
import { act, eventually, notices, stepOf, useTimeSkippingWorld } from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start } = world;

const calendarDays = (days: number) => ({ days, kind: 'calendar' });

test('every date a complaint computes carries its derivation: the notice, an extension, the lapses, a moved hearing', async () => {
  await newAnchor(); // a Monday, 10:00
  const handle = await start(freshCase());
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice').derivation).toEqual([
    { step: 'counted-from', date: dateOf(0) },
    { step: 'counted', period: calendarDays(7), to: dateOf(7), passedOver: [] },
    { step: 'due', date: dateOf(7), time: '17:00', instant: at(7, '17:00'), clock: null },
  ]);

  // Staff extend the deadline: the derivation is now the staff's date, not the count.
  s = await act(handle, extendDeadline, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        until: dateOf(14),
        reason: 'Data awaited from the platform',
      },
    ],
  });
  expect(stepOf(s, 'notice').derivation).toEqual([
    { step: 'set-by-staff', date: dateOf(14) },
    { step: 'due', date: dateOf(14), time: '17:00', instant: at(14, '17:00'), clock: null },
  ]);

  // The lapse opens the overdue reminder from the plan made with the extension: its derivation came with it.
  await advanceTo(at(17, '10:01'));
  s = await eventually(handle, (x) => notices(x).length === 3);
  expect(stepOf(s, 'overdue-reminder').derivation).toEqual([
    { step: 'counted-from', date: dateOf(17) },
    { step: 'counted', period: calendarDays(7), to: dateOf(24), passedOver: [] },
    { step: 'due', date: dateOf(24), time: '17:00', instant: at(24, '17:00'), clock: null },
  ]);

  // Its lapse issues the summons: the hearing 14 calendar days from the summons' day, at the hearing time.
  await advanceTo(at(24, '17:01'));
  s = await eventually(handle, (x) => notices(x).length === 4);
  expect(stepOf(s, 'summons')).toMatchObject({ dueAt: at(38, '11:00') });
  expect(stepOf(s, 'summons').derivation).toEqual([
    { step: 'counted-from', date: dateOf(24) },
    { step: 'counted', period: calendarDays(14), to: dateOf(38), passedOver: [] },
    { step: 'hearing', date: dateOf(38), time: '11:00', instant: at(38, '11:00'), clock: null },
  ]);

  // Staff move the hearing: set by staff.
  s = await act(handle, rescheduleHearing, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'summons',
        date: dateOf(45),
        time: '15:00',
        reason: 'The Commission sits elsewhere',
      },
    ],
  });
  expect(stepOf(s, 'summons').derivation).toEqual([
    { step: 'set-by-staff', date: dateOf(45) },
    { step: 'hearing', date: dateOf(45), time: '15:00', instant: at(45, '15:00'), clock: null },
  ]);

  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Heard elsewhere' }] });
  expect((await handle.result()).closure.kind).toBe('disposed');
});
