// Encrypts every payload that reaches Temporal (workflow inputs, results, activity arguments, Update
// arguments, query results, memos): complaint texts, names and addresses never sit in its history in clear.
// AES-256-GCM, with the key's ID in the payload's metadata: new payloads use the newest key, and payloads
// written under an older key still decode as long as that key stays configured (rotation by configuration).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** `id:base64key,id2:base64key2` → keys, newest first; each key must be 32 bytes. */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const keys = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      const id = entry.slice(0, i);
      const key = Buffer.from(entry.slice(i + 1), 'base64');
      if (i < 1 || !/^[A-Za-z0-9._-]{1,32}$/.test(id) || key.length !== 32)
        throw new Error(
          'ENCRYPTION_KEYS: each entry must be id:<32 bytes in base64> (e.g. `k1:$(openssl rand -base64 32)`)',
        );
      return { id, key };
    });
  if (keys.length === 0) throw new Error('ENCRYPTION_KEYS: at least one key is needed');
  return keys;
}

const text = (s: string) => new TextEncoder().encode(s);

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  constructor(keys: EncryptionKey[]) {
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** A name for `bytes` that only a holder of the current key can compute (the claim store's keys). */
  fingerprint(bytes: Uint8Array): string {
    return createHmac('sha256', this.current.key).update('claim-check\0').update(bytes).digest('hex');
  }

  // Async, so that a failure is a rejected promise like any other codec's.
  // eslint-disable-next-line @typescript-eslint/require-await
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID]: text(this.current.id) },
        data: sealed,
      };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      // Payloads from before encryption (or never encrypted) pass through unchanged.
      if (!encoding || new TextDecoder().decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID];
      const keyId = keyIdBytes ? new TextDecoder().decode(keyIdBytes) : '';
      const key = this.byId.get(keyId);
      if (!key)
        throw new Error(`payload encrypted with key "${keyId}", which is not configured (ENCRYPTION_KEYS)`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
