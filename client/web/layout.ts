// The page shell shared by every page of the web app: readable on a phone, no JavaScript needed.
import { html, type SafeHtml } from '../../lib/web/html';
import type { UpcomingEvent } from '../upcoming-events';

const STYLE = `
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #f6f6f4; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  h1 { overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 0.3rem; border-bottom: 1px solid #ddd; }
  tr.overdue { background: #fff3f3; }
  header { background: #1f3a5f; color: #fff; padding: 0.75rem 1rem; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  .card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
  label { display: block; font-weight: 600; margin-top: 0.75rem; }
  textarea, input[type=text], input[type=date] { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; }
  button { margin-top: 1rem; padding: 0.6rem 1.2rem; font: inherit; background: #1f3a5f; color: #fff; border: 0; border-radius: 4px; }
  .error { background: #fde8e8; border: 1px solid #e0a0a0; padding: 0.75rem; border-radius: 4px; }
  .ok { background: #e6f4ea; border: 1px solid #9cc9a8; padding: 0.75rem; border-radius: 4px; }
  .muted { color: #555; font-size: 0.9em; }
  dt { font-weight: 600; } dd { margin: 0 0 0.5rem 0; white-space: pre-wrap; }
`;

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title} · complaint-deadlines</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <header><a href="/">complaint-deadlines</a></header>
    <main>${body}</main>
  </body>
</html>`.value;
}

/** A step's events still to come (upcoming-events.ts), in the commission's zone; nothing when there are none. */
export function comingUp(events: UpcomingEvent[]): SafeHtml | null {
  if (events.length === 0) return null;
  return html`<p>Coming up:</p>
    <ul class="upcoming">
      ${events.map((e) => html`<li>${e.atText}: ${e.what}</li>`)}
    </ul>`;
}
