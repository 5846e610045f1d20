// The web app: officers' answer pages and the staff dashboard. A Temporal client; its only state of its own is
// the officers' inbox in the records database (what officers sent while no worker ran).
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Client } from '@temporalio/client';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { LogLevel } from '../../lib/config';
import { html } from '../../lib/markup/html';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX } from '../../lib/domain/answer';
import type { AnswerLinks } from '../../lib/mail/answer-links';
import type { BlobStore } from '../../lib/web/blob-store';
import { registerAnswerRoutes, type AnswerRouteDependencies } from './answer-routes';
import { registerCodecRoutes, type CodecRouteDependencies } from './codec-routes';
import { WebMetrics } from './metrics';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
import { registerStaffRoutes, type StaffRouteDependencies } from './staff-routes';
import { registerCookies } from './staff-auth';
import { getCommissionName, page, setCommissionName, SITE_CSS, STYLESHEET_PATH } from './layout';
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
  app.setErrorHandler((error, request, reply) => {
    // Never show internals to a user; the log keeps the detail (without request bodies).
    request.log.error({ err: error }, 'request failed');
    const code = (error as { statusCode?: number }).statusCode;
    const status = code && code >= 400 && code < 500 ? code : 500;
    if (status === 429) {
      void reply
        .code(429)
        .type('text/html')
        .send(
          page(
            'Too many requests',
            html`<section class="card"><h1>Too many requests</h1><p>Please wait a minute and try again.</p></section>`,
          ),
        );
      return;
    }
    void reply
      .code(status)
      .type('text/html')
      .send(
        page(
          'Error',
          html`<section class="card"><h1>Something went wrong</h1><p>Please try again in a moment.</p></section>`,
        ),
      );
  });

  app.get('/health', () => ({ ok: true }));
  // The one stylesheet (the CSP allows styles from this site only, none inline).
  app.get(STYLESHEET_PATH, (_request, reply) => reply.type('text/css; charset=utf-8').send(SITE_CSS));
  app.get('/', (_request, reply) =>
    reply.type('text/html').send(
      page(
        'Home',
        html`<section class="card">
          <h1>${getCommissionName()}</h1>
          <p>Officers: open the secure link in the Commission's email to see your task and answer it.</p>
          <p>Commission staff: <a href="/staff">sign in to the dashboard</a>.</p>
        </section>`,
      ),
    ),
  );
  const metrics = deps.metrics ?? new WebMetrics();
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  // Officers' answers are the only multipart forms: the plugin lives in their scope alone.
  await app.register(async (officers) => {
    await officers.register(multipart, {
      limits: {
        fileSize: ATTACHMENT_MAX_BYTES,
        files: ATTACHMENTS_MAX + 1,
        fields: 20,
        fieldSize: 64 * 1024,
        parts: 30,
      },
    });
    registerAnswerRoutes(officers, { ...deps, metrics, limits });
  });
  if (deps.staff) {
    registerStaffRoutes(app, {
      ...deps.staff,
      client: deps.client,
      blobs: deps.blobs,
      metrics,
      limits,
    });
    if (deps.staff.codec)
      await registerCodecRoutes(app, { ...deps.staff.codec, sessions: deps.staff.sessions });
  }
  return app;
}
