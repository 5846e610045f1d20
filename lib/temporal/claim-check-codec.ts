// Large payloads travel by reference (Temporal's claim-check pattern). A payload whose encoded bytes pass the
// threshold is stored in the blob store under its SHA-256 and replaced by a small reference payload; decoding
// fetches and checks it. It runs after the encryption codec (data-converter.ts), so what it stores is already
// sealed: the blob store holds ciphertext only, and the reference says nothing of the content but its size.
//
// Why: Temporal warns at 512 KiB and refuses 2 MiB, and every byte of a payload is copied into the complaint's
// history (50 MB at most). A case file at the schema's limits is about 2 MB; by reference it costs 100 bytes.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DEFAULT_CLAIM_THRESHOLD_BYTES, PAYLOAD_LIMIT_BYTES } from './payload-limits';

export const CLAIM_ENCODING = 'binary/claim-check';
const CLAIM_SIZE = 'claim-size';

/** Where claimed payloads live: content-addressed, checked on read (lib/web/blob-store.ts). */
export interface ClaimStore {
  put(bytes: Buffer): Promise<{ sha256: string }>;
  get(sha256: string): Promise<Buffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function isClaim(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return !!encoding && decoder.decode(encoding) === CLAIM_ENCODING;
}

export class ClaimCheckCodec implements PayloadCodec {
  constructor(
    private readonly store: ClaimStore,
    private readonly thresholdBytes: number = DEFAULT_CLAIM_THRESHOLD_BYTES,
  ) {
    if (!(thresholdBytes > 0 && thresholdBytes < PAYLOAD_LIMIT_BYTES))
      throw new RangeError(`claim threshold must be between 1 and ${PAYLOAD_LIMIT_BYTES - 1} bytes`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const bytes = temporal.api.common.v1.Payload.encode(payload).finish();
        if (bytes.length <= this.thresholdBytes) return payload;
        const { sha256 } = await this.store.put(Buffer.from(bytes));
        return {
          metadata: {
            encoding: encoder.encode(CLAIM_ENCODING),
            [CLAIM_SIZE]: encoder.encode(String(bytes.length)),
          },
          data: encoder.encode(sha256),
        };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if (!isClaim(payload)) return payload;
        const sha256 = decoder.decode(payload.data ?? new Uint8Array());
        const bytes = await this.store.get(sha256).catch((err: unknown) => {
          throw new Error(
            `payload ${sha256} is not in the blob store (BLOB_DIR): ${err instanceof Error ? err.message : String(err)}`,
          );
        });
        return temporal.api.common.v1.Payload.decode(bytes);
      }),
    );
  }
}

/** Several codecs as one, in the data converter's order: encode in order, decode in reverse (the codec server). */
export class CodecChain implements PayloadCodec {
  constructor(private readonly codecs: PayloadCodec[]) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    for (const codec of this.codecs) payloads = await codec.encode(payloads);
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    for (const codec of [...this.codecs].reverse()) payloads = await codec.decode(payloads);
    return payloads;
  }
}
