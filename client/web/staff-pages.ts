// The staff dashboard's pages: sign-in, the list of complaints, a complaint's timeline with its actions, and
// the form to start one. Server-rendered, no JavaScript, readable on a phone; times in the commission's zone.
import { formatForPeople } from '../../lib/procedure/deadlines';
import { html, type SafeHtml } from '../../lib/web/html';
import type { ComplaintState, StepState } from '../../workflows/complaint-state';
import type { ComplaintFilter, ComplaintSummary } from '../complaint-queries';
import { STAGES } from '../complaint-queries';
import { upcomingEventsOf } from '../upcoming-events';
import { comingUp, page } from './layout';

export interface StaffContext {
  user: string;
  csrf: string;
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
        <a href="/staff">Complaints</a> · <a href="/staff/new">Start a complaint</a> · signed in as ${ctx.user}
        <form method="post" action="/staff/logout" style="display:inline">${csrfField(ctx)}<button type="submit">Sign out</button></form>
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

export function listPage(
  ctx: StaffContext,
  rows: ComplaintSummary[],
  filter: ComplaintFilter,
  error?: string,
): string {
  return staffPage(
    ctx,
    'Complaints',
    html`<section class="card">
        <h1>Complaints</h1>
        ${notice(error)}
        <form method="get" action="/staff">
          <label for="search">Case reference starts with</label>
          <input type="text" id="search" name="search" value="${filter.search ?? ''}" />
          <label for="stage">Stage</label>
          <select id="stage" name="stage">
            <option value="">any</option>
            ${STAGES.map((s) => html`<option value="${s}" ${filter.stage === s ? html`selected` : ''}>${s}</option>`)}
          </select>
          <label for="respondent">Respondent ID</label>
          <input type="text" id="respondent" name="respondent" value="${filter.respondent ?? ''}" />
          <label><input type="checkbox" name="overdue" value="1" ${filter.overdue ? html`checked` : ''} /> Overdue only</label>
          <button type="submit">Filter</button>
        </form>
      </section>
      <section class="card">
        ${
          rows.length === 0
            ? html`<p>No complaints match.</p>`
            : html`<table>
              <thead><tr><th>Case reference</th><th>Stage</th><th>Open steps</th><th>Next deadline</th><th>Next hearing</th></tr></thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr class="${r.overdue ? 'overdue' : ''}">
                    <td><a href="/staff/complaints/${encodeURIComponent(r.workflowId)}">${r.caseReference}</a></td>
                    <td>${r.stage}${r.overdue ? html` <strong class="error">overdue</strong>` : ''}</td>
                    <td>${r.openSteps}</td>
                    <td>${when(r.nextDeadline, r.timeZone)}</td>
                    <td>${when(r.nextHearing, r.timeZone)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        }
      </section>`,
  );
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
  if (step.kind !== 'summons' && step.status === 'open') {
    forms.push(html`<form method="post" action="${base}/extend">${hidden}
      <label>New due date <input type="date" name="until" required /></label>
      <label>Reason <input type="text" name="reason" required /></label>
      <button type="submit">Extend the deadline</button></form>`);
  }
  if (step.kind === 'summons') {
    forms.push(html`<form method="post" action="${base}/hearing">${hidden}
      <label><input type="checkbox" name="appeared" value="1" /> Appeared</label>
      <label><input type="checkbox" name="atrFiled" value="1" /> ATR filed</label>
      <label><input type="checkbox" name="firRegistered" value="1" /> FIR registered</label>
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
  }
  return html`<div class="actions">${forms}</div>`;
}

export function complaintPage(
  ctx: StaffContext,
  state: ComplaintState,
  message?: { text: string; ok: boolean },
): string {
  const zone = state.timeZone;
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
        ${notice(message?.text, message?.ok)}
      </section>
      ${state.respondents.map(
        (r) => html`<section class="card">
          <h2>${r.name} <span class="muted">(${r.respondentId}, ${r.status})</span></h2>
          ${r.steps.map(
            (s) => html`<div class="step">
              <h3>${s.stepId} <span class="muted">${s.kind}</span> —
                ${s.status === 'closed' ? `closed (${s.closedAs ?? ''})` : s.status}${s.overdue && s.status !== 'closed' ? html` <strong class="error">overdue</strong>` : ''}</h3>
              <p>Issued ${when(s.issuedAt, zone)} to ${s.recipient.name}, ${s.recipient.designation}</p>
              <p><strong>${s.kind === 'summons' ? 'Hearing' : 'Due'}: ${when(s.dueAt, zone)}</strong></p>
              ${comingUp(upcomingEventsOf(state, r, s))}
              <ol>${s.demands.map((d) => html`<li>${d}</li>`)}</ol>
              ${s.extensions.map((e) => html`<p>Extended on ${when(e.at, zone)} from ${when(e.previousDueAt, zone)}: ${e.reason}</p>`)}
              ${s.extensionRequests.map((q) => html`<p>The officer asked for more time on ${when(q.at, zone)}: ${q.reason}</p>`)}
              ${s.answers.map(
                (a) => html`<div class="answer">
                  <p>Answered ${when(a.receivedAt, zone)}${a.firNumber ? html` · FIR ${a.firNumber}${a.firDate ? html` of ${a.firDate}` : ''}` : ''}</p>
                  <p style="white-space: pre-wrap">${a.atrText}</p>
                  ${(a.attachments ?? []).map(
                    (f) =>
                      html`<p><a href="${base}/attachments/${f.sha256}" download="${f.fileName}">${f.fileName}</a> (${f.contentType}, ${Math.ceil(f.size / 1024)} KiB)</p>`,
                  )}
                  ${a.review ? html`<p>${a.review.decision} on ${when(a.review.at, zone)}${a.review.note ? html`: ${a.review.note}` : ''}</p>` : ''}
                </div>`,
              )}
              ${s.hearing?.acknowledgedAt ? html`<p>Summons acknowledged ${when(s.hearing.acknowledgedAt, zone)}</p>` : ''}
              ${(s.hearing?.outcomes ?? []).map(
                (o) =>
                  html`<p>Hearing outcome ${when(o.at, zone)}: ${o.appeared ? 'appeared' : 'did not appear'}, next: ${o.next}</p>`,
              )}
              ${stepActions(ctx, state, r.respondentId, s)}
            </div>`,
          )}
          <h3>Messages</h3>
          <ul>${r.messages.map((m) =>
            m.undeliverable
              ? html`<li class="error">${m.kind} [${m.stepId}] to ${m.to}: <strong>undeliverable</strong>, refused by the mail server on ${when(m.sentAt, zone)} (${m.undeliverable})</li>`
              : html`<li>${m.kind} [${m.stepId}] to ${m.to}, sent ${when(m.sentAt, zone)}</li>`,
          )}</ul>
        </section>`,
      )}
      ${
        state.closure
          ? ''
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

export interface NewComplaintValues {
  [field: string]: string | undefined;
}

export function newComplaintPage(ctx: StaffContext, values: NewComplaintValues = {}, error?: string): string {
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
          <option value="ncpcr-seven-days">ATR within seven days, reminder, then summons</option>
          <option value="working-days-india" ${values.procedure === 'working-days-india' ? html`selected` : ''}>10 working days, India's national holidays</option>
        </select>
        <button type="submit">Start the complaint</button>
      </form>
    </section>`,
  );
}
