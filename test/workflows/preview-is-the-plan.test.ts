// `complaint preview` is the plan: for the same case, procedure and issue instant, the running complaint plans
// the very instants the preview shows (the notice, its due-soon reminder and deadline, the overdue reminder and
// its own, the summons and the hearing), field by field. Both run lib/procedure/schedule.ts; this holds them to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROCEDURE, parseProcedure } from '../../lib/procedure/procedure';
import { previewSchedule } from '../../lib/procedure/schedule';
import { PROJECT_ROOT } from '../../lib/project-root';
import type { StepState } from '../../lib/domain/complaint-state';
import { getComplaint } from '../../workflows/messages';
import { stepOf, useTimeSkippingWorld } from '../helpers/time-skipping-world';

const world = useTimeSkippingWorld();

const builtIn = (file: string) =>
  parseProcedure(JSON.parse(readFileSync(join(PROJECT_ROOT, 'procedures', file), 'utf8')));
const WORKING_DAYS_INDIA = builtIn('working-days-india.json');
const URGENT_48_HOURS = builtIn('urgent-48-hours.json');
const CONDITIONAL_SUMMONS = builtIn('ncpcr-with-conditional-summons.json');

/** The instants a running complaint planned at its notice: the notice's own, then each step its lapses issue. */
function plannedEvents(notice: StepState): [string, string][] {
  const events: [string, string][] = [['notice', notice.issuedAt]];
  let demand: Pick<StepState, 'dueSoonAt' | 'dueAt' | 'escalatesAt' | 'plannedNext'> = notice;
  for (;;) {
    if (demand.dueSoonAt) events.push(['due-soon-reminder', demand.dueSoonAt]);
    events.push(['deadline', demand.dueAt]);
    const next = demand.plannedNext;
    if (!next || demand.escalatesAt === null) return [...events, ['staff-decision', demand.dueAt]];
    if (next.kind === 'hearing') {
      events.push(['summons', demand.escalatesAt]);
      // A conditional summons: its cut-off, planned with the hearing.
      if (next.plan.dispensation) events.push(['report-cut-off', next.plan.dispensation.cutOffAt]);
      events.push(['hearing', next.plan.hearingAt]);
      return events;
    }
    events.push(['overdue-reminder', demand.escalatesAt]);
    demand = { ...next.plan, plannedNext: next.plan.next };
  }
}

test.each([
  ['the default procedure (calendar days)', DEFAULT_PROCEDURE],
  ['working days and India’s holidays', WORKING_DAYS_INDIA],
  ['48 elapsed hours, summons on the lapse', URGENT_48_HOURS],
  ['a conditional summons (its cut-off 3 working days before the hearing)', CONDITIONAL_SUMMONS],
])('the running complaint plans what the preview shows: %s', async (_name, procedure) => {
  await world.newAnchor();
  // Received three days ago: the notice is issued on the day the complaint starts, in the preview as in the run.
  const caseFile = world.freshCase({ receivedOn: world.dateOf(-3) });
  const handle = await world.start(caseFile, procedure);
  const notice = stepOf(await handle.query(getComplaint), 'notice');
  const [preview] = previewSchedule(caseFile, procedure, notice.issuedAt);
  expect(plannedEvents(notice)).toEqual(preview!.events.map((e) => [e.kind, e.at]));
  expect(preview!.events.length).toBeGreaterThanOrEqual(5);
  expect(preview!.events.some((e) => e.kind === 'report-cut-off')).toBe(procedure === CONDITIONAL_SUMMONS);
  await handle.terminate('end of test');
});
