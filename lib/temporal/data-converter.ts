// The data converter every client and worker of the project uses: JSON payloads, a large one kept in the claim
// store and sent by reference (claim-check-codec.ts, sealed there), then every payload encrypted. Payload codecs
// encode in order and decode in reverse.
import { join } from 'node:path';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { AppConfig } from '../config';
import { ClaimCheckCodec, CodecChain } from './claim-check-codec';
import { ClaimStore } from './claim-store';
import { EncryptionCodec, parseEncryptionKeys } from './encryption-codec';

export type PayloadConfig = Pick<AppConfig, 'encryptionKeys' | 'blobDir' | 'largePayloadThreshold'>;

export function encryptionCodec(config: Pick<AppConfig, 'encryptionKeys'>): EncryptionCodec {
  return new EncryptionCodec(parseEncryptionKeys(config.encryptionKeys));
}

export function payloadCodecs(config: PayloadConfig): PayloadCodec[] {
  const encryption = encryptionCodec(config);
  // In a folder of its own in the blob store, apart from attachments (and their sweep).
  const claims = new ClaimStore(join(config.blobDir, 'payloads'));
  return [new ClaimCheckCodec(claims, encryption, config.largePayloadThreshold), encryption];
}

/** The codecs as one: what the codec server (the Temporal UI's decode) runs. */
export function complaintCodec(config: PayloadConfig): PayloadCodec {
  return new CodecChain(payloadCodecs(config));
}

export function complaintDataConverter(config: PayloadConfig): DataConverter {
  return { payloadCodecs: payloadCodecs(config) };
}
