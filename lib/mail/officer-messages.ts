// The messages an officer receives: a notice, a due-soon reminder, an overdue reminder with a fresh deadline,
// a follow-up demand, a summons, and the receipt of their answer. Each states the case reference, what is asked, the deadline (or the
// hearing) in the commission's time zone, and the officer's link. Plain text and HTML (escaped by default).
import type { DispensationTold } from '../domain/dispensation';
import type { OfficerNoticeKind, StepReopening } from '../domain/complaint-state';
import { html, type SafeHtml } from '../markup/html';
import { formatForPeople } from '../procedure/deadlines';

export interface OfficerMessageContent {
  kind: OfficerNoticeKind;
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  recipient: { name: string; designation: string };
  demands: string[];
  timeZone: string;
  answerUrl: string;
  /** The deadline of a demand. */
  dueAt?: string;
  /** The deadline that lapsed, for an overdue reminder. */
  lapsedDueAt?: string;
  /** The hearing, for a summons. */
  hearingAt?: string;
  /** Staff's note: what is missing from a returned answer, or why a hearing moved. */
  note?: string;
  /** For a recommendation's compliance step: the proof of compliance due. */
  proofDue?: string;
  /** When the answer was received, for a receipt. */
  receivedAt?: string;
  /** A receipt on a summons with a condition: the cut-off, and whether the answer came by it. */
  dispensation?: DispensationTold;
  /** The step was opened by a reopening or an appeal: its letter says so, and why. */
  reopened?: StepReopening;
}

/** What a receipt on a conditional summons says of the hearing: dispensed with once accepted, or it stands. */
export function receiptOnCondition(
  m: Pick<OfficerMessageContent, 'dispensation' | 'timeZone'>,
): string | null {
  const d = m.dispensation;
  if (!d?.cutOffAt) return null;
  const cutOff = formatForPeople(d.cutOffAt, m.timeZone);
  return d.met
    ? `It was received by the cut-off of ${cutOff}: once the Commission accepts it, your personal appearance is dispensed with and you will be told.`
    : `It was received after the cut-off of ${cutOff}: your personal appearance is not dispensed with, and the hearing stands.`;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  title: string;
  intro: string;
  deadline: string;
  action: string;
}

function parts(m: OfficerMessageContent): Parts {
  const when = (instant: string | undefined) => (instant ? formatForPeople(instant, m.timeZone) : '');
  switch (m.kind) {
    case 'notice':
      return {
        title: 'Notice',
        intro: 'The Commission requires you to:',
        deadline: `Deadline: ${when(m.dueAt)}`,
        action: 'Answer this notice',
      };
    case 'due-soon-reminder':
      return {
        title: 'Reminder: deadline approaching',
        intro: 'The Commission has not yet received your answer. It requires you to:',
        deadline: `Deadline: ${when(m.dueAt)}`,
        action: 'Answer now',
      };
    case 'overdue-reminder':
      return {
        title: 'Overdue reminder',
        intro: `The deadline of ${when(m.lapsedDueAt)} has passed without an answer. The Commission again requires you to:`,
        deadline: `New deadline: ${when(m.dueAt)}`,
        action: 'Answer now',
      };
    case 'follow-up':
      return {
        title: 'Further demand',
        intro: 'The Commission further requires you to:',
        deadline: `Deadline: ${when(m.dueAt)}`,
        action: 'Answer this demand',
      };
    case 'compliance':
      return {
        title: 'Recommendation: proof of compliance',
        intro: m.lapsedDueAt
          ? `The date of ${when(m.lapsedDueAt)} for proof of compliance has passed. The Commission again requires proof of compliance with its recommendation:`
          : 'The Commission recommends the following, and requires proof of its compliance:',
        deadline: `Proof of compliance due by: ${when(m.dueAt)}`,
        action: 'Send the proof of compliance',
      };
    case 'answer-receipt':
      if (m.proofDue)
        return {
          title: 'Proof of compliance received',
          intro: 'The Commission has received your proof of compliance with:',
          deadline: `Received: ${when(m.receivedAt)}`,
          action: 'See what you sent',
        };
      return {
        title: 'Answer received',
        intro: 'The Commission has received your answer regarding:',
        deadline: `Received: ${when(m.receivedAt)}`,
        action: 'See what you sent',
      };
    case 'summons':
      return {
        title: 'Summons',
        intro: `You are summoned to appear in person before the ${m.commissionName}, with the Action Taken Report, regarding:`,
        deadline: `Hearing: ${when(m.hearingAt)}`,
        action: 'Acknowledge this summons or send the report',
      };
  }
}

/** The subject line: a letter (lib/mail/letters/) carries the same as the message it replaces. */
export function officerMessageSubject(m: Omit<OfficerMessageContent, 'answerUrl'>): string {
  const p = parts({ ...m, answerUrl: '' });
  const title = m.reopened ? `${p.title} (${m.reopened.kind === 'appeal' ? 'appeal' : 'reopened'})` : p.title;
  return `${title} ${m.caseReference}: ${m.subject} (${p.deadline.split(',')[0]})`;
}

export function renderOfficerMessage(m: OfficerMessageContent): RenderedMessage {
  const p = parts(m);
  const subject = officerMessageSubject(m);
  const addressee = `${m.recipient.name}, ${m.recipient.designation}, ${m.respondentName}`;
  const text = [
    m.commissionName,
    `${p.title}`,
    `Case reference: ${m.caseReference}`,
    `Subject: ${m.subject}`,
    '',
    `To: ${addressee}`,
    '',
    p.intro,
    ...m.demands.map((d, i) => `  ${i + 1}. ${d}`),
    ...(m.proofDue ? ['', `Proof of compliance due: ${m.proofDue}`] : []),
    ...(m.note ? ['', `Note from the Commission: ${m.note}`] : []),
    '',
    p.deadline,
    ...(m.kind === 'answer-receipt'
      ? ['', 'The Commission will review it and write to you if anything is missing.']
      : []),
    ...(m.kind === 'answer-receipt' && receiptOnCondition(m) ? ['', receiptOnCondition(m)!] : []),
    '',
    `${p.action} through your secure link (it is for you alone and stops working once this step is closed):`,
    m.answerUrl,
    '',
    'Do not forward this email: the link lets whoever holds it answer on your behalf.',
  ].join('\n');
  const body: SafeHtml = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${m.commissionName}</strong><br />${p.title}<br />Case reference: ${m.caseReference}<br />Subject: ${m.subject}</p>
    <p>To: ${addressee}</p>
    <p>${p.intro}</p>
    <ol>
      ${m.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    ${m.proofDue ? html`<p>Proof of compliance due: ${m.proofDue}</p>` : ''}
    ${m.note ? html`<p>Note from the Commission: ${m.note}</p>` : ''}
    <p><strong>${p.deadline}</strong></p>
    ${m.kind === 'answer-receipt' && receiptOnCondition(m) ? html`<p>${receiptOnCondition(m)}</p>` : ''}
    <p><a href="${m.answerUrl}">${p.action}</a></p>
    <p style="font-size: 0.9em; color: #555">
      This link is for you alone and stops working once this step is closed. Do not forward this email.
    </p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
