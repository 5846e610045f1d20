// The officer's pages: the task with its answer form, the record of an answer, and the refusal of a bad link.
import { formatForPeople } from '../../lib/deadlines';
import { html } from '../../lib/html';
import type { ComplaintState, StepState } from '../../workflows/complaint-state';
import { page } from './layout';

export interface AnswerFormValues {
  atrText?: string;
  firNumber?: string;
  firDate?: string;
}

function task(state: ComplaintState, respondentName: string, step: StepState) {
  return html`<section class="card">
    <p class="muted">Case reference</p>
    <h1>${state.caseReference}</h1>
    <p><strong>${state.subject}</strong></p>
    <p>To: ${step.recipient.name}, ${step.recipient.designation}, ${respondentName}</p>
    <p>The Commission requires you to:</p>
    <ol>
      ${step.demands.map((d) => html`<li>${d}</li>`)}
    </ol>
    <p><strong>Deadline: ${formatForPeople(step.dueAt, state.timeZone)}</strong>${step.overdue && step.status === 'open' ? html` <span class="error">overdue</span>` : ''}</p>
  </section>`;
}

export function answerFormPage(
  state: ComplaintState,
  respondentName: string,
  step: StepState,
  action: string,
  values: AnswerFormValues = {},
  error?: string,
): string {
  return page(
    `Answer ${state.caseReference}`,
    html`${task(state, respondentName, step)}
      <section class="card">
        <h2>Your answer</h2>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <form method="post" action="${action}">
          <label for="atrText">Action Taken Report</label>
          <textarea id="atrText" name="atrText" rows="10" required maxlength="20000">${values.atrText ?? ''}</textarea>
          <label for="firNumber">FIR number (if an FIR was registered)</label>
          <input type="text" id="firNumber" name="firNumber" maxlength="100" value="${values.firNumber ?? ''}" />
          <label for="firDate">FIR date</label>
          <input type="date" id="firDate" name="firDate" value="${values.firDate ?? ''}" />
          <button type="submit" name="action" value="answer">Submit answer</button>
        </form>
      </section>`,
  );
}

export function answerRecordedPage(state: ComplaintState, respondentName: string, step: StepState): string {
  const answer = step.answer;
  return page(
    `Answer recorded ${state.caseReference}`,
    html`${task(state, respondentName, step)}
      <section class="card">
        <p class="ok" role="status">
          ${
            answer
              ? html`Your answer was recorded on ${formatForPeople(answer.receivedAt, state.timeZone)}.`
              : html`This step was closed on ${step.closedAt ? formatForPeople(step.closedAt, state.timeZone) : 'an earlier date'}.`
          }
        </p>
        ${
          answer
            ? html`<dl>
              <dt>Action Taken Report</dt>
              <dd>${answer.atrText}</dd>
              ${answer.firNumber ? html`<dt>FIR number</dt><dd>${answer.firNumber}</dd>` : ''}
              ${answer.firDate ? html`<dt>FIR date</dt><dd>${answer.firDate}</dd>` : ''}
            </dl>`
            : ''
        }
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
