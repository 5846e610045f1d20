// Transfer (issue 25, point 3): staff send one respondent's track, or the whole complaint, to another body. The
// body's email carries the transfer letter (English and Hindi) and the case papers as a PDF; the track closes as
// transferred with the body and the date, the complainant is noted as to be told; a procedure's acknowledgement
// period brings a reminder to the body and an alert to staff when it passes unacknowledged, and none when the body
// acknowledged through its link.
import type { ParsedMail } from 'mailparser';
import { recipientHash } from '../../lib/domain/recipient-hash';
import { Refusal } from '../../lib/domain/refusals';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import {
  acknowledgeTransfer,
  extendDeadline,
  getComplaint,
  submitAnswer,
  transferComplaint,
} from '../../workflows/messages';
import { SUBSIDIARY } from '../helpers/fixtures';
import { pdfText } from '../helpers/pdf-text';
import {
  answer,
  COMMISSION,
  eventually,
  links,
  OFFICER,
  refusalOf,
  stepOf,
  useTimeSkippingWorld,
  keepHistory,
} from '../helpers/time-skipping-world';

const NO_SUCH_BODY = 'registry@no-such-commission.example';
const world = useTimeSkippingWorld({ sink: { rejectRecipients: [NO_SUCH_BODY] } });
const { newAnchor, at, advanceTo, freshCase, start } = world;

const BODY = {
  name: 'Karnataka State Commission for Protection of Child Rights',
  email: 'kscpcr@karnataka.example',
  address: ['No. 4, Bhagwan Mahaveer Road', 'Bengaluru 560001'],
};
/** CPGRAMS: the body acknowledges within 5 working days. */
const ACKNOWLEDGING: Procedure = {
  ...DEFAULT_PROCEDURE,
  transfer: { acknowledgeWithin: { days: 5, kind: 'working' } },
};
const toBody = (m: ParsedMail) => JSON.stringify(m.to ?? '').includes(BODY.email);
const toStaff = (m: ParsedMail) => JSON.stringify(m.to ?? '').includes(COMMISSION);
/** The text of every PDF attached: the letter with the complaint, then each respondent's papers. */
const papersOf = (m: ParsedMail) =>
  m.attachments
    .filter((a) => a.contentType === 'application/pdf')
    .map((a) => pdfText(a.content))
    .join(' ');
const pdfNames = (m: ParsedMail) =>
  m.attachments.filter((a) => a.contentType === 'application/pdf').map((a) => a.filename);

test('one track transferred: the body gets the letter and the case papers, the track closes as transferred, the other runs on; acknowledged, no reminder', async () => {
  await newAnchor(); // notice at day 0 (Monday 10:00), due day 7 at 17:00
  const caseFile = freshCase({ respondents: [...freshCase().respondents, SUBSIDIARY] });
  const handle = await start(caseFile, ACKNOWLEDGING);
  await advanceTo(at(1, '12:00'));
  await handle.executeUpdate(submitAnswer, {
    args: [
      answer(
        'notice',
        'The platform preserved the accounts; the data was shared with the police',
        SUBSIDIARY.id,
      ),
    ],
  });
  await advanceTo(at(2, '11:00'));
  const receipt = await handle.executeUpdate(transferComplaint, {
    args: [
      {
        respondentId: SUBSIDIARY.id,
        body: BODY,
        reason: 'The platform is registered in Karnataka',
        by: 'Registrar',
      },
    ],
  });
  // 5 working days from Wednesday: the next Wednesday, at the procedure's time of day.
  expect(receipt).toEqual({
    transferId: 'transfer-1',
    respondentId: SUBSIDIARY.id,
    at: receipt.at,
    acknowledgeBy: at(9, '17:00'),
  });

  let s = await eventually(handle, (x) => x.transfers?.[0]?.letter !== undefined);
  expect(stepOf(s, 'notice', SUBSIDIARY.id)).toMatchObject({ status: 'closed', closedAs: 'transferred' });
  expect(s.respondents.find((r) => r.respondentId === SUBSIDIARY.id)).toMatchObject({
    status: 'closed',
    transferredAs: 'transfer-1',
  });
  expect(s.transfers).toEqual([
    expect.objectContaining({
      transferId: 'transfer-1',
      body: BODY,
      reason: 'The platform is registered in Karnataka',
    }),
  ]);
  expect(s.complainantToTell).toEqual([{ kind: 'transferred', transferId: 'transfer-1', at: receipt.at }]);
  // The other track runs on, its dates unchanged.
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'open', dueAt: at(7, '17:00') });
  expect(s.closure).toBeUndefined();

  const letters = world.sink.messages.filter(toBody);
  expect(letters).toHaveLength(1);
  const letter = letters[0]!;
  expect(letter.subject).toBe(`Transfer of complaint / शिकायत का अंतरण: ${caseFile.caseReference}`);
  expect(letter.text).toContain('Reason for the transfer: The platform is registered in Karnataka');
  expect(letter.text).toContain('अंतरण का कारण');
  expect(pdfNames(letter)).toEqual([
    `transfer-${caseFile.caseReference.replace(/\//g, '-')}-transfer-1.pdf`,
    `case-papers-${caseFile.caseReference.replace(/\//g, '-')}-transfer-1-network-india.pdf`,
  ]);
  const papers = papersOf(letter);
  expect(papers).toContain(caseFile.caseReference);
  expect(papers).toContain('Case papers');
  expect(papers).toContain(SUBSIDIARY.name);
  expect(papers).toMatch(/Step notice \(notice\): issued .* due .*; closed \(transferred/);
  expect(papers).toContain('The platform preserved the accounts');
  // The papers are the transferred part's: not the other respondent's.
  expect(papers).not.toContain('(delhi-police)');
  // The officer of the transferred track is told, once.
  await eventually(handle, (x) =>
    x.respondents
      .find((r) => r.respondentId === SUBSIDIARY.id)!
      .messages.some((m) => m.kind === 'complaint-closed'),
  );
  expect(world.sink.messages.filter((m) => m.subject?.startsWith('Complaint transferred'))).toHaveLength(1);

  // The body acknowledges through its link: the link is bound to the transfer and its address.
  const url = /http:\/\/answers\.test\/answer\/\S+/.exec(letter.text!)![0];
  const claims = links.verify(url.split('/answer/')[1]!)!;
  expect(claims).toMatchObject({ respondentId: SUBSIDIARY.id, stepId: 'transfer-1' });
  const wrong = await refusalOf(
    handle.executeUpdate(acknowledgeTransfer, {
      args: [{ transferId: 'transfer-1', recipientHash: recipientHash(OFFICER) }],
    }),
  );
  expect(wrong.type).toBe(Refusal.linkSuperseded);
  await handle.executeUpdate(acknowledgeTransfer, {
    args: [{ transferId: 'transfer-1', recipientHash: claims.recipientHash }],
  });
  const again = await refusalOf(
    handle.executeUpdate(acknowledgeTransfer, { args: [{ transferId: 'transfer-1' }] }),
  );
  expect(again.message).toMatch(/^transferId: transfer transfer-1 is acknowledged already/);

  // Past the period: no reminder, no alert; the first respondent's track went on to its lapse.
  await advanceTo(at(10, '12:00'));
  s = await eventually(handle, (x) => x.respondents[0]!.steps.length > 1 || stepOf(x, 'notice').overdue);
  expect(s.transfers![0]!.acknowledgedAt).toBeDefined();
  expect(s.transfers![0]!.reminded).toBeUndefined();
  expect(world.sink.messages.filter(toBody)).toHaveLength(1);
  expect(world.sink.messages.filter((m) => m.subject?.startsWith('Transfer not acknowledged'))).toHaveLength(
    0,
  );
  // A track transferred takes no second transfer.
  const twice = await refusalOf(
    handle.executeUpdate(transferComplaint, {
      args: [{ respondentId: SUBSIDIARY.id, body: BODY, reason: 'again' }],
    }),
  );
  expect(twice.message).toMatch(/^respondentId: the track of network-india was transferred already/);
});

test('refused by name: a bad body, an unknown respondent', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  const refused = (arg: unknown) =>
    refusalOf(handle.executeUpdate(transferComplaint, { args: [arg as never] }));
  expect((await refused({ body: { ...BODY, email: 'nowhere' }, reason: 'r' })).message).toMatch(
    /^body\.email: must be an email address/,
  );
  expect((await refused({ body: { ...BODY, address: [] }, reason: 'r' })).message).toMatch(/^body\.address:/);
  expect((await refused({ body: BODY, reason: '' })).message).toMatch(/^reason: is required/);
  const unknown = await refused({ respondentId: 'nobody', body: BODY, reason: 'r' });
  expect(unknown).toMatchObject({ type: Refusal.noSuchStep });
  expect(unknown.message).toMatch(/^respondentId: no respondent nobody/);
  expect((await handle.query(getComplaint)).transfers).toBeUndefined();
  await handle.terminate('test over');
});

test('the whole complaint transferred, no acknowledgement asked: it closes as transferred at once', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(transferComplaint, {
    args: [{ body: BODY, reason: 'Within the State Commission' }],
  });
  const outcome = await handle.result();
  expect(outcome.closure).toMatchObject({
    kind: 'transferred',
    transferId: 'transfer-1',
    reason: 'Within the State Commission',
  });
  const s = await handle.query(getComplaint);
  expect(s.stage).toBe('transferred');
  expect(stepOf(s, 'notice')).toMatchObject({ status: 'closed', closedAs: 'transferred' });
  expect(s.transfers![0]!.letter?.messageId).toBeTruthy();
  const letter = world.sink.messages.filter(toBody).find((m) => m.subject?.includes(caseFile.caseReference))!;
  expect(papersOf(letter)).toContain('(delhi-police)');
  // No acknowledgement asked: no link.
  expect(letter.text).not.toContain('/answer/');
});

test('the whole complaint transferred, unacknowledged: the reminder to the body and the staff alert when the period passes, then it ends', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile, ACKNOWLEDGING);
  await advanceTo(at(1, '11:00'));
  const receipt = await handle.executeUpdate(transferComplaint, {
    args: [{ body: BODY, reason: 'Within the State Commission' }],
  });
  expect(receipt.acknowledgeBy).toBe(at(8, '17:00')); // 5 working days from Tuesday
  let s = await eventually(handle, (x) => x.transfers?.[0]?.letter !== undefined);
  expect(s.closure).toMatchObject({ kind: 'transferred' });
  // The records show it closed at once, while the workflow waits for the acknowledgement.
  let row = await world.records.complaint(handle.workflowId);
  for (let waited = 0; !row?.closure_kind && waited < 5_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    row = await world.records.complaint(handle.workflowId);
  }
  expect(row?.closure_kind).toBe('transferred');
  const ours = (m: ParsedMail) => m.subject?.includes(caseFile.caseReference) ?? false;
  expect(world.sink.messages.filter((m) => ours(m) && toBody(m))).toHaveLength(1);
  await advanceTo(at(8, '16:59'));
  expect(world.sink.messages.filter((m) => ours(m) && toBody(m))).toHaveLength(1);
  await advanceTo(at(8, '17:01'));
  expect((await handle.result()).closure.kind).toBe('transferred');
  await keepHistory(handle, 'transfer-unacknowledged-reminded');
  s = await handle.query(getComplaint);
  expect(s.transfers![0]!.reminded).toBeDefined();
  const reminders = world.sink.messages.filter(
    (m) => ours(m) && toBody(m) && m.subject!.startsWith('Reminder'),
  );
  expect(reminders).toHaveLength(1);
  expect(reminders[0]!.text).toContain('has not received your acknowledgement');
  expect(reminders[0]!.text).toContain('पावती');
  expect(reminders[0]!.text).toMatch(/http:\/\/answers\.test\/answer\//);
  const alerts = world.sink.messages.filter(
    (m) => ours(m) && toStaff(m) && m.subject!.startsWith('Transfer not acknowledged'),
  );
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.text).toContain(BODY.name);
});

test('continued as new while the body has not acknowledged: the new run sends the reminder when the period passes', async () => {
  await newAnchor();
  const caseFile = freshCase({ respondents: [...freshCase().respondents, SUBSIDIARY] });
  const handle = await start(caseFile, ACKNOWLEDGING, {
    historyBudget: { events: 80, bytes: 10 * 1024 * 1024 },
  });
  const firstRun = (await handle.describe()).runId;
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(transferComplaint, {
    args: [{ respondentId: SUBSIDIARY.id, body: BODY, reason: 'Registered in Karnataka' }],
  });
  await eventually(handle, (x) => x.transfers?.[0]?.letter !== undefined);
  for (let days = 8; (await handle.describe()).runId === firstRun && days < 30; days++)
    await handle.executeUpdate(extendDeadline, {
      args: [
        { respondentId: 'delhi-police', stepId: 'notice', until: world.dateOf(days), reason: `day ${days}` },
      ],
    });
  for (let waited = 0; (await handle.describe()).runId === firstRun && waited < 10_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  expect((await handle.describe()).runId).not.toBe(firstRun);

  await advanceTo(at(8, '17:01'));
  const s = await eventually(handle, (x) => x.transfers?.[0]?.reminded !== undefined);
  expect(s.transfers![0]!.acknowledgeBy).toBe(at(8, '17:00'));
  const ours = (m: ParsedMail) => toBody(m) && (m.subject?.includes(caseFile.caseReference) ?? false);
  // The letter once (not again by the new run), then the reminder.
  expect(
    world.sink.messages.filter(ours).map((m) => m.subject!.slice(0, m.subject!.lastIndexOf(': '))),
  ).toEqual([
    'Transfer of complaint / शिकायत का अंतरण',
    'Reminder: transfer not acknowledged / अनुस्मारक: अंतरण की पावती प्राप्त नहीं हुई',
  ]);
  await handle.terminate('test over');
});

test('the letter refused for good by the mail server: noted, staff alerted once, nothing awaited from the body', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile, ACKNOWLEDGING);
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(transferComplaint, {
    args: [{ body: { ...BODY, email: NO_SUCH_BODY }, reason: 'Within the State Commission' }],
  });
  // The workflow ends: there is nothing to wait for from a body that never got the letter.
  expect((await handle.result()).closure.kind).toBe('transferred');
  const s = await handle.query(getComplaint);
  expect(s.transfers![0]!.letter!.undeliverable).toMatch(/550/);
  expect(s.transfers![0]!.reminded).toBeUndefined();
  const alerts = world.sink.messages.filter(
    (m) => toStaff(m) && m.subject === `Transfer letter undeliverable: ${caseFile.caseReference}`,
  );
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.text).toContain(NO_SUCH_BODY);
});
