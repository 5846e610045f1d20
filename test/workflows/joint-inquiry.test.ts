// A joint inquiry (issue 25, point 3): a second commission (a State Commission, as NCPCR's e-Baal Nidan allows) is
// copied on the complaint's officer messages while its inquiry is open: a separate message each, once, without
// the officer's answer link; ended, no more copies. Bad openings and endings are refused by name.
import type { ParsedMail } from 'mailparser';
import { Refusal } from '../../lib/domain/refusals';
import { MAX_JOINT_INQUIRIES } from '../../lib/domain/joint-inquiries';
import { closeComplaint, endJointInquiry, getComplaint, openJointInquiry } from '../../workflows/messages';
import {
  eventually,
  links,
  messages,
  OFFICER,
  refusalOf,
  useTimeSkippingWorld,
  keepHistory,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, advanceTo, freshCase, start } = world;

const SCPCR = { name: 'Delhi Commission for Protection of Child Rights', email: 'inquiries@dcpcr.example' };
const to = (who: string) => (m: ParsedMail) => JSON.stringify(m.to ?? '').includes(who);
const copiesIn = (reference: string) =>
  world.sink.messages.filter((m) => to(SCPCR.email)(m) && m.subject?.includes(reference));
const officerMails = (reference: string) =>
  world.sink.messages.filter((m) => to(OFFICER)(m) && m.subject?.includes(`${reference}:`));

/** A copy carries the letter, names what it is, and holds no link that answers as the officer. */
function expectCopyWithoutLink(copy: ParsedMail, subjectStart: string): void {
  expect(copy.subject).toMatch(new RegExp(`^Copy \\(joint inquiry\\): ${subjectStart}`));
  expect(copy.text).toContain(`Copy for the joint inquiry of ${SCPCR.name}`);
  expect(copy.text).toContain("The officer's secure answer link is withheld from this copy");
  expect(copy.text).toContain('संयुक्त जाँच हेतु प्रति');
  for (const part of [copy.text!, String(copy.html)]) {
    expect(part).not.toContain(links.urlFor('').replace(/\/$/, ''));
    expect(part).not.toMatch(/\/answer\//);
  }
  // Not a Cc of the officer's message: addressed to the commission alone.
  expect(JSON.stringify(copy.to)).not.toContain(OFFICER);
  expect(copy.cc).toBeUndefined();
}

test('open: the letter standing and each message after are copied, without the link; ended: no more', async () => {
  await newAnchor(); // notice at day 0 (Monday), due day 7 at 17:00, due-soon reminder day 5
  const caseFile = freshCase();
  const ref = caseFile.caseReference;
  const handle = await start(caseFile);
  expect(copiesIn(ref)).toHaveLength(0);

  const receipt = await handle.executeUpdate(openJointInquiry, {
    args: [{ commission: SCPCR, reason: 'Joint inquiry on the e-Baal Nidan portal', by: 'registrar' }],
  });
  expect(receipt).toEqual({ commissionEmail: SCPCR.email, open: 1 });
  // The notice the officer holds reaches the joint commission, once, with its PDF; not the officer a second time.
  await eventually(handle, () => copiesIn(ref).length === 1);
  const [noticeCopy] = copiesIn(ref);
  expectCopyWithoutLink(noticeCopy!, `Notice ${ref}`);
  expect(noticeCopy!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  expect(officerMails(ref)).toHaveLength(1);
  // The officer's own notice still has its working link.
  expect(officerMails(ref)[0]!.text).toMatch(/\/answer\//);

  await advanceTo(at(5, '10:01'));
  await eventually(handle, (s) => messages(s).length === 2);
  await eventually(handle, () => copiesIn(ref).length === 2);
  const reminderCopy = copiesIn(ref)[1]!;
  expectCopyWithoutLink(reminderCopy, 'Reminder: deadline approaching');
  expect(copiesIn(ref).filter((m) => m.subject?.includes('Reminder'))).toHaveLength(1);

  const ended = await handle.executeUpdate(endJointInquiry, {
    args: [{ commissionEmail: SCPCR.email, reason: 'State inquiry concluded', by: 'registrar' }],
  });
  expect(ended).toEqual({ commissionEmail: SCPCR.email, open: 0 });
  // The deadline lapses: the officer gets the overdue reminder (three days on), the joint commission nothing more.
  await advanceTo(at(10, '17:01'));
  await eventually(handle, (s) => s.respondents[0]!.messages.some((m) => m.kind === 'overdue-reminder'));
  expect(officerMails(ref).some((m) => m.subject?.startsWith('Overdue reminder'))).toBe(true);
  expect(copiesIn(ref)).toHaveLength(2);
  const s = await handle.query(getComplaint);
  expect(s.jointInquiries).toEqual([
    expect.objectContaining({
      commission: SCPCR,
      by: 'registrar',
      since: expect.any(String) as string,
      until: expect.any(String) as string,
      endReason: 'State inquiry concluded',
    }),
  ]);
  // Each copy has its own outbox row, to the joint commission, sent once.
  const rows = await world.records.db
    .selectFrom('notices')
    .select(['recipient', 'status', 'kind'])
    .where('workflow_id', '=', s.workflowId)
    .where('recipient', '=', SCPCR.email)
    .execute();
  expect(rows.map((r) => [r.kind, r.status])).toEqual([
    ['notice', 'sent'],
    ['due-soon-reminder', 'sent'],
  ]);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'joint-inquiry-copied');
});

test('bad openings and endings are refused by name and change nothing', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const open = (arg: unknown) => refusalOf(handle.executeUpdate(openJointInquiry, { args: [arg as never] }));
  const badEmail = await open({ commission: { name: 'X', email: 'not-an-address' }, reason: 'r' });
  expect([badEmail.type, badEmail.message]).toEqual([
    Refusal.invalidArgument,
    'commission.email: must be an email address',
  ]);
  expect((await open({ commission: SCPCR, reason: ' ' })).message).toBe('reason: is required');
  expect((await open({ reason: 'r' })).message).toBe('commission: is required');
  expect((await open({ commission: { email: SCPCR.email }, reason: 'r' })).message).toBe(
    'commission.name: is required',
  );
  expect(
    (await open({ commission: { name: 'Ourselves', email: caseFile.commission.email }, reason: 'r' }))
      .message,
  ).toBe('commission.email: is the address of the commission holding the complaint');
  const notOpen = await refusalOf(
    handle.executeUpdate(endJointInquiry, { args: [{ commissionEmail: SCPCR.email, reason: 'r' }] }),
  );
  expect(notOpen.message).toBe(`commissionEmail: no joint inquiry with ${SCPCR.email} is open`);
  expect((await handle.query(getComplaint)).jointInquiries).toBeUndefined();

  await handle.executeUpdate(openJointInquiry, { args: [{ commission: SCPCR, reason: 'Joint inquiry' }] });
  expect((await open({ commission: SCPCR, reason: 'Again' })).message).toBe(
    `commission.email: a joint inquiry with ${SCPCR.email} is already open`,
  );
  // A complaint's joint inquiries are bounded: opened and ended, they still count.
  for (let i = 1; i < MAX_JOINT_INQUIRIES; i++)
    await handle.executeUpdate(openJointInquiry, {
      args: [{ commission: { name: `State ${i}`, email: `state${i}@scpcr.example` }, reason: 'Joint' }],
    });
  const tooMany = await open({ commission: { name: 'State 9', email: 'state9@scpcr.example' }, reason: 'r' });
  expect(tooMany.message).toBe(
    `commission: complaint ${caseFile.caseReference} has had ${MAX_JOINT_INQUIRIES} joint inquiries, the most a complaint may`,
  );
  expect((await handle.query(getComplaint)).jointInquiries).toHaveLength(MAX_JOINT_INQUIRIES);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  const closed = await open({ commission: { name: 'Late', email: 'late@scpcr.example' }, reason: 'r' });
  expect(closed.type).toBe(Refusal.complaintClosed);
});

test('a joint inquiry carries over continue-as-new: the next run still copies, once', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const ref = caseFile.caseReference;
  // A small history budget: the complaint continues as new on its way to the overdue reminder.
  const handle = await start(caseFile, undefined, { historyBudget: { events: 60, bytes: 10 * 1024 * 1024 } });
  const firstRun = (await handle.describe()).runId;
  await handle.executeUpdate(openJointInquiry, { args: [{ commission: SCPCR, reason: 'Joint inquiry' }] });
  await eventually(handle, () => copiesIn(ref).length === 1);
  await advanceTo(at(10, '17:01'));
  await eventually(handle, () => copiesIn(ref).length === 3);
  expect((await handle.describe()).runId).not.toBe(firstRun);
  const s = await handle.query(getComplaint);
  expect(s.jointInquiries).toEqual([expect.objectContaining({ commission: SCPCR })]);
  expect(s.jointInquiries![0]!.until).toBeUndefined();
  expect(copiesIn(ref).map((m) => m.subject!.split(` ${ref}`)[0])).toEqual([
    'Copy (joint inquiry): Notice',
    'Copy (joint inquiry): Reminder: deadline approaching',
    'Copy (joint inquiry): Overdue reminder',
  ]);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
});
