// The staff's daily digest: read from the records, sent once per day through the outbox (keyed by the digest's
// date), so a retried activity, a re-run workflow or a schedule triggered twice the same day sends nothing new.
import { Context } from '@temporalio/activity';
import { DateTime } from 'luxon';
import { permanentRejection } from '../lib/mail/mailer';
import { messageIdFor } from '../lib/records/outbox-key';
import { renderStaffDigest } from '../lib/mail/staff-digest';
import { NO_COMPLAINT_IDENTITY } from '../lib/records/complaint-identity';
import { digestSections, type DigestItem } from '../lib/records/digest';
import { messageIdempotencyKey } from '../lib/records/outbox-key';
import type { ActivityDependencies } from './dependencies';
import { workerMetrics } from './metrics';

/** The outbox's complaint ID for the digests (no complaint has it: theirs begin `complaint-`). */
export const STAFF_DIGEST_ID = 'staff-digest';

export interface StaffDigestRequest {
  /** When the digest is made (the workflow's time): its date in `timeZone` keys the email. */
  at: string;
  timeZone: string;
  to: { name: string; email: string };
  commissionName: string;
}

export type StaffDigestOutcome =
  | { date: string; status: 'sent' | 'already-sent'; messageId: string; items: number }
  | { date: string; status: 'undeliverable'; failure: string };

export function createDigestActivities({
  records,
  mailer,
  mailFrom,
  consoleUrlFor,
}: Pick<ActivityDependencies, 'records' | 'mailer' | 'mailFrom' | 'consoleUrlFor'>) {
  return {
    async sendStaffDigest(req: StaffDigestRequest): Promise<StaffDigestOutcome> {
      const date = DateTime.fromISO(req.at, { zone: req.timeZone }).toISODate()!;
      const key = messageIdempotencyKey({
        workflowId: STAFF_DIGEST_ID,
        firstRunId: NO_COMPLAINT_IDENTITY,
        respondentId: '',
        stepId: date,
        kind: 'staff-digest',
        version: 1,
      });
      const messageId = messageIdFor(key, mailFrom);
      const row = await records.reserveNotice({
        idempotencyKey: key,
        workflowId: STAFF_DIGEST_ID,
        // The digest is the commission's, of no one complaint.
        firstRunId: NO_COMPLAINT_IDENTITY,
        respondentId: '',
        stepId: date,
        kind: 'staff-digest',
        recipient: req.to.email,
        messageId,
      });
      if (row.status === 'sent') return { date, status: 'already-sent', messageId, items: 0 };
      if (row.status === 'undeliverable')
        return { date, status: 'undeliverable', failure: row.failure ?? 'rejected' };
      const sections = await digestSections(records.db, req.at);
      const message = renderStaffDigest({
        commissionName: req.commissionName,
        date,
        timeZone: req.timeZone,
        sections,
        consoleUrlFor,
      });
      let signal: AbortSignal | undefined;
      try {
        signal = Context.current().cancellationSignal;
      } catch {
        signal = undefined; // called outside an activity
      }
      try {
        await mailer.send(
          { from: mailFrom, to: { name: req.to.name, address: req.to.email }, messageId, ...message },
          signal ? { signal } : {},
        );
      } catch (err) {
        const rejection = permanentRejection(err);
        if (!rejection) throw err;
        await records.markNoticeUndeliverable(key, rejection);
        return { date, status: 'undeliverable', failure: rejection };
      }
      await records.markNoticeSent(key);
      workerMetrics.messageSent('staff-digest');
      const lists: DigestItem[][] = [
        sections.overdue,
        sections.dueSoon,
        sections.hearings,
        sections.toReview,
        sections.undeliverable,
      ];
      const items = lists.reduce((n, list) => n + list.length, 0);
      return { date, status: 'sent', messageId, items };
    },
  };
}
