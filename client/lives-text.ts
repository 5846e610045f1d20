// A reopened complaint's lives, one line each, for the timeline (`complaint show`) and the dashboard: when each
// began, how it ended, and why it was reopened.
import { formatForPeople } from '../lib/procedure/deadlines';
import type { ComplaintLife, ComplaintState } from '../lib/domain/complaint-state';

/** `Life 2: reopened on … by … because …; closed (resolved) on …`; nothing for a complaint never reopened. */
export function livesLines(state: ComplaintState): string[] {
  const when = (instant: string) => formatForPeople(instant, state.timeZone);
  return (state.lives ?? []).map((l, i, all) => {
    const current = i === all.length - 1;
    const closure = current ? state.closure : l.closure;
    return `Life ${l.life}: ${lifeBegan(l, when)}${
      closure
        ? `; closed (${closure.kind}) on ${when(closure.at)}${closure.reason ? `: ${closure.reason}` : ''}`
        : current
          ? '; open now'
          : ''
    }`;
  });
}

function lifeBegan(l: ComplaintLife, when: (instant: string) => string): string {
  const r = l.reopening;
  if (!r) return `started ${when(l.startedAt)}`;
  const what = r.kind === 'appeal' ? `appeal${r.label?.en ? ` (${r.label.en})` : ''} taken` : 'reopened';
  return `${what} on ${when(r.at)}${r.by ? ` by ${r.by}` : ''} because ${r.reason} (from ${r.from})`;
}
