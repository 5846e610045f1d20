// A complaint's timeline for a terminal: every respondent, step, message, answer and hearing, in order, with
// times in the commission's zone.
import { formatForPeople } from '../lib/procedure/deadlines';
import type { ComplaintState } from '../lib/domain/complaint-state';
import { clockStopLines, clockStopRequestLines } from './clock-ledger-text';
import { interimReplyLines } from './interim-reply-text';
import { dispensationLines } from './dispensation-text';
import { explanationLines, holidayNamesOf } from './date-explanation';
import { upcomingEventsOf } from './upcoming-events';
import { livesLines } from './lives-text';

/** The timeline; with `explain`, each step's due date or hearing followed by how it was computed. */
export function timelineText(state: ComplaintState, options: { explain?: boolean } = {}): string {
  const names = options.explain ? holidayNamesOf(state) : new Map<string, string>();
  const when = (instant: string) => formatForPeople(instant, state.timeZone);
  const lines = [
    `${state.caseReference}: ${state.subject}`,
    `stage ${state.stage}; procedure ${state.procedureId}; times in ${state.timeZone}`,
  ];
  if (state.closure)
    lines.push(
      `closed (${state.closure.kind}) on ${when(state.closure.at)}${state.closure.reason ? `: ${state.closure.reason}` : ''}`,
    );
  lines.push(...livesLines(state));
  lines.push(...transferLines(state, when));
  for (const i of state.jointInquiries ?? [])
    lines.push(
      `joint inquiry with ${i.commission.name} <${i.commission.email}> since ${when(i.since)}${i.until ? `, ended ${when(i.until)}${i.endReason ? `: ${i.endReason}` : ''}` : ": copied on the officers' messages"}`,
    );
  for (const r of state.respondents) {
    lines.push('', `${r.name} [${r.respondentId}] ${r.status}`);
    const added = state.addedRespondents?.find((a) => a.id === r.respondentId);
    if (added)
      lines.push(`  added on ${when(added.at)}${added.by ? ` by ${added.by}` : ''}: ${added.reason}`);
    if (r.transferredAs) lines.push(`  transferred (${r.transferredAs})`);
    for (const step of r.steps) {
      const status =
        step.status === 'closed'
          ? `closed (${step.closedAs ?? ''})`
          : step.status + (step.overdue ? ', overdue' : '');
      lines.push(`  step ${step.stepId} (${step.kind}) ${status}${step.life ? ` [life ${step.life}]` : ''}`);
      if (step.recommendationId)
        lines.push(
          `    recommendation ${step.recommendationId}; proof of compliance due: ${step.proofDue ?? ''}`,
        );
      lines.push(
        `    issued ${when(step.issuedAt)} to ${step.recipient.name}, ${step.recipient.designation}`,
      );
      lines.push(`    ${step.kind === 'summons' ? 'hearing' : 'due'} ${when(step.dueAt)}`);
      if (options.explain)
        for (const line of explanationLines(state, step, names)) lines.push(`      ${line}`);
      for (const e of upcomingEventsOf(state, r, step)) lines.push(`    coming up: ${e.what}, ${e.atText}`);
      for (const e of step.extensions)
        lines.push(`    extended on ${when(e.at)} from ${when(e.previousDueAt)}: ${e.reason}`);
      for (const m of step.holidayMoves ?? [])
        lines.push(
          `    moved by the holidays on ${when(m.at)} from ${when(m.previousDueAt)}${[
            ...m.declared.map((d) => `; ${d} declared${m.names?.[d] ? ` (${m.names[d]})` : ''}`),
            ...m.withdrawn.map((d) => `; ${d} withdrawn`),
          ].join('')}`,
        );
      for (const q of step.extensionRequests)
        lines.push(`    officer asked for more time on ${when(q.at)}: ${q.reason}`);
      for (const line of interimReplyLines(step, state.timeZone)) lines.push(`    ${line}`);
      for (const line of clockStopRequestLines(step, state.timeZone)) lines.push(`    ${line}`);
      for (const line of clockStopLines(step, state.timeZone)) lines.push(`    ${line}`);
      for (const a of step.answers) {
        lines.push(
          `    answered ${when(a.receivedAt)}${a.firNumber ? ` (FIR ${a.firNumber})` : ''}: ${a.atrText.replace(/\s+/g, ' ').slice(0, 120)}`,
        );
        for (const f of a.attachments ?? [])
          lines.push(`      attachment ${f.fileName} (${f.contentType}, ${f.size} bytes)`);
        if (a.review)
          lines.push(
            `      ${a.review.decision} on ${when(a.review.at)}${a.review.note ? `: ${a.review.note}` : ''}`,
          );
      }
      if (step.hearing?.acknowledgedAt)
        lines.push(`    summons acknowledged ${when(step.hearing.acknowledgedAt)}`);
      for (const line of dispensationLines(step, state.timeZone)) lines.push(`    ${line}`);
      for (const o of step.hearing?.outcomes ?? [])
        lines.push(
          `    hearing outcome ${when(o.at)}: ${o.appeared ? 'appeared' : 'did not appear'}, ATR ${o.atrFiled ? 'filed' : 'not filed'}, FIR ${o.firRegistered ? 'registered' : 'not registered'}; next: ${o.next}`,
        );
    }
    for (const line of recommendationLines(r, when)) lines.push(`  ${line}`);
    for (const m of r.messages)
      lines.push(
        m.undeliverable
          ? `  UNDELIVERABLE ${m.kind} [${m.stepId}] to ${m.to}, refused on ${when(m.sentAt)}: ${m.undeliverable}`
          : `  sent ${m.kind} [${m.stepId}] to ${m.to} on ${when(m.sentAt)}`,
      );
  }
  return lines.join('\n');
}

/** A respondent's recommendations: each one's status, and the step that demands (or demanded) its proof. */
function recommendationLines(
  r: ComplaintState['respondents'][number],
  when: (instant: string) => string,
): string[] {
  return (r.recommendations ?? []).map((x) => {
    const settled = x.settled
      ? ` on ${when(x.settled.at)}${x.settled.reason ? `: ${x.settled.reason}` : ''}`
      : ` (step ${x.stepId})`;
    return `recommendation ${x.recommendationId} ${x.status}${settled}: ${x.what.replace(/\s+/g, ' ').slice(0, 120)}`;
  });
}

/** The complaint's transfers: to whom, when, why, the letter, the acknowledgement; and the complainant to be told. */
function transferLines(state: ComplaintState, when: (instant: string) => string): string[] {
  const lines: string[] = [];
  for (const t of state.transfers ?? []) {
    const what = t.respondentId ? `the track of ${t.respondentId}` : 'the whole complaint';
    lines.push(
      `${t.transferId}: ${what} transferred to ${t.body.name} <${t.body.email}> on ${when(t.at)}${t.by ? ` by ${t.by}` : ''}: ${t.reason}`,
    );
    lines.push(`  address: ${t.body.address.join(', ')}`);
    if (t.letter)
      lines.push(
        t.letter.undeliverable
          ? `  letter and case papers UNDELIVERABLE: ${t.letter.undeliverable}`
          : `  letter and case papers sent ${when(t.letter.sentAt)}`,
      );
    if (t.acknowledgeBy)
      lines.push(
        t.acknowledgedAt
          ? `  acknowledged ${when(t.acknowledgedAt)}`
          : t.reminded
            ? `  not acknowledged by ${when(t.acknowledgeBy)}: reminder sent ${when(t.reminded.sentAt)}, staff alerted`
            : `  to acknowledge by ${when(t.acknowledgeBy)}`,
      );
    if (state.complainantToTell?.some((c) => c.transferId === t.transferId))
      lines.push('  the complainant is to be told of the transfer');
  }
  return lines;
}
