// The page a body that received a transfer opens from its email (the officers' link, bound to the transfer and the
// body's address): what was transferred and by when receipt is to be acknowledged, and one button. GET shows and
// changes nothing (mail scanners open links); the POST is one Update whose ID derives from the link, so a double
// click is recorded once.
import type { Client } from '@temporalio/client';
import { formatForPeople } from '../../lib/procedure/deadlines';
import { html } from '../../lib/markup/html';
import { linkUpdateId, recipientHash, type VerifiedAnswerLink } from '../../lib/mail/answer-links';
import type { ComplaintState } from '../../lib/domain/complaint-state';
import { refusalOf } from '../../lib/domain/refusals';
import { WHOLE_COMPLAINT, type Transfer } from '../../lib/domain/transfers';
import { acknowledgeTransfer, getComplaint } from '../../workflows/messages';
import { workflowNotRunning } from '../workflow-not-running';
import { page } from './layout';

export interface TransferTarget {
  state: ComplaintState;
  transfer: Transfer;
}

/** The complaint and transfer a genuine link points at; null when unknown or sent to another address. */
export async function transferOf(client: Client, claims: VerifiedAnswerLink): Promise<TransferTarget | null> {
  let state: ComplaintState;
  try {
    state = await client.workflow.getHandle(claims.workflowId).query(getComplaint);
  } catch (err) {
    if (workflowNotRunning(err)) return null;
    throw err;
  }
  const transfer = state.transfers?.find(
    (t) =>
      t.transferId === claims.stepId &&
      (t.respondentId ?? WHOLE_COMPLAINT) === claims.respondentId &&
      recipientHash(t.body.email) === claims.recipientHash,
  );
  return transfer ? { state, transfer } : null;
}

/** Acknowledges receipt; the page's message if it was not recorded (null when it was). */
export async function acknowledgeReceipt(
  client: Client,
  claims: VerifiedAnswerLink,
  token: string,
): Promise<string | null> {
  try {
    await client.workflow.getHandle(claims.workflowId).executeUpdate(acknowledgeTransfer, {
      args: [{ transferId: claims.stepId, recipientHash: claims.recipientHash }],
      updateId: linkUpdateId(token, 'acknowledge-transfer'),
    });
    return null;
  } catch (err) {
    if (workflowNotRunning(err))
      return 'The Commission has closed this complaint: please acknowledge receipt by writing to the Commission.';
    const refusal = refusalOf(err);
    if (refusal) return refusal.message.replace(/^[a-zA-Z]+: /, '');
    throw err;
  }
}

export function transferPage({ state, transfer }: TransferTarget, action: string, problem?: string): string {
  const when = (instant: string) => formatForPeople(instant, state.timeZone);
  const what = transfer.respondentId
    ? html`the part of complaint <strong>${state.caseReference}</strong> that concerns ${state.respondents.find((r) => r.respondentId === transfer.respondentId)?.name ?? transfer.respondentId}`
    : html`complaint <strong>${state.caseReference}</strong>`;
  const body = transfer.acknowledgedAt
    ? html`<p role="status"><strong>Receipt acknowledged</strong> on ${when(transfer.acknowledgedAt)}. Thank you.</p>
        <p lang="hi">प्राप्ति की पावती ${when(transfer.acknowledgedAt)} को दर्ज की गई। धन्यवाद।</p>`
    : html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
        ${transfer.acknowledgeBy ? html`<p>Please acknowledge receipt by ${when(transfer.acknowledgeBy)}.</p>` : ''}
        <p lang="hi">कृपया नीचे दिए गए बटन से प्राप्ति की पावती दें।</p>
        <form method="post" action="${action}">
          <button type="submit" name="action" value="acknowledge-transfer">Acknowledge receipt / प्राप्ति की पावती दें</button>
        </form>`;
  return page(
    'Transfer of complaint',
    html`<section class="card">
      <h1>Transfer of complaint <span lang="hi">/ शिकायत का अंतरण</span></h1>
      <p>${transfer.body.name}: the Commission transferred ${what} to you on ${when(transfer.at)}, with its case papers (attached to the email).</p>
      ${body}
    </section>`,
  );
}
