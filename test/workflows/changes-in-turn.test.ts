// Changes to a complaint wait their turn (a mutex, as in the samples' safe-message-handlers): a change that
// arrives while another one awaits an activity is applied after it, not refused. What is refused in its turn is
// refused with a type naming the reason (lib/domain/refusals.ts), which clients branch on.
import { WorkflowUpdateStage } from '@temporalio/client';
import { DateTime } from 'luxon';
import { RefusedAction, runStaffAction } from '../../client/staff-actions';
import { extensionProblem } from '../../lib/domain/staff-actions';
import { refusalOf, Refusal } from '../../lib/domain/refusals';
import {
  closeComplaint,
  correctRecipient,
  extendDeadline,
  getComplaint,
  reviewAnswer,
  submitAnswer,
} from '../../workflows/messages';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import {
  answer,
  eventually,
  stepOf,
  useTimeSkippingWorld,
  ZONE,
  type Handle,
} from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();
const { newAnchor, at, dateOf, advanceTo, freshCase, start } = world;

const CORRECTED = 'commissioner.office@delhipolice.example';

/** The Update IDs in the order the complaint's history accepted and completed them. */
async function updateEvents(handle: Handle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).flatMap((e) => {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (accepted) return [`accepted ${accepted}`];
    const completed = e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
    return completed ? [`completed ${completed}`] : [];
  });
}

test('two staff changes to one step arrive together: both are applied, in turn, neither refused', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  await advanceTo(at(3, '11:00'));
  // The correction awaits its send (the notice again, to the right address: a letter rendered and mailed)...
  const correction = await handle.startUpdate(correctRecipient, {
    args: [
      {
        respondentId: 'delhi-police',
        stepId: 'notice',
        email: CORRECTED,
        reason: 'The notice went to a mailbox nobody reads',
      },
    ],
    updateId: 'correct',
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // ...while staff extend the same step's deadline.
  const extension = handle.executeUpdate(extendDeadline, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', until: dateOf(14), reason: 'Data awaited' }],
    updateId: 'extend',
  });
  const [corrected, extended] = await Promise.all([correction.result(), extension]);
  expect(corrected).toMatchObject({ stepId: 'notice', version: 1 });
  expect(extended).toMatchObject({ stepId: 'notice', version: 2, dueAt: at(14, '17:00') });

  // They overlapped (the extension was taken while the correction was under way) and ran one after the other.
  expect(await updateEvents(handle)).toEqual([
    'accepted correct',
    'accepted extend',
    'completed correct',
    'completed extend',
  ]);
  const toldOfExtension = (x: ComplaintState) =>
    x.respondents[0]!.messages.filter((m) => m.kind === 'deadline-extended');
  const s = await eventually(handle, (x) => toldOfExtension(x).length > 0);
  const notice = stepOf(s, 'notice');
  expect(notice.recipient.email).toBe(CORRECTED);
  expect(notice.recipientCorrections).toHaveLength(1);
  expect(notice.extensions).toHaveLength(1);
  expect(notice).toMatchObject({ dueAt: at(14, '17:00'), version: 2 });
  // The officer hears of the new date at the corrected address: the extension came after the correction.
  expect(toldOfExtension(s).map((m) => m.to)).toEqual([CORRECTED]);
});

test('a change refused in its turn is refused with its reason as a type: a second review after the first closed the step', async () => {
  await newAnchor();
  const handle = await start(freshCase());
  await handle.executeUpdate(submitAnswer, { args: [answer('notice')] });
  const first = await handle.startUpdate(reviewAnswer, {
    args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'accept' }],
    updateId: 'accept',
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // Valid when it arrives (the answer still waits for review); in its turn the step is closed.
  const second = await handle
    .executeUpdate(reviewAnswer, {
      args: [{ respondentId: 'delhi-police', stepId: 'notice', decision: 'return', missing: 'The FIR copy' }],
      updateId: 'return',
    })
    .catch((e: unknown) => e);
  expect(await first.result()).toMatchObject({ stepId: 'notice', status: 'closed' });
  expect(refusalOf(second)).toEqual({
    type: Refusal.stepNotOpen,
    message: 'stepId: step notice is closed (accepted)',
  });
  expect(stepOf(await handle.query(getComplaint), 'notice').answers[0]!.review?.decision).toBe('accepted');
});

test("staff's actions tell a refusal by its type: a step the complaint lacks, then a complaint that closed", async () => {
  await newAnchor();
  const caseFile = freshCase();
  const handle = await start(caseFile);
  const extend = (stepId: string) =>
    runStaffAction(
      world.env.client,
      caseFile.caseReference,
      extendDeadline,
      { respondentId: 'delhi-police', stepId, until: dateOf(14), reason: 'Data awaited' },
      extensionProblem,
    );
  const unknownStep = extend('appeal');
  await expect(unknownStep).rejects.toBeInstanceOf(RefusedAction);
  await expect(unknownStep).rejects.toMatchObject({ refusal: Refusal.noSuchStep, fields: ['stepId'] });

  await handle.executeUpdate(closeComplaint, { args: [{ action: 'withdraw', reason: 'Settled' }] });
  const closedAt = (await handle.result()).closure.at;
  // The workflow no longer runs: said as closed, with when and why, not as a failure of the Update.
  const afterClosure = extend('notice');
  await expect(afterClosure).rejects.toMatchObject({ refusal: Refusal.complaintClosed });
  await expect(afterClosure).rejects.toThrow(
    `complaint ${caseFile.caseReference} is closed (withdrawn on ${DateTime.fromISO(closedAt).setZone(ZONE).toFormat('d LLLL yyyy')}: Settled)`,
  );
});
