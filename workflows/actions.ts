// How the complaint takes an Update: an action is a check (the validator, run again at the change's turn) and a
// named change; the helpers every action shares find the step it addresses or refuse it with a typed reason. The
// actions themselves live beside what they change (handlers.ts, and one module per movement of the procedure).
import type { UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, setHandler } from '@temporalio/workflow';
import type { OfficerSubmission, StepAddress } from '../lib/domain/answer';
import { recipientHash } from '../lib/domain/recipient-hash';
import { refuse, Refusal } from '../lib/domain/refusals';
import { findStep, type StepState } from '../lib/domain/complaint-state';
import type { Complaint } from './complaint-context';
import type { StepReceipt } from './messages';

/** Refuses an argument that fails its check (the problem names the field). */
export function reject(problem: string | null): void {
  if (problem) throw refuse(Refusal.invalidArgument, problem);
}

/** The addressed step, if the complaint is open and the step takes the action; else a typed refusal. */
export function stepFor(
  c: Complaint,
  address: StepAddress,
  expect: { status?: StepState['status'][]; summons?: boolean } = {},
): StepState {
  if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
  const step = findStep(c.state, address.respondentId, address.stepId);
  if (!step) {
    if (!c.state.respondents.some((r) => r.respondentId === address.respondentId))
      throw refuse(
        Refusal.noSuchStep,
        `respondentId: no respondent ${address.respondentId} in this complaint`,
      );
    throw refuse(
      Refusal.noSuchStep,
      `stepId: no step ${address.stepId} for respondent ${address.respondentId}`,
    );
  }
  const allowed = expect.status ?? ['open'];
  if (!allowed.includes(step.status)) {
    const why =
      step.status === 'closed'
        ? `closed (${step.closedAs ?? ''})`
        : step.status === 'open'
          ? 'open, with no answer to review'
          : 'answered and waiting for review';
    throw refuse(Refusal.stepNotOpen, `stepId: step ${step.stepId} is ${why}`);
  }
  if (expect.summons === true && step.kind !== 'summons')
    throw refuse(Refusal.stepNotOpen, `stepId: step ${step.stepId} is not a summons`);
  if (expect.summons === false && step.kind === 'summons')
    throw refuse(
      Refusal.stepNotOpen,
      `stepId: step ${step.stepId} is a summons: reschedule its hearing instead`,
    );
  return step;
}

/** The step an officer's link addresses, refused when the link went to an address since corrected. */
export function officerStepFor(
  c: Complaint,
  submission: OfficerSubmission,
  expect: { status?: StepState['status'][]; summons?: boolean } = {},
): StepState {
  const step = stepFor(c, submission, expect);
  if (
    submission.recipientHash !== undefined &&
    submission.recipientHash !== recipientHash(step.recipient.email)
  )
    throw refuse(
      Refusal.linkSuperseded,
      `link: step ${step.stepId} now goes to another address; use the link in the latest email`,
    );
  return step;
}

/**
 * An Update as the complaint takes it: `check` refuses what it cannot take and finds what the action is about
 * (its step); `apply` makes the change, in its turn.
 */
export interface Action<R, A, T> {
  update: UpdateDefinition<R, [A]>;
  check: (c: Complaint, arg: A) => T;
  apply: (c: Complaint, arg: A, target: T) => R | Promise<R>;
}

/**
 * Registers an action. Its result is remembered by Update ID: a retry of an Update already applied (in this run
 * or one before a continue-as-new) gets the same result and changes nothing, its validator skipped. The change
 * waits its turn, and is checked again then: what it found at the validator may have changed meanwhile.
 */
function register<R, A, T extends StepState | undefined>(c: Complaint, action: Action<R, A, T>): void {
  const applied = () => c.appliedUpdates.has(currentUpdateInfo()?.id ?? '');
  setHandler(
    action.update,
    async (arg: A): Promise<R> => {
      const updateId = currentUpdateInfo()?.id;
      if (updateId !== undefined && c.appliedUpdates.has(updateId))
        return c.appliedUpdates.get(updateId) as R;
      const result = await c.change(
        () => action.check(c, arg),
        (target) => action.apply(c, arg, target),
      );
      if (updateId !== undefined) c.rememberUpdate(updateId, result);
      return result;
    },
    {
      validator: (arg: A) => {
        if (!applied()) action.check(c, arg);
      },
    },
  );
}

/** An action, typed by its Update (for a list of actions registered together). */
export function action<R, A, T extends StepState | undefined>(a: Action<R, A, T>): (c: Complaint) => void {
  return (c) => register(c, a);
}

/** What an action did to its step (and the step it opened, if any): the Update's small result. */
export function receiptOf(c: Complaint, step: StepState, opened?: StepState): StepReceipt {
  return {
    respondentId: c.trackOf(step).respondentId,
    stepId: step.stepId,
    status: step.status,
    version: step.version,
    dueAt: step.dueAt,
    ...(opened ? { opened: { stepId: opened.stepId, dueAt: opened.dueAt } } : {}),
  };
}
