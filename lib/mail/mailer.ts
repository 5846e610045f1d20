// Sends mail through nodemailer over SMTP (SMTP_URL), with a pool of connections reused across sends.
import { connect, type Socket } from 'node:net';
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
  const transport = nodemailer.createTransport({
    pool: true,
    // Bounded waits: a server that stops answering fails the attempt in time for the activity to retry it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...smtpUrlOptions(smtpUrl),
    getSocket: connectWithoutNagle,
  } as Parameters<typeof nodemailer.createTransport>[0]);
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

/**
 * nodemailer's options from an SMTP URL: host, port, TLS (smtps:), credentials, and nodemailer's own options as
 * query parameters (`?pool=false`, `?maxConnections=10`, `?tls.rejectUnauthorized=false`). Parsed here because
 * nodemailer, given a URL, ignores every other option (the timeouts and the socket above).
 */
export function smtpUrlOptions(smtpUrl: string): Record<string, unknown> {
  const url = new URL(smtpUrl);
  const options: Record<string, unknown> = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
  const tls: Record<string, unknown> = {};
  for (const [key, text] of url.searchParams) {
    const value =
      text === 'true' ? true : text === 'false' ? false : /^\d+$/.test(text) ? Number(text) : text;
    if (key.startsWith('tls.')) tls[key.slice(4)] = value;
    else options[key] = value;
  }
  if (Object.keys(tls).length) options.tls = tls;
  return options;
}

/** The domain part of an address such as `Commission <notices@commission.example>`. */
export function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'complaint-deadlines.invalid';
}

interface SocketRequest {
  host?: string;
  port?: number | string;
  secure?: boolean;
  connectionTimeout?: number;
}

/**
 * The TCP connection to the SMTP server, with Nagle's algorithm off. nodemailer ends each message with a small
 * write of its own; with Nagle on, that write waits for the server's delayed ACK (40 ms on Linux), which caps a
 * pooled connection at about 25 messages a second (BENCHMARKS.md). nodemailer still does the TLS (implicit for
 * smtps://, STARTTLS otherwise) over this socket, and everything after the connection.
 */
function connectWithoutNagle(
  options: SocketRequest,
  callback: (err: Error | null, socketOptions?: { connection: Socket }) => void,
): void {
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = connect({ host: options.host ?? 'localhost', port, noDelay: true });
  const timeoutMs = options.connectionTimeout ?? 10_000;
  let settled = false;
  const settle = (err: Error | null) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.removeAllListeners('timeout');
    if (err) {
      socket.destroy();
      callback(err);
    } else callback(null, { connection: socket });
  };
  socket.setTimeout(timeoutMs);
  socket.once('timeout', () => settle(new Error(`connection to ${options.host}:${port} timed out`)));
  socket.once('error', (err) => settle(err));
  socket.once('connect', () => settle(null));
}
