// The urgent procedure that ships (procedures/urgent-48-hours.json) on the time-skipping server: a child in
// danger, so the notice is answered within 48 hours of the instant it went out, reminded at 24 hours, and its
// lapse issues the summons at once. The real emails are read in the SMTP sink.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { withResolvedHolidays } from '../../lib/procedure/holiday-calendar';
import { parseProcedure } from '../../lib/procedure/procedure';
import { PROJECT_ROOT } from '../../lib/project-root';
import { closeComplaint, getComplaint } from '../../workflows/messages';
import {
  DCP,
  eventually,
  keepHistory,
  OFFICER,
  useTimeSkippingWorld,
  ZONE,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, advanceTo, freshCase, start, mailsFor } = world;
const HOUR = 3_600_000;

const urgent = parseProcedure(
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'procedures', 'urgent-48-hours.json'), 'utf8')),
);
const iso = (ms: number) => new Date(ms).toISOString();
const addressOf = (m: { to?: unknown }) => (m.to as { value: { address: string }[] }).value[0]!.address;
/** The date people read in the letters: `Wednesday 9 June 2021`. */
const longDate = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('cccc d LLLL yyyy');

test('urgent: notice, reminder at +24 h (not before), summons at +48 h on the lapse, hearing three working days on', async () => {
  await newAnchor();
  const caseFile = freshCase();
  // As `complaint start` freezes it: the holiday calendar resolved into dates.
  const procedure = withResolvedHolidays(urgent, new Date(await world.env.currentTimeMs()));
  const handle = await start(caseFile, procedure);
  // The officers' mails of this case (the lapse also alerts the staff, in the same sink).
  const officerMails = (count: number) =>
    world.sink.waitForMessages(count, (m) => mailsFor(caseFile).includes(m));

  let s = await handle.query(getComplaint);
  const notice = s.respondents[0]!.steps.find((st) => st.stepId === 'notice')!;
  const sentAt = Date.parse(notice.issuedAt);
  // Elapsed hours from the instant it went out, to the millisecond: no due time, no day.
  expect(notice.dueAt).toBe(iso(sentAt + 48 * HOUR).replace('.000Z', 'Z'));
  const [noticeMail] = await officerMails(1);
  expect(mailsFor(caseFile)).toHaveLength(1);
  expect(addressOf(noticeMail!)).toBe(OFFICER);
  expect(noticeMail!.subject).toMatch(/^Notice /);
  expect(noticeMail!.text).toContain(`Deadline: ${longDate(sentAt + 48 * HOUR)}, 10:00`);

  // A minute before the 24th hour: no reminder yet.
  await advanceTo(iso(sentAt + 24 * HOUR - 60_000));
  s = await handle.query(getComplaint);
  expect(s.respondents[0]!.messages.map((m) => m.kind)).toEqual(['notice']);
  expect(mailsFor(caseFile)).toHaveLength(1);

  // At the 24th hour, the due-soon reminder, naming the same deadline.
  await advanceTo(iso(sentAt + 24 * HOUR + 60_000));
  s = await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'due-soon-reminder'));
  const reminder = s.respondents[0]!.messages.find((m) => m.kind === 'due-soon-reminder')!;
  expect(Date.parse(reminder.scheduledFor)).toBe(sentAt + 24 * HOUR);
  const reminderMail = (await officerMails(2))[1]!;
  expect(addressOf(reminderMail)).toBe(OFFICER);
  expect(reminderMail.subject).toMatch(/^Reminder: deadline approaching /);
  expect(reminderMail.text).toContain(`Deadline: ${longDate(sentAt + 48 * HOUR)}, 10:00`);

  // A minute before the 48th hour: still open, no summons.
  await advanceTo(iso(sentAt + 48 * HOUR - 60_000));
  s = await handle.query(getComplaint);
  expect(s.respondents[0]!.steps.map((st) => [st.stepId, st.status])).toEqual([['notice', 'open']]);
  expect(mailsFor(caseFile)).toHaveLength(2);

  // At the 48th hour the notice lapses and the summons goes out at once, to the named officer.
  await advanceTo(iso(sentAt + 48 * HOUR + 60_000));
  s = await eventually(handle, (x) => x.respondents[0]!.steps.some((st) => st.stepId === 'summons'));
  const summons = s.respondents[0]!.steps.find((st) => st.stepId === 'summons')!;
  expect(Date.parse(summons.issuedAt)).toBe(sentAt + 48 * HOUR);
  // The hearing: the third working day after the summons' day (India's weekend and national holidays), 11:00.
  let hearingDay = DateTime.fromMillis(sentAt + 48 * HOUR, { zone: ZONE }).startOf('day');
  for (let working = 0; working < 3;) {
    hearingDay = hearingDay.plus({ days: 1 });
    if (hearingDay.weekday <= 5 && !procedure.rules.holidays.includes(hearingDay.toISODate()!)) working++;
  }
  const hearingAt = hearingDay.set({ hour: 11 });
  expect(summons.dueAt).toBe(hearingAt.toUTC().toISO({ suppressMilliseconds: true }));
  const summonsMail = (await officerMails(3))[2]!;
  expect(addressOf(summonsMail)).toBe(DCP);
  expect(summonsMail.subject).toMatch(/^Summons /);
  expect(summonsMail.text).toContain(`Hearing: ${hearingAt.toFormat('cccc d LLLL yyyy')}, 11:00`);
  expect(mailsFor(caseFile).map((m) => m.subject!.split(' ')[0])).toEqual(['Notice', 'Reminder:', 'Summons']);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'urgent-hours');
});
