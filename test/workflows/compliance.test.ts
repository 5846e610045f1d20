// Recommendations followed to compliance (issue 25, point 4): staff record the commission's recommendations at a
// hearing's outcome or at any time; each opens a compliance step with its own letter (English and Hindi), reminder
// and lapse per the procedure; the officer sends proof through the link; staff accept it (complied) or return it (a
// further demand); the complaint ends only when every recommendation is complied with or waived. The world
// (time-skipping server, real activities, SMTP sink, records): test/helpers/time-skipping-world.ts.
import type { ParsedMail } from 'mailparser';
import { DEFAULT_PROCEDURE, type Procedure } from '../../lib/procedure/procedure';
import { Refusal } from '../../lib/domain/refusals';
import type { CaseFile } from '../../lib/procedure/case-file';
import {
  closeComplaint,
  getComplaint,
  recordHearingOutcome,
  recordRecommendations,
  restartClock,
  reviewAnswer,
  stopClock,
  submitAnswer,
  waiveRecommendation,
} from '../../workflows/messages';
import { pdfText } from '../helpers/pdf-text';
import {
  act,
  answer,
  eventually,
  notices,
  OFFICER,
  refusalOf,
  stepOf,
  track,
  useTimeSkippingWorld,
  type Handle,
  keepHistory,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start } = world;
const POLICE = 'delhi-police';

/** Every message of a case that reached the officer, by the start of its subject. */
const officerMails = (caseFile: CaseFile, title: string): ParsedMail[] =>
  world.sink.messages.filter(
    (m) =>
      m.subject?.startsWith(title) &&
      m.subject.includes(` ${caseFile.caseReference}:`) &&
      JSON.stringify(m.to).includes(OFFICER),
  );

const RELIEF = {
  what: "Pay interim relief of Rs 50,000 to the child's family",
  proof: 'Proof of payment (the bank transfer receipt)',
  within: { days: 28, kind: 'calendar' as const },
};
const DISCIPLINE = {
  what: 'Initiate disciplinary proceedings against the officer who refused to register the FIR',
  proof: 'A copy of the charge-sheet served on the officer',
};

async function toHearingDay(caseFile: CaseFile, procedure?: Procedure): Promise<Handle> {
  const handle = await start(caseFile, procedure);
  await advanceTo(at(17, '17:01'));
  await eventually(handle, (x) => notices(x).length === 4);
  await advanceTo(at(31, '11:30'));
  await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  return handle;
}

const outcome = (next: unknown) => ({
  respondentId: POLICE,
  stepId: 'summons',
  appeared: true,
  atrFiled: true,
  firRegistered: true,
  next: next as { action: 'close' },
  by: 'registrar',
});

test("recommendations at a hearing's outcome: compliance letters in English and Hindi; proof accepted, returned, accepted; then the complaint closes", async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await toHearingDay(caseFile);
  const until = dateOf(60);
  const receipt = await handle.executeUpdate(recordHearingOutcome, {
    args: [outcome({ action: 'recommend', recommendations: [RELIEF, { ...DISCIPLINE, until }] })],
  });
  expect(receipt).toMatchObject({ stepId: 'summons', status: 'closed', opened: { stepId: 'compliance' } });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'summons')).toMatchObject({ status: 'closed', closedAs: 'hearing-closed' });
  expect(stepOf(s, 'summons').hearing!.outcomes[0]!.next).toBe('recommend');
  // Two compliance steps, open side by side, each with its own date: 28 days from the hearing, and the date given.
  expect(stepOf(s, 'compliance')).toMatchObject({
    kind: 'compliance',
    status: 'open',
    recommendationId: 'R1',
    demands: [RELIEF.what],
    proofDue: RELIEF.proof,
    dueAt: at(59, '17:00'),
    dueSoonAt: at(57, '10:00'),
  });
  expect(stepOf(s, 'compliance-2')).toMatchObject({
    kind: 'compliance',
    status: 'open',
    recommendationId: 'R2',
    dueAt: at(60, '17:00'),
  });
  expect(track(s, POLICE).recommendations).toEqual([
    expect.objectContaining({
      recommendationId: 'R1',
      status: 'pending',
      stepId: 'compliance',
      by: 'registrar',
    }),
    expect.objectContaining({ recommendationId: 'R2', status: 'pending', stepId: 'compliance-2', until }),
  ]);

  // Each recommendation's letter reached the officer: the recommendation, the proof due and the date, in both languages.
  await eventually(handle, () => officerMails(caseFile, 'Recommendation: proof of compliance').length === 2);
  const [first, second] = officerMails(caseFile, 'Recommendation: proof of compliance');
  for (const [mail, r] of [
    [first!, RELIEF],
    [second!, DISCIPLINE],
  ] as const) {
    expect(mail.text).toContain(r.what);
    expect(mail.text).toContain(`Proof of compliance due: ${r.proof}`);
    expect(mail.text).toContain('अपेक्षित अनुपालन प्रमाण');
    const pdf = pdfText(mail.attachments.find((a) => a.contentType === 'application/pdf')!.content);
    expect(pdf).toContain('Recommendation: proof of compliance / अनुशंसा: अनुपालन का प्रमाण');
    expect(pdf).toContain('Proof of compliance due by:');
    expect(pdf).toContain('अनुपालन का प्रमाण भेजने की अंतिम तिथि');
  }
  expect(first!.text).toContain('Proof of compliance due by: ');

  // R1's proof, through the link: received (the officer's receipt says proof), accepted: complied with.
  await advanceTo(at(40, '11:00'));
  s = await act(handle, submitAnswer, {
    args: [{ ...answer('compliance', 'Relief paid by bank transfer on the 9th'), attachments: [] }],
  });
  expect(stepOf(s, 'compliance').status).toBe('answered');
  s = await act(handle, reviewAnswer, {
    args: [{ respondentId: POLICE, stepId: 'compliance', decision: 'accept', by: 'registrar' }],
  });
  expect(stepOf(s, 'compliance')).toMatchObject({ status: 'closed', closedAs: 'accepted' });
  expect(track(s, POLICE).recommendations![0]).toMatchObject({
    status: 'complied',
    settled: { by: 'registrar' },
  });
  await eventually(handle, () => officerMails(caseFile, 'Proof of compliance accepted').length === 1);
  expect(officerMails(caseFile, 'Proof of compliance received')).toHaveLength(1);
  expect(officerMails(caseFile, 'Proof of compliance accepted')[0]!.text).toContain('अनुपालन का प्रमाण स्वीकार');
  // R2 is pending: the complaint runs on.
  expect(s.closure).toBeUndefined();
  expect((await handle.describe()).status.name).toBe('RUNNING');

  // R2's proof returned: a further compliance demand says what is missing, with its own letter.
  s = await act(handle, submitAnswer, { args: [answer('compliance-2', 'Charge-sheet attached')] });
  const returned = await handle.executeUpdate(reviewAnswer, {
    args: [
      {
        respondentId: POLICE,
        stepId: 'compliance-2',
        decision: 'return',
        missing: 'The charge-sheet is not signed by the disciplinary authority',
      },
    ],
  });
  expect(returned.opened?.stepId).toBe('compliance-3');
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'compliance-2')).toMatchObject({ status: 'closed', closedAs: 'returned' });
  expect(stepOf(s, 'compliance-3')).toMatchObject({
    kind: 'compliance',
    status: 'open',
    recommendationId: 'R2',
    note: 'The charge-sheet is not signed by the disciplinary authority',
    dueAt: at(47, '17:00'), // the follow-up rules' seven days from the return (day 40)
  });
  expect(track(s, POLICE).recommendations![1]).toMatchObject({
    status: 'pending',
    stepId: 'compliance-3',
    demands: 2,
  });
  await eventually(handle, () => officerMails(caseFile, 'Recommendation: proof of compliance').length === 3);
  expect(officerMails(caseFile, 'Recommendation: proof of compliance')[2]!.text).toContain(
    'The charge-sheet is not signed by the disciplinary authority',
  );

  // The signed charge-sheet, accepted: every recommendation complied with, the complaint closes.
  await act(handle, submitAnswer, { args: [answer('compliance-3', 'Signed charge-sheet attached')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: POLICE, stepId: 'compliance-3', decision: 'accept' }],
  });
  const result = await handle.result();
  expect(result.closure.kind).toBe('resolved');
  await keepHistory(handle, 'recommendations-complied');
  s = await handle.query(getComplaint);
  expect(track(s, POLICE).recommendations!.map((r) => r.status)).toEqual(['complied', 'complied']);
});

test("at any time: the procedure's compliance rules give the date, the due-soon reminder and the lapse to a summons; a hearing cannot close while it is pending; renewed, then waived", async () => {
  await newAnchor();
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'with-compliance',
    compliance: {
      answerWithin: { days: 14, kind: 'calendar' },
      dueSoonReminderBefore: { days: 3, kind: 'calendar' },
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
    },
  };
  const caseFile = freshCase();
  const handle = await start(caseFile, procedure);
  await advanceTo(at(1, '11:00'));
  // Recorded while the notice runs: the compliance step runs beside it.
  const receipt = await handle.executeUpdate(recordRecommendations, {
    args: [{ respondentId: POLICE, recommendations: [RELIEF, DISCIPLINE].slice(1), by: 'registrar' }],
  });
  expect(receipt).toEqual({
    respondentId: POLICE,
    recorded: [{ recommendationId: 'R1', stepId: 'compliance', dueAt: at(15, '17:00') }],
  });
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'compliance')).toMatchObject({ dueSoonAt: at(12, '10:00'), status: 'open' });
  expect(stepOf(s, 'notice').status).toBe('open');
  // The notice is answered and accepted: its step closes, the compliance step still holds the complaint open.
  await act(handle, submitAnswer, { args: [answer('notice')] });
  s = await act(handle, reviewAnswer, {
    args: [{ respondentId: POLICE, stepId: 'notice', decision: 'accept' }],
  });
  expect(stepOf(s, 'notice').status).toBe('closed');
  await advanceTo(at(5, '10:00'));
  expect((await handle.describe()).status.name).toBe('RUNNING');

  // The due-soon reminder, then the lapse: a summons about the recommendation.
  await advanceTo(at(12, '10:01'));
  s = await eventually(handle, (x) =>
    track(x, POLICE).messages.some((m) => m.kind === 'due-soon-reminder' && m.stepId === 'compliance'),
  );
  await eventually(handle, () =>
    world.sink.messages.some(
      (m) =>
        m.subject?.startsWith('Reminder: deadline approaching') &&
        m.subject.includes(caseFile.caseReference) &&
        (m.text ?? '').includes(`Proof of compliance due: ${DISCIPLINE.proof}`),
    ),
  );
  await advanceTo(at(15, '17:01'));
  s = await eventually(handle, (x) => stepOf(x, 'summons') !== undefined);
  expect(stepOf(s, 'compliance')).toMatchObject({ status: 'closed', closedAs: 'lapsed' });
  expect(stepOf(s, 'summons').demands).toEqual([
    'Appear in person before the Commission with the proof of compliance',
    DISCIPLINE.what,
    `Proof of compliance: ${DISCIPLINE.proof}`,
  ]);
  expect(track(s, POLICE).recommendations![0]).toMatchObject({ status: 'pending', stepId: 'compliance' });

  // At the hearing: it cannot close while R1 waits; `recommend` with none new renews R1's demand.
  await advanceTo(at(29, '11:30'));
  await eventually(handle, (x) => stepOf(x, 'summons').overdue);
  const closing = await refusalOf(
    handle.executeUpdate(recordHearingOutcome, { args: [outcome({ action: 'close' })] }),
  );
  expect([closing.type, closing.message]).toEqual([
    Refusal.invalidArgument,
    'next.action: recommendation R1 waits for proof of compliance: renew its demand (recommend) or waive it',
  ]);
  s = await act(handle, recordHearingOutcome, {
    args: [outcome({ action: 'recommend', recommendations: [] })],
  });
  expect(stepOf(s, 'compliance-2')).toMatchObject({
    kind: 'compliance',
    status: 'open',
    recommendationId: 'R1',
    dueAt: at(43, '17:00'),
  });

  // Waived with a reason: the step closes, the officer is told (both languages), and the complaint ends.
  await handle.executeUpdate(waiveRecommendation, {
    args: [{ respondentId: POLICE, recommendationId: 'R1', reason: 'The officer has retired', by: 'chair' }],
  });
  const result = await handle.result();
  expect(result.closure.kind).toBe('resolved');
  s = await handle.query(getComplaint);
  expect(stepOf(s, 'compliance-2')).toMatchObject({ status: 'closed', closedAs: 'waived' });
  expect(track(s, POLICE).recommendations![0]).toMatchObject({
    status: 'waived',
    settled: { reason: 'The officer has retired', by: 'chair' },
  });
  const told = officerMails(caseFile, 'Compliance no longer required');
  expect(told).toHaveLength(1);
  expect(told[0]!.text).toContain('The officer has retired');
  expect(told[0]!.text).toContain('अनुशंसा का अनुपालन आवश्यक नहीं');
});

test("the same clock as any demand: working days, a recommendation's own date, a stop that tolls", async () => {
  await newAnchor(); // a Monday
  const handle = await start(freshCase());
  const receipt = await handle.executeUpdate(recordRecommendations, {
    args: [
      {
        respondentId: POLICE,
        recommendations: [
          { ...RELIEF, within: { days: 5, kind: 'working' } },
          { ...DISCIPLINE, until: dateOf(20) },
        ],
      },
    ],
  });
  // Five working days from Monday: the next Monday; the date given: that day, at the due time.
  expect(receipt.recorded.map((r) => [r.recommendationId, r.stepId, r.dueAt])).toEqual([
    ['R1', 'compliance', at(7, '17:00')],
    ['R2', 'compliance-2', at(20, '17:00')],
  ]);
  let s = await handle.query(getComplaint);
  expect(stepOf(s, 'compliance-2').until).toBe(dateOf(20));
  // R2's clock stops for a week (the follow-up rules let it: toll): its own date moves by the days not counted.
  await advanceTo(at(2, '11:00'));
  await handle.executeUpdate(stopClock, {
    args: [
      {
        respondentId: POLICE,
        stepId: 'compliance-2',
        grounds: 'awaiting-information',
        details: 'bank records',
      },
    ],
  });
  await advanceTo(at(9, '11:00'));
  s = await act(handle, restartClock, { args: [{ respondentId: POLICE, stepId: 'compliance-2' }] });
  expect(stepOf(s, 'compliance-2')).toMatchObject({ dueAt: at(27, '17:00'), status: 'open' });
  expect(stepOf(s, 'compliance')).toMatchObject({ overdue: true, status: 'open' });
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Test over' }] });
  expect((await handle.result()).closure.kind).toBe('disposed');
});

test('bad recommendations are refused naming the field, and change nothing', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  const refused = async (args: unknown) =>
    refusalOf(handle.executeUpdate(recordRecommendations, { args: [args as never] }));
  const cases: [unknown, string][] = [
    [{ respondentId: POLICE, recommendations: [] }, 'recommendations: must list at least one recommendation'],
    [{ respondentId: POLICE, recommendations: [{ proof: 'x' }] }, 'recommendations[0].what: is required'],
    [
      { respondentId: POLICE, recommendations: [RELIEF, { what: 'Train the staff', proof: '' }] },
      'recommendations[1].proof: is required',
    ],
    [
      { respondentId: POLICE, recommendations: [{ ...DISCIPLINE, within: { days: 0, kind: 'calendar' } }] },
      'recommendations[0].within.days: must be a whole number from 1 to 366',
    ],
    [
      { respondentId: POLICE, recommendations: [{ ...DISCIPLINE, within: { days: 5, kind: 'hours' } }] },
      'recommendations[0].within.kind: must be "calendar" or "working"',
    ],
    [
      { respondentId: POLICE, recommendations: [{ ...RELIEF, until: dateOf(40) }] },
      'recommendations[0].until: give within or until, not both',
    ],
    [
      { respondentId: POLICE, recommendations: [{ ...DISCIPLINE, until: '2030-02-30' }] },
      'recommendations[0].until: must be a date as YYYY-MM-DD',
    ],
    [
      { respondentId: POLICE, recommendations: Array.from({ length: 11 }, () => DISCIPLINE) },
      'recommendations: at most 10 recommendations to a respondent',
    ],
    [
      { respondentId: 'nobody', recommendations: [DISCIPLINE] },
      'respondentId: no respondent nobody in this complaint',
    ],
  ];
  for (const [args, message] of cases) expect((await refused(args)).message).toBe(message);
  const waiver = await refusalOf(
    handle.executeUpdate(waiveRecommendation, {
      args: [{ respondentId: POLICE, recommendationId: 'R1', reason: 'No longer needed' }],
    }),
  );
  expect(waiver.message).toBe(`recommendationId: no recommendation R1 to ${POLICE}`);
  const noReason = await refusalOf(
    handle.executeUpdate(waiveRecommendation, {
      args: [{ respondentId: POLICE, recommendationId: 'R1', reason: ' ' }],
    }),
  );
  expect(noReason.message).toBe('reason: is required');
  const s = await handle.query(getComplaint);
  expect(track(s, POLICE).recommendations).toBeUndefined();
  expect(track(s, POLICE).steps.map((x) => x.stepId)).toEqual(['notice']);
});

test("the summons a compliance step's lapse issues presses the same recommendation: its report accepted is the proof, and the complaint ends complied", async () => {
  await newAnchor();
  const procedure: Procedure = {
    ...DEFAULT_PROCEDURE,
    id: 'with-compliance',
    compliance: {
      answerWithin: { days: 14, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
    },
  };
  const caseFile = freshCase();
  const handle = await start(caseFile, procedure);
  await advanceTo(at(1, '11:00'));
  await handle.executeUpdate(recordRecommendations, {
    args: [{ respondentId: POLICE, recommendations: [DISCIPLINE] }],
  });
  await act(handle, submitAnswer, { args: [answer('notice')] });
  await act(handle, reviewAnswer, { args: [{ respondentId: POLICE, stepId: 'notice', decision: 'accept' }] });
  await advanceTo(at(15, '17:01'));
  let s = await eventually(handle, (x) => stepOf(x, 'summons') !== undefined);
  expect(stepOf(s, 'summons')).toMatchObject({ recommendationId: 'R1', proofDue: DISCIPLINE.proof });
  // The officer sends the proof on the summons' link, and staff accept it: R1 is complied with.
  await act(handle, submitAnswer, { args: [answer('summons', 'Charge-sheet filed; copy attached')] });
  s = await act(handle, reviewAnswer, {
    args: [{ respondentId: POLICE, stepId: 'summons', decision: 'accept' }],
  });
  expect(track(s, POLICE).recommendations![0]).toMatchObject({ status: 'complied' });
  expect((await handle.result()).closure.kind).toBe('resolved');
});
