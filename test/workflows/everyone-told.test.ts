// Everyone affected is told, once (docs/how-it-works.md, "Who is told what"): the officer of each staff decision (a new
// deadline, an accepted or returned answer, a moved hearing, a withdrawal or disposal), staff of an officer's
// request for more time; with STAFF_LAPSE_ALERTS=digest no email per lapse, and the daily digest lists what
// staff must see, once a day. The world they run in (time-skipping server, SMTP sink, records):
// test/helpers/time-skipping-world.ts, here with the worker set to `digest` and a mailbox that refuses mail.
import type { ParsedMail } from 'mailparser';
import { formatForPeople } from '../../lib/procedure/deadlines';
import { DEFAULT_PROCEDURE, type DemandStepDefinition, type Procedure } from '../../lib/procedure/procedure';
import { complaintWorkflowId } from '../../lib/temporal/workflow-ids';
import type { staffDigestWorkflow, StaffDigestInput } from '../../workflows/staff-digest';
import {
  closeComplaint,
  extendDeadline,
  getComplaint,
  requestExtension,
  rescheduleHearing,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import { activitiesSettled } from '../helpers/activities-in-flight';
import {
  answer,
  COMMISSION,
  DCP,
  eventually,
  keepHistory,
  links,
  OFFICER,
  useTimeSkippingWorld,
  ZONE,
} from '../helpers/time-skipping-world';

const GONE = 'former.commissioner@delhipolice.example';
const world = useTimeSkippingWorld({
  dependencies: { staffLapseAlerts: 'digest' },
  sink: { rejectRecipients: [GONE] },
});
const { newAnchor, at, dateOf, advanceTo, freshCase, start } = world;

const people = (instant: string) => formatForPeople(instant, ZONE);

/** The messages of a case (officers' "Title REF: subject", staff alerts' "Title: REF (respondent)") titled so. */
function mailsTitled(reference: string, title: string): ParsedMail[] {
  return world.sink.messages.filter(
    (m) =>
      m.subject?.startsWith(`${title} ${reference}:`) || m.subject?.startsWith(`${title}: ${reference} (`),
  );
}

/**
 * Waits until the message has arrived and the complaint has no send in flight or waiting for a retry (the sink keeps
 * a message before it replies, so every send done is in): it must have arrived exactly once.
 */
async function arrivedOnce(reference: string, title: string): Promise<ParsedMail> {
  await world.sink.waitForMessages(1, (m) => mailsTitled(reference, title).includes(m), 20_000);
  await activitiesSettled(world.env.client.workflow.getHandle(complaintWorkflowId(reference)), /^send/);
  const found = mailsTitled(reference, title);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const addressOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

/** The officer's link in a message, verified: it still names the step the message is about. */
function linkedStep(m: ParsedMail): string {
  const link = /http:\/\/answers\.test\/answer\/\S+/.exec(m.text!)![0];
  const verified = links.verify(link.split('/answer/')[1]!);
  expect(verified).not.toBeNull();
  return verified!.stepId;
}

test('the officer is told the new deadline and the accepted answer; staff are told of the request for more time, with the link to decide', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const ref = caseFile.caseReference;
  const handle = await start(caseFile);

  await advanceTo(at(2, '11:00'));
  await handle.executeUpdate(requestExtension, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        reason: 'The platform has not yet shared the account data',
        requestedDate: dateOf(14),
      },
    ],
  });
  const asked = await arrivedOnce(ref, 'More time asked');
  expect(addressOf(asked)).toBe(COMMISSION);
  expect(asked.text).toContain(
    `asks for more time on step notice, due ${people(at(7, '17:00'))}, until ${dateOf(14)}`,
  );
  // One click to decide: the complaint's page on the dashboard, where the deadline is extended.
  expect(asked.text).toContain(
    `Open the complaint: http://console.test/${handle.workflowId}#step-delhi-police-notice`,
  );
  expect(asked.html).toContain(`href="http://console.test/${handle.workflowId}#step-delhi-police-notice"`);
  // The officer's words stay on the dashboard, out of the email.
  expect(asked.text).not.toContain('account data');

  await handle.executeUpdate(extendDeadline, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(14), reason: 'Data awaited' }],
  });
  const extended = await arrivedOnce(ref, 'Deadline extended');
  expect(addressOf(extended)).toBe(OFFICER);
  expect(extended.text).toContain(
    `The Commission has extended the deadline of ${people(at(7, '17:00'))}. New deadline: ${people(at(14, '17:00'))}.`,
  );
  expect(extended.text).toContain('Send a copy of the FIR');
  expect(linkedStep(extended)).toBe('notice');

  await advanceTo(at(4, '12:00'));
  await handle.executeUpdate(submitAnswer, { args: [answer('notice')] });
  await arrivedOnce(ref, 'Answer to review');
  await advanceTo(at(5, '10:00'));
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
  });
  const accepted = await arrivedOnce(ref, 'Answer accepted');
  expect(addressOf(accepted)).toBe(OFFICER);
  expect(accepted.text).toContain(
    `The Commission has reviewed and accepted your answer (on ${people(at(5, '10:00'))}). Nothing more is asked of you on this step.`,
  );
  expect(accepted.text).toMatch(/National Commission for Protection of Child Rights$/);
  expect((await handle.result()).closure.kind).toBe('resolved');

  // In the complaint, each once, each to its person.
  const s = await handle.query(getComplaint);
  expect(s.respondents[0]!.messages.map((m) => [m.kind, m.version, m.to])).toEqual(
    expect.arrayContaining([
      ['extension-requested', 1, COMMISSION],
      ['deadline-extended', 2, OFFICER],
      ['answer-accepted', 1, OFFICER],
    ]),
  );
  expect(s.respondents[0]!.messages).toHaveLength(6); // notice, the three above, receipt, answer to review
  await keepHistory(handle, 'extended-accepted-told');
});

test('a returned answer: the further demand says what is missing and by when; a withdrawal tells the officer, once', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const ref = caseFile.caseReference;
  const handle = await start(caseFile);
  await advanceTo(at(1, '12:00'));
  await handle.executeUpdate(submitAnswer, { args: [answer('notice', 'FIR registered')] });
  await advanceTo(at(2, '10:00'));
  const receipt = await handle.executeUpdate(reviewAnswer, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        decision: 'return',
        missing: 'A copy of the FIR with its number and date',
      },
    ],
  });
  const returned = await arrivedOnce(ref, 'Further demand');
  expect(addressOf(returned)).toBe(OFFICER);
  expect(returned.text).toContain('Note from the Commission: A copy of the FIR with its number and date');
  expect(returned.text).toContain(`Deadline: ${people(receipt.opened!.dueAt)}`);
  expect(receipt.opened!.dueAt).toBe(at(9, '17:00'));
  expect(linkedStep(returned)).toBe('follow-up');

  await advanceTo(at(3, '15:00'));
  await handle.executeUpdate(closeComplaint, {
    args: [{ action: 'withdraw', reason: 'The complainant withdrew the complaint' }],
  });
  const withdrawn = await arrivedOnce(ref, 'Complaint withdrawn');
  expect(addressOf(withdrawn)).toBe(OFFICER);
  expect(withdrawn.text).toContain(
    `The Commission has withdrawn this complaint on ${people(at(3, '15:00'))}. Nothing more is asked of you.`,
  );
  // Staff's reason is theirs: it is not sent.
  expect(withdrawn.text).not.toContain('complainant');
  expect(linkedStep(withdrawn)).toBe('follow-up');
  expect((await handle.result()).closure.kind).toBe('withdrawn');
  await keepHistory(handle, 'returned-then-withdrawn-told');
});

test('lapses send staff no email in digest mode; a moved hearing sends the summons again with the new date; a disposal tells the summoned officer', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const ref = caseFile.caseReference;
  const handle = await start(caseFile);
  // No answer: the notice lapses on day 7, the overdue reminder on day 17, which issues the summons (hearing day 31).
  await advanceTo(at(17, '17:01'));
  let s = await eventually(handle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'summons'));
  expect(s.respondents[0]!.messages.map((m) => m.kind)).toEqual([
    'notice',
    'due-soon-reminder',
    'overdue-reminder',
    'summons',
  ]);
  expect(mailsTitled(ref, 'Step overdue')).toHaveLength(0);
  const summons = s.respondents[0]!.steps.find((st) => st.kind === 'summons')!;
  expect(summons.dueAt).toBe(at(31, '11:00'));

  await advanceTo(at(18, '10:00'));
  await handle.executeUpdate(rescheduleHearing, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: summons.stepId,
        date: dateOf(35),
        time: '15:00',
        reason: 'Bench',
      },
    ],
  });
  s = await eventually(
    handle,
    (x) => x.respondents[0]!.messages.filter((m) => m.kind === 'summons').length === 2,
  );
  await world.sink.waitForMessages(2, (m) => m.subject?.startsWith(`Summons ${ref}:`) ?? false);
  const [, moved] = world.sink.messages.filter((m) => m.subject?.startsWith(`Summons ${ref}:`));
  expect(addressOf(moved!)).toBe(DCP);
  expect(moved!.text).toContain(`Hearing: ${people(at(35, '15:00'))}`);
  expect(moved!.text).not.toContain(people(at(31, '11:00')));

  await advanceTo(at(19, '10:00'));
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'dispose', reason: 'Settled' }] });
  const disposed = await arrivedOnce(ref, 'Complaint disposed of');
  expect(addressOf(disposed)).toBe(DCP);
  expect(disposed.text).toContain(
    `The Commission has disposed of this complaint on ${people(at(19, '10:00'))}. Nothing more is asked of you, and the hearing will not take place.`,
  );
  expect((await handle.result()).closure.kind).toBe('disposed');
  expect(mailsTitled(ref, 'Step overdue')).toHaveLength(0);
  await keepHistory(handle, 'hearing-moved-disposed-told');
});

/** A procedure whose notice falls due the next day and whose lapse summons at once, to a hearing 3 days on. */
const QUICK_SUMMONS: Procedure = {
  ...DEFAULT_PROCEDURE,
  id: 'quick-summons',
  steps: [
    {
      ...(DEFAULT_PROCEDURE.steps[0] as DemandStepDefinition),
      answerWithin: { days: 1, kind: 'calendar' },
      dueSoonReminderBefore: null,
      onLapse: { next: 'summons', after: { days: 0, kind: 'calendar' } },
    },
    {
      ...DEFAULT_PROCEDURE.steps[2]!,
      hearingAfter: { days: 3, kind: 'calendar' },
    } as Procedure['steps'][number],
  ],
};

test('the daily digest lists overdue steps, deadlines and hearings of the week, answers to review and undeliverable messages, each linked; once a day', async () => {
  await newAnchor();
  const overdue = freshCase();
  const toReview = freshCase();
  const dueSoon = freshCase();
  const hearing = freshCase();
  const seed = freshCase();
  const undeliverable = {
    ...seed,
    respondents: [{ ...seed.respondents[0]!, officer: { ...seed.respondents[0]!.officer, email: GONE } }],
  };
  const overdueHandle = await start(overdue); // due day 7, 17:00: overdue on day 8 (escalates on day 10)
  await advanceTo(at(1, '10:00'));
  const reviewHandle = await start(toReview);
  await advanceTo(at(2, '11:00'));
  await reviewHandle.executeUpdate(submitAnswer, { args: [answer('notice')] });
  await advanceTo(at(3, '10:00'));
  const dueSoonHandle = await start(dueSoon); // due day 10, 17:00
  await advanceTo(at(6, '10:00'));
  const hearingHandle = await start(hearing, QUICK_SUMMONS); // lapses day 7, 17:00: hearing day 10, 11:00
  await advanceTo(at(8, '10:00'));
  const goneHandle = await start(undeliverable);
  await arrivedOnce(undeliverable.caseReference, 'Message undeliverable');
  await advanceTo(at(8, '12:00'));
  await eventually(hearingHandle, (x) => x.respondents[0]!.messages.some((m) => m.kind === 'summons'));
  // The journal of each complaint is in the records (written beside the clock).
  for (let tries = 0; ; tries++) {
    const rows = await world.records.db
      .selectFrom('steps')
      .select(['workflow_id', 'kind', 'status'])
      .where('workflow_id', 'in', [reviewHandle.workflowId, hearingHandle.workflowId])
      .execute();
    if (rows.some((r) => r.status === 'answered') && rows.some((r) => r.kind === 'summons')) break;
    if (tries > 100) throw new Error(`the records never caught up: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  const input: StaffDigestInput = {
    timeZone: ZONE,
    to: { name: 'Commission staff', email: COMMISSION },
    commissionName: 'National Commission for Protection of Child Rights',
  };
  // Started and watched, never waited on (waiting on a result lets the time-skipping server jump to the next
  // timer of the complaints, and the digest would be made on another day than the test's).
  const runDigest = async (id: string): Promise<void> => {
    const handle = await world.env.client.workflow.start<typeof staffDigestWorkflow>('staffDigestWorkflow', {
      taskQueue: world.taskQueue,
      workflowId: id,
      args: [input],
    });
    for (let tries = 0; (await handle.describe()).status.name !== 'COMPLETED'; tries++) {
      if (tries > 200) throw new Error(`digest ${id} did not complete`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** The digests in the outbox: one row per day. */
  const outboxDigests = async () =>
    (
      await world.records.db
        .selectFrom('notices')
        .select(['step_id', 'status'])
        .where('workflow_id', '=', 'staff-digest')
        .orderBy('step_id')
        .execute()
    ).map((r) => [r.step_id, r.status]);
  await runDigest(`digest-${dateOf(8)}-a`);
  expect(await outboxDigests()).toEqual([[dateOf(8), 'sent']]);
  const digests = () => world.sink.messages.filter((m) => m.subject?.startsWith('Daily digest'));
  const [digest] = await world.sink.waitForMessages(1, (m) => m.subject?.startsWith('Daily digest') ?? false);
  expect(digest!.subject).toBe(
    `Daily digest ${dateOf(8)}: 1 overdue, 1 due this week, 1 hearings, 1 to review, 1 undeliverable`,
  );
  expect(addressOf(digest!)).toBe(COMMISSION);
  const text = digest!.text!;
  const section = (title: string) => text.split(`${title} (`)[1]!.split('\n\n')[0]!;
  const page = (h: { workflowId: string }) => `http://console.test/${h.workflowId}`;
  expect(section('Overdue steps')).toContain(
    `${overdue.caseReference} (${overdue.subject}): delhi-police, step notice: no answer, due ${people(at(7, '17:00'))}\n    ${page(overdueHandle)}`,
  );
  expect(section('Deadlines in the next seven days')).toContain(
    `${dueSoon.caseReference} (${dueSoon.subject}): delhi-police, step notice: due ${people(at(10, '17:00'))}\n    ${page(dueSoonHandle)}`,
  );
  expect(section('Hearings in the next seven days')).toContain(
    `${hearing.caseReference} (${hearing.subject}): delhi-police, step summons: hearing ${people(at(10, '11:00'))}\n    ${page(hearingHandle)}`,
  );
  expect(section('Answers awaiting review')).toContain(
    `${toReview.caseReference} (${toReview.subject}): delhi-police, step notice: answered (was due ${people(at(8, '17:00'))})\n    ${page(reviewHandle)}`,
  );
  expect(section('Undeliverable messages')).toContain(
    `${undeliverable.caseReference} (${undeliverable.subject}): delhi-police, step notice: notice refused by the mail server: `,
  );
  expect(section('Undeliverable messages')).toContain(page(goneHandle));
  expect(section('Undeliverable messages')).toContain('550');
  for (const h of [overdueHandle, dueSoonHandle, hearingHandle, reviewHandle, goneHandle])
    expect(digest!.html).toContain(`href="${page(h)}"`);
  // Only what staff alerts carry: no officer's name or address, no answer text.
  expect(text).not.toContain(OFFICER);
  expect(text).not.toContain('The Commissioner');
  expect(text).not.toContain('FIR registered; report attached');
  // No email per lapse (STAFF_LAPSE_ALERTS=digest): the overdue notice is in the digest alone.
  expect(mailsTitled(overdue.caseReference, 'Step overdue')).toHaveLength(0);

  // Run again the same day (a retry, a second trigger): nothing new is sent.
  await advanceTo(at(8, '18:00'));
  await runDigest(`digest-${dateOf(8)}-b`);
  expect(await outboxDigests()).toEqual([[dateOf(8), 'sent']]);
  // The digest workflow completed, and the sink keeps a message before it replies: any second digest is in.
  expect(digests()).toHaveLength(1);
  // The next day is a new digest.
  await advanceTo(at(9, '12:00'));
  await runDigest(`digest-${dateOf(9)}`);
  expect(await outboxDigests()).toEqual([
    [dateOf(8), 'sent'],
    [dateOf(9), 'sent'],
  ]);
  await world.sink.waitForMessages(2, (m) => m.subject?.startsWith('Daily digest') ?? false);
  expect(digests()[1]!.subject).toContain(`Daily digest ${dateOf(9)}:`);

  for (const h of [overdueHandle, dueSoonHandle, hearingHandle, reviewHandle, goneHandle])
    await world.env.client.workflow.getHandle(h.workflowId).terminate('end of test');
});

test('every message that arrived: both parts, a Message-ID kept in the outbox, a working link, none twice', async () => {
  const subjects = [...(await world.expectEveryMessageWhole())];
  for (const title of [
    'More time asked',
    'Deadline extended',
    'Answer accepted',
    'Complaint withdrawn',
    'Complaint disposed of',
    'Daily digest',
  ])
    expect(subjects.some((s) => s.startsWith(title))).toBe(true);
});
