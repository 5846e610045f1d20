// The records are a projection of the complaints: each workflow's state (its history is the durable record)
// says everything the records hold of it but the journal's event-by-event timeline. Rebuilding them from that
// state writes what is missing and corrects what differs; run it after restoring a records backup, or to check
// the records against the complaints (`complaint reproject`). Every write is idempotent. The rows are written
// under the complaint's identity (its first run ID, complaint-identity.ts), as the workflow writes them.
import type { ComplaintState } from '../domain/complaint-state';
import { messageIdempotencyKey, messageIdFor } from './outbox-key';
import type { RecordsStore } from './store';

export interface Reprojection {
  steps: number;
  answers: number;
  messages: number;
}

/**
 * Rebuilds one complaint's records from its state and its identity (`firstRunId`: its first run's ID); `mailFrom`
 * names the messages it never sent (undeliverable).
 */
export async function reprojectComplaint(
  records: RecordsStore,
  state: ComplaintState,
  firstRunId: string,
  mailFrom: string,
): Promise<Reprojection> {
  const { workflowId } = state;
  const complaint = { workflowId, firstRunId };
  const counts: Reprojection = { steps: 0, answers: 0, messages: 0 };
  await records.registerComplaint({
    ...complaint,
    caseReference: state.caseReference,
    subject: state.subject,
    procedureId: state.procedureId,
    receivedOn: state.receivedOn,
    respondents: state.respondents.map((r) => ({ id: r.respondentId, name: r.name })),
  });
  // Its lives after the first (a reopened complaint), before its closure: a life recorded clears the one before.
  for (const [i, life] of (state.lives ?? []).entries()) {
    const r = life.reopening;
    if (!r) continue;
    const before = state.lives![i - 1]?.closure;
    await records.recordReopening({
      ...complaint,
      life: life.life,
      runId: life.runId,
      kind: r.kind,
      reason: r.reason,
      ...(r.by ? { by: r.by } : {}),
      at: r.at,
      from: r.from,
      ...(before ? { previousClosure: { kind: before.kind, at: before.at } } : {}),
    });
  }
  if (state.closure)
    await records.recordClosure({
      ...complaint,
      kind: state.closure.kind,
      ...(state.closure.reason ? { reason: state.closure.reason } : {}),
      at: state.closure.at,
    });

  for (const track of state.respondents) {
    for (const step of track.steps) {
      await records.recordStep(complaint, track.respondentId, {
        step_id: step.stepId,
        kind: step.kind,
        status: step.status,
        closed_as: step.closedAs ?? null,
        issued_at: step.issuedAt,
        due_at: step.dueAt,
        version: step.version,
        updated_at: step.closedAt ?? step.issuedAt,
      });
      counts.steps++;
      for (const answer of step.answers) {
        await records.recordAnswer({
          answerId: answer.answerId,
          ...complaint,
          respondentId: track.respondentId,
          stepId: step.stepId,
          atrText: answer.atrText,
          ...(answer.firNumber ? { firNumber: answer.firNumber } : {}),
          ...(answer.firDate ? { firDate: answer.firDate } : {}),
          ...(answer.attachments ? { attachments: answer.attachments } : {}),
          receivedAt: answer.receivedAt,
        });
        if (answer.review)
          await records.recordReview({
            answerId: answer.answerId,
            firstRunId,
            decision: answer.review.decision === 'accepted' ? 'accept' : 'return',
            ...(answer.review.note ? { note: answer.review.note } : {}),
            reviewedAt: answer.review.at,
          });
        counts.answers++;
      }
    }
    for (const m of track.messages) {
      const key = messageIdempotencyKey({ ...complaint, respondentId: track.respondentId, ...m });
      await records.reserveNotice({
        idempotencyKey: key,
        ...complaint,
        respondentId: track.respondentId,
        stepId: m.stepId,
        kind: m.kind,
        recipient: m.to,
        messageId: m.messageId || messageIdFor(key, mailFrom),
      });
      if (m.undeliverable !== undefined) await records.markNoticeUndeliverable(key, m.undeliverable);
      else await records.markNoticeSent(key, m.sentAt);
      counts.messages++;
    }
  }
  return counts;
}
