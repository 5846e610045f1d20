// The officer's pages: the task with its forms (answer, ask for more time, acknowledge a summons), the record
// of what was sent, and the refusal of a bad link.
import { formatForPeople } from '../../lib/procedure/deadlines';
import { html, type SafeHtml } from '../../lib/markup/html';
import {
  pendingExtensionRequest,
  type ComplaintState,
  type StepState,
} from '../../lib/domain/complaint-state';
import type { InboxRow } from '../../lib/records/schema';
import { upcomingEventsOf } from '../upcoming-events';
import { clockStopLines, clockStopRequestLines } from '../clock-ledger-text';
import { interimReplyLines } from '../interim-reply-text';
import { pendingInterimReply } from '../../lib/domain/interim-replies';
import {
  CLOCK_STOP_GROUNDS,
  CLOCK_STOP_GROUNDS_TEXT,
  pendingClockStopRequest,
  runningStop,
} from '../../lib/domain/clock-stops';
import { explanationSentence, holidayNamesOf } from '../date-explanation';
import { comingUp, page } from './layout';

export interface AnswerFormValues {
  atrText?: string;
  firNumber?: string;
  firDate?: string;
  reason?: string;
  requestedDate?: string;
  grounds?: string;
  details?: string;
  expectedDate?: string;
}

export interface OfficerPage {
  state: ComplaintState;
  respondentName: string;
  step: StepState;
  action: string;
  /** What the inbox holds of this link's submissions (kept while no worker ran): waiting, or refused. */
  inbox?: InboxRow[];
}

const ACTION_NAMES: Record<InboxRow['action'], string> = {
  answer: 'answer',
  'request-extension': 'request for more time',
  'request-clock-stop': 'request to stop the clock',
  'interim-reply': 'interim reply',
  acknowledge: 'acknowledgement of the summons',
};

const utc = (instant: string) => `${instant.slice(0, 16).replace('T', ' ')} UTC`;

/** Submissions taken while the complaint could not be reached: received and waiting, or refused with why. */
function inboxNotes(rows: InboxRow[], zone?: string): SafeHtml {
  const at = (instant: string) => (zone ? formatForPeople(instant, zone) : utc(instant));
  return html`${rows
    .filter((r) => r.status !== 'recorded')
    .map((r) =>
      r.status === 'received'
        ? html`<section class="card"><p class="ok" role="status">Your ${ACTION_NAMES[r.action]} was received on ${at(r.received_at)}. It will be recorded as soon as the Commission's system takes it; you do not need to send it again.</p></section>`
        : html`<section class="card"><p class="error" role="alert">Your ${ACTION_NAMES[r.action]} received on ${at(r.received_at)} was not recorded: ${r.reason ?? 'refused'}. Please contact the Commission, quoting the case reference.</p></section>`,
    )}`;
}

const when = (state: ComplaintState, instant: string) => formatForPeople(instant, state.timeZone);
const trackOf = (state: ComplaintState, step: StepState) =>
  state.respondents.find((r) =>
    r.steps.some((s) => s.stepId === step.stepId && s.issuedAt === step.issuedAt),
  )!;

/** How the date was counted, in one sentence (English: the page is English for now). */
function derivationNote(state: ComplaintState, step: StepState): SafeHtml | '' {
  const sentence = explanationSentence(state, step, holidayNamesOf(state));
  return sentence ? html`<p class="muted derivation">${sentence}</p>` : '';
}

/** A step of a reopened complaint: when and why the Commission reopened it, as its letter says. */
function reopenedNote(state: OfficerPage['state'], step: OfficerPage['step']): SafeHtml | '' {
  const r = step.reopened;
  if (!r) return '';
  const appeal = r.kind === 'appeal' ? `On appeal (${r.label?.en ?? 'appeal'}), the` : 'The';
  return html`<p><strong>${appeal} Commission reopened this complaint on ${when(state, r.at)}: ${r.reason}</strong></p>`;
}

function task({ state, respondentName, step }: OfficerPage): SafeHtml {
  const isSummons = step.kind === 'summons';
  return html`<section class="card">
    <p class="muted">Case reference</p>
    <h1>${state.caseReference}</h1>
    <p><strong>${state.subject}</strong></p>
    <p>To: ${step.recipient.name}, ${step.recipient.designation}, ${respondentName}</p>
    ${reopenedNote(state, step)}
    ${
      isSummons
        ? html`<p>You are summoned to appear in person before the Commission, with the Action Taken Report.</p>`
        : step.proofDue
          ? html`<p>The Commission recommends the following, and requires proof of its compliance:</p>`
          : html`<p>The Commission requires you to:</p>`
    }
    <ol>
      ${step.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    ${step.proofDue ? html`<p>Proof of compliance due: ${step.proofDue}</p>` : ''}
    ${step.note ? html`<p>Note from the Commission: ${step.note}</p>` : ''}
    <p><strong>${isSummons ? 'Hearing' : step.proofDue ? 'Proof of compliance due by' : 'Deadline'}: ${when(state, step.dueAt)}</strong>${
      step.overdue && step.status === 'open' && !isSummons ? html` <span class="error">overdue</span>` : ''
    }</p>
    ${conditionNote(state, step)}
    ${derivationNote(state, step)}
    ${comingUp(upcomingEventsOf(state, trackOf(state, step), step))}
  </section>`;
}

/** A summons' condition, as its letter states it: dispensed with if the report comes by the cut-off and is accepted. */
function conditionNote(state: OfficerPage['state'], step: OfficerPage['step']): SafeHtml | '' {
  const d = step.hearing?.dispensation;
  if (!d) return '';
  if (d.dispensed)
    return html`<p class="ok">Your report came by the cut-off and was accepted: your personal appearance is dispensed with, and the hearing will not take place.</p>`;
  return html`<p>However, if the Action Taken Report is received on or before <strong>${when(state, d.cutOffAt)}</strong> and accepted by the Commission, your personal appearance shall be dispensed with.</p>`;
}

function recorded(page: OfficerPage): SafeHtml {
  const { state, step } = page;
  return html`${step.answers.map(
    (a) => html`<section class="card">
      <p class="ok" role="status">Your ${step.proofDue ? 'proof of compliance' : 'answer'} was recorded on ${when(state, a.receivedAt)}.</p>
      <dl>
        <dt>${step.proofDue ? 'Proof of compliance' : 'Action Taken Report'}</dt>
        <dd>${a.atrText}</dd>
        ${a.firNumber ? html`<dt>FIR number</dt><dd>${a.firNumber}</dd>` : ''}
        ${a.firDate ? html`<dt>FIR date</dt><dd>${a.firDate}</dd>` : ''}
        ${
          a.attachments?.length
            ? html`<dt>Documents</dt>
              <dd>${a.attachments.map((f) => html`${f.fileName} (${Math.ceil(f.size / 1024)} KiB)<br />`)}</dd>`
            : ''
        }
      </dl>
      ${
        a.review
          ? html`<p>The Commission ${a.review.decision === 'accepted' ? 'accepted' : 'returned'} it on ${when(state, a.review.at)}${
              a.review.note ? html`: ${a.review.note}` : ''
            }.</p>`
          : html`<p class="muted">The Commission is reviewing it.</p>`
      }
    </section>`,
  )}
  ${step.extensionRequests.map(
    (r) =>
      html`<section class="card"><p class="ok">You asked for more time on ${when(state, r.at)}: ${r.reason}</p></section>`,
  )}
  ${interimSection(state, step)}
  ${clockSection(state, step)}
  ${
    step.hearing?.acknowledgedAt
      ? html`<section class="card"><p class="ok">You acknowledged this summons on ${when(state, step.hearing.acknowledgedAt)}.</p></section>`
      : ''
  }`;
}

function forms(p: OfficerPage, values: AnswerFormValues, error?: string): SafeHtml {
  const { step, action } = p;
  // A compliance step's answer is the proof of compliance: the same form and upload rules, labelled as such.
  const proof = step.proofDue !== undefined;
  return html`<section class="card">
      <h2>${proof ? 'Your proof of compliance' : 'Your answer'}</h2>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="${action}" enctype="multipart/form-data">
        <label for="atrText">${proof ? 'Proof of compliance: what was done, and when' : 'Action Taken Report'}</label>
        <textarea id="atrText" name="atrText" rows="10" required maxlength="20000">${values.atrText ?? ''}</textarea>
        ${
          proof
            ? ''
            : html`<label for="firNumber">FIR number (if an FIR was registered)</label>
        <input type="text" id="firNumber" name="firNumber" maxlength="100" value="${values.firNumber ?? ''}" />
        <label for="firDate">FIR date</label>
        <input type="date" id="firDate" name="firDate" value="${values.firDate ?? ''}" />`
        }
        <label for="attachments">Documents (PDF or images, up to 5 files of 10 MiB each)</label>
        <input type="file" id="attachments" name="attachments" multiple accept="application/pdf,image/png,image/jpeg,image/gif,image/webp" />
        <button type="submit" name="action" value="answer">${proof ? 'Submit proof of compliance' : 'Submit answer'}</button>
      </form>
    </section>
    ${
      step.kind === 'summons'
        ? step.hearing?.acknowledgedAt
          ? ''
          : html`<section class="card">
            <h2>Acknowledge the summons</h2>
            <form method="post" action="${action}">
              <p>Confirm that you have received this summons and will appear on the date above.</p>
              <input type="hidden" name="version" value="${String(step.version)}" />
              <button type="submit" name="action" value="acknowledge">Acknowledge summons</button>
            </form>
          </section>`
        : pendingExtensionRequest(step)
          ? html`<section class="card">
          <h2>Ask for more time</h2>
          <p role="status">Your request of ${when(p.state, pendingExtensionRequest(step)!.at)} is with the Commission. You can ask again once the Commission has changed the deadline.</p>
        </section>`
          : html`<section class="card">
          <h2>Ask for more time</h2>
          <form method="post" action="${action}">
            <label for="reason">Why you need more time</label>
            <textarea id="reason" name="reason" rows="3" maxlength="2000">${values.reason ?? ''}</textarea>
            <label for="requestedDate">The date you propose</label>
            <input type="date" id="requestedDate" name="requestedDate" value="${values.requestedDate ?? ''}" />
            <button type="submit" name="action" value="request-extension">Ask for an extension</button>
          </form>
        </section>`
    }
    ${interimForm(p, values)}
    ${clockStopForm(p, values)}`;
}

/** The officer's interim replies and what became of them. */
function interimSection(state: ComplaintState, step: StepState): SafeHtml {
  const lines = interimReplyLines(step, state.timeZone);
  if (!lines.length) return html``;
  return html`<section class="card" aria-labelledby="interim"><h2 id="interim">Your interim replies</h2>
    ${lines.map((line) => html`<p>${line}</p>`)}</section>`;
}

/** An interim reply, where the procedure takes them: why the report is late, when it is expected, a document. */
function interimForm(p: OfficerPage, values: AnswerFormValues): SafeHtml {
  const { step, action } = p;
  const rule = step.interimRule;
  if (!rule || step.kind === 'summons' || step.status !== 'open' || runningStop(step)) return html``;
  if (pendingInterimReply(step) || (step.interimReplies?.length ?? 0) >= rule.maxReplies) return html``;
  return html`<section class="card">
    <h2>Send an interim reply</h2>
    <p>If the report cannot be ready by the deadline, say why and when you expect to send it. ${
      rule.extendsDeadline
        ? 'The deadline moves to that date' +
          (rule.upToDays ? ` (at most ${rule.upToDays} days later)` : '') +
          '; the Commission may refuse it.'
        : 'The Commission decides whether the deadline moves to that date; until then it stands.'
    }</p>
    <form method="post" action="${action}" enctype="multipart/form-data">
      <label for="interimReason">Why the report is not ready</label>
      <textarea id="interimReason" name="reason" rows="3" maxlength="2000" required>${values.reason ?? ''}</textarea>
      <label for="expectedDate">When you expect to send it</label>
      <input type="date" id="expectedDate" name="expectedDate" required value="${values.expectedDate ?? ''}" />
      <label for="interimFiles">A document (optional: PDF or image, up to 10 MiB)</label>
      <input type="file" id="interimFiles" name="attachments" accept="application/pdf,image/png,image/jpeg,image/gif,image/webp" />
      <button type="submit" name="action" value="interim-reply">Send the interim reply</button>
    </form>
  </section>`;
}

/** The step's clock stops and the officer's requests, as the ledger keeps them. */
function clockSection(state: ComplaintState, step: StepState): SafeHtml {
  const lines = [...clockStopRequestLines(step, state.timeZone), ...clockStopLines(step, state.timeZone)];
  if (!lines.length) return html``;
  return html`<section class="card" aria-labelledby="clock"><h2 id="clock">The clock of this step</h2>
    ${lines.map((line) => html`<p>${line}</p>`)}</section>`;
}

/** Asking that the clock stop, where the procedure lets the officer ask (one request at a time). */
function clockStopForm(p: OfficerPage, values: AnswerFormValues): SafeHtml {
  const { step, action } = p;
  const rule = step.clockRule;
  if (!rule?.officerMayRequest || step.kind === 'summons' || step.status !== 'open' || runningStop(step))
    return html``;
  const pending = pendingClockStopRequest(step);
  if (pending)
    return html`<section class="card"><h2>Ask that the clock stop</h2>
      <p role="status">Your request of ${when(p.state, pending.at)} is with the Commission.</p></section>`;
  if ((step.clockStopRequests?.length ?? 0) >= rule.maxStops || Date.now() >= Date.parse(step.dueAt))
    return html``;
  return html`<section class="card">
    <h2>Ask that the clock stop</h2>
    <p>If you are waiting for something the Commission or another party must provide, ask that the clock stop: the days it stands stopped are not counted${rule.counts === 'restart' ? ', and the whole period counts again from the restart' : ''}. The Commission decides.</p>
    <form method="post" action="${action}">
      <label for="grounds">Why</label>
      <select id="grounds" name="grounds">${CLOCK_STOP_GROUNDS.map(
        (g) =>
          html`<option value="${g}"${values.grounds === g ? ' selected' : ''}>${CLOCK_STOP_GROUNDS_TEXT[g].en}</option>`,
      )}</select>
      <label for="details">What you are waiting for</label>
      <textarea id="details" name="details" rows="3" maxlength="2000" required>${values.details ?? ''}</textarea>
      <button type="submit" name="action" value="request-clock-stop">Ask that the clock stop</button>
    </form>
  </section>`;
}

/** What a closed step's page says: the complaint withdrawn or disposed of, or the step closed. */
function closedNote({ state, step }: OfficerPage): string {
  const closure = state.closure;
  if (closure && closure.kind !== 'resolved')
    return `This complaint was ${closure.kind === 'disposed' ? 'disposed of' : closure.kind === 'transferred' ? 'transferred to another body' : 'withdrawn'} by the Commission on ${when(state, closure.at)}: it is closed, and nothing more is asked of you.`;
  if (step.closedAs === 'transferred')
    return `Your part of this complaint was transferred to another body by the Commission on ${step.closedAt ? when(state, step.closedAt) : 'an earlier date'}: nothing more is asked of you.`;
  return `This step was closed on ${step.closedAt ? when(state, step.closedAt) : 'an earlier date'}.`;
}

export function officerTaskPage(p: OfficerPage, values: AnswerFormValues = {}, error?: string): string {
  const { state, step } = p;
  const waiting = p.inbox?.some((r) => r.status === 'received') ?? false;
  const notes = inboxNotes(p.inbox ?? [], state.timeZone);
  let body: SafeHtml;
  if (step.status === 'open' && !waiting)
    body = html`${task(p)}${notes}${recorded(p)}${forms(p, values, error)}`;
  else if (step.status !== 'closed') body = html`${task(p)}${notes}${recorded(p)}`;
  else
    body = html`${task(p)}
      <section class="card">
        <p class="ok" role="status">${closedNote(p)}</p>
      </section>
      ${notes}${recorded(p)}`;
  const title = step.kind === 'summons' ? 'Summons' : step.proofDue ? 'Proof of compliance' : 'Answer';
  return page(`${title} ${state.caseReference}`, body);
}

/**
 * The page for a submission the complaint did not take: the step closed meanwhile, or the complaint is no
 * longer running. It says so plainly (nothing pretends success) and shows what the complaint holds.
 */
export function notRecordedPage(p: OfficerPage, why: string, staffTold: boolean): string {
  return page(
    'Not recorded',
    html`<section class="card">
      <h1>Your submission was not recorded</h1>
      <p class="error" role="alert">${why}</p>
      <p>Nothing you sent here was recorded. ${staffTold ? "The Commission's staff have been told; please also" : 'Please'} contact the Commission, quoting the case reference.</p>
    </section>
    ${task(p)}${recorded(p)}`,
  );
}

/**
 * The page while the complaint cannot be reached (no worker running): what the inbox holds of this link's
 * submissions, said plainly.
 */
export function receivedPage(rows: InboxRow[]): string {
  return page(
    'Received',
    html`<section class="card">
      <h1>Received</h1>
      ${inboxNotes(rows)}
      <p class="muted">The Commission's system is catching up. Open this link again later to see your submission recorded.</p>
    </section>`,
  );
}

/** The link's page cannot be shown right now, and nothing from this link waits to be recorded. */
export function unavailablePage(): string {
  return page(
    'Try again shortly',
    html`<section class="card">
      <h1>This page cannot be shown right now</h1>
      <p>The Commission's system is catching up. Please open the link again in a few minutes. Nothing you sent from this link is waiting to be recorded.</p>
    </section>`,
  );
}

export function refusalPage(): string {
  return page(
    'Link not valid',
    html`<section class="card">
      <h1>This link is not valid</h1>
      <p>It may have been mistyped or changed. Use the link in the email the Commission sent you, or contact the Commission.</p>
    </section>`,
  );
}

/** A form that could not be read (malformed, too large), when the task cannot be shown with it. */
export function formProblemPage(message: string): string {
  return page(
    'Not sent',
    html`<section class="card">
      <h1>Your submission was not recorded</h1>
      <p class="error" role="alert">${message}</p>
      <p>Nothing was recorded. Open the link in the Commission's email and send the form again.</p>
    </section>`,
  );
}
