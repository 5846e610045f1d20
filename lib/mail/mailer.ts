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
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ accepted: string[]; response: string }>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
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
