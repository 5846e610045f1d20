// Prints a case's schedule (from `complaint preview`) as a table people read.
import { derivationText, type HolidayNames } from '../lib/procedure/date-derivation';
import type { DeadlineRules } from '../lib/procedure/procedure';
import type { RespondentSchedule, ScheduledEventKind } from '../lib/procedure/schedule';

const LABEL: Record<ScheduledEventKind, string> = {
  notice: 'notice sent',
  'due-soon-reminder': 'due-soon reminder sent',
  deadline: 'deadline',
  'overdue-reminder': 'overdue reminder sent',
  summons: 'summons issued',
  'report-cut-off': 'report cut-off (dispensation)',
  hearing: 'hearing',
  'staff-decision': 'lapsed: staff decide',
  compliance: 'recommendation: proof demanded',
};

/** The table; with `explain`, each deadline followed by how it was computed. */
export function formatSchedule(
  caseReference: string,
  procedureId: string,
  schedules: RespondentSchedule[],
  explain?: { rules: DeadlineRules; holidays: HolidayNames },
): string {
  const lines = [`Schedule of ${caseReference} under procedure ${procedureId}, if nobody answers:`];
  for (const s of schedules) {
    lines.push('', `${s.name} (${s.respondentId})`);
    const width = Math.max(...s.events.map((e) => e.atText.length));
    for (const e of s.events) {
      lines.push(
        `  ${e.atText.padEnd(width)}  ${`${LABEL[e.kind]} [${e.stepId}]`.padEnd(36)}${e.to ? `  to ${e.to}` : ''}`.trimEnd(),
      );
      if (explain && e.derivation)
        for (const line of derivationText(e.derivation, explain.rules, explain.holidays))
          lines.push(`  ${' '.repeat(width)}    ${line}`);
    }
  }
  return lines.join('\n');
}
