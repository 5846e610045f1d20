// Where a transfer's messages are sent: its letter with the case papers (one PDF, rendered in the letter pool's
// threads, off this event loop) to the body it goes to, with the link to acknowledge receipt where the procedure
// asks for it; and, when the period passed unacknowledged, the reminder to the body and the staff's alert. Each
// sent once, as every message is (notices.ts, messageDelivery): the outbox row keyed by the transfer.
import { ApplicationFailure } from '@temporalio/activity';
import { sharedLetterRenderPool } from '../lib/mail/letters/letter-render-pool';
import {
  renderTransferMessage,
  renderTransferUnacknowledged,
  renderTransferUndeliverable,
  transferDocuments,
  type TransferNotice,
  type TransferPapers,
} from '../lib/mail/letters/transfer-letter';
import type { ComplaintIdentity } from '../lib/records/complaint-identity';
import { UNDELIVERABLE_FAILURE } from '../lib/domain/complaint-state';
import type { ActivityDependencies } from './dependencies';
import { messageDelivery, type MessageOutcome, type SentMessage } from './notices';

export interface TransferLetterRequest extends ComplaintIdentity {
  /** The track's respondent, or `complaint` for the whole complaint (lib/domain/transfers.ts WHOLE_COMPLAINT). */
  part: string;
  papers: TransferPapers;
}

export interface TransferReminderRequest extends ComplaintIdentity {
  part: string;
  notice: TransferNotice;
  /** The commission's staff, alerted beside the reminder. */
  staff: { name: string; email: string };
}

export interface TransferUndeliverableRequest extends TransferReminderRequest {
  /** The mail server's refusal. */
  failure: string;
}

export function createTransferActivities(deps: ActivityDependencies) {
  const { links, letterhead, letters = sharedLetterRenderPool(), consoleUrlFor } = deps;
  const deliverOnce = messageDelivery(deps);

  /** The link the body acknowledges receipt with: the officers' link, bound to the transfer and the body's address. */
  const acknowledgeUrl = (req: ComplaintIdentity & { part: string }, notice: TransferNotice) =>
    notice.acknowledgeBy
      ? links.urlFor(
          links.sign({
            workflowId: req.workflowId,
            respondentId: req.part,
            stepId: notice.transferId,
            recipient: notice.to.email,
          }),
        )
      : undefined;

  const address = (req: ComplaintIdentity & { part: string }, transferId: string, kind: string) => ({
    workflowId: req.workflowId,
    firstRunId: req.firstRunId,
    respondentId: req.part,
    stepId: transferId,
    kind,
    version: 1,
  });

  return {
    /** The transfer's letter and case papers to the body. */
    sendTransferLetter(req: TransferLetterRequest): Promise<SentMessage> {
      const { papers } = req;
      return deliverOnce(
        address(req, papers.transferId, 'transfer'),
        { name: papers.to.name, email: papers.to.email },
        async ({ signal }) => {
          // Each PDF its own turn in the letter pool's threads, off this event loop, each bounded in time.
          const attachments = await Promise.all(
            transferDocuments(papers, letterhead).map(async ({ filename, document }) => ({
              filename,
              content: await letters.renderDocument(document, signal),
              contentType: 'application/pdf' as const,
            })),
          );
          return renderTransferMessage(
            papers,
            letterhead,
            'transfer',
            acknowledgeUrl(req, papers),
            attachments,
          );
        },
      );
    },

    /** The letter refused for good by the mail server: staff are told, once. */
    async alertTransferUndeliverable(req: TransferUndeliverableRequest): Promise<SentMessage> {
      return deliverOnce(address(req, req.notice.transferId, 'transfer-undeliverable'), req.staff, () =>
        Promise.resolve(renderTransferUndeliverable(req.notice, req.failure, consoleUrlFor(req.workflowId))),
      );
    },

    /**
     * The period passed unacknowledged: the reminder to the body and the staff's alert, in one activity. A message
     * the mail server refuses for good is an outcome, not a failure: the other still goes.
     */
    async sendTransferReminder(req: TransferReminderRequest): Promise<MessageOutcome[]> {
      const { notice } = req;
      const results = await Promise.allSettled([
        deliverOnce(
          address(req, notice.transferId, 'transfer-reminder'),
          { name: notice.to.name, email: notice.to.email },
          () =>
            Promise.resolve(
              renderTransferMessage(notice, letterhead, 'transfer-reminder', acknowledgeUrl(req, notice)),
            ),
        ),
        deliverOnce(address(req, notice.transferId, 'transfer-unacknowledged'), req.staff, () =>
          Promise.resolve(renderTransferUnacknowledged(notice, consoleUrlFor(req.workflowId))),
        ),
      ]);
      const undeliverable = (e: unknown) =>
        e instanceof ApplicationFailure && e.type === UNDELIVERABLE_FAILURE ? e.message : null;
      const retryable = results.find((r) => r.status === 'rejected' && undeliverable(r.reason) === null);
      if (retryable?.status === 'rejected') throw retryable.reason;
      return results.map((r) =>
        r.status === 'fulfilled' ? r.value : { undeliverable: undeliverable(r.reason)! },
      );
    },
  };
}
