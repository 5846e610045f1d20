// A conditional summons: the appearance is dispensed with if the Action Taken Report is received on or before a
// cut-off and staff accept it (the NHRC's routine wording). The cut-off comes from the procedure (counted back from
// the hearing's day) or from staff, who may set, change or remove it on an open summons. Pure: workflows, web app
// and CLI use it.
import type { CutOffPlan } from '../procedure/dispensation';
import type { StepAddress } from './answer';
import { REASON_MAX_CHARS } from './answer';
import { firstProblem, isCalendarDate, optionalLine, requiredText, stepAddress } from './checks';

/** The condition a summons carries, as its step keeps it. */
export interface Dispensation extends CutOffPlan {
  /** `procedure`: counted from the hearing (and counted again when the hearing moves); `staff`: a date staff set. */
  setBy: 'procedure' | 'staff';
  /** When the hearing was dispensed with: the answer received by the cut-off that staff accepted. */
  dispensed?: { answerId: string; at: string };
}

/** Staff's change of a summons' cut-off, kept in the step's ledger (bounded: DISPENSATION_CHANGES_MAX). */
export interface DispensationChange {
  /** The cut-off's date set, or null: removed. */
  cutOffDate: string | null;
  /** The cut-off's instant, when set. */
  cutOffAt?: string;
  previousCutOffDate?: string;
  reason: string;
  by?: string;
  at: string;
}

/** What an officer or staff are told of a summons' condition in a message. */
export interface DispensationTold {
  /** The cut-off as it stands (absent: staff removed it). */
  cutOffAt?: string;
  /** Of an answer: whether it was received by the cut-off (the hearing is then dispensed with once accepted). */
  met?: boolean;
  /** Staff's reason for setting, changing or removing it. */
  reason?: string;
}

/** Staff set, change (a date) or remove (null) a summons' cut-off. */
export interface DispensationOrder extends StepAddress {
  cutOff: string | null;
  reason: string;
  by?: string;
}

/** How many times staff may change a summons' cut-off: each change is a message and a few events of history. */
export const DISPENSATION_CHANGES_MAX = 5;

export function dispensationOrderProblem(x: DispensationOrder): string | null {
  return (
    stepAddress(x) ??
    firstProblem(
      x.cutOff === null || isCalendarDate(x.cutOff)
        ? null
        : 'cutOff: must be a date as YYYY-MM-DD, or null to remove it',
      requiredText('reason', x.reason, REASON_MAX_CHARS),
      optionalLine('by', x.by, 200),
    )
  );
}

/** Whether an answer received at `receivedAt` meets the condition (on or before the cut-off). */
export function receivedByCutOff(dispensation: Pick<Dispensation, 'cutOffAt'>, receivedAt: string): boolean {
  return Date.parse(receivedAt) <= Date.parse(dispensation.cutOffAt);
}

/** The condition a summons opens with: the procedure's cut-off, as its hearing's plan counted it (if any). */
export function openingDispensation(plan: { dispensation?: CutOffPlan }): { dispensation?: Dispensation } {
  return plan.dispensation ? { dispensation: { ...plan.dispensation, setBy: 'procedure' } } : {};
}

/**
 * The condition a summons carries after its hearing moved (staff, a further hearing, holidays): the procedure's
 * cut-off is counted again from the new hearing (`counted`, none if it would not fall after the move); a cut-off
 * staff set (or removed) stays as they left it, unless it would no longer fall before the new hearing's day, when
 * it is cleared.
 */
export function dispensationAfterMove(
  hearing: { dispensation?: Dispensation; dispensationChanges?: DispensationChange[] },
  newHearingDate: string,
  counted: CutOffPlan | undefined,
): Dispensation | undefined {
  if (!hearing.dispensationChanges?.length) return counted ? { ...counted, setBy: 'procedure' } : undefined;
  const kept = hearing.dispensation;
  return kept && kept.cutOffDate < newHearingDate ? kept : undefined;
}
