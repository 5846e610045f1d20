// Collects uploads no answer kept: staged files (BLOB_DIR/staging) older than a grace time that no recorded
// answer and no answer waiting in the officers' inbox references. Run by the web app periodically. A staged file
// a recorded answer references (the web app stopped between recording the answer and keeping its files) enters
// the store instead.
import type { Kysely } from 'kysely';
import type { RecordsDatabase } from '../../lib/records/schema';
import type { BlobReference, BlobStore, SweepResult } from '../../lib/web/blob-store';

/** Longer than any answer takes to be recorded, or to wait in the inbox unsettled without being leased. */
export const BLOB_SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;
export const BLOB_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** What references a file in the records: an answer's attachment, or an answer waiting in the inbox. */
export function recordsReferences(db: Kysely<RecordsDatabase>) {
  return async (sha256: string): Promise<BlobReference> => {
    const attached = await db
      .selectFrom('attachments')
      .select('sha256')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    if (attached) return 'recorded';
    const waiting = await db
      .selectFrom('officer_inbox')
      .select('update_id')
      .where('status', '=', 'received')
      .where('action', 'in', ['answer', 'interim-reply'])
      .where('submission', 'like', `%${sha256}%`)
      .limit(1)
      .executeTakeFirst();
    return waiting ? 'waiting' : null;
  };
}

export function sweepBlobs(
  blobs: BlobStore,
  db: Kysely<RecordsDatabase>,
  graceMs = BLOB_SWEEP_GRACE_MS,
): Promise<SweepResult> {
  return blobs.sweep(graceMs, recordsReferences(db));
}

/** Sweeps now and then every `everyMs`; returns a function that stops it. */
export function sweepPeriodically(
  blobs: BlobStore,
  db: Kysely<RecordsDatabase>,
  log: (message: string) => void,
  everyMs = BLOB_SWEEP_EVERY_MS,
): () => void {
  const run = () =>
    sweepBlobs(blobs, db)
      .then((r) => {
        if (r.deleted.length || r.promoted.length)
          log(`blobs: ${r.deleted.length} unreferenced upload(s) removed, ${r.promoted.length} kept`);
      })
      .catch((err: unknown) =>
        log(`blobs: sweep failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
