// A real SMTP server for tests (smtp-server on a free loopback port) that keeps every message it receives,
// parsed with mailparser, so tests assert on the email that actually arrived.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { findAnswerLink } from '../../lib/mail/answer-links';

export interface SmtpSink {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Every recipient refused (rejectRecipients), once per attempt. */
  rejected: string[];
  /** Resolves with the messages once `count` of them (matching `filter`) have arrived. */
  waitForMessages(
    count: number,
    filter?: (m: ParsedMail) => boolean,
    timeoutMs?: number,
  ): Promise<ParsedMail[]>;
  close(): Promise<void>;
  /** With `stallFirst`: resolves when the first message's data has arrived and its reply is being held back. */
  stalled: Promise<void>;
}

export interface SmtpSinkOptions {
  /**
   * Never answer the first message's DATA: the sender waits, as it would for a slow server, until its
   * connection goes away (a killed worker). That message is never accepted.
   */
  stallFirst?: boolean;
  /** A fixed port (to bring a server back where the senders expect it); a free one by default. */
  port?: number;
  /** Addresses refused with `550 5.1.1 no such user`, as a real server refuses a mailbox that does not exist. */
  rejectRecipients?: string[];
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const rejected: string[] = [];
  const refuse = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  let stall = options.stallFirst ?? false;
  let onStalled: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (onStalled = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refuse.has(address.address.toLowerCase())) return callback();
      rejected.push(address.address);
      callback(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stall) {
            stall = false;
            onStalled();
            return; // no reply: the message is never accepted
          }
          messages.push(parsed);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejected,
    async waitForMessages(count, filter = () => true, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = messages.filter(filter);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} message(s), got ${matching.length} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    stalled,
  };
}

/** The officer's answer link in a message's plain-text part. */
export function answerLinkIn(message: ParsedMail): string {
  const link = findAnswerLink(message.text ?? '');
  if (!link) throw new Error(`no answer link in message ${message.messageId ?? ''}`);
  return link;
}
