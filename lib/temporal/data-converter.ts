// The data converter every client and worker of the project uses: JSON payloads, encrypted, and a large one
// stored in the blob store and sent by reference (claim-check-codec.ts). Payload codecs encode in order and
// decode in reverse: sealed first, then claimed, so the blob store holds only ciphertext.
import { join } from 'node:path';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { AppConfig } from '../config';
import { BlobStore } from '../web/blob-store';
import { ClaimCheckCodec, CodecChain } from './claim-check-codec';
import { EncryptionCodec, parseEncryptionKeys } from './encryption-codec';

export type PayloadConfig = Pick<AppConfig, 'encryptionKeys' | 'blobDir' | 'largePayloadThreshold'>;

export function encryptionCodec(config: Pick<AppConfig, 'encryptionKeys'>): EncryptionCodec {
  return new EncryptionCodec(parseEncryptionKeys(config.encryptionKeys));
}

/** Claimed payloads: in a folder of their own in the blob store, apart from attachments (and their sweep). */
export function claimCheckCodec(
  config: Pick<AppConfig, 'blobDir' | 'largePayloadThreshold'>,
): ClaimCheckCodec {
  return new ClaimCheckCodec(new BlobStore(join(config.blobDir, 'payloads')), config.largePayloadThreshold);
}

export function payloadCodecs(config: PayloadConfig): PayloadCodec[] {
  return [encryptionCodec(config), claimCheckCodec(config)];
}

/** The codecs as one: what the codec server (the Temporal UI's decode) runs. */
export function complaintCodec(config: PayloadConfig): PayloadCodec {
  return new CodecChain(payloadCodecs(config));
}

export function complaintDataConverter(config: PayloadConfig): DataConverter {
  return { payloadCodecs: payloadCodecs(config) };
}
