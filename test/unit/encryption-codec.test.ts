import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  parseEncryptionKeys,
} from '../../lib/temporal/encryption-codec';

const key = (id: string) => ({ id, key: randomBytes(32) });
const payload = defaultPayloadConverter.toPayload({ officer: 'dcp@police.example', atr: 'FIR registered' });

test('payloads are sealed with AES-256-GCM under the newest key, named in their metadata, and open again', async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const [sealed] = await codec.encode([payload]);
  expect(new TextDecoder().decode(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(new TextDecoder().decode(sealed!.metadata!['encryption-key-id'])).toBe('k1');
  expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('police.example');
  const [opened] = await codec.decode([sealed!]);
  expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({
    officer: 'dcp@police.example',
    atr: 'FIR registered',
  });
  // Two encodings of the same payload differ (a fresh IV each time).
  const [again] = await codec.encode([payload]);
  expect(Buffer.from(again!.data!).equals(Buffer.from(sealed!.data!))).toBe(false);
});

test('rotation: new payloads use the newest key, old ones still decode; an unknown key or a tampered payload fails', async () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const [old] = await new EncryptionCodec([k1]).encode([payload]);
  const rotated = new EncryptionCodec([k2, k1]);
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toMatchObject({
    atr: 'FIR registered',
  });
  const [fresh] = await rotated.encode([payload]);
  expect(new TextDecoder().decode(fresh!.metadata!['encryption-key-id'])).toBe('k2');
  await expect(new EncryptionCodec([k1]).decode([fresh!])).rejects.toThrow(
    'key "k2", which is not configured',
  );
  const tampered = { ...fresh!, data: Buffer.from(fresh!.data!).fill(0, 20, 21) };
  await expect(rotated.decode([tampered])).rejects.toThrow();
  // Payloads from before encryption pass through.
  expect(await rotated.decode([payload])).toEqual([payload]);
});

test('keys come from configuration, each named and 32 bytes', () => {
  const good = `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`;
  expect(parseEncryptionKeys(good).map((k) => k.id)).toEqual(['k2', 'k1']);
  expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/ENCRYPTION_KEYS/);
  expect(() => parseEncryptionKeys('')).toThrow(/at least one key/);
});
