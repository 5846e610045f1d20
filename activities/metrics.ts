// The worker's own metrics, exported with the SDK's through the runtime's Prometheus endpoint: messages sent
// by kind, answers recorded, open and overdue steps. Outside an activity (unit tests) they are not recorded.
import { Context } from '@temporalio/activity';

function meter() {
  try {
    return Context.current().metricMeter;
  } catch {
    return null;
  }
}

export const workerMetrics = {
  messageSent(kind: string): void {
    meter()?.createCounter('complaint_messages_sent', 'messages', 'Messages sent, by kind').add(1, { kind });
  },
  answerRecorded(): void {
    meter()?.createCounter('complaint_answers_recorded', 'answers', 'Answers recorded').add(1);
  },
  steps(open: number, overdue: number): void {
    const m = meter();
    m?.createGauge('complaint_open_steps', 'int', 'steps', 'Steps open, all complaints').set(open);
    m?.createGauge('complaint_overdue_steps', 'int', 'steps', 'Steps open past their deadline').set(overdue);
  },
};
