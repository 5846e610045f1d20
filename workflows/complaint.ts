// The complaint procedure as a durable workflow. Every respondent runs its own track (notice, reminders,
// summons, hearing) concurrently in this one workflow; the complaint closes when every track has closed, or
// when staff withdraw or dispose of it. Its clock is the workflow's: timers survive restarts and deploys.
//
// Changing this code while complaints run: see README, "Changing the workflow while complaints run". A change that
// alters the commands a replay would produce goes behind patched(), and the replay tests must stay green.
import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { CaseFile } from '../lib/case-file';
import type { Procedure } from '../lib/procedure';
import { recordClosure, registerComplaint } from './activity-proxies';
import { Complaint } from './complaint-context';
import type { Closure } from './complaint-state';
import { registerHandlers } from './handlers';
import { runRespondentTrack } from './respondent-track';
import { nowIso } from './time';

export interface ComplaintInput {
  caseFile: CaseFile;
  /** Frozen at start: editing the procedure later never changes this complaint. */
  procedure: Procedure;
}

export interface ComplaintOutcome {
  caseReference: string;
  closure: Closure;
}

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintOutcome> {
  const complaint = new Complaint(input);
  registerHandlers(complaint);
  const startedAt = nowIso();

  await registerComplaint({
    workflowId: complaint.workflowId,
    caseFile: input.caseFile,
    procedureId: input.procedure.id,
  });
  const journal = complaint.runJournal();
  await Promise.all(input.caseFile.respondents.map((r) => runRespondentTrack(complaint, r.id, startedAt)));

  // The last messages (a receipt, an alert) still go out before the complaint ends.
  await complaint.allSent();
  const closure = (complaint.state.closure ??= { kind: 'resolved', at: nowIso() });
  complaint.publish();
  complaint.closeJournal();
  await journal;
  await recordClosure({ workflowId: complaint.workflowId, ...closure });
  // Let an Update that is still replying finish before the workflow completes.
  await condition(allHandlersFinished);
  return { caseReference: input.caseFile.caseReference, closure };
}
