// A conditional summons (the NHRC's "however, if the report is received on or before ..., the personal appearance
// shall be dispensed with"). The summons step keeps its cut-off (hearing.dispensation: the procedure's, counted
// back from the hearing's day, or a date staff set); an answer received by it and accepted by staff dispenses with
// the hearing: the step closes as `dispensed` and the officer is told, with a calendar CANCEL of the invitation.
// An answer received after it does not: accepted, the hearing stands and staff record its outcome.
import type { StepState } from '../lib/domain/complaint-state';
import {
  DISPENSATION_CHANGES_MAX,
  dispensationOrderProblem,
  receivedByCutOff,
  type Dispensation,
  type DispensationOrder,
} from '../lib/domain/dispensation';
import { refuse, Refusal } from '../lib/domain/refusals';
import type { Period } from '../lib/procedure/procedure';
import { action, receiptOf, reject, stepFor } from './actions';
import { planCutOff } from './activity-proxies';
import type { Complaint } from './complaint-context';
import { setDispensation } from './messages';
import { closeStep, tellOfficer } from './steps';
import { nowIso } from './time';

/** The procedure's `reportBefore` for a summons (to plan its hearing with), if it has a dispensation. */
export function reportBeforeOf(c: Complaint, step: StepState): { reportBefore?: Period } {
  const def = c.stepDefinition(step.definitionId);
  return def.kind === 'summons' && def.dispensation ? { reportBefore: def.dispensation.reportBefore } : {};
}

/** The summons' condition still open: set, and not yet met. */
export function pendingDispensation(step: StepState): Dispensation | undefined {
  const d = step.hearing?.dispensation;
  return d && !d.dispensed ? d : undefined;
}

/**
 * Staff accepted the answer on a summons that carries a condition: received by the cut-off, the hearing is
 * dispensed with (the step closes, the officer is told and their calendar's event cancelled); received after it,
 * the hearing stands (the step is open again, waiting for the hearing's outcome) and the officer is told so.
 * Returns false for a summons without a condition: its accepted answer closes it as any step's does.
 */
export function acceptOnConditionalSummons(c: Complaint, step: StepState, at: string): boolean {
  const dispensation = step.kind === 'summons' ? pendingDispensation(step) : undefined;
  if (!dispensation) return false;
  const answer = step.answers.at(-1)!;
  const track = c.trackOf(step);
  if (receivedByCutOff(dispensation, answer.receivedAt)) {
    dispensation.dispensed = { answerId: answer.answerId, at };
    closeStep(c, step, 'dispensed');
    c.journal(track, step, 'hearing-dispensed', { cutOffAt: dispensation.cutOffAt });
    // Its version is the invitation's: the CANCEL carries the next SEQUENCE.
    tellOfficer(c, step, 'hearing-dispensed', step.version, at);
    return true;
  }
  step.status = 'open';
  c.journal(track, step, 'answer-after-cut-off', { cutOffAt: dispensation.cutOffAt });
  tellOfficer(c, step, 'answer-accepted', step.answers.length, at);
  return true;
}

/** Staff set, change or remove the cut-off; the officer is told the condition as it now stands, once. */
async function changeDispensation(c: Complaint, step: StepState, order: DispensationOrder): Promise<void> {
  const hearing = step.hearing!;
  const at = nowIso();
  const previous = hearing.dispensation;
  if (order.cutOff === null) delete hearing.dispensation;
  else {
    const plan = await planCutOff({
      rules: c.procedure.rules,
      hearingDate: step.dueDate,
      source: { date: order.cutOff },
    });
    // Checked here, once the date is an instant in the commission's zone (the planning activity's).
    if (Date.parse(plan.cutOffAt) <= Date.parse(at))
      throw refuse(Refusal.invalidArgument, `cutOff: ${plan.cutOffText} has passed`);
    hearing.dispensation = { ...plan, setBy: 'staff' };
  }
  const set = hearing.dispensation;
  const changes = (hearing.dispensationChanges ??= []);
  changes.push({
    cutOffDate: order.cutOff,
    ...(set ? { cutOffAt: set.cutOffAt } : {}),
    ...(previous ? { previousCutOffDate: previous.cutOffDate } : {}),
    reason: order.reason,
    ...(order.by ? { by: order.by } : {}),
    at,
  });
  c.journal(c.trackOf(step), step, 'dispensation-changed', { cutOffDate: order.cutOff });
  tellOfficer(c, step, 'dispensation-changed', changes.length, at);
}

export const DISPENSATION_ACTIONS = [
  action({
    update: setDispensation,
    check: (c, order: DispensationOrder) => {
      reject(dispensationOrderProblem(order));
      const step = stepFor(c, order, { summons: true, status: ['open', 'answered'] });
      const hearing = step.hearing!;
      if (Date.now() >= Date.parse(hearing.hearingAt))
        throw refuse(Refusal.stepNotOpen, `stepId: the hearing of ${step.dueDate} has passed`);
      if ((hearing.dispensationChanges?.length ?? 0) >= DISPENSATION_CHANGES_MAX)
        throw refuse(
          Refusal.stepNotOpen,
          `stepId: the cut-off of step ${step.stepId} has been changed ${DISPENSATION_CHANGES_MAX} times, the most`,
        );
      if (order.cutOff === null) {
        if (!hearing.dispensation)
          throw refuse(Refusal.invalidArgument, `cutOff: step ${step.stepId} has no cut-off to remove`);
      } else if (order.cutOff >= step.dueDate)
        throw refuse(Refusal.invalidArgument, `cutOff: must be before the hearing's day (${step.dueDate})`);
      else if (order.cutOff === hearing.dispensation?.cutOffDate)
        throw refuse(Refusal.invalidArgument, `cutOff: the cut-off is already ${order.cutOff}`);
      return step;
    },
    apply: async (c, order, step) => {
      await changeDispensation(c, step, order);
      return receiptOf(c, step);
    },
  }),
];
