// The outbox's key of a message: complaint (workflow ID and identity), respondent, step, kind and version (and,
// sent again to a corrected address, which correction). One key, one message as its recipient sees it, however
// often it is tried; a new complaint under an old workflow ID has keys of its own (complaint-identity.ts).
// The key also names the message to the recipient's mail program: its Message-ID derives from it.
import { createHash } from 'node:crypto';

export interface OutboxAddress {
  workflowId: string;
  /** The complaint's first run ID; '' for the commission's own messages (the staff digest), of no one complaint. */
  firstRunId: string;
  respondentId: string;
  stepId: string;
  kind: string;
  version: number;
  readdressed?: number;
  /** A copy of the message to a commission in a joint inquiry (its address): a message of its own. */
  copyTo?: string;
}

export function messageIdempotencyKey(r: OutboxAddress): string {
  const complaint = r.firstRunId ? [r.workflowId, r.firstRunId] : [r.workflowId];
  const key = [...complaint, r.respondentId, r.stepId, r.kind, `v${r.version}`];
  const copy = r.copyTo
    ? [`copy-${createHash('sha256').update(r.copyTo.toLowerCase()).digest('hex').slice(0, 16)}`]
    : [];
  return [...key, ...(r.readdressed ? [`r${r.readdressed}`] : []), ...copy].join('|');
}

/**
 * A stable Message-ID for a message known by `key` (an outbox key, an outage): the same key gives the same ID,
 * so a resend is recognisably the same message to the recipient's mail program.
 */
export function messageIdFor(key: string, from: string, prefix = ''): string {
  return `<${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${mailDomain(from)}>`;
}

/** The domain part of an address such as `Commission <notices@commission.example>`. */
export function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'complaint-deadlines.invalid';
}
