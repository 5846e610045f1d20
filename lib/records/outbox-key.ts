// The outbox's key of a message: complaint, respondent, step, kind and version (and, sent again to a corrected
// address, which correction). One key, one message as its recipient sees it, however often it is tried.

export interface OutboxAddress {
  workflowId: string;
  respondentId: string;
  stepId: string;
  kind: string;
  version: number;
  readdressed?: number;
}

export function messageIdempotencyKey(r: OutboxAddress): string {
  const key = [r.workflowId, r.respondentId, r.stepId, r.kind, `v${r.version}`];
  return [...key, ...(r.readdressed ? [`r${r.readdressed}`] : [])].join('|');
}
