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
import { forbiddenPage, loginPage, notFoundPage, type StaffContext } from './staff-pages';

export interface SignedInStaff extends StaffContext {
  sessionId: string;
  /** A joint inquiry's reader: the complaints (workflow IDs) they may read (staff-auth.ts). */
  readerOf?: string[];
}

/** What a joint inquiry's reader may open: the list (theirs only), and a granted complaint's page and files. */
const READER_PAGES = new Set([
  '/staff',
  '/staff/complaints/:id',
  '/staff/complaints/:id/attachments/:sha256',
]);

/**
 * Why a reader may not make this request (null when they may): they read, never act (every POST but sign-out is
 * refused), and see no complaint but theirs, which is "not found" to them rather than "forbidden" (a reader
 * learns nothing of the other complaints, not even that they exist).
 */
function readerRefusal(
  request: FastifyRequest,
  readerOf: string[],
): { status: 403 | 404; why: string } | null {
  const route = request.routeOptions.url ?? '';
  if (request.method === 'POST')
    return route === '/staff/logout'
      ? null
      : { status: 403, why: 'Read-only access (a joint inquiry): nothing can be changed from this account.' };
  if (!READER_PAGES.has(route))
    return {
      status: 403,
      why: "Read-only access (a joint inquiry): this page is for the commission's staff.",
    };
  const id = (request.params as { id?: string } | undefined)?.id;
  if (id !== undefined && !readerOf.includes(id)) return { status: 404, why: 'No such complaint.' };
  return null;
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
    const staff: SignedInStaff = {
      user: session.user,
      csrf,
      sessionId: session.id,
      ...(session.readerOf ? { readerOf: session.readerOf, readOnly: true } : {}),
    };
    if (staff.readerOf) {
      const refused = readerRefusal(request, staff.readerOf);
      if (refused) {
        const page = refused.status === 404 ? notFoundPage : forbiddenPage;
        return reply.code(refused.status).type('text/html').send(page(staff, refused.why));
      }
    }
    signedIn.set(request, staff);
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
  const { user, csrf, readOnly } = signedInStaff(request);
  return { user, csrf, ...(readOnly ? { readOnly } : {}) };
}
