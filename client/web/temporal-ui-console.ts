// The Temporal UI for admins, served by the web app on a port of its own (TEMPORAL_UI_PORT) to signed-in staff
// only. The UI and the codec it calls (/codec/decode) share that origin, so the browser sends the staff session
// with each decode as a same-origin request (no third-party cookie, no CORS); the session cookie is the one the
// dashboard sets, since cookies belong to a host, not to a port. Nobody without a session reaches the UI.
// The UI server itself (the dev server's, or a cluster's) listens where only this app reaches it.
import httpProxy from '@fastify/http-proxy';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { PayloadCodec } from '@temporalio/common';
import { registerCodecRoutes } from './codec-routes';
import { registerCookies, type StaffSessions } from './staff-auth';

export interface TemporalUiConsoleDependencies {
  /** The UI server's own address, e.g. http://127.0.0.1:40123. */
  upstream: string;
  /** Where admins open the console: its origin is this listener's. */
  consoleUrl: string;
  /** The dashboard's sign-in page, where a visitor without a session is sent first. */
  signInUrl: string;
  sessions: StaffSessions;
  codec: PayloadCodec;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The UI brings its own scripts; it renders summaries in frames of its own (/render): framing by itself only.
const CONSOLE_HEADERS: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
};

export async function buildTemporalUiConsole(deps: TemporalUiConsoleDependencies): Promise<FastifyInstance> {
  const origin = new URL(deps.consoleUrl).origin;
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(CONSOLE_HEADERS);
  });
  await registerCookies(app, deps.sessions);
  await registerCodecRoutes(app, { codec: deps.codec, sessions: deps.sessions, temporalUiOrigin: origin });

  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await deps.sessions.sessionOf(request);
    if (!session) {
      if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
        const next = `${origin}${request.url}`;
        void reply.redirect(`${deps.signInUrl}?next=${encodeURIComponent(next)}`, 303);
      } else void reply.code(401).send({ error: 'sign in to the staff dashboard first' });
      return reply;
    }
    // A joint inquiry's reader reads the complaints granted to them on the dashboard, and no history here.
    if (session.readerOf)
      return reply.code(403).send({ error: 'read-only access (a joint inquiry): not for the Temporal UI' });
    // A state-changing request (terminate, signal, reset) must come from a page of the console itself.
    if (!SAFE_METHODS.has(request.method) && request.headers.origin !== origin)
      return reply.code(403).send({ error: 'requests to the Temporal UI must come from its own pages' });
    return undefined;
  };
  // Its own scope: the proxied bodies pass through untouched; every proxied request is admitted first.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addHook('preHandler', admit);
    await scope.register(httpProxy, { upstream: deps.upstream });
  });
  return app;
}

/**
 * Where a staff member goes after signing in: a page of the dashboard, or of the Temporal UI console when the
 * app serves one (`consoleOrigin`); nothing else, so the sign-in page cannot send anyone to another site.
 */
export function safeNextUrl(next: unknown, consoleOrigin?: string): string | undefined {
  if (typeof next !== 'string' || next.length > 2000 || next.includes('\\')) return undefined;
  if (/^\/staff(\/|$|\?)/.test(next) && !next.startsWith('//')) return next;
  if (consoleOrigin && (next === consoleOrigin || next.startsWith(`${consoleOrigin}/`))) return next;
  return undefined;
}
