// Where payloads that travel by reference are kept: files under BLOB_DIR/payloads, one per claim, named by the
// claim's key (claim-check-codec.ts). Written whole or not at all (write, then rename), so a reader never sees
// half a payload and two writers of the same claim both succeed.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const KEY = /^[0-9a-f]{64}$/;

export class ClaimStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('not a claim key');
    return join(this.root, key.slice(0, 2), key);
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(key)) return;
    const path = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes, { mode: 0o600 });
    await rename(temp, path);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }
}
