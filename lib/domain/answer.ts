// What officers send from the web app: an answer to a step, a request for more time, the acknowledgement of a
// summons. Pure: the web form and the workflow's Update validators check them the same way.
import { firstProblem, optionalDate, optionalLine, requiredText, stepAddress } from './checks';

export interface StepAddress {
  respondentId: string;
  stepId: string;
}

/** A file attached to an answer: the bytes are in the blob store under `sha256`, never in Temporal. */
export interface AttachmentReference {
  sha256: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
}

/** What officers may attach: PDFs and images, recognised by their content, not their name. */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_MAX = 5;

/**
 * An officer's action arrives by their link: the hash of the address the link was sent to comes with it, and the
 * complaint's validator refuses it when the step has since gone to another (corrected) address.
 */
export interface OfficerSubmission extends StepAddress {
  recipientHash?: string;
}

export interface AnswerSubmission extends OfficerSubmission {
  /** The Action Taken Report: what the authority did. */
  atrText: string;
  /** The FIR registration number, where one was registered. */
  firNumber?: string;
  /** The FIR's date, YYYY-MM-DD. */
  firDate?: string;
  attachments?: AttachmentReference[];
}

export interface ExtensionRequestSubmission extends OfficerSubmission {
  reason: string;
  requestedDate?: string;
}

export type SummonsAcknowledgement = OfficerSubmission;

export const ATR_MAX_CHARS = 20_000;
export const REASON_MAX_CHARS = 2_000;

/** The first thing wrong with an answer, naming the field, or null when it is acceptable. */
export function answerProblem(answer: AnswerSubmission): string | null {
  const atr: unknown = answer?.atrText;
  return (
    stepAddress(answer) ??
    firstProblem(
      typeof atr === 'string' && atr.trim() ? null : 'atrText: the Action Taken Report is required',
      typeof atr === 'string' && atr.length > ATR_MAX_CHARS
        ? `atrText: must be at most ${ATR_MAX_CHARS} characters`
        : null,
      optionalLine('firNumber', answer.firNumber, 100),
      optionalDate('firDate', answer.firDate),
      attachmentsProblem(answer.attachments),
    )
  );
}

export function attachmentsProblem(files: unknown): string | null {
  if (files === undefined) return null;
  if (!Array.isArray(files) || files.length > ATTACHMENTS_MAX)
    return `attachments: at most ${ATTACHMENTS_MAX} files`;
  for (const [i, f] of (files as Partial<AttachmentReference>[]).entries()) {
    const field = `attachments[${i}]`;
    if (typeof f !== 'object' || f === null) return `${field}: must be a file reference`;
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
      return `${field}.sha256: must be a SHA-256 in hex`;
    if (typeof f.fileName !== 'string' || !/^[^\r\n/\\]{1,200}$/.test(f.fileName))
      return `${field}.fileName: must be a file name of at most 200 characters`;
    if (!ATTACHMENT_TYPES.includes(f.contentType as AttachmentType))
      return `${field}.contentType: must be a PDF or an image`;
    if (
      typeof f.size !== 'number' ||
      !Number.isInteger(f.size) ||
      f.size < 1 ||
      f.size > ATTACHMENT_MAX_BYTES
    )
      return `${field}.size: must be between 1 byte and ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB`;
  }
  return null;
}

export function extensionRequestProblem(request: ExtensionRequestSubmission): string | null {
  return (
    stepAddress(request) ??
    firstProblem(
      requiredText('reason', request.reason, REASON_MAX_CHARS),
      optionalDate('requestedDate', request.requestedDate),
    )
  );
}
