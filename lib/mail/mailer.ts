// Sends mail through nodemailer over SMTP (SMTP_URL), with a pool of connections reused across sends.
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable per message (derived from the outbox key), so a resend is recognisably the same message. */
  messageId: string;
  /** An iCalendar invitation (a summons' hearing), sent as a text/calendar part with METHOD:REQUEST. */
  calendar?: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ accepted: string[]; response: string }>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  // Bounded waits: a server that stops answering fails the attempt in time for the activity to retry it.
  const transport = nodemailer.createTransport(url.toString(), {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        ...(message.calendar
          ? { icalEvent: { method: 'REQUEST', filename: 'hearing.ics', content: message.calendar } }
          : {}),
      });
      return { accepted: info.accepted.map(String), response: info.response };
    },
    close: () => transport.close(),
  };
}

/** The domain part of an address such as `Commission <notices@commission.example>`. */
export function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'complaint-deadlines.invalid';
}
