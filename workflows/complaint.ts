// The complaint procedure as a durable workflow. Every respondent runs its own track (notice, reminders,
// summons, hearing) concurrently in this one workflow; the complaint closes when every track has closed, or
// when staff withdraw or dispose of it. Its clock is the workflow's: timers survive restarts and deploys.
// Past its history budget it continues as new, carrying its whole state: the new run re-arms every timer from
// the deadlines in that state, and links (which name the complaint, not the run) keep working.
//
// Changing this code: docs/versioning.md. Before 1.0.0 there is one generation (workflows/generation.ts): a change
// that alters the commands a replay would produce re-records test/histories/, and the replay tests stay green.
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import type { ComplaintOutcome } from '../lib/domain/complaint-start';
import { recordClosure, recordReopening, registerComplaint } from './activity-proxies';
import { Complaint } from './complaint-context';
import type { ComplaintInput } from './complaint-input';
import { registerHandlers } from './handlers';
import { reopenedCarried } from '../lib/domain/reopening';
import { answerOrigin, resumeTracks } from './reopening';
import { runRespondentTrack } from './respondent-track';
import { resumeTransfers } from './transfers';
import { nowIso } from './time';

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintOutcome> {
  const complaint = new Complaint(input);
  registerHandlers(complaint);
  const startedAt = input.continued?.startedAt ?? nowIso();
  answerOrigin(complaint, startedAt);

  const reopening = input.reopened && !input.continued ? input.reopened : undefined;
  if (reopening) {
    // The same complaint, living again: its records say so (its identity is the first life's).
    const life = complaint.state.lives!.at(-1)!;
    const before = reopening.lives.at(-1)?.closure;
    await recordReopening({
      workflowId: complaint.workflowId,
      firstRunId: complaint.firstRunId,
      life: life.life,
      runId: life.runId,
      kind: reopening.reopening.kind,
      reason: reopening.reopening.reason,
      ...(reopening.reopening.by ? { by: reopening.reopening.by } : {}),
      at: reopening.reopening.at,
      from: reopening.reopening.from,
      ...(before ? { previousClosure: { kind: before.kind, at: before.at } } : {}),
    });
  } else if (!input.continued) {
    const registered = await registerComplaint({
      workflowId: complaint.workflowId,
      firstRunId: complaint.firstRunId,
      caseFile: input.caseFile,
      procedureId: input.procedure.id,
    });
    // The worker's policy (STAFF_LAPSE_ALERTS), kept in the state: a continued run carries it.
    if (registered?.staffLapseAlerts) complaint.state.staffLapseAlerts = registered.staffLapseAlerts;
  }
  const journal = complaint.stepJournal.run();
  void complaint.publisher.run(); // runs as long as the workflow does
  if (reopening) await resumeTracks(complaint, startedAt);
  // Every respondent's track (a continued run's include those staff added), and every transfer still waiting for
  // its body's acknowledgement: the complaint ends when none runs.
  for (const r of complaint.state.respondents)
    complaint.tracks.start(runRespondentTrack(complaint, r.respondentId, startedAt));
  resumeTransfers(complaint);
  const tracks = complaint.tracks.allEnded();
  const budgetSpent = condition(() => complaint.overBudget()).then(async () => {
    complaint.stepJournal.continuing = true; // the journal waits for the next run
    await condition(() => complaint.quiet());
    return 'continue' as const;
  });
  if ((await Promise.race([tracks, budgetSpent])) === 'continue') {
    complaint.publisher.publishNow(); // the search attributes, as they stand, go over to the next run
    await continueAsNew<typeof complaintWorkflow>({
      ...input,
      ...(input.reopened ? { reopened: reopenedCarried(input.reopened) } : {}),
      continued: complaint.carriedOver(startedAt),
    });
  }

  // The last messages (a receipt, an alert) still go out before the complaint ends.
  await complaint.underway.allDone();
  const closure = (complaint.state.closure ??= { kind: 'resolved', at: nowIso() });
  complaint.publish();
  complaint.stepJournal.close();
  await journal;
  await recordClosure({ workflowId: complaint.workflowId, firstRunId: complaint.firstRunId, ...closure });
  // Let an Update that is still replying finish before the workflow completes.
  await condition(allHandlersFinished);
  return { caseReference: input.caseFile.caseReference, closure };
}
