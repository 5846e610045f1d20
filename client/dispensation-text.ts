// A summons' condition in words, a line each: the cut-off and who set it, staff's changes of it, and whether the
// hearing was dispensed with (an answer received by the cut-off and accepted) or stands (an answer after it). For
// `complaint show` and the staff page.
import type { StepState } from '../lib/domain/complaint-state';
import { receivedByCutOff } from '../lib/domain/dispensation';
import { formatForPeople } from '../lib/procedure/deadlines';

export function dispensationLines(step: Pick<StepState, 'hearing' | 'answers'>, timeZone: string): string[] {
  const when = (instant: string) => formatForPeople(instant, timeZone);
  const hearing = step.hearing;
  if (!hearing) return [];
  const lines = (hearing.dispensationChanges ?? []).map(
    (c) =>
      `cut-off ${c.cutOffDate === null ? 'removed' : `set to ${c.cutOffDate}`} on ${when(c.at)}${c.by ? ` by ${c.by}` : ''}${c.previousCutOffDate ? ` (was ${c.previousCutOffDate})` : ''}: ${c.reason}`,
  );
  const d = hearing.dispensation;
  if (!d) return lines;
  lines.push(
    `condition: appearance dispensed with if the report is received by ${when(d.cutOffAt)} and accepted (set by ${d.setBy === 'staff' ? 'staff' : 'the procedure'})`,
  );
  if (d.dispensed)
    lines.push(`hearing dispensed with on ${when(d.dispensed.at)}: the report came by the cut-off`);
  else {
    const late = step.answers.filter((a) => !receivedByCutOff(d, a.receivedAt));
    if (late.length)
      lines.push(
        `the report came after the cut-off (${when(late.at(-1)!.receivedAt)}): accepted, it does not dispense with the hearing`,
      );
  }
  return lines;
}
