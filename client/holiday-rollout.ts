// A procedure's changed holidays sent to every running complaint of that procedure, in batches, with progress:
// each gets the `applyHolidays` Update under an ID made of the procedure, the revision and the complaint, so a
// retry is applied once; a complaint that already has the revision is skipped, so a rerun picks up where one
// stopped. What moved comes back in each receipt, and makes the report.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HolidayChange, MovedDeadline } from '../lib/domain/holidays';
import { refusalOf } from '../lib/domain/refusals';
import { applyHolidays, getComplaint } from '../workflows/messages';
import { workflowNotRunning } from './workflow-not-running';

/** The revision of a procedure's holidays: the same list and names, the same revision. */
export function holidayRevision(holidays: readonly string[], names: Record<string, string> = {}): string {
  const sorted = Object.fromEntries(Object.entries(names).sort(([a], [b]) => a.localeCompare(b)));
  const text = JSON.stringify({ holidays: [...new Set(holidays)].sort(), names: sorted });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export interface RolloutReport {
  procedureId: string;
  revision: string;
  complaints: number;
  applied: number;
  /** Complaints that already had this revision (an earlier run). */
  alreadyApplied: number;
  notRunning: number;
  failed: { caseReference: string; error: string }[];
  moved: (MovedDeadline & { caseReference: string })[];
}

export async function rollOutHolidays(
  client: Client,
  complaints: { workflowId: string; caseReference: string }[],
  change: HolidayChange,
  opts: { batch: number; progress: (done: number, total: number) => void },
): Promise<RolloutReport> {
  const report: RolloutReport = {
    procedureId: change.procedureId,
    revision: change.revision,
    complaints: complaints.length,
    applied: 0,
    alreadyApplied: 0,
    notRunning: 0,
    failed: [],
    moved: [],
  };
  const one = async ({ workflowId, caseReference }: (typeof complaints)[number]) => {
    const handle = client.workflow.getHandle(workflowId);
    try {
      const state = await handle.query(getComplaint);
      if (state.holidays?.revision === change.revision) {
        report.alreadyApplied++;
        return;
      }
      const receipt = await handle.executeUpdate(applyHolidays, {
        args: [change],
        updateId: `holidays|${change.procedureId}|${change.revision}|${workflowId}`,
      });
      report.applied++;
      for (const m of receipt.moved) report.moved.push({ caseReference, ...m });
    } catch (err) {
      if (workflowNotRunning(err)) report.notRunning++;
      else
        report.failed.push({
          caseReference,
          error: refusalOf(err)?.message ?? (err instanceof Error ? err.message : String(err)),
        });
    }
  };
  for (let i = 0; i < complaints.length; i += opts.batch) {
    await Promise.all(complaints.slice(i, i + opts.batch).map(one));
    opts.progress(Math.min(i + opts.batch, complaints.length), complaints.length);
  }
  report.moved.sort(
    (a, b) =>
      a.caseReference.localeCompare(b.caseReference) ||
      a.respondentId.localeCompare(b.respondentId) ||
      a.stepId.localeCompare(b.stepId),
  );
  return report;
}
