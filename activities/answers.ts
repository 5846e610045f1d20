// Where an answer is recorded (once, whatever retries happen), and staff's review of it.
import type { AnswerSubmission } from '../lib/domain/answer';
import type { ReviewDecision } from '../lib/domain/staff-actions';
import { identityOf, type ComplaintIdentity } from '../lib/records/complaint-identity';
import type { ActivityDependencies } from './dependencies';
import { workerMetrics } from './metrics';

export interface RecordAnswerRequest extends AnswerSubmission, ComplaintIdentity {
  answerId: string;
  receivedAt: string;
}

export interface RecordReviewRequest {
  answerId: string;
  /** The complaint's first run ID. */
  firstRunId: string;
  decision: ReviewDecision;
  note?: string;
  reviewedAt: string;
}

/** Writes an answer's records row (once: a retry finds it written), in the send of the answer's moment. */
export async function recordAnswerRow(
  records: ActivityDependencies['records'],
  req: RecordAnswerRequest,
): Promise<{ recordedAt: string }> {
  const row = await records.recordAnswer({ ...req, ...identityOf(req) });
  workerMetrics.answerRecorded();
  return { recordedAt: row.recorded_at };
}

export function createAnswerActivities({ records }: Pick<ActivityDependencies, 'records'>) {
  return {
    async recordReview(req: RecordReviewRequest): Promise<void> {
      await records.recordReview(req);
    },
  };
}
