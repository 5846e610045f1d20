// Reads an officer's form, urlencoded or multipart (with attachments), and checks each file: its size, its type
// by content, and that it is nothing a browser or viewer would run. The raw body is watched as it streams beside
// the parser, so that a malformed part fails the whole form (never dropped in silence) and an oversized body is
// refused as soon as it passes the limit. Files are kept in memory until they pass; then they are staged in the
// blob store, and enter it only once the answer that references them is recorded.
import { InputError } from '../../lib/procedure/validation';
import { readForm } from './form-schemas';
import type {} from '@fastify/multipart'; // its request.isMultipart() and request.parts()
import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX, type AttachmentReference } from '../../lib/domain/answer';
import type { BlobStore, StagedBlob } from '../../lib/web/blob-store';
import { activeContentIn, fileNameFor, sniffAttachmentType } from '../../lib/web/file-types';
import { boundaryOf, FormProblem, MultipartScan } from '../../lib/web/multipart-scan';

export { FormProblem } from '../../lib/web/multipart-scan';

/** The most a form may hold: every file at its largest, and room for the text fields. */
export const FORM_MAX_BYTES = ATTACHMENTS_MAX * ATTACHMENT_MAX_BYTES + 1024 * 1024;
/** The most one text field may hold (an ATR of 20,000 characters, in any script). */
export const FIELD_MAX_BYTES = 64 * 1024;

/** The field the form's file input sends its files under. */
const FILE_FIELD = 'attachments';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
}

export interface OfficerForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** What the multipart parser throws, as the officer should read it. */
function parserProblem(err: unknown): FormProblem {
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT')
    return new FormProblem(400, `attachments: at most ${ATTACHMENTS_MAX} files`);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new FormProblem(400, 'form: too many fields');
  if (code === 'FST_PROTO_VIOLATION') return new FormProblem(400, 'form: a field has a forbidden name');
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return new FormProblem(400, 'form: a field could not be read');
  return new FormProblem(400, 'form: the form data is incomplete or malformed; please send it again');
}

/**
 * The form, or a FormProblem (400 malformed, 413 too large) naming the field. A multipart form must read to its
 * end, each part as its raw headers say: a part the parser dropped or read differently fails the whole form.
 */
export async function readOfficerForm(request: FastifyRequest): Promise<OfficerForm> {
  if (!request.isMultipart()) return { fields: officerFields(request.body), files: [] };
  const boundary = boundaryOf(request.headers['content-type']);
  if (!boundary) throw new FormProblem(400, 'form: the multipart form has no boundary');
  const scan = new MultipartScan(boundary, {
    bodyBytes: FORM_MAX_BYTES,
    fieldBytes: FIELD_MAX_BYTES,
    fileBytes: ATTACHMENT_MAX_BYTES,
    headerBytes: 16 * 1024,
  });
  const raw = request.raw;
  // Settles as soon as the raw body shows a problem, whatever the parser is waiting for.
  let stopped: (problem: FormProblem) => void = () => {};
  const problemSeen = new Promise<never>((_, reject) => {
    stopped = reject;
  });
  problemSeen.catch(() => undefined);
  const onData = (chunk: Buffer) => {
    scan.push(chunk);
    if (scan.problem) {
      raw.off('data', onData);
      // Stop reading: the reply goes out at once and the connection is closed after it.
      raw.unpipe();
      raw.pause();
      stopped(scan.problem);
    }
  };
  const race = <T>(p: Promise<T>) => Promise.race([p, problemSeen]);

  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let emitted = 0;
  let current = 'attachment';
  const iterator = request.parts()[Symbol.asyncIterator]();
  // The same tick as the parser's pipe (the iterator's first step): both see every chunk.
  raw.on('data', onData);
  try {
    for (;;) {
      const next = await race(iterator.next());
      if (next.done) break;
      const part = next.value;
      emitted++;
      if (part.type === 'field') {
        if (part.fieldname === FILE_FIELD)
          throw new FormProblem(400, 'attachments: a file was sent without a valid file name');
        if (part.valueTruncated || part.fieldnameTruncated)
          throw new FormProblem(413, `${part.fieldname}: longer than ${FIELD_MAX_BYTES / 1024} KiB`);
        if (Object.hasOwn(fields, part.fieldname))
          throw new FormProblem(400, `${part.fieldname}: must be given once`);
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== FILE_FIELD) throw new FormProblem(400, `${part.fieldname}: not a file field`);
      current = part.filename || 'attachment';
      const bytes = await race(part.toBuffer());
      // An empty file input sends a part with no name and no bytes.
      if (bytes.length === 0 && !part.filename) continue;
      files.push({ fileName: current, bytes, truncated: part.file.truncated });
    }
  } catch (err) {
    if (err instanceof FormProblem) throw scan.problem ?? err;
    if (scan.problem) throw scan.problem;
    // The file over the size limit: reported by name, like any other problem with the form.
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw parserProblem(err);
    files.push({ fileName: current, bytes: Buffer.alloc(0), truncated: true });
    return { fields, files };
  } finally {
    raw.off('data', onData);
    // Refused before the body's end: read no more of it (the reply closes the connection).
    if (!raw.complete) {
      raw.unpipe();
      raw.pause();
    }
  }
  if (scan.problem) throw scan.problem;
  // Every part the raw body holds was read, as its headers say (a part the parser drops is a malformed form).
  if (!scan.complete) throw new FormProblem(400, 'form: the form data is incomplete; please send it again');
  if (scan.parts.length !== emitted)
    throw new FormProblem(400, 'form: a part of the form could not be read; please send it again');
  for (const [i, part] of scan.parts.entries()) {
    if (part.name === FILE_FIELD && part.fileName === undefined)
      throw new FormProblem(400, 'attachments: a file was sent without a valid file name');
    if (part.fileName !== undefined && part.name !== FILE_FIELD)
      throw new FormProblem(400, `${part.name}: not a file field (part ${i + 1})`);
  }
  return { fields: officerFields(fields), files };
}

/** The text fields as the officer's form schema reads them: each once, as text, and no other. */
function officerFields(body: unknown): Record<string, string> {
  try {
    return readForm('officer', body);
  } catch (err) {
    if (err instanceof InputError) throw new FormProblem(400, err.message);
    throw err;
  }
}

/** The first problem with the uploaded files, naming the file, or null. */
export function filesProblem(files: UploadedFile[]): string | null {
  if (files.length > ATTACHMENTS_MAX) return `attachments: at most ${ATTACHMENTS_MAX} files`;
  for (const f of files) {
    if (f.truncated)
      return `attachments: ${f.fileName} is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB`;
    if (f.bytes.length === 0) return `attachments: ${f.fileName} is empty`;
    const type = sniffAttachmentType(f.bytes);
    const active = activeContentIn(f.bytes, type);
    if (active) return `attachments: ${f.fileName} is refused: ${active}`;
    if (!type) return `attachments: ${f.fileName} is not a PDF or an image (PNG, JPEG, GIF, WebP)`;
  }
  return null;
}

export interface StagedFiles {
  references: AttachmentReference[];
  staged: StagedBlob[];
}

/**
 * Stages checked files in the blob store and returns their references for the answer (each named with the
 * extension of its detected type). They enter the store once the answer is recorded (keepRecorded).
 */
export async function stageFiles(blobs: BlobStore, files: UploadedFile[]): Promise<StagedFiles> {
  const references: AttachmentReference[] = [];
  const staged: StagedBlob[] = [];
  try {
    for (const f of files) {
      const blob = await blobs.stage(f.bytes);
      staged.push(blob);
      const contentType = sniffAttachmentType(f.bytes)!;
      references.push({
        sha256: blob.sha256,
        size: blob.size,
        fileName: fileNameFor(f.fileName, contentType),
        contentType,
      });
    }
  } catch (err) {
    await Promise.all(staged.map((b) => blobs.discard(b)));
    throw err;
  }
  return { references, staged };
}
