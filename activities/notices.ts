// Where a notice is sent. Exactly once as the recipient sees it: the outbox row (keyed by complaint,
// respondent, step, kind and deadline version) is written before sending and marked sent after, and the
// message carries a Message-ID derived from that key.
import { createHash } from 'node:crypto';
import { mailDomain } from '../lib/mail/mailer';
import { renderNotice } from '../lib/mail/notice-message';
import type { ActivityDependencies } from './dependencies';

export interface SendNoticeRequest {
  workflowId: string;
  respondentId: string;
  stepId: string;
  kind: 'notice';
  /** Bumped when a deadline changes, so a notice with the new deadline is a new message. */
  deadlineVersion: number;
  caseReference: string;
  subject: string;
  commissionName: string;
  respondentName: string;
  recipient: { name: string; designation: string; email: string };
  demands: string[];
  dueAt: string;
  timeZone: string;
}

export interface SentNotice {
  messageId: string;
  sentAt: string;
}

export function noticeIdempotencyKey(
  r: Pick<SendNoticeRequest, 'workflowId' | 'respondentId' | 'stepId' | 'kind' | 'deadlineVersion'>,
) {
  return [r.workflowId, r.respondentId, r.stepId, r.kind, `v${r.deadlineVersion}`].join('|');
}

export function createNoticeActivities({ records, mailer, links, mailFrom }: ActivityDependencies) {
  return {
    async sendNotice(req: SendNoticeRequest): Promise<SentNotice> {
      const key = noticeIdempotencyKey(req);
      const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${mailDomain(mailFrom)}>`;
      const outbox = await records.reserveNotice({
        idempotencyKey: key,
        workflowId: req.workflowId,
        respondentId: req.respondentId,
        stepId: req.stepId,
        kind: req.kind,
        recipient: req.recipient.email,
        messageId,
      });
      if (outbox.status === 'sent') return { messageId, sentAt: outbox.sent_at! };

      const token = links.sign({
        workflowId: req.workflowId,
        respondentId: req.respondentId,
        stepId: req.stepId,
        recipient: req.recipient.email,
      });
      const message = renderNotice({ ...req, answerUrl: links.urlFor(token) });
      await mailer.send({
        from: mailFrom,
        to: { name: req.recipient.name, address: req.recipient.email },
        messageId,
        ...message,
      });
      const sent = await records.markNoticeSent(key);
      return { messageId, sentAt: sent.sent_at! };
    },
  };
}
