// A step's interim replies in words, a line each: when, why, the date expected, what became of the deadline and
// staff's decision. For `complaint show`, the staff page and the officer's page.
import { DateTime } from 'luxon';
import type { StepState } from '../lib/domain/complaint-state';
import { formatForPeople } from '../lib/procedure/deadlines';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('cccc d LLLL yyyy');

export function interimReplyLines(step: Pick<StepState, 'interimReplies'>, timeZone: string): string[] {
  const when = (instant: string) => formatForPeople(instant, timeZone);
  return (step.interimReplies ?? []).map((r) => {
    const files = r.attachments?.length
      ? ` (${r.attachments.length} document${r.attachments.length === 1 ? '' : 's'})`
      : '';
    const sent = `interim reply on ${when(r.receivedAt)}: ${r.reason}; report expected by ${day(r.expectedDate)}${files}`;
    const moved = r.moved
      ? `; deadline moved from ${when(r.moved.previousDueAt)} to ${when(r.moved.dueAt)}${r.moved.capped ? " (the procedure's limit)" : ''}`
      : '';
    const d = r.decision;
    const decided = d
      ? `; the date ${d.accepted ? 'accepted' : 'refused'} on ${when(d.at)}${d.by ? ` by ${d.by}` : ''}${d.note ? `: ${d.note}` : ''}`
      : "; waiting for the commission's decision on the date";
    return `${sent}${moved}${decided}`;
  });
}
