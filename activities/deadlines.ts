// Where a deadline is computed: luxon runs here, in an activity, so the result is recorded in the workflow's
// history and a replay never depends on the time-zone data of the worker that replays it.
import { answerDeadline, issueDate, type Deadline } from '../lib/deadlines';
import type { DeadlineRules, Period } from '../lib/procedure';

export interface AnswerDeadlineRequest {
  receivedOn: string;
  /** The workflow's current time (ISO instant). */
  now: string;
  period: Period;
  rules: DeadlineRules;
}

export interface AnswerDeadline extends Deadline {
  issuedOn: string;
}

export function createDeadlineActivities() {
  return {
    computeAnswerDeadline(req: AnswerDeadlineRequest): Promise<AnswerDeadline> {
      const issuedOn = issueDate(req.receivedOn, req.now, req.rules);
      return Promise.resolve({
        issuedOn: issuedOn.toISODate() ?? '',
        ...answerDeadline(issuedOn, req.period, req.rules),
      });
    },
  };
}
