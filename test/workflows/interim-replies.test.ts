// Interim replies (issue 24): the officer says why the report is late and when it is expected. By the NCPCR
// procedure it is recorded and staff decide on the date (accepted, the deadline moves to it); a procedure may move
// the deadline at once, up to a limit, and staff may refuse the date (the earlier deadline comes back). The officer
// and the staff are told, once each, in English and Hindi.
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { Refusal } from '../../lib/domain/refusals';
import {
  closeComplaint,
  decideInterimReply,
  getComplaint,
  submitInterimReply,
} from '../../workflows/messages';
import {
  act,
  eventually,
  keepHistory,
  messages,
  OFFICER,
  COMMISSION,
  stepOf,
  refusalOf,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, otherMailsFor } = world;
const notice = { respondentId: 'delhi-police', stepId: 'notice' };

const to = (who: string) => (m: { to?: unknown }) => JSON.stringify(m.to ?? '').includes(who);

test('recorded, then accepted by staff: the deadline moves to the expected date, reminders with it', async () => {
  await newAnchor(); // notice at day 0 (Monday), due day 7 at 17:00, reminder day 5
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(2, '11:00'));
  const reply = {
    ...notice,
    reason: 'The forensic report from the lab is awaited',
    expectedDate: dateOf(10), // a Wednesday
  };
  const receipt = await handle.executeUpdate(submitInterimReply, { args: [reply] });
  expect(receipt.dueAt).toBe(at(7, '17:00'));
  expect(receipt.interimId).toMatch(/interim-1$/);
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(7, '17:00'), version: 1 });
  expect(stepOf(s, 'notice').interimReplies).toEqual([
    expect.objectContaining({ reason: reply.reason, expectedDate: dateOf(10) }),
  ]);
  // One waits for the commission's decision at a time; a date not after the deadline is no interim reply.
  const again = await refusalOf(handle.executeUpdate(submitInterimReply, { args: [reply] }));
  expect(again.message).toMatch(/waits for the commission's decision/);
  await eventually(handle, () => otherMailsFor(caseFile).length >= 2);
  const received = otherMailsFor(caseFile);
  expect(received.filter(to(OFFICER)).map((m) => m.subject?.startsWith('Interim reply received'))).toEqual([
    true,
  ]);
  expect(received.find(to(OFFICER))!.text).toContain(
    'Until the Commission decides on that date, the deadline stands',
  );
  expect(received.find(to(OFFICER))!.text).toContain('अंतरिम उत्तर');
  expect(received.find(to(COMMISSION))!.subject).toMatch(/^Interim reply: /);
  expect(received.find(to(COMMISSION))!.text).toContain('the report is expected by ' + dateOf(10));

  s = await act(handle, decideInterimReply, { args: [{ ...notice, decision: 'accept', by: 'registrar' }] });
  expect(stepOf(s, 'notice')).toMatchObject({
    dueAt: at(10, '17:00'),
    dueSoonAt: at(8, '10:00'),
    version: 2,
  });
  expect(stepOf(s, 'notice').interimReplies![0]).toMatchObject({
    decision: { accepted: true, by: 'registrar' },
    moved: { previousDueAt: at(7, '17:00'), dueAt: at(10, '17:00') },
  });
  expect(stepOf(s, 'notice').extensions.at(-1)!.reason).toBe(
    `Interim reply: report expected by ${dateOf(10)}`,
  );
  // The old reminder does not fire; the new one does.
  await advanceTo(at(8, '10:01'));
  s = await eventually(handle, (x) => messages(x).length === 2);
  expect(messages(s).map((m) => [m[0], m[3]])).toEqual([
    ['notice', at(0, '10:00')],
    ['due-soon-reminder', at(8, '10:00')],
  ]);
  const accepted = otherMailsFor(caseFile).filter((m) => m.subject?.startsWith('Expected date accepted'));
  expect(accepted).toHaveLength(1);
  expect(accepted[0]!.text).toContain('New deadline:');
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'interim-reply-accepted');
});

test('moved at once, up to the limit; refused by staff, the earlier deadline comes back', async () => {
  await newAnchor();
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'interim-moves',
    steps: DEFAULT_PROCEDURE.steps.map((st) =>
      st.kind === 'summons'
        ? st
        : { ...st, interimReplies: { extendsDeadline: true, upToDays: 5, maxReplies: 1 } },
    ),
  };
  const caseFile = freshCase();
  const handle = await start(caseFile, procedure);
  await advanceTo(at(1, '11:00'));
  // Expected on day 21; the limit is the deadline (day 7) + 5 = day 12, as a date staff set: 17:00 that day.
  let s = await act(handle, submitInterimReply, {
    args: [{ ...notice, reason: 'Witnesses out of station', expectedDate: dateOf(21) }],
  });
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(12, '17:00'), version: 2 });
  expect(stepOf(s, 'notice').interimReplies![0]!.moved).toMatchObject({
    capped: true,
    previousDueDate: dateOf(7),
  });
  await eventually(handle, () => otherMailsFor(caseFile).length >= 2);
  const ack = otherMailsFor(caseFile).find((m) => m.subject?.startsWith('Interim reply received'))!;
  expect(ack.text).toContain("The deadline moves to that date (as far as the procedure's limit allows)");

  s = await act(handle, decideInterimReply, {
    args: [
      { ...notice, decision: 'refuse', note: 'The witnesses can be examined by video', by: 'registrar' },
    ],
  });
  expect(stepOf(s, 'notice')).toMatchObject({ dueAt: at(7, '17:00'), version: 3 });
  await eventually(handle, () => otherMailsFor(caseFile).length >= 3);
  const refused = otherMailsFor(caseFile).filter((m) => m.subject?.startsWith('Expected date not accepted'));
  expect(refused).toHaveLength(1);
  expect(refused[0]!.text).toContain('The witnesses can be examined by video');
  // One reply is this procedure's most.
  const more = await refusalOf(
    handle.executeUpdate(submitInterimReply, {
      args: [{ ...notice, reason: 'Again', expectedDate: dateOf(9) }],
    }),
  );
  expect(more.message).toBe("stepId: step notice has taken 1 interim replies, the procedure's most");
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  await handle.result();
  await keepHistory(handle, 'interim-reply-refused');
});

test('bad interim replies are refused by name and change nothing', async () => {
  await newAnchor();
  const plain: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'no-interim',
    steps: DEFAULT_PROCEDURE.steps.map((st) =>
      st.kind === 'summons' ? st : { ...st, interimReplies: undefined },
    ),
  };
  const withRule = await start(freshCase());
  const early = await refusalOf(
    withRule.executeUpdate(submitInterimReply, {
      args: [{ ...notice, reason: 'Soon', expectedDate: dateOf(7) }],
    }),
  );
  expect([early.type, early.message]).toEqual([
    Refusal.invalidArgument,
    `expectedDate: must be later than the deadline (${dateOf(7)}); answer by then`,
  ]);
  const badDate = await refusalOf(
    withRule.executeUpdate(submitInterimReply, {
      args: [{ ...notice, reason: 'Soon', expectedDate: '2030-02-30' }],
    }),
  );
  expect(badDate.message).toBe('expectedDate: must be a date as YYYY-MM-DD');
  const none = await refusalOf(
    withRule.executeUpdate(decideInterimReply, { args: [{ ...notice, decision: 'accept' }] }),
  );
  expect(none.message).toBe('stepId: no interim reply on step notice waits for a decision');
  expect(stepOf(await withRule.query(getComplaint), 'notice').interimReplies).toBeUndefined();
  await withRule.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });

  const handle = await start(freshCase(), plain);
  const off = await refusalOf(
    handle.executeUpdate(submitInterimReply, {
      args: [{ ...notice, reason: 'Soon', expectedDate: dateOf(9) }],
    }),
  );
  expect(off.message).toBe('stepId: the procedure takes no interim reply on step notice');
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
});
