// A letter as an email: the letter itself in the body (text and HTML, in the procedure's languages), the officer's
// answer link after it (in the email only: never in the PDF, which may be printed, filed and forwarded), and the
// PDF attached (rendered beforehand, in the letter pool's threads: letter-render-pool.ts).
import { html, type SafeHtml } from '../../markup/html';
import type { RenderedMessage } from '../officer-messages';
import type { Letter } from './letter';
import { letterFileName } from './letter-pdf';
import { letterBlocks, type LetterBlock } from './letter-text';

export interface LetterAttachment {
  filename: string;
  content: Buffer;
  contentType: 'application/pdf';
}

export interface RenderedLetter extends RenderedMessage {
  attachments: LetterAttachment[];
}

const LINK_TEXT = {
  en: {
    answer:
      'Answer through your secure link (it is for you alone and stops working once this step is closed):',
    summons:
      'Acknowledge this summons or send the report through your secure link (it is for you alone and stops working once this step is closed):',
    anchor: 'Answer this letter',
    attached: 'The letter is attached as a PDF',
    forward: 'Do not forward this email: the link lets whoever holds it answer on your behalf.',
  },
  hi: {
    answer:
      'अपना उत्तर अपने सुरक्षित लिंक के माध्यम से भेजें (यह लिंक केवल आपके लिए है और इस चरण के बंद होने पर काम करना बंद कर देगा):',
    summons:
      'इस समन की पावती अथवा रिपोर्ट अपने सुरक्षित लिंक के माध्यम से भेजें (यह लिंक केवल आपके लिए है और इस चरण के बंद होने पर काम करना बंद कर देगा):',
    anchor: 'इस पत्र का उत्तर दें',
    attached: 'यह पत्र PDF के रूप में संलग्न है',
    forward: 'कृपया यह ईमेल आगे न भेजें: इस लिंक से कोई भी व्यक्ति आपकी ओर से उत्तर दे सकता है।',
  },
};

export function blockText(b: LetterBlock): string[] {
  switch (b.type) {
    case 'letterhead':
      return [...b.names, ...b.address, ''];
    case 'title':
      return [b.text, ''];
    case 'field':
      return [`${b.label}: ${b.value}`];
    case 'addressee':
      return ['', b.label, ...b.lines.map((l) => `  ${l}`), ''];
    case 'paragraph':
      return [b.text, ''];
    case 'list':
      return [...b.items.map((item, i) => `  ${i + 1}. ${item}`), ''];
    case 'rule':
      return ['----', ''];
    case 'signature':
      return [b.closing, '', ...b.lines, ''];
  }
}

export function blockHtml(b: LetterBlock): SafeHtml {
  switch (b.type) {
    case 'letterhead':
      return html`<p style="text-align: center">${b.names.map((name) => html`<strong>${name}</strong><br />`)}${b.address.map(
        (line, i) => html`${i ? html`<br />` : ''}${line}`,
      )}</p>`;
    case 'title':
      return html`<h2 style="text-align: center; font-size: 1.15em">${b.text}</h2>`;
    case 'field':
      return html`<div>${b.label}: ${b.value}</div>`;
    case 'addressee':
      return html`<p>${b.label}<br />${b.lines.map((line, i) => html`${i ? html`<br />` : ''}${line}`)}</p>`;
    case 'paragraph':
      return b.bold
        ? html`<p lang="${b.lang}"><strong>${b.text}</strong></p>`
        : html`<p lang="${b.lang}">${b.text}</p>`;
    case 'list':
      return html`<ol>
        ${b.items.map((item) => html`<li>${item}</li>`)}
      </ol>`;
    case 'rule':
      return html`<hr />`;
    case 'signature':
      return html`<p>${b.closing}<br /><br /><strong>${b.lines[0]}</strong>${b.lines
        .slice(1)
        .map((line) => html`<br />${line}`)}</p>`;
  }
}

/** The email of a letter: `subject` as the message's; the letter, then the link; its `pdf` attached. */
export function renderLetterMessage(
  letter: Letter,
  subject: string,
  answerUrl: string,
  pdf: Buffer,
): RenderedLetter {
  const blocks = letterBlocks(letter);
  const filename = letterFileName(letter);
  const words = letter.languages.map((lang) => LINK_TEXT[lang]);
  const invite = (w: (typeof words)[number]) => (letter.kind === 'summons' ? w.summons : w.answer);
  const text = [
    ...blocks.flatMap(blockText),
    ...words.map((w) => `${w.attached} (${filename}).`),
    '',
    ...words.map(invite),
    answerUrl,
    '',
    ...words.map((w) => w.forward),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="${letter.languages[0]}">
  <head>
    <meta charset="utf-8" />
  </head>
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 46em">
    ${blocks.map(blockHtml)}
    <p style="font-size: 0.9em; color: #555">${words.map((w, i) => html`${i ? html`<br />` : ''}${w.attached} (${filename}).`)}</p>
    <p><a href="${answerUrl}">${words.map((w) => w.anchor).join(' / ')}</a></p>
    <p style="font-size: 0.9em; color: #555">${words.map((w, i) => html`${i ? html`<br />` : ''}${w.forward}`)}</p>
  </body>
</html>`;
  return {
    subject,
    text,
    html: body.value,
    attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
  };
}
