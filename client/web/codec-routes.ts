// The codec server: lets the Temporal UI show complaints decrypted, for signed-in staff only. The web app
// serves the UI itself, on a port of its own with this codec beside it (temporal-ui-console.ts), so the UI's
// calls here are same-origin and carry the staff session cookie. A UI served elsewhere (a cluster's) may call too if it is on the same site
// and sends credentials ("Include cross-origin credentials"): TEMPORAL_UI_URL names its origin, the only
// other origin allowed (CORS, by @fastify/cors); every other origin is refused. The staff session is the
// dashboard's (staff-auth.ts): when it ends, the codec no longer decodes for its cookie.
import cors from '@fastify/cors';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { describeZodError } from '../../lib/procedure/validation';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffSessions } from './staff-auth';

export interface CodecRouteDependencies {
  /** The data converter's codecs as one (data-converter.ts complaintCodec): decrypted, references resolved. */
  codec: PayloadCodec;
  sessions: StaffSessions;
  /** A Temporal UI on another origin allowed to call (CORS); the app's own /temporal needs none. */
  temporalUiOrigin: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64 = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(BASE64, 'must be base64');

/** The codec protocol's body: payloads in protobuf JSON (metadata and data base64), nothing else. */
const codecBody = z.strictObject({
  payloads: z
    .array(
      z.strictObject({ metadata: z.record(z.string().max(200), base64).optional(), data: base64.optional() }),
    )
    .max(1000, 'at most 1000 payloads'),
});
type JsonPayload = z.infer<typeof codecBody>['payloads'][number];

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

/** The codec's routes, in a scope of their own (its CORS policy applies to them alone). */
export async function registerCodecRoutes(app: FastifyInstance, deps: CodecRouteDependencies): Promise<void> {
  /** The request's Origin if it may call: none (same-origin GET-like), this app's own, or the external UI's. */
  const originAllowed = (request: FastifyRequest): boolean => {
    const origin = request.headers.origin;
    return (
      origin === undefined ||
      origin === `${request.protocol}://${request.host}` ||
      origin === deps.temporalUiOrigin
    );
  };
  await app.register(
    async (scope) => {
      // Only the external UI's origin gets CORS headers, with credentials (the staff cookie); preflights too.
      await scope.register(cors, {
        origin: [deps.temporalUiOrigin],
        credentials: true,
        methods: ['POST', 'OPTIONS'],
        allowedHeaders: ['content-type', 'x-namespace'],
      });
      // One door for both operations: an allowed origin, and a staff session. A CORS preflight carries no
      // cookie by design: @fastify/cors answers it.
      scope.addHook('preHandler', async (request, reply) => {
        if (request.method === 'OPTIONS') return;
        if (!originAllowed(request)) return reply.code(403).send({ error: 'origin not allowed' });
        const session = await deps.sessions.sessionOf(request);
        if (!session) return reply.code(401).send({ error: 'sign in to the staff dashboard first' });
        // A joint inquiry's reader reads one complaint's page, never the histories the codec opens.
        if (session.readerOf) return reply.code(403).send({ error: 'read-only access: not for the codec' });
      });
      for (const op of ['encode', 'decode'] as const) {
        scope.post(`/${op}`, async (request, reply) => {
          const body = codecBody.safeParse(request.body);
          if (!body.success) return reply.code(400).send({ error: describeZodError(body.error) });
          try {
            const result = await deps.codec[op](body.data.payloads.map(toPayload));
            return { payloads: result.map(toJson) };
          } catch {
            // Never which payload, key or check failed: an oracle for whoever tampers with ciphertext.
            return reply.code(400).send({ error: `payloads: cannot be ${op}d` });
          }
        });
      }
    },
    { prefix: '/codec' },
  );
}
