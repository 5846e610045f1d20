// Where an answer is recorded (once, whatever retries happen), and staff's review of it.
import type { AnswerSubmission } from '../lib/domain/answer';
import type { ActivityDependencies } from './dependencies';
import { workerMetrics } from './metrics';

export interface RecordAnswerRequest extends AnswerSubmission {
  answerId: string;
  workflowId: string;
  receivedAt: string;
}

export interface RecordReviewRequest {
  answerId: string;
  decision: 'accept' | 'return';
  note?: string;
  reviewedAt: string;
}

export function createAnswerActivities({ records }: Pick<ActivityDependencies, 'records'>) {
  return {
    async recordAnswer(req: RecordAnswerRequest): Promise<{ recordedAt: string }> {
      const row = await records.recordAnswer(req);
      workerMetrics.answerRecorded();
      return { recordedAt: row.recorded_at };
    },
    async recordReview(req: RecordReviewRequest): Promise<void> {
      await records.recordReview(req);
    },
  };
}
