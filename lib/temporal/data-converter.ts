// The data converter every client and worker of the project uses: JSON payloads, encrypted by the codec.
import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config';
import { EncryptionCodec, parseEncryptionKeys } from './encryption-codec';

export function encryptionCodec(config: Pick<AppConfig, 'encryptionKeys'>): EncryptionCodec {
  return new EncryptionCodec(parseEncryptionKeys(config.encryptionKeys));
}

export function complaintDataConverter(config: Pick<AppConfig, 'encryptionKeys'>): DataConverter {
  return { payloadCodecs: [encryptionCodec(config)] };
}
