// The dashboard's door, as one preHandler hook that a staff plugin registers once for all its routes: a request
// without a good session goes to the sign-in page; a POST must carry its session's CSRF token.
//
// Why not @fastify/csrf-protection here: a staff session is a row in the records database, named by a random ID
// in a signed cookie (staff-auth.ts), and its CSRF token is derived from that ID, so it dies with the session
// (sign-out, revoke, timeout) and differs per session. The plugin keeps its secret either in a session plugin
// (@fastify/session, @fastify/secure-session: not ours) or in a cookie of its own, which outlives the session.
// The sign-in form, which has no session yet, does use the plugin (sign-in-routes.ts).
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { StaffSessions } from './staff-auth';
import { loginPage, type StaffContext } from './staff-pages';

export interface SignedInStaff extends StaffContext {
  sessionId: string;
}

const signedIn = new WeakMap<FastifyRequest, SignedInStaff>();

/** The hook: admits signed-in staff (and, for a POST, the form of their session), refuses everyone else. */
export function staffGuard(sessions: StaffSessions): preHandlerAsyncHookHandler {
  return async function admitStaff(request: FastifyRequest, reply: FastifyReply) {
    const session = await sessions.sessionOf(request);
    if (!session) return reply.redirect('/staff/login', 303);
    const csrf = sessions.csrfToken(session.id);
    if (request.method === 'POST') {
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!sessions.checkCsrf(session.id, token))
        return reply.code(403).type('text/html').send(loginPage('', 'The form had expired. Sign in again.'));
    }
    signedIn.set(request, { user: session.user, csrf, sessionId: session.id });
  };
}

/** The staff member the guard admitted (a route behind staffGuard only). */
export function signedInStaff(request: FastifyRequest): SignedInStaff {
  const staff = signedIn.get(request);
  if (!staff) throw new Error('signedInStaff: the route is not behind staffGuard');
  return staff;
}

/** What pages show of the staff member: their name and the CSRF token their forms carry. */
export function staffContext(request: FastifyRequest): StaffContext {
  const { user, csrf } = signedInStaff(request);
  return { user, csrf };
}
