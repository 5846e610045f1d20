// Large payloads by reference: the largest case file the schema accepts, in English and in Hindi, becomes a
// payload far under Temporal's 512 KiB, its content sealed in the blob store and whole again on decode.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../lib/config';
import { CLAIM_ENCODING, ClaimCheckCodec, isClaim } from '../../lib/temporal/claim-check-codec';
import { complaintCodec, complaintDataConverter } from '../../lib/temporal/data-converter';
import { DEFAULT_CLAIM_THRESHOLD_BYTES, PAYLOAD_LIMIT_BYTES } from '../../lib/temporal/payload-limits';
import { BlobStore } from '../../lib/web/blob-store';
import { largestCaseFile } from '../../scripts/largest-case-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claims-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const size = (p: Payload) => temporal.api.common.v1.Payload.encode(p).finish().length;
const encode = async (value: unknown) => {
  const codec = complaintCodec(loadConfig({ BLOB_DIR: dir }));
  return { codec, payload: (await codec.encode([defaultPayloadConverter.toPayload(value)]))[0]! };
};
/** Every file the claims left in the blob store. */
const storedFiles = () =>
  readdirSync(join(dir, 'payloads'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

test.each(['en', 'hi'] as const)(
  'the largest valid case file (%s) travels by reference, sealed at rest, and decodes whole',
  async (language) => {
    const caseFile = largestCaseFile('NCPCR/2026/12/0001', language);
    const plain = defaultPayloadConverter.toPayload({ caseFile });
    expect(size(plain)).toBeGreaterThan(2_000_000); // 2 MB in English, 6 MB in Hindi (UTF-8)

    const { codec, payload } = await encode({ caseFile });
    expect(isClaim(payload)).toBe(true);
    expect(size(payload)).toBeLessThan(1024);
    // At rest: one file, ciphertext only (no demand, no name, no address in it).
    const [file] = storedFiles();
    const stored = readFileSync(file!);
    expect(stored.includes(Buffer.from(caseFile.respondents[0]!.demands[0]!.slice(0, 64)))).toBe(false);
    expect(stored.includes(Buffer.from('respondent1.example'))).toBe(false);

    const [decoded] = await codec.decode([payload]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ caseFile });
  },
);

test('a payload at or under the threshold stays inline; just over it goes by reference', async () => {
  const at = 'a'.repeat(DEFAULT_CLAIM_THRESHOLD_BYTES - 200);
  const small = await encode({ at });
  expect(isClaim(small.payload)).toBe(false);
  expect(size(small.payload)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  const big = await encode({ at: at + 'b'.repeat(400) });
  expect(isClaim(big.payload)).toBe(true);
});

test('a reference to a missing or altered blob fails with a message naming it, never with other data', async () => {
  const store = new BlobStore(join(dir, 'payloads'));
  const codec = new ClaimCheckCodec(store, 1024);
  const [claim] = await codec.encode([defaultPayloadConverter.toPayload('x'.repeat(4096))]);
  expect(new TextDecoder().decode(claim!.metadata!.encoding)).toBe(CLAIM_ENCODING);
  const [file] = storedFiles();
  writeFileSync(file!, Buffer.from('tampered'));
  await expect(codec.decode([claim!])).rejects.toThrow(
    /payload [0-9a-f]{64} is not in the blob store.*corrupted/,
  );
  rmSync(file!);
  await expect(codec.decode([claim!])).rejects.toThrow(/payload [0-9a-f]{64} is not in the blob store/);
});

test('the data converter seals then claims, so the store never holds clear text; a threshold past 512 KiB is refused', async () => {
  const converter = complaintDataConverter(loadConfig({ BLOB_DIR: dir, LARGE_PAYLOAD_THRESHOLD: '2048' }));
  const [encrypted, claims] = converter.payloadCodecs!;
  const secret = 'child-name-'.repeat(1000);
  const sealed = await encrypted!.encode([defaultPayloadConverter.toPayload(secret)]);
  const [claim] = await claims!.encode(sealed);
  expect(isClaim(claim!)).toBe(true);
  expect(storedFiles().some((f) => readFileSync(f).includes(Buffer.from('child-name-')))).toBe(false);
  expect(() => loadConfig({ LARGE_PAYLOAD_THRESHOLD: String(PAYLOAD_LIMIT_BYTES) })).toThrow(
    /LARGE_PAYLOAD_THRESHOLD/,
  );
});
