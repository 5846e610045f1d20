// Where an answer is recorded: written once to the records, whatever retries happen.
import type { AnswerSubmission } from '../lib/answer';
import type { ActivityDependencies } from './dependencies';

export interface RecordAnswerRequest extends AnswerSubmission {
  answerId: string;
  workflowId: string;
  receivedAt: string;
}

export function createAnswerActivities({ records }: Pick<ActivityDependencies, 'records'>) {
  return {
    async recordAnswer(req: RecordAnswerRequest): Promise<{ recordedAt: string }> {
      const row = await records.recordAnswer(req);
      return { recordedAt: row.recorded_at };
    },
  };
}
