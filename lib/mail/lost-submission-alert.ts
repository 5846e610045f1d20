// The alert staff get when an officer's submission could not be recorded (the step had closed, the complaint
// no longer runs): who tried what, on which step, and why it was not taken. Never the answer's text.
import { messageIdFor } from '../records/outbox-key';
import type { Mailer } from './mailer';
import type { RenderedMessage } from './officer-messages';
import { renderStaffNotice } from './staff-notice';

export interface LostSubmission {
  caseReference: string;
  workflowId: string;
  respondentName: string;
  stepId: string;
  /** answer | request-extension | acknowledge */
  action: string;
  why: string;
  at: string;
}

const WHAT: Record<string, string> = {
  answer: 'an answer',
  'request-extension': 'a request for more time',
  acknowledge: 'an acknowledgement of the summons',
};

export function renderLostSubmission(s: LostSubmission, consoleUrl: string): RenderedMessage {
  const subject = `Not recorded: ${s.caseReference} (${s.respondentName}), step ${s.stepId}`;
  const sentence = `${s.respondentName} sent ${WHAT[s.action] ?? s.action} for step ${s.stepId} at ${s.at} (UTC). It was not recorded: ${s.why}`;
  const advice =
    'The officer was told it was not recorded and asked to contact the Commission. Decide whether to take it in by other means.';
  return renderStaffNotice(subject, [sentence, advice], { text: 'Open the complaint', url: consoleUrl });
}

/** Sends each lost submission to staff at `to`, from `from`, linking the complaint's page. */
export function lostSubmissionAlerter(
  mailer: Mailer,
  options: { from: string; to: string; consoleUrlFor: (workflowId: string) => string },
): (lost: LostSubmission) => Promise<void> {
  return async (lost) => {
    const key = [lost.workflowId, lost.stepId, lost.action, lost.at].join('|');
    await mailer.send({
      from: options.from,
      to: { name: 'Commission staff', address: options.to },
      messageId: messageIdFor(key, options.from, 'lost-'),
      ...renderLostSubmission(lost, options.consoleUrlFor(lost.workflowId)),
    });
  };
}
