// The codec server: lets the Temporal Web UI show complaints decrypted, for signed-in staff only. The UI calls
// it from the browser with the staff member's cookies (Settings → Codec Server: this URL + /codec, with
// "Include cross-origin credentials"). Everyone else sees only ciphertext in the UI.
import type { Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EncryptionCodec } from '../../lib/temporal/encryption-codec';
import { readCookie, type StaffSessions } from './staff-auth';

export const CODEC_COOKIE = 'cd_codec';

export interface CodecRouteDependencies {
  codec: EncryptionCodec;
  sessions: StaffSessions;
  /** The Temporal UI's origin, the only one allowed to call (CORS). */
  temporalUiOrigin: string;
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const toPayload = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** The cookie set at sign-in that the Temporal UI sends along (cross-site, so SameSite=None; Secure). */
export function codecCookie(value: string, maxAgeSeconds: number): string {
  return `${CODEC_COOKIE}=${value}; Path=/codec; HttpOnly; Secure; SameSite=None; Max-Age=${maxAgeSeconds}`;
}

export function registerCodecRoutes(app: FastifyInstance, deps: CodecRouteDependencies): void {
  const cors = (reply: FastifyReply) =>
    reply.headers({
      'access-control-allow-origin': deps.temporalUiOrigin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-namespace',
      vary: 'origin',
    });

  for (const op of ['encode', 'decode'] as const) {
    app.options(`/codec/${op}`, (_request, reply) => cors(reply).code(204).send());
    app.post<{ Body: { payloads?: JsonPayload[] } }>(
      `/codec/${op}`,
      async (request: FastifyRequest<{ Body: { payloads?: JsonPayload[] } }>, reply) => {
        cors(reply);
        const user = deps.sessions.userOf(readCookie(request.headers.cookie, CODEC_COOKIE));
        if (!user) return reply.code(401).send({ error: 'sign in to the staff dashboard first' });
        const payloads = request.body?.payloads;
        if (!Array.isArray(payloads) || payloads.length > 1000)
          return reply.code(400).send({ error: 'payloads: must be a list' });
        const result = await deps.codec[op](payloads.map(toPayload));
        return { payloads: result.map(toJson) };
      },
    );
  }
}
