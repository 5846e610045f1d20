// Where a notice is sent (and every other message: reminders, summons, receipts, staff alerts). Exactly once
// as the recipient sees it: the outbox row (keyed by complaint and its identity, respondent, step, kind and
// version: lib/records/outbox-key.ts) is written
// before sending and marked sent after, and the message carries a Message-ID derived from that key, so a
// resend after a crash is the same message to the recipient's mail program.
import { stepAnchor } from '../lib/config';
import { createHash } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { hearingInvitation, type CalendarMethod } from '../lib/mail/hearing-invitation';
import { renderJointInquiryCopy, WITHHELD_LINK } from '../lib/mail/joint-inquiry-copy';
import type { JointCommission } from '../lib/domain/joint-inquiries';
import { isLetterKind, letterFor, type LetterTerms } from '../lib/mail/letters/letter';
import { renderLetterMessage } from '../lib/mail/letters/letter-mail';
import { LetterRenderTimeout, sharedLetterRenderPool } from '../lib/mail/letters/letter-render-pool';
import { permanentRejection, type OutgoingMessage, type SendOptions } from '../lib/mail/mailer';
import {
  officerMessageSubject,
  renderOfficerMessage,
  type OfficerMessageContent,
  type RenderedMessage,
} from '../lib/mail/officer-messages';
import { isOfficerUpdate, renderOfficerUpdate, type OfficerUpdateContent } from '../lib/mail/officer-updates';
import { renderStaffAlert, type StaffAlertContent } from '../lib/mail/staff-alerts';
import { identityOf } from '../lib/records/complaint-identity';
import type { JournalEntry } from '../lib/records/journal';
import { mailDomain, messageIdempotencyKey, messageIdFor } from '../lib/records/outbox-key';
import { UNDELIVERABLE_FAILURE, type OfficerUpdateKind } from '../lib/domain/complaint-state';
import { recordAnswerRow, type RecordAnswerRequest } from './answers';
import type { ActivityDependencies } from './dependencies';
import { publishStepCounts } from './journal';
import { workerMetrics } from './metrics';

export interface MessageAddress<Kind extends string = string> {
  workflowId: string;
  /** The complaint's first run ID: a new complaint under an old workflow ID sends its own messages. */
  firstRunId: string;
  respondentId: string;
  stepId: string;
  kind: Kind;
  /** Bumped when a deadline or hearing changes, so the message with the new date is a new message. */
  version: number;
  /** The same message sent again to a corrected address (the step's nth correction): a message of its own. */
  readdressed?: number;
  /** The copy of the message to a commission in a joint inquiry (its address): a message of its own. */
  copyTo?: string;
}

export interface SendMessageRequest
  extends
    Omit<OfficerMessageContent, 'answerUrl' | 'kind'>,
    Omit<OfficerUpdateContent, 'answerUrl' | 'kind'>,
    MessageAddress<OfficerMessageContent['kind'] | OfficerUpdateKind> {
  recipient: { name: string; designation: string; email: string };
  /** The commission's address: the organizer of a summons' calendar invitation. */
  commissionEmail?: string;
  /** A notice, reminder or summons: its date of issue, languages and legal basis (required for those kinds). */
  letter?: LetterTerms;
  /** The complaint's journal entries to write with the outbox row, in its transaction. */
  journal?: JournalEntry[];
  /** The commissions in a joint inquiry: each gets a copy, without the officer's link. */
  copies?: JointCommission[];
}

export interface StaffAlertRequest
  extends Omit<StaffAlertContent, 'consoleUrl'>, MessageAddress<StaffAlertContent['kind']> {
  to: { name: string; email: string };
  /** The complaint's journal entries to write with the outbox row, in its transaction. */
  journal?: JournalEntry[];
}

export interface SentMessage {
  messageId: string;
  sentAt: string;
}

/** One message of a moment (an answer taken, a lapse): to an officer, or to the commission's staff. */
export type MomentMessage = { officer: SendMessageRequest } | { staff: StaffAlertRequest };

/** How one message of a moment went: sent, or refused for good by the mail server. */
export type MessageOutcome = SentMessage | { undeliverable: string };

export interface SendMomentRequest {
  messages: MomentMessage[];
  /** The officer's answer the messages acknowledge: its records row is written first. */
  answer?: RecordAnswerRequest;
}

/** A message that can never be delivered as addressed: the workflow recognises the failure's type. */
export function undeliverable(reason: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(reason, UNDELIVERABLE_FAILURE);
}

/**
 * Heartbeats while the attempt runs, from its tenth second on: a send whose letter waits behind a burst of others
 * has minutes (MAIL_OPTIONS), yet a worker lost mid-send is noticed within the heartbeat timeout. An ordinary
 * send ends long before the first beat, so it costs Temporal nothing. Returns the stop.
 */
function heartbeatWhileRunning(): () => void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return () => undefined; // called outside an activity
  }
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  return () => clearInterval(timer);
}

function isUndeliverable(err: unknown): err is ApplicationFailure {
  return err instanceof ApplicationFailure && err.type === UNDELIVERABLE_FAILURE;
}

const HEARING_MINUTES = 60;

/** Time kept between a send's end and the attempt's timeout, for the outbox write after it. */
const ATTEMPT_MARGIN_MS = 3_000;

/** Renders a message within the attempt's bounds (a letter's PDF in the pool, given up with the attempt). */
export type RenderMessage = (
  bounds: SendOptions,
) => Promise<RenderedMessage & Pick<OutgoingMessage, 'calendar' | 'calendarMethod' | 'attachments'>>;

/**
 * The calendar part of a summons (REQUEST, its SEQUENCE the summons' version less one) or of a hearing dispensed
 * with (CANCEL of the same UID, its SEQUENCE the step's version: higher than the last invitation's).
 */
function hearingCalendar(
  req: SendMessageRequest & { hearingAt: string },
  mailFrom: string,
  method: CalendarMethod,
): Pick<OutgoingMessage, 'calendar' | 'calendarMethod'> {
  const start = new Date(req.hearingAt);
  const calendar = hearingInvitation(
    {
      // One event per summons of this complaint: another complaint under the same workflow ID has its own.
      uid: `${createHash('sha256')
        .update(
          `${req.workflowId}|${req.respondentId}|${req.stepId}${req.firstRunId ? `|${req.firstRunId}` : ''}`,
        )
        .digest('hex')
        .slice(0, 32)}@${mailDomain(mailFrom)}`,
      sequence: method === 'CANCEL' ? req.version : req.version - 1,
      start: start.toISOString(),
      end: new Date(start.getTime() + HEARING_MINUTES * 60_000).toISOString(),
      stamp: new Date().toISOString(),
      summary: `Hearing ${req.caseReference}: ${req.respondentName}`,
      description: `${req.commissionName} summons ${req.recipient.name}, ${req.recipient.designation}, to appear with the Action Taken Report. Case reference ${req.caseReference}.`,
      location: req.commissionName,
      organizer: {
        name: req.commissionName,
        email: req.commissionEmail ?? mailFrom.replace(/^.*<|>.*$/g, ''),
      },
      attendee: { name: req.recipient.name, email: req.recipient.email },
    },
    method,
  );
  return { calendar, calendarMethod: method };
}

/** How often a send that is still running (its letter waiting its turn in the pool) tells Temporal it lives. */
const HEARTBEAT_EVERY_MS = 10_000;

/**
 * How the attempt bounds its send: its cancellation (the worker stopping), and the attempt's timeout, after
 * which Temporal runs another attempt that must not find this one still sending (it would send twice).
 */
function attemptBounds(): SendOptions {
  try {
    const { cancellationSignal, info } = Context.current();
    return {
      signal: cancellationSignal,
      deadline: Date.now() + info.startToCloseTimeoutMs - ATTEMPT_MARGIN_MS,
    };
  } catch {
    return {}; // called outside an activity
  }
}

/** How every message is sent once (the outbox row, then the send): the notices' and the transfers' activities. */
export function messageDelivery({ records, mailer, mailFrom }: ActivityDependencies) {
  async function deliverOnce(
    address: MessageAddress,
    to: { name: string; email: string },
    render: RenderMessage,
    journal?: JournalEntry[],
  ): Promise<SentMessage> {
    const stopHeartbeats = heartbeatWhileRunning();
    try {
      return await deliverWithin(attemptBounds(), address, to, render, journal);
    } finally {
      stopHeartbeats();
    }
  }

  async function deliverWithin(
    bounds: SendOptions,
    address: MessageAddress,
    to: { name: string; email: string },
    render: RenderMessage,
    journal?: JournalEntry[],
  ): Promise<SentMessage> {
    const key = messageIdempotencyKey(address);
    const messageId = messageIdFor(key, mailFrom);
    const outbox = await records.reserveNotice({
      idempotencyKey: key,
      ...identityOf(address),
      respondentId: address.respondentId,
      stepId: address.stepId,
      kind: address.kind,
      recipient: to.email,
      messageId,
      ...(journal?.length ? { journal } : {}),
    });
    // The journal came with this message (not by recordJournal): the step gauges follow it here.
    if (journal?.length) await publishStepCounts(records);
    if (outbox.status === 'sent') return { messageId, sentAt: outbox.sent_at! };
    if (outbox.status === 'undeliverable') throw undeliverable(outbox.failure ?? 'rejected');
    try {
      await mailer.send(
        { from: mailFrom, to: { name: to.name, address: to.email }, messageId, ...(await render(bounds)) },
        bounds,
      );
    } catch (err) {
      // The server refused this recipient or message for good (5xx), or its letter cannot be rendered in time:
      // retrying cannot deliver it. The workflow marks it undeliverable, tells staff, and its clock goes on.
      const rejection = permanentRejection(err) ?? (err instanceof LetterRenderTimeout ? err.message : null);
      if (!rejection) throw err;
      await records.markNoticeUndeliverable(key, rejection);
      throw undeliverable(rejection);
    }
    const sent = await records.markNoticeSent(key);
    workerMetrics.messageSent(address.kind);
    return { messageId, sentAt: sent.sent_at! };
  }
  return deliverOnce;
}

export function createNoticeActivities(deps: ActivityDependencies) {
  const { records, links, mailFrom, letterhead, letters = sharedLetterRenderPool(), consoleUrlFor } = deps;
  const deliverOnce = messageDelivery(deps);

  /**
   * An officer's message as it reads with `answerUrl` as its link: staff's decisions (officer-updates.ts), letters
   * (a PDF rendered in the letter pool's threads, off this event loop) or the other messages; a summons carries
   * its hearing's calendar invitation.
   */
  async function renderOfficerMessageWith(
    req: SendMessageRequest,
    answerUrl: string,
    { signal }: SendOptions,
  ): Promise<RenderedMessage & Pick<OutgoingMessage, 'calendar' | 'calendarMethod' | 'attachments'>> {
    // What staff decided (a new deadline, an accepted answer, a closed complaint): lib/mail/officer-updates.ts.
    if (isOfficerUpdate(req.kind)) {
      const update = renderOfficerUpdate({ ...req, kind: req.kind, answerUrl });
      // A hearing dispensed with: the officer's calendar removes the event the summons put there.
      return req.kind === 'hearing-dispensed' && req.hearingAt
        ? { ...update, ...hearingCalendar({ ...req, hearingAt: req.hearingAt }, mailFrom, 'CANCEL') }
        : update;
    }
    // Notices, reminders and summons are official letters (lib/mail/letters/), attached as a PDF rendered
    // in the letter pool's threads, off this event loop.
    let message: RenderedMessage & Pick<OutgoingMessage, 'attachments'>;
    if (isLetterKind(req.kind)) {
      // The workflow sets a letter's terms, so every attempt and resend prints the same date of issue.
      if (!req.letter)
        throw ApplicationFailure.nonRetryable(
          `letter: a ${req.kind} needs its letter terms`,
          'InvalidArgument',
        );
      const letter = letterFor({ ...req, kind: req.kind }, letterhead, req.letter);
      const pdf = await letters.render(letter, signal);
      message = renderLetterMessage(
        letter,
        officerMessageSubject({ ...req, kind: req.kind }),
        answerUrl,
        pdf,
      );
    } else message = renderOfficerMessage({ ...req, kind: req.kind, answerUrl });
    if (req.kind !== 'summons' || !req.hearingAt) return message;
    return { ...message, ...hearingCalendar({ ...req, hearingAt: req.hearingAt }, mailFrom, 'REQUEST') };
  }

  /** A message to an officer, with the link to their step; then its copies to the joint inquiry's commissions. */
  async function sendOfficerMessage(req: SendMessageRequest): Promise<SentMessage> {
    const sent = await deliverOnce(
      req,
      req.recipient,
      (bounds) => {
        const token = links.sign({
          workflowId: req.workflowId,
          respondentId: req.respondentId,
          stepId: req.stepId,
          recipient: req.recipient.email,
        });
        return renderOfficerMessageWith(req, links.urlFor(token), bounds);
      },
      req.journal,
    );
    if (req.copies?.length) await sendJointInquiryCopies(req, req.copies);
    return sent;
  }

  /**
   * A copy of the officer's message to each commission in a joint inquiry, once each (its own outbox row, keyed by
   * the message's and the commission's address), without the officer's link: a separate message, never a Cc. A
   * copy the mail server refuses for good is marked so in the outbox (staff see it on the complaint's page) and
   * does not hold the officer's message back.
   */
  async function sendJointInquiryCopies(req: SendMessageRequest, copies: JointCommission[]): Promise<void> {
    let original: ReturnType<typeof renderOfficerMessageWith> | undefined;
    for (const commission of copies) {
      try {
        await deliverOnce({ ...req, copyTo: commission.email }, commission, async (bounds) => {
          original ??= renderOfficerMessageWith(req, WITHHELD_LINK, bounds);
          const { attachments, ...rendered } = await original;
          const copy = renderJointInquiryCopy(
            {
              commissionName: req.commissionName,
              jointCommissionName: commission.name,
              caseReference: req.caseReference,
              recipient: req.recipient,
              respondentName: req.respondentName,
            },
            rendered,
          );
          return { ...copy, ...(attachments ? { attachments } : {}) };
        });
      } catch (err) {
        if (!isUndeliverable(err)) throw err;
      }
    }
  }

  /** An alert to the commission's staff, with the link to the complaint. */
  function sendStaffAlert(req: StaffAlertRequest): Promise<SentMessage> {
    return deliverOnce(
      req,
      req.to,
      () =>
        Promise.resolve(
          renderStaffAlert({
            ...req,
            // Straight to the step on the complaint's page, where its actions are (one click grants more time).
            consoleUrl: `${consoleUrlFor(req.workflowId)}#${stepAnchor(req.respondentId, req.stepId)}`,
          }),
        ),
      req.journal,
    );
  }

  return {
    sendOfficerMessage,
    sendStaffAlert,

    /**
     * Everything one moment sends, in one activity: an answer's records row, receipt and staff alert, or a
     * lapse's staff alert and overdue reminder. Each message has its own outbox row (sent once, whatever the
     * retries); a failure that a retry may mend fails the attempt, and the retry skips what already went out. A
     * message the mail server refuses for good is an outcome, not a failure: the others still go.
     */
    async sendMoment({ messages, answer }: SendMomentRequest): Promise<MessageOutcome[]> {
      if (answer) await recordAnswerRow(records, answer);
      const results = await Promise.allSettled(
        messages.map((m) => ('officer' in m ? sendOfficerMessage(m.officer) : sendStaffAlert(m.staff))),
      );
      const retryable = results.find((r) => r.status === 'rejected' && !isUndeliverable(r.reason));
      if (retryable?.status === 'rejected') throw retryable.reason;
      return results.map((r) =>
        r.status === 'fulfilled' ? r.value : { undeliverable: (r.reason as ApplicationFailure).message },
      );
    },
  };
}
