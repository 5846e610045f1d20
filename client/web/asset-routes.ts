// What any visitor may fetch: the health check, the one stylesheet (the CSP allows styles from this site only,
// none inline) and the home page that sends officers to their email and staff to sign-in.
import type { FastifyPluginCallback } from 'fastify';
import { html } from '../../lib/markup/html';
import { getCommissionName, page, SITE_CSS, STYLESHEET_PATH } from './layout';

/** The plugin: `app.register(assetRoutes)`. */
export const assetRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/health', () => ({ ok: true }));
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
  done();
};
