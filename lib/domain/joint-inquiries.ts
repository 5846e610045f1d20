// A joint inquiry: a second commission (a State Commission, as NCPCR's e-Baal Nidan lets it) inquires into one
// complaint beside the commission that holds it. While it is open, every message the complaint's officers receive
// is copied to that commission, without the officer's answer link (the answer stays the officer's); its staff may
// be given read access to this one complaint (lib/records/reader-access.ts, `complaint joint-inquiry grant`). Pure: workflows, web app and CLI use it.
import { emailAddress, firstProblem, optionalLine, requiredText } from './checks';
import { REASON_MAX_CHARS } from './answer';

/** The second commission, named as its letters are addressed. */
export interface JointCommission {
  name: string;
  email: string;
}

/** One joint inquiry, as the complaint keeps it: open while `until` is absent. */
export interface JointInquiry {
  commission: JointCommission;
  reason: string;
  by?: string;
  since: string;
  until?: string;
  endReason?: string;
  endedBy?: string;
}

/** Staff open a joint inquiry with a second commission. */
export interface JointInquiryOpening {
  commission: JointCommission;
  reason: string;
  by?: string;
}

/** Staff end the joint inquiry with the commission at `commissionEmail`: its copies stop. */
export interface JointInquiryEnding {
  commissionEmail: string;
  reason: string;
  by?: string;
}

/**
 * The most joint inquiries a complaint opens in its life (open or ended): each is an Update and a line of its
 * state, and each open one a copy of every officer message, so the count is bounded.
 */
export const MAX_JOINT_INQUIRIES = 5;

/** The joint inquiries open now. */
export function openJointInquiries(state: { jointInquiries?: JointInquiry[] }): JointInquiry[] {
  return (state.jointInquiries ?? []).filter((i) => i.until === undefined);
}

/** Addresses compare as mail servers mostly treat them: without regard to case. */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function jointInquiryProblem(x: JointInquiryOpening): string | null {
  if (typeof x !== 'object' || x === null) return 'arguments: must be an object';
  if (typeof x.commission !== 'object' || x.commission === null) return 'commission: is required';
  return firstProblem(
    requiredText('commission.name', x.commission.name, 200),
    optionalLine('commission.name', x.commission.name, 200),
    emailAddress('commission.email', x.commission.email),
    requiredText('reason', x.reason, REASON_MAX_CHARS),
    optionalLine('by', x.by, 200),
  );
}

export function jointInquiryEndingProblem(x: JointInquiryEnding): string | null {
  if (typeof x !== 'object' || x === null) return 'arguments: must be an object';
  return firstProblem(
    emailAddress('commissionEmail', x.commissionEmail),
    requiredText('reason', x.reason, REASON_MAX_CHARS),
    optionalLine('by', x.by, 200),
  );
}
