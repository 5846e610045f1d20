// A transfer: staff send the complaint, or one respondent's track, to another body (a State Commission, another
// authority) with the case papers; the track(s) close as transferred, the body and the date kept. Where the
// procedure sets a period (procedure `transfer.acknowledgeWithin`), the body acknowledges receipt through the link
// in its email, or a reminder goes to it and staff are alerted when the period passes. Pure: workflows, web app
// and CLI use it.
import { emailAddress, firstProblem, optionalLine, requiredText } from './checks';
import { REASON_MAX_CHARS } from './answer';

/** The body a complaint goes to: its name, email and postal address (one line an entry, as a letterhead's). */
export interface TransfereeBody {
  name: string;
  email: string;
  address: string[];
}

/** Staff transfer the complaint (no `respondentId`) or one respondent's track. */
export interface TransferOrder {
  respondentId?: string;
  body: TransfereeBody;
  reason: string;
  by?: string;
}

/** A transfer as the complaint's state keeps it. */
export interface Transfer {
  /** `transfer-1`, `transfer-2`...: the transfer's number in the complaint (its link and letter name it). */
  transferId: string;
  /** The respondent whose track went; absent when the whole complaint did. */
  respondentId?: string;
  body: TransfereeBody;
  reason: string;
  by?: string;
  at: string;
  /** By when the body is to acknowledge receipt (the procedure's `transfer.acknowledgeWithin`), if it must. */
  acknowledgeBy?: string;
  acknowledgedAt?: string;
  /** The transfer letter went out (or the mail server refused it for good: `undeliverable`). */
  letter?: { sentAt: string; messageId: string; undeliverable?: string };
  /** The period passed unacknowledged: the reminder to the body and the staff's alert went out. */
  reminded?: { sentAt: string };
}

/** Something the complainant is to be told (the complainant's messages, a later issue, deliver it). */
export interface ComplainantToTell {
  kind: 'transferred';
  transferId: string;
  at: string;
}

/** The body acknowledges receipt, through the link in the transfer's email. */
export interface TransferAcknowledgement {
  transferId: string;
  /** The hash of the address the link went to (lib/domain/recipient-hash.ts). */
  recipientHash?: string;
}

/** What a transfer did: its ID, what went, and by when the body is to acknowledge. */
export interface TransferReceipt {
  transferId: string;
  respondentId?: string;
  at: string;
  acknowledgeBy?: string;
}

/** The link's step for a transfer: the track's respondent, or this word for the whole complaint. */
export const WHOLE_COMPLAINT = 'complaint';

export const TRANSFER_ID = /^transfer-[0-9]{1,3}$/;

export function isTransferId(stepId: string): boolean {
  return TRANSFER_ID.test(stepId);
}

/** The body's postal address: 1 to 6 lines of at most 200 characters. */
function addressProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 6)
    return 'body.address: must be 1 to 6 lines';
  const bad = value.findIndex(
    (l) => typeof l !== 'string' || !l.trim() || l.length > 200 || /[\r\n]/.test(l),
  );
  return bad < 0 ? null : `body.address.${bad}: must be a single line of at most 200 characters`;
}

export function transferOrderProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'arguments: must be an object';
  const t = value as Partial<Record<keyof TransferOrder, unknown>>;
  const body = t.body as Partial<Record<keyof TransfereeBody, unknown>> | undefined;
  return firstProblem(
    t.respondentId === undefined || (typeof t.respondentId === 'string' && t.respondentId !== '')
      ? null
      : 'respondentId: must name a respondent (or be left out to transfer the whole complaint)',
    typeof body === 'object' && body !== null ? null : 'body: is required (name, email, address)',
    body ? optionalLine('body.name', body.name ?? '', 300) : null,
    body && (typeof body.name !== 'string' || !body.name.trim()) ? 'body.name: is required' : null,
    body ? emailAddress('body.email', body.email) : null,
    body ? addressProblem(body.address) : null,
    requiredText('reason', t.reason, REASON_MAX_CHARS),
    optionalLine('by', t.by, 200),
  );
}

export function transferAcknowledgementProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'arguments: must be an object';
  const a = value as Partial<Record<keyof TransferAcknowledgement, unknown>>;
  if (typeof a.transferId !== 'string' || !isTransferId(a.transferId))
    return 'transferId: must name a transfer (transfer-1, transfer-2, ...)';
  return null;
}
