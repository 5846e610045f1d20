// The notice: the commission's demand on a respondent, with its deadline in the commission's time zone and
// the officer's link to answer. Rendered as plain text and as HTML (escaped by default).
import { formatForPeople } from '../deadlines';
import { html } from '../html';

export interface NoticeContent {
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  recipient: { name: string; designation: string };
  demands: string[];
  dueAt: string;
  timeZone: string;
  answerUrl: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function renderNotice(n: NoticeContent): RenderedMessage {
  const due = formatForPeople(n.dueAt, n.timeZone);
  const subject = `Notice ${n.caseReference}: ${n.subject} (reply by ${due.split(',')[0]})`;
  const text = [
    `${n.commissionName}`,
    `Case reference: ${n.caseReference}`,
    `Subject: ${n.subject}`,
    '',
    `To: ${n.recipient.name}, ${n.recipient.designation}, ${n.respondentName}`,
    '',
    'The Commission requires you to:',
    ...n.demands.map((d, i) => `  ${i + 1}. ${d}`),
    '',
    `Deadline: ${due}`,
    '',
    'Answer through your secure link (it is for you alone and stops working once this step is closed):',
    n.answerUrl,
    '',
    'Do not forward this email: the link lets whoever holds it answer on your behalf.',
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${n.commissionName}</strong><br />Case reference: ${n.caseReference}<br />Subject: ${n.subject}</p>
    <p>To: ${n.recipient.name}, ${n.recipient.designation}, ${n.respondentName}</p>
    <p>The Commission requires you to:</p>
    <ol>
      ${n.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    <p><strong>Deadline: ${due}</strong></p>
    <p><a href="${n.answerUrl}">Answer this notice</a></p>
    <p style="font-size: 0.9em; color: #555">
      This link is for you alone and stops working once this step is closed. Do not forward this email.
    </p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
