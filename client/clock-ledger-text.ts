// A step's clock-stop ledger in words, a line a stop or request: for `complaint show`, the staff page and the
// officer's page. Who, why, from, to, how many days, the deadline before and after.
import { DateTime } from 'luxon';
import { CLOCK_STOP_GROUNDS_TEXT, type ClockStop, type ClockStopRequest } from '../lib/domain/clock-stops';
import type { StepState } from '../lib/domain/complaint-state';
import { formatForPeople } from '../lib/procedure/deadlines';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('cccc d LLLL yyyy');

function why(s: Pick<ClockStop, 'grounds' | 'details'>): string {
  return `${CLOCK_STOP_GROUNDS_TEXT[s.grounds].en}${s.details ? `: ${s.details}` : ''}`;
}

export function clockStopLines(step: Pick<StepState, 'clockStops'>, timeZone: string): string[] {
  const when = (instant: string) => formatForPeople(instant, timeZone);
  return (step.clockStops ?? []).map((s) => {
    const who = [s.by ? `by ${s.by}` : '', s.askedByOfficer ? 'as the officer asked' : ''].filter(Boolean);
    const stopped = `clock stopped from ${day(s.from)} (${why(s)})${who.length ? `, ${who.join(', ')}` : ''}`;
    if (s.restartedAt === undefined)
      return `${stopped}; stands stopped${s.restartsBy ? `, restarts by itself on ${when(s.restartsBy)}` : ''}; the deadline was ${when(s.dueAtBefore)}`;
    const span = s.to
      ? `${day(s.from)} to ${day(s.to)} not counted (${s.days} day${s.days === 1 ? '' : 's'})`
      : 'no day left uncounted';
    const by =
      s.restartedBy === 'limit' ? "at the procedure's limit" : s.restartedBy ? `by ${s.restartedBy}` : '';
    return `${stopped}; restarted on ${when(s.restartedAt)}${by ? ` ${by}` : ''}: ${span}; due ${when(s.dueAtBefore)} → ${when(s.dueAtAfter ?? s.dueAtBefore)}`;
  });
}

export function clockStopRequestLines(
  step: Pick<StepState, 'clockStopRequests'>,
  timeZone: string,
): string[] {
  const when = (instant: string) => formatForPeople(instant, timeZone);
  return (step.clockStopRequests ?? []).map((r: ClockStopRequest) => {
    const asked = `officer asked on ${when(r.at)} that the clock stop (${why(r)})`;
    if (!r.decision) return `${asked}: waiting for the commission's decision`;
    const d = r.decision;
    return `${asked}: ${d.approved ? 'approved' : 'declined'} on ${when(d.at)}${d.by ? ` by ${d.by}` : ''}${d.note ? `: ${d.note}` : ''}`;
  });
}
