// The staff dashboard's pages: sign-in, the list of complaints, a complaint's timeline with its actions, and
// the form to start one. Server-rendered, no JavaScript, readable on a phone; times in the commission's zone.
import { formatForPeople } from '../../lib/procedure/deadlines';
import type { Procedure } from '../../lib/procedure/procedure';
import { html, type SafeHtml } from '../../lib/markup/html';
import type { ComplaintState, StepState } from '../../lib/domain/complaint-state';
import { stepAnchor } from '../../lib/config';
import { REASON_MAX_CHARS } from '../../lib/domain/answer';
import { DateTime } from 'luxon';
import {
  LIST_SORTS,
  LIST_COMPLIANCE,
  LIST_STAGES,
  type ListCompliance,
  type ComplaintListPage,
  type ComplaintListRow,
  type ListSort,
} from '../../lib/records/complaint-list';
import type { NoticeRow } from '../../lib/records/schema';
import { upcomingEvents, upcomingEventsOf } from '../upcoming-events';
import { clockStopLines, clockStopRequestLines } from '../clock-ledger-text';
import { interimReplyLines } from '../interim-reply-text';
import { dispensationLines } from '../dispensation-text';
import { livesLines } from '../lives-text';
import { pendingInterimReply } from '../../lib/domain/interim-replies';
import {
  CLOCK_STOP_GROUNDS,
  CLOCK_STOP_GROUNDS_TEXT,
  pendingClockStopRequest,
  runningStop,
} from '../../lib/domain/clock-stops';
import { explanationLines, holidayNamesOf } from '../date-explanation';
import type { HolidayNames } from '../../lib/procedure/date-derivation';
import { DEFAULT_PAGE_SIZE, listUrl, type ListQuery } from './list-query';
import { comingUp, page } from './layout';

export interface StaffContext {
  user: string;
  csrf: string;
  /** A joint inquiry's reader: pages show no action (the guard refuses every one anyway). */
  readOnly?: boolean;
}

const when = (instant: string | null | undefined, zone: string) =>
  instant ? formatForPeople(instant, zone) : '-';
const csrfField = (ctx: StaffContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;
const notice = (message?: string, ok = false) =>
  message ? html`<p class="${ok ? 'ok' : 'error'}" role="${ok ? 'status' : 'alert'}">${message}</p>` : '';

function staffPage(ctx: StaffContext, title: string, body: SafeHtml): string {
  return page(
    title,
    html`<nav class="card">
        <a href="/staff">Complaints</a> ${ctx.readOnly ? '' : html`<a href="/staff/new">Start a complaint</a> `}<span>signed in as ${ctx.user}${ctx.readOnly ? ' (read only: joint inquiry)' : ''}</span>
        <form method="post" action="/staff/logout">${csrfField(ctx)}<button type="submit">Sign out</button></form>
      </nav>
      ${body}`,
  );
}

export function loginPage(csrf: string, error?: string): string {
  return page(
    'Staff sign-in',
    html`<section class="card">
      <h1>Staff sign-in</h1>
      ${notice(error)}
      <form method="post" action="/staff/login">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="name">Name</label>
        <input type="text" id="name" name="name" autocomplete="username" required />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}

const KIND_WORDS: Record<string, string> = {
  notice: 'notice',
  reminder: 'overdue reminder',
  'follow-up': 'follow-up',
  summons: 'summons',
  compliance: 'compliance demand',
};

/** A short date and time for tables, in `zone` (the page says which zone). */
function shortWhen(instant: string, zone: string): SafeHtml {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return html`<time datetime="${instant}">${local.toFormat('ccc d LLL yyyy, HH:mm')}</time>`;
}

function respondentName(row: ComplaintListRow, id: string): string {
  return row.respondents.find((r) => r.id === id)?.name ?? id;
}

function nextEventCell(row: ComplaintListRow, zone: string): SafeHtml {
  if (row.closure) return html`<span class="badge closed">${row.closure.kind}</span>`;
  const review =
    row.awaitingReview > 0
      ? html` <span class="badge review">${row.awaitingReview} answer${row.awaitingReview > 1 ? 's' : ''} to review</span>`
      : '';
  if (!row.next) return html`${review || html`<span class="muted">none</span>`}`;
  const what =
    row.next.kind === 'hearing'
      ? `Hearing (${respondentName(row, row.next.respondentId)})`
      : `Deadline of the ${KIND_WORDS[row.next.stepKind] ?? row.next.stepKind} to ${respondentName(row, row.next.respondentId)}`;
  return html`${what}, ${shortWhen(row.next.at, zone)}${review}`;
}

function overdueCell(row: ComplaintListRow, zone: string): SafeHtml {
  if (row.overdueSteps === 0) return html`<span class="muted">0</span>`;
  return html`<span class="badge overdue">${row.overdueSteps} overdue</span>${row.overdueSince ? html` since ${shortWhen(row.overdueSince, zone)}` : ''}`;
}

/** Recommendations awaiting proof of compliance: how many, and how many past their date (since when). */
function complianceCell(row: ComplaintListRow, zone: string): SafeHtml {
  const { pending, overdue, overdueSince } = row.compliance;
  if (pending === 0) return html`<span class="muted">none</span>`;
  return html`${pending} pending${overdue > 0 ? html` <span class="badge overdue">${overdue} overdue</span>${overdueSince ? html` since ${shortWhen(overdueSince, zone)}` : ''}` : ''}`;
}

const COMPLIANCE_LABELS: Record<ListCompliance, string> = {
  pending: 'awaiting proof',
  overdue: 'proof overdue',
};

const SORT_LABELS: Record<ListSort, string> = {
  next: 'next event',
  reference: 'case reference',
  overdue: 'overdue first',
};

export function listPage(
  ctx: StaffContext,
  list: ComplaintListPage | null,
  query: ListQuery,
  options: {
    zoneOf: (procedureId: string) => string;
    zone: string;
    values?: Record<string, string>;
    error?: string;
  },
): string {
  const values: Record<string, string | undefined> = options.values ?? {
    search: query.search,
    stage: query.stage,
    respondent: query.respondent,
    sort: query.sort,
    compliance: query.compliance,
  };
  const rows = list?.rows ?? [];
  const overdueFilter = options.values ? options.values.overdue === '1' : query.overdue === '1';
  return staffPage(
    ctx,
    'Complaints',
    html`<section class="card">
        <h1>Complaints</h1>
        ${notice(options.error)}
        <form method="get" action="/staff">
          <div class="filters">
            <div>
              <label for="search">Case reference starts with</label>
              <input type="text" id="search" name="search" value="${values.search ?? ''}" />
            </div>
            <div>
              <label for="stage">Stage</label>
              <select id="stage" name="stage">
                <option value="">any</option>
                ${LIST_STAGES.map((s) => html`<option value="${s}" ${values.stage === s ? html`selected` : ''}>${s}</option>`)}
              </select>
            </div>
            <div>
              <label for="respondent">Respondent ID</label>
              <input type="text" id="respondent" name="respondent" value="${values.respondent ?? ''}" />
            </div>
            <div>
              <label for="compliance">Compliance</label>
              <select id="compliance" name="compliance">
                <option value="">any</option>
                ${LIST_COMPLIANCE.map((c) => html`<option value="${c}" ${values.compliance === c ? html`selected` : ''}>${COMPLIANCE_LABELS[c]}</option>`)}
              </select>
            </div>
            <div>
              <label for="sort">Sort by</label>
              <select id="sort" name="sort">
                ${LIST_SORTS.map((s) => html`<option value="${s}" ${values.sort === s ? html`selected` : ''}>${SORT_LABELS[s]}</option>`)}
              </select>
            </div>
          </div>
          <label class="check"><input type="checkbox" name="overdue" value="1" ${overdueFilter ? html`checked` : ''} /> Overdue only</label>
          ${query.size !== DEFAULT_PAGE_SIZE ? html`<input type="hidden" name="size" value="${String(query.size)}" />` : ''}
          <button type="submit">Show</button>
        </form>
      </section>
      <section class="card" aria-labelledby="found">
        <h2 id="found">${list ? `${list.total} complaint${list.total === 1 ? '' : 's'}` : 'Complaints'}</h2>
        <p class="sorts">Sort by:
          ${LIST_SORTS.map((s) =>
            s === query.sort
              ? html`<strong aria-current="true">${SORT_LABELS[s]}</strong>`
              : html`<a href="${listUrl(query, { sort: s, page: 1 })}">${SORT_LABELS[s]}</a>`,
          )}
        </p>
        ${
          rows.length === 0
            ? html`<p>No complaints ${list && list.total > 0 ? 'on this page' : 'match'}.</p>`
            : html`<p class="muted">Times in ${options.zone} unless a complaint's procedure says otherwise.</p>
              <table class="stack complaints">
              <thead><tr><th scope="col">Case reference</th><th scope="col">Subject</th><th scope="col">Respondents</th><th scope="col">Next event</th><th scope="col">Overdue</th><th scope="col">Compliance</th><th scope="col">Stage</th></tr></thead>
              <tbody>
                ${rows.map(
                  (
                    r,
                  ) => html`<tr class="${r.overdueSteps > 0 ? 'overdue' : ''}" data-workflow-id="${r.workflowId}">
                    <td data-label="Case reference" class="ref"><a href="/staff/complaints/${encodeURIComponent(r.workflowId)}">${r.caseReference}</a></td>
                    <td data-label="Subject">${r.subject}</td>
                    <td data-label="Respondents">${r.respondents.map((x, i) => html`${i > 0 ? '; ' : ''}${x.name}`)}</td>
                    <td data-label="Next event">${nextEventCell(r, options.zoneOf(r.procedureId))}</td>
                    <td data-label="Overdue">${overdueCell(r, options.zoneOf(r.procedureId))}</td>
                    <td data-label="Compliance">${complianceCell(r, options.zoneOf(r.procedureId))}</td>
                    <td data-label="Stage">${r.stage}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        }
        ${
          list && list.total > 0
            ? html`<nav class="pager" aria-label="Pages">
              ${list.page > 1 ? html`<a href="${listUrl(query, { page: Math.min(list.page - 1, list.pages) })}" rel="prev">Previous page</a>` : ''}
              <span>Page ${list.page} of ${list.pages}</span>
              ${list.page < list.pages ? html`<a href="${listUrl(query, { page: list.page + 1 })}" rel="next">Next page</a>` : ''}
            </nav>`
            : ''
        }
      </section>`,
  );
}

/** A page that only says something went wrong finding a thing (no such complaint, attachment). */
/** A request the dashboard could not read (a query or form field wrong), the field named. */
export function badRequestPage(ctx: StaffContext, message: string): string {
  return staffPage(
    ctx,
    'Not understood',
    html`<section class="card"><h1>Not understood</h1>${notice(message)}<p><a href="/staff">Back to the complaints</a></p></section>`,
  );
}

/** A page the signed-in account may not open or use (a joint inquiry's reader acting, or off their pages). */
export function forbiddenPage(ctx: StaffContext, message: string): string {
  return staffPage(
    ctx,
    'Not allowed',
    html`<section class="card"><h1>Not allowed</h1>${notice(message)}<p><a href="/staff">Back to the complaints</a></p></section>`,
  );
}

export function notFoundPage(ctx: StaffContext, message: string): string {
  return staffPage(
    ctx,
    'Not found',
    html`<section class="card"><h1>Not found</h1>${notice(message)}<p><a href="/staff">Back to the complaints</a></p></section>`,
  );
}

/** The officer's latest request for more time, if no extension came after it. */
function pendingExtensionRequest(step: StepState): StepState['extensionRequests'][number] | undefined {
  const asked = step.extensionRequests.at(-1);
  const extended = step.extensions.at(-1);
  return asked && (!extended || extended.at < asked.at) ? asked : undefined;
}

function stepActions(
  ctx: StaffContext,
  state: ComplaintState,
  respondentId: string,
  step: StepState,
): SafeHtml {
  if (step.status === 'closed' || state.closure) return html``;
  const base = `/staff/complaints/${encodeURIComponent(state.workflowId)}`;
  const hidden = html`${csrfField(ctx)}<input type="hidden" name="respondentId" value="${respondentId}" /><input type="hidden" name="stepId" value="${step.stepId}" />`;
  const forms: SafeHtml[] = [];
  if (step.status === 'answered') {
    forms.push(
      html`<form method="post" action="${base}/accept">${hidden}<button type="submit">Accept the answer</button></form>`,
    );
    forms.push(html`<form method="post" action="${base}/return">${hidden}
      <label>What is missing <input type="text" name="missing" required /></label>
      <button type="submit">Return the answer</button></form>`);
  }
  const asked = pendingExtensionRequest(step);
  if (step.kind !== 'summons' && step.status === 'open' && asked?.requestedDate) {
    // The officer's request, decided in one click: granted as asked (or the form below, for another date).
    forms.push(html`<form method="post" action="${base}/extend">${hidden}
      <input type="hidden" name="until" value="${asked.requestedDate}" />
      <input type="hidden" name="reason" value="${`At the officer's request: ${asked.reason}`.slice(0, REASON_MAX_CHARS)}" />
      <button type="submit">Grant the officer's request: due ${asked.requestedDate}</button></form>`);
  }
  if (step.kind !== 'summons' && step.status === 'open') {
    forms.push(html`<form method="post" action="${base}/extend">${hidden}
      <label>New due date <input type="date" name="until" required /></label>
      <label>Reason <input type="text" name="reason" required /></label>
      <button type="submit">Extend the deadline</button></form>`);
  }
  forms.push(...interimForms(base, hidden, step));
  forms.push(...clockForms(base, hidden, step));
  if (step.kind === 'summons') {
    forms.push(html`<form method="post" action="${base}/hearing">${hidden}
      <label class="check"><input type="checkbox" name="appeared" value="1" /> Appeared</label>
      <label class="check"><input type="checkbox" name="atrFiled" value="1" /> ATR filed</label>
      <label class="check"><input type="checkbox" name="firRegistered" value="1" /> FIR registered</label>
      <label>FIR number <input type="text" name="firNumber" /></label>
      <label>Notes <input type="text" name="notes" /></label>
      <label>Next <select name="next"><option value="close">close</option><option value="further-hearing">further hearing</option><option value="fresh-demand">fresh demand</option></select></label>
      <label>Further hearing date <input type="date" name="date" /></label>
      <label>Fresh demand <input type="text" name="demand" /></label>
      <button type="submit">Record the hearing's outcome</button></form>`);
    forms.push(html`<form method="post" action="${base}/reschedule">${hidden}
      <label>New hearing date <input type="date" name="date" required /></label>
      <label>Time <input type="time" name="time" /></label>
      <label>Reason <input type="text" name="reason" required /></label>
      <button type="submit">Reschedule the hearing</button></form>`);
    // The condition: an answer received by the cut-off and accepted dispenses with the appearance.
    if (Date.now() < Date.parse(step.dueAt))
      forms.push(html`<form method="post" action="${base}/dispensation">${hidden}
      <label>Report cut-off (appearance dispensed with if accepted) <input type="date" name="cutOff" value="${step.hearing?.dispensation?.cutOffDate ?? ''}" /></label>
      <label>Reason <input type="text" name="reason" required /></label>
      <button type="submit">Set the cut-off</button>
      ${step.hearing?.dispensation ? html`<button type="submit" name="remove" value="1">Remove the cut-off</button>` : ''}</form>`);
  }
  return html`<div class="actions">${forms}</div>`;
}

/** The officer's interim reply waiting for a decision: its expected date accepted or refused, in one click. */
function interimForms(base: string, hidden: SafeHtml, step: StepState): SafeHtml[] {
  const reply = pendingInterimReply(step);
  if (!reply || step.status !== 'open') return [];
  return [
    html`<form method="post" action="${base}/interim-accept">${hidden}<button type="submit">${
      reply.moved ? 'Accept the interim reply' : `Accept the expected date: due ${reply.expectedDate}`
    }</button></form>`,
    html`<form method="post" action="${base}/interim-refuse">${hidden}
      <label>Note for the officer <input type="text" name="note" /></label>
      <button type="submit">${reply.moved ? 'Refuse the date: restore the earlier deadline' : 'Refuse the expected date'}</button></form>`,
  ];
}

/** Stop or restart the step's clock, and decide the officer's request, as the procedure lets it (its clockRule). */
function clockForms(base: string, hidden: SafeHtml, step: StepState): SafeHtml[] {
  if (!step.clockRule || step.kind === 'summons' || step.status !== 'open') return [];
  if (runningStop(step))
    return [
      html`<form method="post" action="${base}/clock-restart">${hidden}<button type="submit">Restart the clock</button></form>`,
    ];
  const forms: SafeHtml[] = [];
  if (pendingClockStopRequest(step))
    forms.push(
      html`<form method="post" action="${base}/clock-approve">${hidden}<button type="submit">Approve the officer's request: stop the clock</button></form>`,
      html`<form method="post" action="${base}/clock-decline">${hidden}
        <label>Note for the officer <input type="text" name="note" /></label>
        <button type="submit">Decline the request</button></form>`,
    );
  const stops = step.clockStops?.length ?? 0;
  if (stops < step.clockRule.maxStops && Date.now() < Date.parse(step.dueAt))
    forms.push(html`<form method="post" action="${base}/clock-stop">${hidden}
      <label>Grounds <select name="grounds">${CLOCK_STOP_GROUNDS.map(
        (g) => html`<option value="${g}">${CLOCK_STOP_GROUNDS_TEXT[g].en}</option>`,
      )}</select></label>
      <label>What the commission waits for <input type="text" name="details" /></label>
      <button type="submit">Stop the clock</button></form>`);
  return forms;
}

/** What each kind of message is, as staff read it (a kind not named here shows as it is). */
const MESSAGE_WORDS: Record<string, string> = {
  notice: 'Notice',
  'due-soon-reminder': 'Due-soon reminder',
  'overdue-reminder': 'Overdue reminder',
  'follow-up': 'Follow-up',
  summons: 'Summons',
  'answer-receipt': 'Receipt of the answer',
  'answer-to-review': 'Alert to staff: an answer to review',
  'step-overdue': 'Alert to staff: a step is overdue',
  'hearing-tomorrow': 'Alert to staff: hearing tomorrow',
  'message-undeliverable': 'Alert to staff: a message was undeliverable',
  'clock-stop-requested': 'Alert to staff: the officer asks that the clock stop',
  'clock-stopped': 'Clock stopped (to the officer)',
  'clock-restarted': 'Clock restarted, with the new deadline (to the officer)',
  'clock-stop-declined': 'Request to stop the clock declined (to the officer)',
  'interim-reply-received': 'Alert to staff: an interim reply',
  'interim-reply-acknowledged': 'Receipt of the interim reply (to the officer)',
  'interim-reply-accepted': 'Expected date accepted (to the officer)',
  'interim-reply-refused': 'Expected date refused (to the officer)',
  'deadline-moved': 'Deadline moved by a holiday, with the new deadline (to the officer)',
  'dispensation-changed': "The summons' cut-off set, changed or removed (to the officer)",
  'hearing-dispensed': 'Appearance dispensed with, the calendar entry cancelled (to the officer)',
  compliance: 'Recommendation: demand for proof of compliance',
  'recommendation-waived': 'Recommendation waived (to the officer)',
};

const STATUS_WORDS: Record<NoticeRow['status'], string> = {
  sent: 'sent',
  pending: 'pending',
  undeliverable: 'undeliverable',
};

/** Every message of the complaint from the outbox, with its delivery status and when. */
function messagesSection(state: ComplaintState, notices: NoticeRow[]): SafeHtml {
  const zone = state.timeZone;
  const nameOf = (id: string) => state.respondents.find((r) => r.respondentId === id)?.name ?? id;
  // The complaint knows when the mail server refused a message; the outbox row, when it was queued.
  // (a refused message has no Message-ID: it is found by its step, kind and recipient).
  const refusedAt = (n: NoticeRow) =>
    state.respondents
      .find((r) => r.respondentId === n.respondent_id)
      ?.messages.find(
        (m) =>
          m.undeliverable !== undefined &&
          m.stepId === n.step_id &&
          m.kind === n.kind &&
          m.to === n.recipient,
      )?.sentAt;
  const whenOf = (n: NoticeRow): SafeHtml => {
    if (n.status === 'sent' && n.sent_at) return html`sent ${shortWhen(n.sent_at, zone)}`;
    if (n.status === 'undeliverable') {
      const at = refusedAt(n);
      return html`refused ${at ? shortWhen(at, zone) : html`after ${shortWhen(n.created_at, zone)}`}${n.failure ? html`: ${n.failure}` : ''}`;
    }
    return html`queued ${shortWhen(n.created_at, zone)}, not sent yet`;
  };
  return html`<section class="card" aria-labelledby="messages">
    <h2 id="messages">Messages</h2>
    ${
      notices.length === 0
        ? html`<p>No messages yet.</p>`
        : html`<table class="stack messages">
          <thead><tr><th scope="col">Message</th><th scope="col">Respondent</th><th scope="col">To</th><th scope="col">Status</th><th scope="col">When</th></tr></thead>
          <tbody>${notices.map(
            (n) => html`<tr data-kind="${n.kind}" data-step="${n.step_id}">
              <td data-label="Message">${MESSAGE_WORDS[n.kind] ?? n.kind} <span class="muted">(step ${n.step_id})</span></td>
              <td data-label="Respondent">${nameOf(n.respondent_id)}</td>
              <td data-label="To">${n.recipient}</td>
              <td data-label="Status"><span class="badge ${n.status}">${STATUS_WORDS[n.status] ?? n.status}</span></td>
              <td data-label="When">${whenOf(n)}</td>
            </tr>`,
          )}</tbody>
        </table>`
    }
  </section>`;
}

/** What is still to come for the whole complaint, soonest first (upcoming-events.ts). */
function planAheadSection(state: ComplaintState): SafeHtml {
  const events = upcomingEvents(state);
  const nameOf = (id: string) => state.respondents.find((r) => r.respondentId === id)?.name ?? id;
  return html`<section class="card" aria-labelledby="plan">
    <h2 id="plan">Plan ahead</h2>
    ${
      events.length === 0
        ? html`<p>${state.closure ? 'Nothing: the complaint is closed.' : 'Nothing scheduled: every open step waits for staff.'}</p>`
        : html`<table class="stack plan">
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Respondent</th><th scope="col">Step</th></tr></thead>
          <tbody>${events.map(
            (e) => html`<tr data-kind="${e.kind}">
              <td data-label="When">${shortWhen(e.at, state.timeZone)}</td>
              <td data-label="What">${e.what}</td>
              <td data-label="Respondent">${nameOf(e.respondentId)}</td>
              <td data-label="Step">${e.stepId}</td>
            </tr>`,
          )}</tbody>
        </table>`
    }
  </section>`;
}

/** How a step's due date or hearing was computed, folded away under it. */
function derivationDisclosure(state: ComplaintState, step: StepState, names: HolidayNames): SafeHtml | '' {
  const lines = explanationLines(state, step, names);
  if (!lines.length) return '';
  return html`<details class="derivation"><summary>How this date was computed</summary>
    <ol>${lines.map((l) => html`<li>${l}</li>`)}</ol>
  </details>`;
}

/** A respondent's recommendations: each one's status (pending, complied, waived), and its compliance step. */
function recommendationsList(r: ComplaintState['respondents'][number], zone: string): SafeHtml | '' {
  if (!r.recommendations?.length) return '';
  return html`<h3>Recommendations</h3>
    <ul class="recommendations">
      ${r.recommendations.map(
        (x) =>
          html`<li data-recommendation="${x.recommendationId}">${x.recommendationId}: ${x.what} — proof due: ${x.proof} — <strong>${x.status}</strong>${x.settled ? html` on ${when(x.settled.at, zone)}${x.settled.reason ? html`: ${x.settled.reason}` : ''}` : html` (step <a href="#${stepAnchor(r.respondentId, x.stepId)}">${x.stepId}</a>)`}</li>`,
      )}
    </ul>`;
}

/** A reopened complaint's lives: when each began and ended, and why it was reopened. */
function livesList(state: ComplaintState): SafeHtml | '' {
  const lines = livesLines(state);
  if (!lines.length) return '';
  return html`<h2 id="lives">Lives of this complaint</h2>
    <ol class="lives">
      ${lines.map((line) => html`<li>${line}</li>`)}
    </ol>`;
}

/** A closed complaint: reopen it (or take an appeal), within the procedure's window (client/reopen.ts checks it). */
function reopenForm(ctx: StaffContext, base: string): SafeHtml {
  return html`<section class="card">
    <h2>Reopen the complaint</h2>
    <form method="post" action="${base}/reopen">
      ${csrfField(ctx)}
      <label>Reason (told to the officers) <input type="text" name="reason" required /></label>
      <label
        >Resume from
        <select name="from">
          <option value="notice">a fresh demand (notice)</option>
          <option value="summons">a summons</option>
        </select></label
      >
      <label>A fresh demand's words (default: each respondent's own) <input type="text" name="demand" /></label>
      <label><input type="checkbox" name="appeal" value="1" /> An appeal</label>
      <button type="submit">Reopen</button>
    </form>
  </section>`;
}

export function complaintPage(
  ctx: StaffContext,
  state: ComplaintState,
  notices: NoticeRow[],
  message?: { text: string; ok: boolean },
): string {
  const zone = state.timeZone;
  const names = holidayNamesOf(state);
  const base = `/staff/complaints/${encodeURIComponent(state.workflowId)}`;
  return staffPage(
    ctx,
    state.caseReference,
    html`<section class="card">
        <p class="muted">Case reference</p>
        <h1>${state.caseReference}</h1>
        <p><strong>${state.subject}</strong></p>
        <p>Stage: <strong>${state.stage}</strong> · procedure ${state.procedureId} · times in ${zone}</p>
        ${state.closure ? html`<p class="ok">Closed (${state.closure.kind}) on ${when(state.closure.at, zone)}${state.closure.reason ? html`: ${state.closure.reason}` : ''}</p>` : ''}
        ${livesList(state)}
        ${notice(message?.text, message?.ok)}
      </section>
      ${planAheadSection(state)}
      ${state.respondents.map(
        (r) => html`<section class="card">
          <h2>${r.name} <span class="muted">(${r.respondentId}, ${r.status})</span></h2>
          ${r.steps.map(
            (s) => html`<div class="step" id="${stepAnchor(r.respondentId, s.stepId)}">
              <h3>${s.stepId} <span class="muted">${s.kind}${s.life ? ` · life ${s.life}` : ''}</span> —
                ${s.status === 'closed' ? `closed (${s.closedAs ?? ''})` : s.status}${s.overdue && s.status !== 'closed' ? html` <strong class="error">overdue</strong>` : ''}</h3>
              <p>Issued ${when(s.issuedAt, zone)} to ${s.recipient.name}, ${s.recipient.designation}</p>
              ${s.reopened ? html`<p>${s.reopened.kind === 'appeal' ? 'On appeal' : 'Reopened'}: ${s.reopened.reason}</p>` : ''}
              <p><strong>${s.kind === 'summons' ? 'Hearing' : 'Due'}: ${when(s.dueAt, zone)}</strong></p>
              ${derivationDisclosure(state, s, names)}
              ${comingUp(upcomingEventsOf(state, r, s))}
              <ol>${s.demands.map((d) => html`<li>${d}</li>`)}</ol>
              ${s.recommendationId ? html`<p>Recommendation ${s.recommendationId} · proof of compliance due: ${s.proofDue ?? ''}</p>` : ''}
              ${s.extensions.map((e) => html`<p>Extended on ${when(e.at, zone)} from ${when(e.previousDueAt, zone)}: ${e.reason}</p>`)}
              ${s.extensionRequests.map((q) => html`<p>The officer asked for more time on ${when(q.at, zone)}: ${q.reason}</p>`)}
              ${[...interimReplyLines(s, zone), ...clockStopRequestLines(s, zone), ...clockStopLines(s, zone)].map((line) => html`<p class="clock">${line}</p>`)}
              ${(s.interimReplies ?? [])
                .flatMap((r) => r.attachments ?? [])
                .map(
                  (f) =>
                    html`<p><a href="${base}/attachments/${f.sha256}" download="${f.fileName}">${f.fileName}</a> (${f.contentType}, ${Math.ceil(f.size / 1024)} KiB, with an interim reply)</p>`,
                )}
              ${s.answers.map(
                (a) => html`<div class="answer">
                  <p>Answered ${when(a.receivedAt, zone)}${a.firNumber ? html` · FIR ${a.firNumber}${a.firDate ? html` of ${a.firDate}` : ''}` : ''}</p>
                  <p class="pre">${a.atrText}</p>
                  ${(a.attachments ?? []).map(
                    (f) =>
                      html`<p><a href="${base}/attachments/${f.sha256}" download="${f.fileName}">${f.fileName}</a> (${f.contentType}, ${Math.ceil(f.size / 1024)} KiB)</p>`,
                  )}
                  ${a.review ? html`<p>${a.review.decision} on ${when(a.review.at, zone)}${a.review.note ? html`: ${a.review.note}` : ''}</p>` : ''}
                </div>`,
              )}
              ${s.hearing?.acknowledgedAt ? html`<p>Summons acknowledged ${when(s.hearing.acknowledgedAt, zone)}</p>` : ''}
              ${dispensationLines(s, zone).map((line) => html`<p class="clock">${line}</p>`)}
              ${(s.hearing?.outcomes ?? []).map(
                (o) =>
                  html`<p>Hearing outcome ${when(o.at, zone)}: ${o.appeared ? 'appeared' : 'did not appear'}, next: ${o.next}</p>`,
              )}
              ${ctx.readOnly ? '' : stepActions(ctx, state, r.respondentId, s)}
            </div>`,
          )}
          ${recommendationsList(r, zone)}
        </section>`,
      )}
      ${transfersSection(state)}
      ${messagesSection(state, notices)}
      ${jointInquiriesSection(state)}
      ${state.closure || ctx.readOnly ? '' : movementForms(ctx, state)}
      ${
        ctx.readOnly
          ? ''
          : state.closure
            ? reopenForm(ctx, base)
            : html`<section class="card">
            <h2>Close the complaint</h2>
            <form method="post" action="${base}/close">
              ${csrfField(ctx)}
              <label>Reason <input type="text" name="reason" required /></label>
              <button type="submit" name="action" value="withdraw">Withdraw</button>
              <button type="submit" name="action" value="dispose">Dispose</button>
            </form>
          </section>`
      }`,
  );
}

/** Who inquires into the complaint jointly with the commission, and since when (the open ones are copied). */
function jointInquiriesSection(state: ComplaintState): SafeHtml | '' {
  const inquiries = state.jointInquiries ?? [];
  if (inquiries.length === 0) return '';
  const zone = state.timeZone;
  return html`<section class="card" aria-labelledby="joint-inquiries">
    <h2 id="joint-inquiries">Joint inquiries</h2>
    <ul>${inquiries.map(
      (i) =>
        html`<li>${i.commission.name} (${i.commission.email}), since ${when(i.since, zone)}${i.until ? html`, ended ${when(i.until, zone)}${i.endReason ? html`: ${i.endReason}` : ''}` : html`: open, copied on the officers' messages`}</li>`,
    )}</ul>
  </section>`;
}

export interface NewComplaintValues {
  [field: string]: string | undefined;
}

/** The form to start a complaint, offering `procedures` (the built-in one and PROCEDURES_DIR's) by name. */
export function newComplaintPage(
  ctx: StaffContext,
  procedures: readonly Pick<Procedure, 'id' | 'name'>[],
  values: NewComplaintValues = {},
  error?: string,
): string {
  const field = (name: string, label: string, type = 'text') =>
    html`<label for="${name}">${label}</label><input type="${type}" id="${name}" name="${name}" value="${values[name] ?? ''}" required />`;
  return staffPage(
    ctx,
    'Start a complaint',
    html`<section class="card">
      <h1>Start a complaint</h1>
      ${notice(error)}
      <form method="post" action="/staff/new">
        ${csrfField(ctx)}
        ${field('caseReference', 'Case reference (e.g. NCPCR/2021/05/0291)')}
        ${field('subject', 'Subject')}
        ${field('categories', 'Categories (separated by ;)')}
        ${field('receivedOn', 'Received on', 'date')}
        <label for="summary">Summary</label>
        <textarea id="summary" name="summary" rows="4" required>${values.summary ?? ''}</textarea>
        ${field('commissionName', 'Commission')}
        ${field('commissionEmail', "Commission's email for alerts", 'email')}
        <h2>Respondent</h2>
        ${field('respondentId', 'Respondent ID (e.g. delhi-police)')}
        ${field('respondentName', 'Respondent')}
        ${field('officerName', 'Officer')}
        ${field('officerDesignation', "Officer's designation")}
        ${field('officerEmail', "Officer's email", 'email')}
        <label for="demands">What is asked (one per line)</label>
        <textarea id="demands" name="demands" rows="4" required>${values.demands ?? ''}</textarea>
        <label for="procedure">Procedure</label>
        <select id="procedure" name="procedure">
          ${procedures.map(
            (p) =>
              html`<option value="${p.id}" ${values.procedure === p.id ? html`selected` : ''}>${p.name}</option>`,
          )}
        </select>
        <button type="submit">Start the complaint</button>
      </form>
    </section>`,
  );
}

/** The complaint's transfers and added respondents: to whom, when, why, the letter, the acknowledgement. */
function transfersSection(state: ComplaintState): SafeHtml | '' {
  const transfers = state.transfers ?? [];
  const added = state.addedRespondents ?? [];
  if (!transfers.length && !added.length) return '';
  const zone = state.timeZone;
  const nameOf = (id: string) => state.respondents.find((r) => r.respondentId === id)?.name ?? id;
  return html`<section class="card" aria-labelledby="transfers">
    <h2 id="transfers">Transfers and added respondents</h2>
    ${added.map((a) => html`<p>${a.name} (${a.id}) added on ${when(a.at, zone)}${a.by ? ` by ${a.by}` : ''}: ${a.reason}</p>`)}
    ${transfers.map(
      (t) => html`<div class="transfer" id="${t.transferId}">
        <p><strong>${t.respondentId ? `The track of ${nameOf(t.respondentId)}` : 'The whole complaint'}</strong> transferred to
          <strong>${t.body.name}</strong> (${t.body.email}; ${t.body.address.join(', ')}) on ${when(t.at, zone)}${t.by ? ` by ${t.by}` : ''}: ${t.reason}</p>
        <p>${t.letter ? (t.letter.undeliverable ? html`<strong class="error">Letter undeliverable:</strong> ${t.letter.undeliverable}` : `Letter and case papers sent ${when(t.letter.sentAt, zone)}.`) : 'Letter and case papers being sent.'}
          ${t.acknowledgeBy ? (t.acknowledgedAt ? `Acknowledged ${when(t.acknowledgedAt, zone)}.` : t.reminded ? `Not acknowledged by ${when(t.acknowledgeBy, zone)}: reminder sent.` : `To acknowledge by ${when(t.acknowledgeBy, zone)}.`) : ''}
          ${state.complainantToTell?.some((c) => c.transferId === t.transferId) ? 'The complainant is to be told.' : ''}</p>
      </div>`,
    )}
  </section>`;
}

/** Add a respondent; transfer the complaint or one open track to another body. */
function movementForms(ctx: StaffContext, state: ComplaintState): SafeHtml {
  const base = `/staff/complaints/${encodeURIComponent(state.workflowId)}`;
  const open = state.respondents.filter((r) => r.status === 'open' && !r.transferredAs);
  return html`<section class="card" aria-labelledby="add-respondent">
      <h2 id="add-respondent">Add a respondent</h2>
      <form method="post" action="${base}/respondent-add">
        ${csrfField(ctx)}
        <label for="add-respondentId">Respondent ID (e.g. network-india)</label><input id="add-respondentId" name="respondentId" required />
        <label for="add-respondentName">Respondent</label><input id="add-respondentName" name="respondentName" required />
        <label for="add-officerName">Officer</label><input id="add-officerName" name="officerName" required />
        <label for="add-officerDesignation">Officer's designation</label><input id="add-officerDesignation" name="officerDesignation" required />
        <label for="add-officerEmail">Officer's email</label><input id="add-officerEmail" name="officerEmail" type="email" required />
        <label for="add-demands">What is asked (one per line)</label><textarea id="add-demands" name="demands" rows="3" required></textarea>
        <label for="add-reason">Why it is added</label><input id="add-reason" name="reason" required />
        <button type="submit">Add the respondent</button>
      </form>
    </section>
    <section class="card" aria-labelledby="transfer">
      <h2 id="transfer">Transfer to another body</h2>
      <form method="post" action="${base}/transfer">
        ${csrfField(ctx)}
        <label for="transfer-respondentId">What goes</label>
        <select id="transfer-respondentId" name="respondentId">
          <option value="">The whole complaint</option>
          ${open.map((r) => html`<option value="${r.respondentId}">The track of ${r.name}</option>`)}
        </select>
        <label for="transfer-bodyName">Body (e.g. a State Commission)</label><input id="transfer-bodyName" name="bodyName" required />
        <label for="transfer-bodyEmail">Its email</label><input id="transfer-bodyEmail" name="bodyEmail" type="email" required />
        <label for="transfer-bodyAddress">Its postal address (one line per line)</label><textarea id="transfer-bodyAddress" name="bodyAddress" rows="3" required></textarea>
        <label for="transfer-reason">Why</label><input id="transfer-reason" name="reason" required />
        <button type="submit">Transfer</button>
      </form>
    </section>`;
}
