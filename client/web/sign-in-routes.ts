// Staff sign-in and sign-out, a room of their own. The sign-in form has no session yet: it is protected by
// @fastify/csrf-protection in its cookie mode (a double-submit token whose secret sits in a signed cookie for
// /staff only, so a cookie planted by another site of the same domain is not taken for ours). Sign-out is a
// dashboard form like any other: behind the staff guard (session and its CSRF token).
import fastifyCsrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from '../../lib/procedure/validation';
import { errorPage } from './error-page';
import type { WebMetrics } from './metrics';
import { perMinute, type RateLimits } from './rate-limits';
import { clearSessionCookie, setSessionCookie, type StaffSessions } from './staff-auth';
import { signedInStaff, staffGuard } from './staff-guard';
import { badRequestPage, loginPage } from './staff-pages';
import { readForm } from './form-schemas';
import { safeNextUrl } from './temporal-ui-console';

export interface SignInDependencies {
  sessions: StaffSessions;
  /** Cookies get the Secure flag when the app is served over https. */
  secureCookies: boolean;
  /** The origin of the Temporal UI console the app serves, where sign-in may send staff next. */
  temporalUiOrigin?: string;
  metrics: WebMetrics;
  limits: RateLimits;
}

/** The sign-in form's CSRF secret. */
const LOGIN_COOKIE = 'cd_login';
/** Where to go after signing in (the Temporal UI sends staff here first), kept beside the sign-in form. */
const NEXT_COOKIE = 'cd_next';
type Form = Record<string, string | undefined>;

const CSRF_REFUSALS = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

export async function signInRoutes(app: FastifyInstance, deps: SignInDependencies): Promise<void> {
  const { sessions } = deps;
  const html = (reply: FastifyReply, body: string, code = 200) =>
    reply.code(code).type('text/html').send(body);
  // Short-lived, for /staff only, and signed (cookie tossing).
  const loginCookieOptions = {
    path: '/staff',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.secureCookies,
    signed: true,
  };
  const signedCookie = (request: FastifyRequest, name: string): string | undefined => {
    const raw = request.cookies[name];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    return unsigned?.valid && unsigned.value ? unsigned.value : undefined;
  };

  await app.register(async (signIn) => {
    await signIn.register(fastifyCsrfProtection, {
      cookieKey: LOGIN_COOKIE,
      cookieOpts: loginCookieOptions,
      getToken: (request) => {
        const token = (request.body as Form | undefined)?._csrf;
        return typeof token === 'string' ? token : undefined;
      },
    });
    // The form must come from this site: every POST here carries the token the form was given.
    signIn.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'POST') signIn.csrfProtection(request, reply, done);
      else done();
    });
    // A refused token is the sign-in page again; any other error is the app's error page.
    signIn.setErrorHandler((error, request, reply) => {
      if (CSRF_REFUSALS.has((error as { code?: string }).code ?? ''))
        return html(reply, loginPage('', 'The form had expired. Try again.'), 403);
      errorPage(error, request, reply);
    });

    signIn.get<{ Querystring: Form }>('/staff/login', (request, reply) => {
      let query;
      try {
        query = readForm('loginQuery', request.query);
      } catch (err) {
        if (err instanceof InputError) return html(reply, loginPage('', err.message), 400);
        throw err;
      }
      const token = reply.generateCsrf();
      const next = safeNextUrl(query.next, deps.temporalUiOrigin);
      if (next) reply.setCookie(NEXT_COOKIE, next, { ...loginCookieOptions, maxAge: 600 });
      return html(reply, loginPage(token));
    });

    signIn.post<{ Body: Form }>(
      '/staff/login',
      perMinute(deps.limits.loginPerMinute),
      async (request, reply) => {
        let form;
        try {
          form = readForm('login', request.body);
        } catch (err) {
          if (err instanceof InputError)
            return html(reply, loginPage(reply.generateCsrf(), err.message), 400);
          throw err;
        }
        const user = await sessions.authenticate(form.name ?? '', form.password ?? '');
        deps.metrics.inc('complaint_staff_logins_total', { result: user ? 'ok' : 'refused' });
        if (!user) return html(reply, loginPage(reply.generateCsrf(), 'Wrong name or password.'), 401);
        // A session already held by this browser ends: a sign-in always starts a fresh one (no fixation).
        const previous = await sessions.sessionOf(request);
        if (previous) await sessions.end(previous.id);
        const session = await sessions.issue(user);
        const next = safeNextUrl(signedCookie(request, NEXT_COOKIE), deps.temporalUiOrigin);
        setSessionCookie(reply, session, sessions, deps.secureCookies);
        reply.setCookie(NEXT_COOKIE, '', { ...loginCookieOptions, maxAge: 0 });
        return reply.redirect(next ?? '/staff', 303);
      },
    );
  });

  // Sign-out ends the session on the server: the cookie, if kept or copied, opens nothing any more.
  await app.register((signOut, _options, done) => {
    signOut.addHook('preHandler', staffGuard(sessions));
    signOut.post('/staff/logout', async (request, reply) => {
      const staff = signedInStaff(request);
      try {
        readForm('logout', request.body);
      } catch (err) {
        if (err instanceof InputError) return html(reply, badRequestPage(staff, err.message), 400);
        throw err;
      }
      await sessions.end(staff.sessionId);
      clearSessionCookie(reply, deps.secureCookies);
      return reply.redirect('/staff/login', 303);
    });
    done();
  });
}
