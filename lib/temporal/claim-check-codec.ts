// Large payloads travel by reference (Temporal's claim-check pattern). A payload whose encoded bytes pass the
// threshold (LARGE_PAYLOAD_THRESHOLD, 32 KiB) is sealed (the encryption codec), kept in the claim store, and
// replaced by a small reference; decoding fetches, opens and checks it (AES-GCM's tag: an altered file never
// decodes).
//
// The reference's key is an HMAC of the payload under the encryption key: the same payload (a complaint's input,
// the state a query returns again and again) is kept once, and the key says nothing of the content to whoever
// reads the history without the key.
//
// Why: Temporal warns at 512 KiB and refuses 2 MiB, a query's answer may not pass gRPC's 4 MiB, and every byte of a
// payload is copied into the complaint's history (50 MB at most). A case file at the schema's limits is 2 to 6 MB;
// by reference it costs about 100 bytes.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { ClaimStore } from './claim-store';
import type { EncryptionCodec } from './encryption-codec';
import { DEFAULT_CLAIM_THRESHOLD_BYTES, PAYLOAD_LIMIT_BYTES } from '../domain/payload-limits';

export const CLAIM_ENCODING = 'binary/claim-check';
const CLAIM_SIZE = 'claim-size';
const Proto = temporal.api.common.v1.Payload;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function isClaim(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return !!encoding && decoder.decode(encoding) === CLAIM_ENCODING;
}

export class ClaimCheckCodec implements PayloadCodec {
  constructor(
    private readonly store: ClaimStore,
    private readonly sealer: EncryptionCodec,
    private readonly thresholdBytes: number = DEFAULT_CLAIM_THRESHOLD_BYTES,
  ) {
    if (!(thresholdBytes > 0 && thresholdBytes < PAYLOAD_LIMIT_BYTES))
      throw new RangeError(`claim threshold must be between 1 and ${PAYLOAD_LIMIT_BYTES - 1} bytes`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const bytes = Proto.encode(payload).finish();
        if (bytes.length <= this.thresholdBytes) return payload;
        const key = this.sealer.fingerprint(bytes);
        if (!(await this.store.has(key))) {
          const [sealed] = await this.sealer.encode([payload]);
          await this.store.put(key, Proto.encode(sealed!).finish());
        }
        return {
          metadata: {
            encoding: encoder.encode(CLAIM_ENCODING),
            [CLAIM_SIZE]: encoder.encode(String(bytes.length)),
          },
          data: encoder.encode(key),
        };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if (!isClaim(payload)) return payload;
        const key = decoder.decode(payload.data ?? new Uint8Array());
        try {
          const [opened] = await this.sealer.decode([Proto.decode(await this.store.get(key))]);
          return opened!;
        } catch (err) {
          throw new Error(
            `payload ${key} cannot be read from the claim store (BLOB_DIR/payloads): ${err instanceof Error ? err.message : String(err)}`,
          );
        }
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
