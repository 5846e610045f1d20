// The copy of an officer's message that a commission in a joint inquiry receives: a separate message (not a Cc),
// so that it never holds the officer's secure link, which would let its holder answer as the officer. The original
// is rendered with a stand-in for the link (WITHHELD_LINK), replaced here by a line saying it was withheld; a
// letter's PDF travels as it is (the link is never in the PDF: letters/letter-mail.ts), a summons' calendar
// invitation does not (the copy's reader is no attendee). In English and Hindi.
import { html } from '../markup/html';
import type { RenderedMessage } from './officer-messages';

/** What the original is rendered with in place of the officer's answer link, for the copy. */
export const WITHHELD_LINK = 'https://answer-link.invalid/withheld-from-this-copy';

const WITHHELD_LINE =
  "[The officer's secure answer link is withheld from this copy / अधिकारी का सुरक्षित उत्तर लिंक इस प्रति से हटा दिया गया है]";

export interface JointInquiryCopy {
  /** The commission holding the complaint, and the one in the joint inquiry. */
  commissionName: string;
  jointCommissionName: string;
  caseReference: string;
  /** Whom the original went to. */
  recipient: { name: string; designation: string };
  respondentName: string;
}

/** The copy: a word on what it is, then the original (rendered with WITHHELD_LINK) without the link. */
export function renderJointInquiryCopy(copy: JointInquiryCopy, original: RenderedMessage): RenderedMessage {
  const to = `${copy.recipient.name}, ${copy.recipient.designation}, ${copy.respondentName}`;
  const intro = [
    `Copy for the joint inquiry of ${copy.jointCommissionName} into complaint ${copy.caseReference}.`,
    `${copy.commissionName} sent the message below to ${to}. Its answer link is the officer's alone and is not in this copy: the officer answers, not the reader of this copy.`,
    '',
    `संयुक्त जाँच हेतु प्रति: ${copy.jointCommissionName}, शिकायत ${copy.caseReference}।`,
    `${copy.commissionName} ने नीचे दिया गया संदेश ${to} को भेजा है। उत्तर का लिंक केवल अधिकारी के लिए है और इस प्रति में नहीं है: उत्तर अधिकारी ही देंगे।`,
  ];
  // Every place the link stood (plain text; the HTML is not copied, so no anchor can keep it).
  const body = original.text.split(WITHHELD_LINK).join(WITHHELD_LINE);
  const text = [...intro, '', '----', `Subject: ${original.subject}`, '', body].join('\n');
  const page = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    ${intro.filter(Boolean).map((p) => html`<p>${p}</p>`)}
    <hr />
    <p>Subject: ${original.subject}</p>
    <pre style="white-space: pre-wrap; font-family: inherit">${body}</pre>
  </body>
</html>`;
  return { subject: `Copy (joint inquiry): ${original.subject}`, text, html: page.value };
}
