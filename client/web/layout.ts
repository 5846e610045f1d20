// The page shell shared by every page of the web app: the commission's name on every page, one stylesheet
// (served as a file, so the CSP allows styles from this site only), readable on a phone, no JavaScript needed.
import { html, type SafeHtml } from '../../lib/markup/html';
import type { UpcomingEvent } from '../upcoming-events';

/** Where the stylesheet is served (app.ts). */
export const STYLESHEET_PATH = '/assets/site.css';

// Colours meet WCAG AA contrast on their backgrounds; every form control shares one look.
export const SITE_CSS = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --brand: #1f3a5f; --line: #c9c9c9; --bg: #f6f6f4;
  --bad: #a4161a; --bad-bg: #fde8e8; --good: #1e6b34; --good-bg: #e6f4ea; --warn: #6b4400; --warn-bg: #fff1cc; }
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: var(--ink); background: var(--bg); }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1, h2, h3, p, li, dd { overflow-wrap: anywhere; }
td, th { overflow-wrap: break-word; }
td.ref { white-space: nowrap; }
h1 { font-size: 1.6rem; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.25rem; } h3 { font-size: 1.05rem; }
a { color: #1a4f8b; }
header { background: var(--brand); color: #fff; padding: 0.75rem 1rem; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1rem 0; }
nav.card { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
nav form { margin: 0; }
label { display: block; font-weight: 600; margin-top: 0.75rem; }
label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea {
  display: block; width: 100%; max-width: 100%; min-height: 2.6rem; margin-top: 0.25rem; padding: 0.5rem 0.6rem;
  font: inherit; color: var(--ink); background: #fff; border: 1px solid #6f6f6f; border-radius: 4px; }
input[type=file] { padding: 0.4rem 0.6rem; }
::file-selector-button { margin-right: 0.75rem; padding: 0.3rem 0.8rem; font: inherit; font-weight: 600; color: var(--brand);
  background: #fff; border: 1px solid var(--brand); border-radius: 4px; cursor: pointer; }
input[type=checkbox], input[type=radio] { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--brand); }
textarea { min-height: 6rem; resize: vertical; }
button { display: inline-block; min-height: 2.6rem; margin: 1rem 0.5rem 0 0; padding: 0.55rem 1.2rem; font: inherit;
  font-weight: 600; color: #fff; background: var(--brand); border: 1px solid var(--brand); border-radius: 4px; cursor: pointer; }
nav button { margin: 0; }
:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0 1rem; align-items: end; }
.error { background: var(--bad-bg); border: 1px solid #e0a0a0; padding: 0.75rem; border-radius: 4px; }
.ok { background: var(--good-bg); border: 1px solid #9cc9a8; padding: 0.75rem; border-radius: 4px; }
.muted { color: var(--muted); font-size: 0.9em; }
.pre { white-space: pre-wrap; }
dt { font-weight: 600; } dd { margin: 0 0 0.5rem 0; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.4rem; border-bottom: 1px solid #ddd; }
th { font-size: 0.9em; color: var(--muted); }
tr.overdue { background: #fff6f6; }
.badge { display: inline-block; padding: 0.05rem 0.55rem; border-radius: 999px; font-size: 0.85em; font-weight: 600;
  white-space: nowrap; border: 1px solid transparent; }
.badge.overdue, .badge.undeliverable { background: var(--bad); color: #fff; }
.badge.sent { background: var(--good-bg); color: var(--good); border-color: #9cc9a8; }
.badge.pending, .badge.review { background: var(--warn-bg); color: var(--warn); border-color: #e6c466; }
.badge.closed { background: #ececec; color: #333; border-color: #bbb; }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; margin-top: 1rem; }
.sorts { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.5rem 0; }
.step { border-top: 1px solid #e2e2e2; padding-top: 0.5rem; margin-top: 0.75rem; }
@media (max-width: 40rem) {
  main { padding: 0.5rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { display: block; padding: 0.6rem 0; border-bottom: 2px solid var(--line); }
  table.stack td { display: block; border: 0; padding: 0.1rem 0; overflow-wrap: anywhere; }
  td.ref { white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
`;

// The commission whose pages these are: set once by buildWebApp from the configuration (config.commission.name).
let commissionName = 'Commission';

export function setCommissionName(name: string): void {
  commissionName = name;
}

export function getCommissionName(): string {
  return commissionName;
}

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title} · ${commissionName}</title>
    <link rel="stylesheet" href="${STYLESHEET_PATH}" />
  </head>
  <body>
    <header><a href="/">${commissionName}</a></header>
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
