// Where attachments live: outside Temporal's payloads (which have size limits) and outside the database, in
// files named by their SHA-256. Content-addressed, so storing the same file twice stores it once, and a
// stored file can be checked against its name at any time.
//
// An upload is first staged (staging/<sha256>.<unique>, one file per upload): it enters the store only once the
// answer that references it is recorded (promote), and is removed when the answer is not (discard). A sweep
// removes staged files that nothing references after a grace time (a web app stopped between the two), and
// promotes those a recorded answer references.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** An upload waiting for its answer to be recorded. */
export interface StagedBlob extends StoredBlob {
  path: string;
}

/** What references a blob: a recorded answer (keep it), an answer waiting in the inbox (wait), nothing. */
export type BlobReference = 'recorded' | 'waiting' | null;

export interface SweepResult {
  promoted: string[];
  deleted: string[];
  kept: string[];
}

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobStore {
  readonly root: string;
  readonly staging: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.staging = join(this.root, 'staging');
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      // Write then rename: a reader never sees half a file, and two writers of the same file both succeed.
      const temp = `${path}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, path);
    }
    return { sha256, size: bytes.length };
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** The file's bytes, checked against its SHA-256: a corrupted file is an error, never served. */
  async get(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(sha256));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new Error(`blob ${sha256} is corrupted`);
    return bytes;
  }

  /** Writes an upload to the staging area; it is not in the store (nor served) until promoted. */
  async stage(bytes: Buffer): Promise<StagedBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.staging, { recursive: true });
    const path = join(this.staging, `${sha256}.${randomUUID()}`);
    await writeFile(`${path}.tmp`, bytes, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return { sha256, size: bytes.length, path };
  }

  /**
   * Moves a staged upload into the store (its answer was recorded). Given only a SHA-256 (an answer delivered
   * later from the inbox), any staged copy of it will do. True when the store now holds it.
   */
  async promote(blob: StagedBlob | string): Promise<boolean> {
    const sha256 = typeof blob === 'string' ? blob : blob.sha256;
    const final = this.pathOf(sha256);
    const candidates = typeof blob === 'string' ? await this.stagedCopies(sha256) : [blob.path];
    if (await this.has(sha256)) {
      await Promise.all(candidates.map((path) => unlink(path).catch(() => undefined)));
      return true;
    }
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    for (const path of candidates) {
      try {
        await rename(path, final);
        return true;
      } catch {
        // Promoted or discarded meanwhile by another: try the next copy.
      }
    }
    return this.has(sha256);
  }

  /** Removes a staged upload whose answer was not recorded. */
  async discard(blob: StagedBlob): Promise<void> {
    await unlink(blob.path).catch(() => undefined);
  }

  private async stagedCopies(sha256: string): Promise<string[]> {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
    const names = await readdir(this.staging).catch(() => [] as string[]);
    return names
      .filter((n) => n.startsWith(`${sha256}.`) && !n.endsWith('.tmp'))
      .map((n) => join(this.staging, n));
  }

  /**
   * Staged files older than `graceMs`: promoted when a recorded answer references them, kept while an answer
   * waiting in the inbox does, deleted otherwise (with half-written files of any age past the grace time).
   */
  async sweep(graceMs: number, referenced: (sha256: string) => Promise<BlobReference>): Promise<SweepResult> {
    const result: SweepResult = { promoted: [], deleted: [], kept: [] };
    const names = await readdir(this.staging).catch(() => [] as string[]);
    const before = Date.now() - graceMs;
    for (const name of names) {
      const path = join(this.staging, name);
      const info = await stat(path).catch(() => null);
      if (!info || info.mtimeMs > before) continue;
      const sha256 = name.slice(0, 64);
      const reference = SHA256.test(sha256) && !name.endsWith('.tmp') ? await referenced(sha256) : null;
      if (reference === 'recorded' && (await this.promote({ sha256, size: info.size, path })))
        result.promoted.push(sha256);
      else if (reference === 'waiting') result.kept.push(sha256);
      else {
        await unlink(path).catch(() => undefined);
        result.deleted.push(sha256);
      }
    }
    return result;
  }
}
