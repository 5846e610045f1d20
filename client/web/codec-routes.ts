// The codec server: lets the Temporal UI show complaints decrypted, for signed-in staff only. The web app
// serves the UI itself under /temporal (temporal-ui-proxy.ts), so the UI's calls here are same-origin and
// carry the staff session cookie. A UI served elsewhere (a cluster's) may call too if it is on the same site
// and sends credentials ("Include cross-origin credentials"): TEMPORAL_UI_URL names its origin, the only
// other origin allowed (CORS); every other origin is refused.
import type { Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EncryptionCodec } from '../../lib/temporal/encryption-codec';
import { readCookie, SESSION_COOKIE, type StaffSessions } from './staff-auth';

export interface CodecRouteDependencies {
  codec: EncryptionCodec;
  sessions: StaffSessions;
  /** A Temporal UI on another origin allowed to call (CORS); the app's own /temporal needs none. */
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

export function registerCodecRoutes(app: FastifyInstance, deps: CodecRouteDependencies): void {
  /** The request's Origin if it may call: none (same-origin GET-like), this app's own, or the external UI's. */
  const originAllowed = (request: FastifyRequest): boolean => {
    const origin = request.headers.origin;
    return (
      origin === undefined ||
      origin === `${request.protocol}://${request.host}` ||
      origin === deps.temporalUiOrigin
    );
  };
  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.origin && request.headers.origin === deps.temporalUiOrigin)
      void reply.headers({
        'access-control-allow-origin': deps.temporalUiOrigin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type, x-namespace',
      });
    return reply.header('vary', 'origin');
  };

  for (const op of ['encode', 'decode'] as const) {
    app.options(`/codec/${op}`, (request, reply) => cors(request, reply).code(204).send());
    app.post<{ Body: { payloads?: JsonPayload[] } }>(
      `/codec/${op}`,
      async (request: FastifyRequest<{ Body: { payloads?: JsonPayload[] } }>, reply) => {
        cors(request, reply);
        if (!originAllowed(request)) return reply.code(403).send({ error: 'origin not allowed' });
        const user = deps.sessions.userOf(readCookie(request.headers.cookie, SESSION_COOKIE));
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
