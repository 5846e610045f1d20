// Where a notice is sent (and every other message to an officer). Exactly once as the recipient sees it: the
// outbox row (keyed by complaint, respondent, step, kind and deadline version) is written before sending and
// marked sent after, and the message carries a Message-ID derived from that key.
import { createHash } from 'node:crypto';
import { mailDomain } from '../lib/mail/mailer';
import { renderOfficerMessage, type OfficerMessageContent } from '../lib/mail/officer-messages';
import type { ActivityDependencies } from './dependencies';

export interface SendMessageRequest extends Omit<OfficerMessageContent, 'answerUrl'> {
  workflowId: string;
  respondentId: string;
  stepId: string;
  /** Bumped when a deadline or hearing changes, so the message with the new date is a new message. */
  version: number;
  recipient: { name: string; designation: string; email: string };
}

export interface SentMessage {
  messageId: string;
  sentAt: string;
}

export function messageIdempotencyKey(
  r: Pick<SendMessageRequest, 'workflowId' | 'respondentId' | 'stepId' | 'kind' | 'version'>,
): string {
  return [r.workflowId, r.respondentId, r.stepId, r.kind, `v${r.version}`].join('|');
}

export function createNoticeActivities({ records, mailer, links, mailFrom }: ActivityDependencies) {
  return {
    async sendOfficerMessage(req: SendMessageRequest): Promise<SentMessage> {
      const key = messageIdempotencyKey(req);
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
      const message = renderOfficerMessage({ ...req, answerUrl: links.urlFor(token) });
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
