// What an officer is told when staff decide about their step: the deadline extended (with the new date), the
// answer accepted, the complaint withdrawn or disposed of. Plain and precise: what changed, what (if anything)
// is still asked, the link (which shows the step as it now stands), signed with the commission's name.
import { formatForPeople } from '../procedure/deadlines';
import { html } from '../markup/html';
import type { ClosureKind, OfficerUpdateKind } from '../domain/complaint-state';
import type { RenderedMessage } from './officer-messages';

export const OFFICER_UPDATE_KINDS: readonly string[] = [
  'deadline-extended',
  'answer-accepted',
  'complaint-closed',
] satisfies OfficerUpdateKind[];

export function isOfficerUpdate(kind: string): kind is OfficerUpdateKind {
  return OFFICER_UPDATE_KINDS.includes(kind);
}

export interface OfficerUpdateContent {
  kind: OfficerUpdateKind;
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  recipient: { name: string; designation: string };
  demands: string[];
  timeZone: string;
  answerUrl: string;
  /** The step's deadline (for a summons, its hearing) as it now stands. */
  dueAt?: string;
  hearingAt?: string;
  /** The deadline before the extension. */
  previousDueAt?: string;
  /** When staff decided (accepted the answer, withdrew or disposed of the complaint). */
  decidedAt?: string;
  closedAs?: Exclude<ClosureKind, 'resolved'>;
}

interface Parts {
  title: string;
  /** What happened, in one sentence. */
  news: string;
  /** What the officer is asked now, if anything, after the demands. */
  next: string;
  /** Whether the demands are still asked (else they are listed as what the step was about). */
  stillAsked: boolean;
}

function parts(m: OfficerUpdateContent): Parts {
  const when = (instant: string | undefined) => (instant ? formatForPeople(instant, m.timeZone) : '');
  switch (m.kind) {
    case 'deadline-extended':
      return {
        title: 'Deadline extended',
        news: `The Commission has extended the deadline${m.previousDueAt ? ` of ${when(m.previousDueAt)}` : ''}. New deadline: ${when(m.dueAt)}.`,
        next: `Answer by ${when(m.dueAt)} through your secure link:`,
        stillAsked: true,
      };
    case 'answer-accepted':
      return {
        title: 'Answer accepted',
        news: `The Commission has reviewed and accepted your answer${m.decidedAt ? ` (on ${when(m.decidedAt)})` : ''}. Nothing more is asked of you on this step.`,
        next: 'Your link shows the step as closed:',
        stillAsked: false,
      };
    case 'complaint-closed': {
      const how = m.closedAs === 'disposed' ? 'disposed of' : 'withdrawn';
      return {
        title: m.closedAs === 'disposed' ? 'Complaint disposed of' : 'Complaint withdrawn',
        news: `The Commission has ${how} this complaint${m.decidedAt ? ` on ${when(m.decidedAt)}` : ''}. Nothing more is asked of you${m.hearingAt ? ', and the hearing will not take place' : ''}.`,
        next: 'Your link shows the complaint as closed:',
        stillAsked: false,
      };
    }
  }
}

export function renderOfficerUpdate(m: OfficerUpdateContent): RenderedMessage {
  const p = parts(m);
  const subject = `${p.title} ${m.caseReference}: ${m.subject}`;
  const addressee = `${m.recipient.name}, ${m.recipient.designation}, ${m.respondentName}`;
  const what = p.stillAsked ? 'The Commission requires you to:' : 'This concerned:';
  const text = [
    m.commissionName,
    p.title,
    `Case reference: ${m.caseReference}`,
    `Subject: ${m.subject}`,
    '',
    `To: ${addressee}`,
    '',
    p.news,
    '',
    what,
    ...m.demands.map((d, i) => `  ${i + 1}. ${d}`),
    '',
    p.next,
    m.answerUrl,
    '',
    'Do not forward this email: the link is for you alone.',
    '',
    m.commissionName,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${m.commissionName}</strong><br />${p.title}<br />Case reference: ${m.caseReference}<br />Subject: ${m.subject}</p>
    <p>To: ${addressee}</p>
    <p><strong>${p.news}</strong></p>
    <p>${what}</p>
    <ol>
      ${m.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    <p>${p.next} <a href="${m.answerUrl}">${m.answerUrl}</a></p>
    <p style="font-size: 0.9em; color: #555">This link is for you alone. Do not forward this email.</p>
    <p>${m.commissionName}</p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
