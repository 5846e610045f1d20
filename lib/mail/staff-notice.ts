// A plain message to the commission's staff about the system itself (mail back after an outage, an answer
// that could not be recorded): a subject, a few paragraphs, and where to act, if anywhere.
import { html } from '../markup/html';
import type { RenderedMessage } from './officer-messages';

export function renderStaffNotice(
  subject: string,
  paragraphs: string[],
  link?: { text: string; url: string },
): RenderedMessage {
  const text = [
    subject,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.text}: ${link.url}`] : []),
  ]
    .join('\n')
    .trimEnd();
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${subject}</strong></p>
    ${paragraphs.map((p) => html`<p>${p}</p>`)}
    ${link ? html`<p><a href="${link.url}">${link.text}</a></p>` : ''}
  </body>
</html>`;
  return { subject, text, html: body.value };
}
