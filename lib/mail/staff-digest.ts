// The staff's daily digest: one email a day instead of one per event. Each section lists its complaints with
// the step, the date that matters and the link to the complaint's page on the dashboard. No more personal
// data than a staff alert carries (references, subjects, respondent and step IDs, dates).
import { formatForPeople } from '../procedure/deadlines';
import type { DigestItem, DigestSections } from '../records/digest';
import { html } from '../markup/html';
import type { RenderedMessage } from './officer-messages';

export interface StaffDigestContent {
  commissionName: string;
  /** The digest's day in its time zone, YYYY-MM-DD. */
  date: string;
  timeZone: string;
  sections: DigestSections;
  /** Where staff open a complaint. */
  consoleUrlFor: (workflowId: string) => string;
}

interface Section {
  key: keyof DigestSections;
  title: string;
  /** What each line says of its date. */
  line: (item: DigestItem, when: string) => string;
}

export const DIGEST_SECTIONS: Section[] = [
  {
    key: 'overdue',
    title: 'Overdue steps',
    line: (i, when) =>
      i.stepKind === 'summons' ? `hearing of ${when} held, outcome not recorded` : `no answer, due ${when}`,
  },
  { key: 'dueSoon', title: 'Deadlines in the next seven days', line: (_i, when) => `due ${when}` },
  { key: 'hearings', title: 'Hearings in the next seven days', line: (_i, when) => `hearing ${when}` },
  { key: 'toReview', title: 'Answers awaiting review', line: (_i, when) => `answered (was due ${when})` },
  {
    key: 'undeliverable',
    title: 'Undeliverable messages',
    line: (i) => `${i.messageKind ?? 'message'} refused by the mail server: ${i.failure ?? 'rejected'}`,
  },
];

export function renderStaffDigest(c: StaffDigestContent): RenderedMessage {
  const counts = DIGEST_SECTIONS.map((s) => c.sections[s.key].length);
  const total = counts.reduce((a, b) => a + b, 0);
  const subject = `Daily digest ${c.date}: ${counts[0]} overdue, ${counts[1]} due this week, ${counts[2]} hearings, ${counts[3]} to review, ${counts[4]} undeliverable`;
  const describe = (s: Section, i: DigestItem) =>
    `${i.caseReference} (${i.subject}): ${i.respondentId}, step ${i.stepId}: ${s.line(i, formatForPeople(i.at, c.timeZone))}`;
  const text = [
    `${c.commissionName}: daily digest for ${c.date}`,
    '',
    ...(total === 0 ? ['Nothing is overdue, due this week, to review or undeliverable.', ''] : []),
    ...DIGEST_SECTIONS.flatMap((s) => {
      const items = c.sections[s.key];
      return [
        `${s.title} (${items.length})`,
        ...(items.length === 0
          ? ['  none']
          : items.flatMap((i) => [`  - ${describe(s, i)}`, `    ${c.consoleUrlFor(i.workflowId)}`])),
        '',
      ];
    }),
    c.commissionName,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en">
  <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
    <p><strong>${c.commissionName}: daily digest for ${c.date}</strong></p>
    ${DIGEST_SECTIONS.map((s) => {
      const items = c.sections[s.key];
      return html`<h2 style="font-size: 1.1em">${s.title} (${items.length})</h2>
        ${
          items.length === 0
            ? html`<p>none</p>`
            : html`<ul>
              ${items.map((i) => html`<li><a href="${c.consoleUrlFor(i.workflowId)}">${i.caseReference}</a> (${i.subject}): ${i.respondentId}, step ${i.stepId}: ${s.line(i, formatForPeople(i.at, c.timeZone))}</li>`)}
            </ul>`
        }`;
    })}
    <p>${c.commissionName}</p>
  </body>
</html>`;
  return { subject, text, html: body.value };
}
