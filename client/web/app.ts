// The web app: officers' answer pages and the staff dashboard. A Temporal client; its only state of its own is
// the officers' inbox in the records database (what officers sent while no worker ran).
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Client } from '@temporalio/client';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { LogLevel } from '../../lib/config';
import type { AnswerLinks } from '../../lib/mail/answer-links';
import type { BlobStore } from '../../lib/web/blob-store';
import { answerRoutes, type AnswerRouteDependencies } from './answer-routes';
import { assetRoutes } from './asset-routes';
import { registerCodecRoutes, type CodecRouteDependencies } from './codec-routes';
import { WebMetrics } from './metrics';
import { errorPage } from './error-page';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
import { signInRoutes } from './sign-in-routes';
import { staffComplaintRoutes, type StaffRouteDependencies } from './staff-routes';
import { registerCookies } from './staff-auth';
import { setCommissionName } from './layout';
import { loadConfig } from '../../lib/config';

export interface WebAppDependencies {
  client: Client;
  links: AnswerLinks;
  blobs: BlobStore;
  metrics?: WebMetrics;
  /** Requests a client may make a minute to the officers' links and to staff sign-in (guessing, brute force). */
  rateLimits?: RateLimits;
  /** The staff dashboard; without it the app serves officers only. */
  staff?: Omit<StaffRouteDependencies, 'client' | 'blobs' | 'metrics' | 'limits'> & {
    /** The codec server for the Temporal UI (it needs the staff sessions). */
    codec?: Omit<CodecRouteDependencies, 'sessions'>;
  };
  /** Log at this level (per-request lines only at debug); unset: no log. */
  logLevel?: LogLevel;
  /** The commission's name (config.commission.name), on every page; unset: the configuration's default. */
  commissionName?: string;
  /** Tells staff of an officer's answer the complaint did not take. */
  alertStaff?: AnswerRouteDependencies['alertStaff'];
  /** The officers' inbox (what they send while no worker runs) and how long a POST waits before using it. */
  inbox?: AnswerRouteDependencies['inbox'];
  admitWithinMs?: number;
}

/**
 * The security headers of every response (by @fastify/helmet): a CSP that allows nothing but this site's
 * stylesheet and images and forms posting here (and to the Temporal UI console's origin, where sign-in may send
 * staff next); no framing; no Referer (links carry the officer's token in the path: never leak it to another
 * site); no MIME sniffing.
 */
function securityHeaders(consoleOrigin: string | undefined) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'", ...(consoleOrigin ? [consoleOrigin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // The app is served over http in development: HSTS is for the proxy that terminates TLS in production.
    strictTransportSecurity: false,
  };
}

export function redactTokens(url: string): string {
  return url.replace(/\/answer\/[^/?#]+/, '/answer/[token]');
}

export async function buildWebApp(deps: WebAppDependencies): Promise<FastifyInstance> {
  setCommissionName(deps.commissionName ?? loadConfig({}).commission.name);
  const app = Fastify({
    // Request logs never carry an officer's token (it is their credential) nor any request body.
    logger: deps.logLevel
      ? {
          level: deps.logLevel,
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: redactTokens(req.url),
            }),
          },
        }
      : false,
    // A line per request is for debugging: at info the log holds what went wrong and what changed.
    logController: new LogController({ disableRequestLogging: deps.logLevel !== 'debug' }),
    bodyLimit: 256 * 1024,
    // Answer links carry a signed token of about 200 characters in the path.
    routerOptions: { maxParamLength: 1024 },
  });
  await app.register(formbody);
  // Sign-in may send staff on to the Temporal UI console: a form's redirect must be allowed to go there.
  await app.register(helmet, securityHeaders(deps.staff?.temporalUiOrigin));
  // Pages show what only staff or one officer may see: no cache keeps a copy.
  app.addHook('onRequest', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  if (deps.staff) await registerCookies(app, deps.staff.sessions);
  // Per client address, on the routes an attacker would hammer: officers' links and staff sign-in.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests: try again in ${context.after}.`,
    }),
  });
  app.setErrorHandler(errorPage);

  // Each resource in its room: a plugin with its own hooks (staff-guard.ts for the dashboard).
  await app.register(assetRoutes);
  const metrics = deps.metrics ?? new WebMetrics();
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  await app.register(answerRoutes, { ...deps, metrics, limits });
  if (deps.staff) {
    const staff = { ...deps.staff, client: deps.client, blobs: deps.blobs, metrics, limits };
    await app.register(signInRoutes, staff);
    await app.register(staffComplaintRoutes, staff);
    if (deps.staff.codec)
      await registerCodecRoutes(app, { ...deps.staff.codec, sessions: deps.staff.sessions });
  }
  return app;
}
