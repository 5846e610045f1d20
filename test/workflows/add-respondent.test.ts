// Adding a respondent to a running complaint (issue 25, point 2): a second authority found responsible during the
// inquiry gets its own track from its own notice, dated from when it was added, under the complaint's procedure;
// the first respondent's dates do not move. A bad respondent, one already there, or a closed complaint is refused
// by name, and nothing changes.
import { Refusal } from '../../lib/domain/refusals';
import { addRespondent, closeComplaint, extendDeadline, getComplaint } from '../../workflows/messages';
import { SUBSIDIARY } from '../helpers/fixtures';
import {
  eventually,
  notices,
  refusalOf,
  stepOf,
  useTimeSkippingWorld,
  keepHistory,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, advanceTo, freshCase, start } = world;
const addition = { respondent: SUBSIDIARY, reason: 'The platform hosted the material', by: 'Registrar' };
const toSubsidiary = (m: { to?: unknown }) => JSON.stringify(m.to ?? '').includes(SUBSIDIARY.officer.email);

test('an added respondent gets its own notice and track, dated from when it was added; the first track is unchanged', async () => {
  await newAnchor(); // notice at day 0 (Monday 10:00), due day 7 at 17:00
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const before = stepOf(await handle.query(getComplaint), 'notice');
  await advanceTo(at(2, '11:00'));
  const receipt = await handle.executeUpdate(addRespondent, { args: [addition] });
  expect(receipt.respondentId).toBe(SUBSIDIARY.id);
  expect(Date.parse(receipt.addedAt)).toBeGreaterThan(0);

  // Its notice reaches its officer, as a letter with its own deadline: seven days from its own notice.
  let s = await eventually(handle, (x) => notices(x, SUBSIDIARY.id).some((m) => m.kind === 'notice'));
  const added = stepOf(s, 'notice', SUBSIDIARY.id);
  expect(added.issuedAt.slice(0, 16)).toBe(at(2, '11:00').slice(0, 16));
  expect(added.dueAt).toBe(at(9, '17:00'));
  expect(added.demands).toEqual(SUBSIDIARY.demands);
  expect(s.addedRespondents).toEqual([
    expect.objectContaining({ id: SUBSIDIARY.id, reason: addition.reason, by: 'Registrar' }),
  ]);
  const mail = world.sink.messages.filter(toSubsidiary);
  expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining(`${caseFile.caseReference}:`)]);
  expect(mail[0]!.attachments.some((a) => a.contentType === 'application/pdf')).toBe(true);

  // Its track runs: its reminder before its deadline, and its lapse; the first respondent's dates stand.
  await advanceTo(at(9, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'notice', SUBSIDIARY.id).overdue);
  expect(notices(s, SUBSIDIARY.id).map((m) => [m.kind, m.scheduledFor])).toEqual([
    ['notice', expect.any(String)],
    ['due-soon-reminder', at(7, '10:00')],
  ]);
  expect(world.sink.messages.filter(toSubsidiary)).toHaveLength(2);
  const first = stepOf(s, 'notice');
  expect([first.issuedAt, first.dueAt, first.dueSoonAt, first.escalatesAt]).toEqual([
    before.issuedAt,
    before.dueAt,
    before.dueSoonAt,
    before.escalatesAt,
  ]);
  expect(first.dueAt).toBe(at(7, '17:00'));
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'test over' }] });
  expect((await handle.result()).closure.kind).toBe('withdrawn');
  await keepHistory(handle, 'respondent-added');
});

test('refused by name: a bad respondent, one already there, a closed complaint; nothing changes', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const refused = async (arg: unknown) =>
    refusalOf(handle.executeUpdate(addRespondent, { args: [arg as typeof addition] }));

  const duplicate = await refused({ ...addition, respondent: { ...SUBSIDIARY, id: 'delhi-police' } });
  expect(duplicate.message).toMatch(/^respondent\.id: delhi-police is already a respondent/);
  const badEmail = await refused({
    ...addition,
    respondent: { ...SUBSIDIARY, officer: { ...SUBSIDIARY.officer, email: 'not an address' } },
  });
  expect(badEmail.message).toMatch(/^respondent\.officer\.email: must be an email address/);
  const noDemands = await refused({ ...addition, respondent: { ...SUBSIDIARY, demands: [] } });
  expect(noDemands.message).toMatch(/^respondent\.demands: must list at least one demand/);
  const badId = await refused({ ...addition, respondent: { ...SUBSIDIARY, id: 'Network India' } });
  expect(badId.message).toMatch(/^respondent\.id: must be 1 to 40 lower-case/);
  const noReason = await refused({ ...addition, reason: '' });
  expect(noReason.message).toMatch(/^reason: is required/);
  for (const r of [duplicate, badEmail, noDemands, badId, noReason])
    expect(r.type).toBe(Refusal.invalidArgument);
  expect((await handle.query(getComplaint)).respondents.map((r) => r.respondentId)).toEqual(['delhi-police']);

  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'settled' }] });
  const closed = await refused(addition);
  expect(closed.type).toBe(Refusal.complaintClosed);
  expect(closed.message).toMatch(/^complaint: .* is closed/);
  await handle.result();
});

test('continued as new: the added respondent is carried over in the state, its track resumes; the records and search attributes name it', async () => {
  await newAnchor();
  const caseFile = freshCase();
  // A small budget, so that a few staff extensions take the complaint past it.
  const handle = await start(caseFile, undefined, { historyBudget: { events: 60, bytes: 10 * 1024 * 1024 } });
  const firstRun = (await handle.describe()).runId;
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(addRespondent, { args: [addition] });
  await eventually(handle, (x) => notices(x, SUBSIDIARY.id).some((m) => m.kind === 'notice'));
  for (let days = 8; (await handle.describe()).runId === firstRun && days < 20; days++)
    await handle.executeUpdate(extendDeadline, {
      args: [
        { respondentId: 'delhi-police', stepId: 'notice', until: world.dateOf(days), reason: `day ${days}` },
      ],
    });
  for (let waited = 0; (await handle.describe()).runId === firstRun && waited < 10_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  expect((await handle.describe()).runId).not.toBe(firstRun);

  // The new run goes on with the added track: its reminder at its own time, its notice not sent again.
  await advanceTo(at(6, '10:01'));
  const s = await eventually(handle, (x) =>
    notices(x, SUBSIDIARY.id).some((m) => m.kind === 'due-soon-reminder'),
  );
  expect(notices(s, SUBSIDIARY.id).map((m) => [m.kind, m.scheduledFor])).toEqual([
    ['notice', expect.any(String)],
    ['due-soon-reminder', at(6, '10:00')],
  ]);
  expect(
    world.sink.messages.filter((m) => toSubsidiary(m) && m.subject?.includes(caseFile.caseReference)),
  ).toHaveLength(2);
  const attributes = (await handle.describe()).typedSearchAttributes.getAll();
  expect(attributes.find((p) => p.key.name === 'Respondents')?.value).toEqual([
    'delhi-police',
    SUBSIDIARY.id,
  ]);
  const rows = await world.records.db
    .selectFrom('complaint_respondents')
    .select(['respondent_id', 'name', 'position'])
    .where('workflow_id', '=', handle.workflowId)
    .orderBy('position')
    .execute();
  expect(rows.map((r) => [r.respondent_id, r.position])).toEqual([
    ['delhi-police', 0],
    [SUBSIDIARY.id, 1],
  ]);
  await handle.terminate('test over');
});

test("limits as a case file's: a complaint of 50 respondents takes no 51st", async () => {
  await newAnchor();
  const [first] = freshCase().respondents;
  const caseFile = freshCase({
    respondents: Array.from({ length: 50 }, (_, i) => ({ ...first!, id: `authority-${i}` })),
  });
  const handle = await start(caseFile);
  const refused = await refusalOf(handle.executeUpdate(addRespondent, { args: [addition] }));
  expect(refused.type).toBe(Refusal.invalidArgument);
  expect(refused.message).toBe('respondent: the complaint has 50 respondents, the most a complaint may have');
  expect((await handle.query(getComplaint)).respondents).toHaveLength(50);
  await handle.terminate('test over');
});
