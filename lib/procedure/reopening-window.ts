// How long a closed complaint may be reopened: the procedure's period (`reopening.within`, 90 calendar days by
// default; an appeal's own `reopening.appeal.within`) counted from the day it closed, in the commission's zone and
// days. The last day counts. docs/procedures.md, "Reopening and appeals".
import { addPeriod, dayOf } from './deadlines';
import { reopeningRuleOf, type Procedure } from './procedure';

/** The last day (YYYY-MM-DD, the commission's) a complaint closed at `closedAt` may be reopened; null: no appeal. */
export function reopenableUntil(procedure: Procedure, closedAt: string, appeal: boolean): string | null {
  const rule = reopeningRuleOf(procedure);
  const within = appeal ? rule.appeal?.within : rule.within;
  if (!within) return null;
  return addPeriod(dayOf(closedAt, procedure.rules.timeZone), within, procedure.rules).toISODate();
}

/** Whether `now` is past the window, naming the field `within`; null while it is open. */
export function reopeningWindowProblem(
  procedure: Procedure,
  closedAt: string,
  appeal: boolean,
  now: string,
): string | null {
  const until = reopenableUntil(procedure, closedAt, appeal);
  if (until === null) return `appeal: procedure ${procedure.id} takes no appeal`;
  const zone = procedure.rules.timeZone;
  if (dayOf(now, zone).toISODate()! <= until) return null;
  const closedOn = dayOf(closedAt, zone).toISODate()!;
  return `within: the complaint closed on ${closedOn}; ${appeal ? 'an appeal' : 'a reopening'} was possible until ${until}`;
}
