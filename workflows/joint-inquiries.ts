// A joint inquiry with a second commission, opened and ended by staff. What it changes is who is copied: the
// outbox copies every officer message to the commissions whose inquiry is open when the message goes out
// (outbox.ts, jointCommissions), and the send activity strips the officer's link from the copy (activities/
// notices.ts). Its read access to the complaint is granted apart, in the records (lib/records/reader-access.ts).
import {
  jointInquiryEndingProblem,
  jointInquiryProblem,
  MAX_JOINT_INQUIRIES,
  openJointInquiries,
  sameAddress,
  type JointInquiryEnding,
  type JointInquiryOpening,
} from '../lib/domain/joint-inquiries';
import { refuse, Refusal } from '../lib/domain/refusals';
import { action, reject } from './actions';
import type { Complaint } from './complaint-context';
import { endJointInquiry, openJointInquiry, type JointInquiryReceipt } from './messages';
import { nowIso } from './time';

function openComplaint(c: Complaint): void {
  if (c.ended()) throw refuse(Refusal.complaintClosed, `complaint: ${c.state.caseReference} is closed`);
}

function receipt(c: Complaint, commissionEmail: string): JointInquiryReceipt {
  return { commissionEmail, open: openJointInquiries(c.state).length };
}

export const JOINT_INQUIRY_ACTIONS = [
  action({
    update: openJointInquiry,
    check: (c, opening: JointInquiryOpening) => {
      reject(jointInquiryProblem(opening));
      openComplaint(c);
      const { email } = opening.commission;
      if (sameAddress(email, c.input.caseFile.commission.email))
        throw refuse(
          Refusal.invalidArgument,
          'commission.email: is the address of the commission holding the complaint',
        );
      if (openJointInquiries(c.state).some((i) => sameAddress(i.commission.email, email)))
        throw refuse(
          Refusal.invalidArgument,
          `commission.email: a joint inquiry with ${email} is already open`,
        );
      const opened = c.state.jointInquiries?.length ?? 0;
      if (opened >= MAX_JOINT_INQUIRIES)
        throw refuse(
          Refusal.invalidArgument,
          `commission: complaint ${c.state.caseReference} has had ${opened} joint inquiries, the most a complaint may`,
        );
      return undefined;
    },
    apply: (c, opening) => {
      const commission = { name: opening.commission.name, email: opening.commission.email };
      (c.state.jointInquiries ??= []).push({
        commission,
        reason: opening.reason,
        ...(opening.by ? { by: opening.by } : {}),
        since: nowIso(),
      });
      // It learns what each open step stands on now (a track's compliance steps run beside its main one); every
      // message from now on is copied as it goes out.
      for (const track of c.state.respondents)
        for (const step of track.steps)
          if (step.status !== 'closed') c.outbox.copyToJoined(track, step, commission);
      return receipt(c, opening.commission.email);
    },
  }),
  action({
    update: endJointInquiry,
    check: (c, ending: JointInquiryEnding) => {
      reject(jointInquiryEndingProblem(ending));
      openComplaint(c);
      if (!openJointInquiries(c.state).some((i) => sameAddress(i.commission.email, ending.commissionEmail)))
        throw refuse(
          Refusal.invalidArgument,
          `commissionEmail: no joint inquiry with ${ending.commissionEmail} is open`,
        );
      return undefined;
    },
    apply: (c, ending) => {
      const inquiry = openJointInquiries(c.state).find((i) =>
        sameAddress(i.commission.email, ending.commissionEmail),
      )!;
      inquiry.until = nowIso();
      inquiry.endReason = ending.reason;
      if (ending.by) inquiry.endedBy = ending.by;
      return receipt(c, inquiry.commission.email);
    },
  }),
];
