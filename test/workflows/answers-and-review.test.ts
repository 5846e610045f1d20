// Answers and their review: an answer before the deadline, one after the overdue reminder that staff return,
// two respondents on their own tracks, and the answers the validator refuses. The world they run in
// (time-skipping server, SMTP sink, records): test/helpers/time-skipping-world.ts.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { AnswerSubmission } from '../../lib/domain/answer';
import { refusalOf, Refusal } from '../../lib/domain/refusals';
import { recipientHash } from '../../lib/mail/answer-links';
import { closeComplaint, getComplaint, reviewAnswer, submitAnswer } from '../../workflows/messages';
import { recordsEventually, seedCase, SUBSIDIARY } from '../helpers/fixtures';
import { answerLinkIn } from '../helpers/smtp-sink';
import {
  act,
  answer,
  COMMISSION,
  eventually,
  keepHistory,
  links,
  messages,
  notices,
  OFFICER,
  others,
  stepOf,
  track,
  useTimeSkippingWorld,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start, mailsFor, otherMailsFor } = world;

test('an answer before the deadline stops the clock: staff accept it and the complaint closes, with no reminder sent', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(2, '12:00'));
  const receipt = await handle.executeUpdate(submitAnswer, {
    args: [{ ...answer('notice'), firNumber: '0123/2021', firDate: dateOf(1) }],
    updateId: 'link-answer-1',
  });
  let s = await handle.query(getComplaint);
  expect(s.stage).toBe('review');
  expect(stepOf(s, 'notice')).toMatchObject({
    status: 'answered',
    answers: [{ answerId: receipt.answerId, receivedAt: at(2, '12:00') }],
  });

  // The officer gets a receipt and the staff an alert.
  // (They go out side by side: in either order.)
  s = await eventually(handle, (x) => others(x).length === 2);
  expect(others(s)).toHaveLength(2);
  expect(others(s)).toEqual(
    expect.arrayContaining([
      ['answer-receipt', 'notice', OFFICER, at(2, '12:00')],
      ['answer-to-review', 'notice', COMMISSION, at(2, '12:00')],
    ]),
  );
  const receiptMail = otherMailsFor(caseFile).find((m) => m.subject?.startsWith('Answer received'))!;
  expect(receiptMail.text).toContain('The Commission has received your answer');
  // All of it (the records row, the receipt, the alert, the journal) in one activity after the Update.
  const history = (await handle.fetchHistory()).events!;
  const accepted = history.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(
    history
      .slice(accepted)
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name),
  ).toEqual(['sendMoment']);
  expect(await world.records.answersFor(handle.workflowId)).toEqual([
    expect.objectContaining({ answer_id: receipt.answerId, fir_number: '0123/2021' }),
  ]);

  // While under review, the deadline passes: no reminder, no escalation.
  await advanceTo(at(12, '12:00'));
  s = await handle.query(getComplaint);
  expect(messages(s).map((m) => m[0])).toEqual(['notice']);

  s = await act(handle, reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept', by: 'registrar' }],
  });
  expect(stepOf(s, 'notice')).toMatchObject({
    status: 'closed',
    closedAs: 'accepted',
    answers: [{ review: { decision: 'accepted', by: 'registrar' } }],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'answered-and-accepted');
  expect(await world.records.answersFor(handle.workflowId)).toEqual([
    expect.objectContaining({
      answer_id: receipt.answerId,
      fir_number: '0123/2021',
      review_decision: 'accept',
    }),
  ]);
  expect(mailsFor(caseFile)).toHaveLength(1);
  // The records keep the journal of the step.
  expect((await world.records.eventsFor(handle.workflowId)).map((e) => e.event)).toEqual([
    'opened',
    'answered',
    'reviewed',
    'closed',
  ]);
  expect(await world.records.stepsFor(handle.workflowId)).toEqual([
    expect.objectContaining({
      step_id: 'notice',
      status: 'closed',
      closed_as: 'accepted',
      due_at: at(7, '17:00'),
    }),
  ]);
});

test('an answer after the overdue reminder; a returned answer becomes a new step with its own deadline', async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  await advanceTo(at(11, '09:00'));
  await eventually(handle, (x) => notices(x).length === 3);
  await handle.executeUpdate(submitAnswer, { args: [answer('overdue-reminder', 'Inquiry under way')] });

  let s = await act(handle, reviewAnswer, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'overdue-reminder',
        decision: 'return',
        missing: 'Send a copy of the FIR',
      },
    ],
  });
  expect(stepOf(s, 'overdue-reminder')).toMatchObject({ status: 'closed', closedAs: 'returned' });
  expect(stepOf(s, 'follow-up')).toMatchObject({
    kind: 'follow-up',
    status: 'open',
    demands: ['Send a copy of the FIR'],
    issuedOn: dateOf(11),
    dueAt: at(18, '17:00'),
  });
  s = await eventually(handle, (x) => notices(x).length === 4);
  expect(messages(s).at(-1)).toEqual(['follow-up', 'follow-up', OFFICER, at(11, '09:00')]);
  const followUp = mailsFor(caseFile).at(-1)!;
  expect(followUp.subject).toMatch(/^Further demand/);
  expect(followUp.text).toContain('Send a copy of the FIR');
  expect(links.verify(answerLinkIn(followUp).split('/answer/')[1]!)).toMatchObject({
    stepId: 'follow-up',
    recipientHash: recipientHash(OFFICER),
  });

  await handle.executeUpdate(submitAnswer, { args: [answer('follow-up', 'FIR copy attached')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'follow-up', decision: 'accept' }],
  });
  await handle.result();
  await keepHistory(handle, 'returned-then-accepted');
  expect(
    (await world.records.answersFor(handle.workflowId)).map((a) => [a.step_id, a.review_decision]),
  ).toEqual([
    ['overdue-reminder', 'return'],
    ['follow-up', 'accept'],
  ]);
});

test('two respondents answer at different times, each on its own track; the complaint closes when both are done', async () => {
  await newAnchor();
  const caseFile = freshCase({ respondents: [...seedCase().respondents, SUBSIDIARY] });
  const handle = await start(caseFile);
  await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Account details shared', SUBSIDIARY.id)],
  });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: SUBSIDIARY.id, stepId: 'notice', decision: 'accept' }],
  });

  await advanceTo(at(10, '10:01'));
  const s = await eventually(handle, (x) => notices(x).length === 3);
  expect(track(s, SUBSIDIARY.id)).toMatchObject({ status: 'closed' });
  expect(messages(s, SUBSIDIARY.id)).toEqual([
    ['notice', 'notice', SUBSIDIARY.officer.email, at(0, '10:00')],
  ]);
  expect(messages(s).map((m) => m[0])).toEqual(['notice', 'due-soon-reminder', 'overdue-reminder']);
  expect(s.stage).toBe('reminder');
  expect((await handle.describe()).status.name).toBe('RUNNING');

  await handle.executeUpdate(submitAnswer, { args: [answer('overdue-reminder')] });
  await handle.executeUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'overdue-reminder', decision: 'accept' }],
  });
  expect((await handle.result()).closure.kind).toBe('resolved');
  await keepHistory(handle, 'two-respondents');
  expect(
    mailsFor(caseFile).filter((m) => JSON.stringify(m.to).includes(SUBSIDIARY.officer.email)),
  ).toHaveLength(1);
});

test('invalid answers are rejected by the validator and change nothing; a repeated update ID is recorded once', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  // Refused with a type naming the reason (what clients branch on) and a message naming the field.
  const rejected = async (args: AnswerSubmission) => {
    const err = await handle.executeUpdate(submitAnswer, { args: [args] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return refusalOf(err);
  };
  const refusal = (type: string, message: RegExp): unknown => ({
    type,
    message: expect.stringMatching(message) as unknown,
  });
  expect(await rejected(answer('notice', '   '))).toEqual(refusal(Refusal.invalidArgument, /^atrText:/));
  expect(await rejected(answer('notice-9', 'x'))).toEqual(
    refusal(Refusal.noSuchStep, /^stepId: no step notice-9/),
  );
  expect(await rejected({ ...answer('notice', 'x'), respondentId: 'nobody' })).toEqual(
    refusal(Refusal.noSuchStep, /^respondentId: no respondent nobody/),
  );
  expect(await rejected({ ...answer('notice', 'x'), firDate: '2021-02-30' })).toEqual(
    refusal(Refusal.invalidArgument, /^firDate:/),
  );
  expect(await rejected({ ...answer('notice', 'x'), firNumber: 'a\r\nBcc: x@y.z' })).toEqual(
    refusal(Refusal.invalidArgument, /^firNumber:/),
  );
  expect(await rejected({ ...answer('notice', 'x'), recipientHash: 'f'.repeat(64) })).toEqual(
    refusal(Refusal.linkSuperseded, /^link: step notice now goes to another address/),
  );
  expect(stepOf(await handle.query(getComplaint), 'notice').status).toBe('open');
  expect(await world.records.answersFor(handle.workflowId)).toEqual([]);
  const reviewTooEarly = await handle
    .executeUpdate(reviewAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
    })
    .catch((e: unknown) => e);
  expect(refusalOf(reviewTooEarly)).toEqual({
    type: Refusal.stepNotOpen,
    message: 'stepId: step notice is open, with no answer to review',
  });

  // A double click: the same update ID twice gives one answer and the same receipt.
  const first = await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Once')],
    updateId: 'same-link',
  });
  const second = await handle.executeUpdate(submitAnswer, {
    args: [answer('notice', 'Once')],
    updateId: 'same-link',
  });
  expect(second).toEqual(first);
  expect(await recordsEventually(() => world.records.answersFor(handle.workflowId), 1)).toHaveLength(1);
  // Only the accepted update is in history: the rejected ones left no trace but their rejection.
  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'end of test' }] });
  await handle.result();
  await keepHistory(handle, 'validator-rejections');
});

test('every message that arrived: both parts, a Message-ID kept in the outbox, a working link', async () => {
  await world.expectEveryMessageWhole();
});
