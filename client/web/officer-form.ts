// Reads an officer's form, urlencoded or multipart (with attachments), and checks each file: its size, and
// its type by content. Files are kept in memory only until they pass; then they go to the blob store.
import type {} from '@fastify/multipart'; // its request.isMultipart() and request.parts()
import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX, type AttachmentReference } from '../../lib/domain/answer';
import type { BlobStore } from '../../lib/web/blob-store';
import { sniffAttachmentType } from '../../lib/web/file-types';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
}

export interface OfficerForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export async function readOfficerForm(request: FastifyRequest): Promise<OfficerForm> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    return { fields, files: [] };
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let current = 'attachment';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      current = part.filename || 'attachment';
      const bytes = await part.toBuffer();
      // An empty file input sends a part with no name and no bytes.
      if (bytes.length === 0 && !part.filename) continue;
      files.push({ fileName: current, bytes, truncated: part.file.truncated });
    }
  } catch (err) {
    // The file over the size limit: reported by name, like any other problem with the form.
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    files.push({ fileName: current, bytes: Buffer.alloc(0), truncated: true });
  }
  return { fields, files };
}

/** The first problem with the uploaded files, naming the file, or null. */
export function filesProblem(files: UploadedFile[]): string | null {
  if (files.length > ATTACHMENTS_MAX) return `attachments: at most ${ATTACHMENTS_MAX} files`;
  for (const f of files) {
    if (f.truncated)
      return `attachments: ${f.fileName} is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB`;
    if (f.bytes.length === 0) return `attachments: ${f.fileName} is empty`;
    if (!sniffAttachmentType(f.bytes))
      return `attachments: ${f.fileName} is not a PDF or an image (PNG, JPEG, GIF, WebP)`;
  }
  return null;
}

/** Stores checked files in the blob store and returns their references for the answer. */
export async function storeFiles(blobs: BlobStore, files: UploadedFile[]): Promise<AttachmentReference[]> {
  const refs: AttachmentReference[] = [];
  for (const f of files) {
    const { sha256, size } = await blobs.put(f.bytes);
    const fileName = f.fileName.replace(/[\r\n/\\]/g, '_').slice(0, 200);
    refs.push({ sha256, size, fileName, contentType: sniffAttachmentType(f.bytes)! });
  }
  return refs;
}
