// Large payloads by reference: the largest case file the schema accepts, in English and in Hindi, becomes a
// payload far under Temporal's 512 KiB, its content sealed in the blob store and whole again on decode.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../lib/config';
import { CLAIM_ENCODING, ClaimCheckCodec, isClaim } from '../../lib/temporal/claim-check-codec';
import { complaintCodec, complaintDataConverter, encryptionCodec } from '../../lib/temporal/data-converter';
import { DEFAULT_CLAIM_THRESHOLD_BYTES, PAYLOAD_LIMIT_BYTES } from '../../lib/domain/payload-limits';
import { ClaimStore } from '../../lib/temporal/claim-store';
import { EncryptionCodec } from '../../lib/temporal/encryption-codec';
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
    expect(size(payload)).toBeLessThan(1024);
    // Under the seal, a reference.
    const [reference] = await encryptionCodec(loadConfig({})).decode([payload]);
    expect(isClaim(reference!)).toBe(true);
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
  expect(size(small.payload)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  expect(isClaim((await encryptionCodec(loadConfig({})).decode([small.payload]))[0]!)).toBe(false);
  const big = await encode({ at: at + 'b'.repeat(400) });
  expect(isClaim((await encryptionCodec(loadConfig({})).decode([big.payload]))[0]!)).toBe(true);
});

test('a reference to a missing or altered claim fails with a message naming it, never with other data', async () => {
  const store = new ClaimStore(join(dir, 'payloads'));
  const codec = new ClaimCheckCodec(
    store,
    new EncryptionCodec([{ id: 'k1', key: Buffer.alloc(32, 3) }]),
    1024,
  );
  const [claim] = await codec.encode([defaultPayloadConverter.toPayload('x'.repeat(4096))]);
  expect(new TextDecoder().decode(claim!.metadata!.encoding)).toBe(CLAIM_ENCODING);
  const [file] = storedFiles();
  const stored = readFileSync(file!);
  stored[stored.length - 1]! ^= 1; // one bit of the sealed payload
  writeFileSync(file!, stored);
  await expect(codec.decode([claim!])).rejects.toThrow(
    /payload [0-9a-f]{64} cannot be read from the claim store/,
  );
  rmSync(file!);
  await expect(codec.decode([claim!])).rejects.toThrow(/payload [0-9a-f]{64} cannot be read.*ENOENT/);
});

test('the same payload is kept once: a query answered again and again adds no file', async () => {
  const codec = complaintCodec(loadConfig({ BLOB_DIR: dir }));
  const state = defaultPayloadConverter.toPayload({ demands: 'd'.repeat(300_000) });
  const first = await codec.encode([state]);
  const again = await codec.encode([state]);
  expect(storedFiles()).toHaveLength(1);
  expect(defaultPayloadConverter.fromPayload((await codec.decode(again))[0]!)).toEqual(
    defaultPayloadConverter.fromPayload((await codec.decode(first))[0]!),
  );
});

test('the data converter claims then seals: the store and the history hold no clear text; a threshold past 512 KiB is refused', async () => {
  const converter = complaintDataConverter(loadConfig({ BLOB_DIR: dir, LARGE_PAYLOAD_THRESHOLD: '2048' }));
  const [claims, encrypted] = converter.payloadCodecs!;
  const secret = 'child-name-'.repeat(1000);
  const [claim] = await claims!.encode([defaultPayloadConverter.toPayload(secret)]);
  expect(isClaim(claim!)).toBe(true);
  // What reaches Temporal: the reference, sealed too.
  const [sent] = await encrypted!.encode([claim!]);
  expect(new TextDecoder().decode(sent!.metadata!.encoding)).toBe('binary/encrypted');
  expect(storedFiles().some((f) => readFileSync(f).includes(Buffer.from('child-name-')))).toBe(false);
  expect(() => loadConfig({ LARGE_PAYLOAD_THRESHOLD: String(PAYLOAD_LIMIT_BYTES) })).toThrow(
    /LARGE_PAYLOAD_THRESHOLD/,
  );
});
