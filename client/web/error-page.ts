// What a visitor sees when a request fails: a plain page, never internals (the log keeps the detail, without
// request bodies). The app's error handler, and the last word of any room that handles some errors itself.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../lib/markup/html';
import { page } from './layout';

export function errorPage(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
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
}
