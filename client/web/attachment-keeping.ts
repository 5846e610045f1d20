// Attachments enter the blob store only with the answer that references them. Through one link several answers
// may come at once (a double click, two tabs, the inbox): they share the link's Update ID, so the complaint
// records the first and answers the others with its receipt. The recorded answer, read back from the complaint,
// says which staged files to keep; the others are removed.
import type { Client } from '@temporalio/client';
import type { BlobStore, StagedBlob } from '../../lib/web/blob-store';
import { getComplaint, type AnswerReceipt, type InterimReplyReceipt } from '../../workflows/messages';

/** The files the recorded answer references (SHA-256), or null when the complaint cannot say right now. */
export async function attachmentsOfAnswer(
  client: Client,
  workflowId: string,
  receipt: unknown,
): Promise<Set<string> | null> {
  // An answer's receipt names it; an interim reply's, the reply (both keep files).
  const { answerId, interimId } = (receipt ?? {}) as Partial<AnswerReceipt & InterimReplyReceipt>;
  if (typeof answerId !== 'string' && typeof interimId !== 'string') return null;
  try {
    const state = await client.workflow.getHandle(workflowId).query(getComplaint);
    for (const r of state.respondents)
      for (const s of r.steps)
        for (const a of [
          ...s.answers.filter((x) => x.answerId === answerId),
          ...(s.interimReplies ?? []).filter((x) => x.interimId === interimId),
        ])
          return new Set((a.attachments ?? []).map((f) => f.sha256));
    return null;
  } catch {
    return null;
  }
}

/**
 * After an answer was recorded: the staged files it references enter the store, the others are removed. When
 * the complaint cannot be asked, they stay staged for the sweep (which keeps what the records reference).
 */
export async function keepRecorded(
  client: Client,
  blobs: BlobStore,
  workflowId: string,
  receipt: unknown,
  staged: StagedBlob[],
): Promise<void> {
  if (staged.length === 0) return;
  const referenced = await attachmentsOfAnswer(client, workflowId, receipt);
  if (!referenced) return;
  await Promise.all(staged.map((b) => (referenced.has(b.sha256) ? blobs.promote(b) : blobs.discard(b))));
}

/** After an answer from the inbox was recorded: the files it references enter the store (from any staged copy). */
export async function promoteRecorded(
  client: Client,
  blobs: BlobStore,
  workflowId: string,
  receipt: unknown,
): Promise<void> {
  const referenced = await attachmentsOfAnswer(client, workflowId, receipt);
  for (const sha256 of referenced ?? []) await blobs.promote(sha256);
}
