// Alerts to the commission's staff: an answer waiting for review, a step gone overdue, a hearing tomorrow.
// They carry no answer text or personal detail beyond what a case list shows: the link leads to the rest.
import { formatForPeople } from '../procedure/deadlines';
import { html } from '../markup/html';
import { LETTER_NOT_RENDERED } from './letters/letter';
import type { StaffAlertKind } from '../domain/complaint-state';
import type { DispensationTold } from '../domain/dispensation';
import type { RenderedMessage } from './officer-messages';

export interface StaffAlertContent {
  kind: StaffAlertKind;
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  stepId: string;
  demands: string[];
  timeZone: string;
  /** The deadline that lapsed, or the hearing. */
  at: string;
  /** Where staff read and act on the complaint. */
  consoleUrl: string;
  /** Why a message is undeliverable: the mail server's refusal, or its letter not rendered in time. */
  failure?: string;
  /** The date an officer proposes, asking for more time (YYYY-MM-DD). */
  requestedDate?: string;
  /** Why an officer asks that the clock stop (the grounds, in words). */
  stopGrounds?: string;
  /** An officer's interim reply: why the report is late, when expected, and whether it moved the deadline. */
  interim?: { reason: string; expectedDate: string; moved: boolean };
  /** An answer on a summons with a condition: the cut-off, and whether the answer came by it. */
  dispensation?: DispensationTold;
}

/** What accepting an answer on a conditional summons does: dispenses with the hearing, or leaves it standing. */
function onCondition(c: StaffAlertContent): string {
  const d = c.dispensation;
  if (!d?.cutOffAt) return '';
  const cutOff = formatForPeople(d.cutOffAt, c.timeZone);
  return d.met
    ? ` It came by the summons' cut-off (${cutOff}): accepting it dispenses with the hearing (the officer is told, their calendar entry cancelled).`
    : ` It came after the summons' cut-off (${cutOff}): accepting it does not dispense with the hearing, which stands; record its outcome after it.`;
}

const HEADLINE: Record<StaffAlertKind, (c: StaffAlertContent, when: string) => [string, string]> = {
  'answer-to-review': (c, when) => [
    'Answer to review',
    `${c.respondentName} answered step ${c.stepId} (due ${when}). It waits for your review: accept it, or return it with what is missing.${onCondition(c)}`,
  ],
  'step-overdue': (c, when) => [
    'Step overdue',
    `${c.respondentName} has not answered step ${c.stepId}, due ${when}.`,
  ],
  'hearing-tomorrow': (c, when) => [
    'Hearing tomorrow',
    `${c.respondentName} is summoned to appear on ${when}. Record the hearing's outcome afterwards.`,
  ],
  'extension-requested': (c, when) => [
    'More time asked',
    `${c.respondentName} asks for more time on step ${c.stepId}, due ${when}${c.requestedDate ? `, until ${c.requestedDate}` : ''}. Decide on the complaint's page: extend the deadline there, or leave it as it stands (their reason is shown there).`,
  ],
  'clock-stop-requested': (c, when) => [
    'Clock stop asked',
    `${c.respondentName} asks that the clock of step ${c.stepId} (due ${when}) stop${c.stopGrounds ? `: ${c.stopGrounds}` : ''}. Approve or decline on the complaint's page; approved, the days count as stopped from the day they asked.`,
  ],
  'interim-reply-received': (c, when) => [
    'Interim reply',
    `${c.respondentName} sent an interim reply on step ${c.stepId}: the report is expected by ${c.interim?.expectedDate ?? ''} (${c.interim?.reason ?? ''}). ${c.interim?.moved ? `The procedure moved the deadline to it: due ${when}. Refuse the date on the complaint's page to restore the deadline before it.` : `The deadline stands: due ${when}. Accept the date (the deadline moves to it) or refuse it on the complaint's page.`}`,
  ],
  'message-undeliverable': (c, when) => [
    'Message undeliverable',
    c.failure?.startsWith(LETTER_NOT_RENDERED)
      ? `The letter to ${c.respondentName} for step ${c.stepId} (due ${when}) was not sent and will not be: ${c.failure}. The step's deadline runs on: send the officer the demands below another way.`
      : `The mail server refused, for good, the message to ${c.respondentName} for step ${c.stepId} (due ${when}): ${c.failure ?? 'rejected'}. The step's deadline runs on: reach the officer another way, and check the address.`,
  ],
};

export function renderStaffAlert(c: StaffAlertContent): RenderedMessage {
  const when = formatForPeople(c.at, c.timeZone);
  const [title, sentence] = HEADLINE[c.kind](c, when);
  const subject = `${title}: ${c.caseReference} (${c.respondentName})`;
  const text = [
    `${c.commissionName}: ${title}`,
    `Case reference: ${c.caseReference}`,
    `Subject: ${c.subject}`,
    '',
    sentence,
    '',
    'What was asked:',
    ...c.demands.map((d, i) => `  ${i + 1}. ${d}`),
    '',
    `Open the complaint: ${c.consoleUrl}`,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${c.commissionName}: ${title}</strong><br />Case reference: ${c.caseReference}<br />Subject: ${c.subject}</p>
    <p>${sentence}</p>
    <p>What was asked:</p>
    <ol>
      ${c.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    <p><a href="${c.consoleUrl}">Open the complaint</a></p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
