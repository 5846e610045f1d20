// The outbox's key of a message: complaint (workflow ID and identity), respondent, step, kind and version (and,
// sent again to a corrected address, which correction). One key, one message as its recipient sees it, however
// often it is tried; a new complaint under an old workflow ID has keys of its own (complaint-identity.ts).

export interface OutboxAddress {
  workflowId: string;
  /** The complaint's first run ID; absent or '' for messages of complaints before identities (their keys as they were). */
  firstRunId?: string;
  respondentId: string;
  stepId: string;
  kind: string;
  version: number;
  readdressed?: number;
}

export function messageIdempotencyKey(r: OutboxAddress): string {
  const complaint = r.firstRunId ? [r.workflowId, r.firstRunId] : [r.workflowId];
  const key = [...complaint, r.respondentId, r.stepId, r.kind, `v${r.version}`];
  return [...key, ...(r.readdressed ? [`r${r.readdressed}`] : [])].join('|');
}
