// The benchmark's SMTP server (smtp-server on a free loopback port): it parses each message it accepts and
// hands it to whoever waits for that recipient, and counts messages by the title of their subject, with the
// time each arrived, so the fan-out is timed on the messages that actually arrived.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { findAnswerLink } from '../../lib/mail/answer-links';

export interface ArrivedMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  arrivedAt: number;
}

export class MailSink {
  private readonly waiting = new Map<string, (m: ArrivedMessage) => void>();
  private readonly unclaimed = new Map<string, ArrivedMessage[]>();
  private readonly arrivals = new Map<string, { at: number; to: string }[]>();
  private readonly last = new Map<string, ArrivedMessage>();
  private watchers: (() => void)[] = [];
  total = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<MailSink> {
    const sinkRef: { sink?: MailSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            sinkRef.sink!.arrived({
              to: to?.value[0]?.address ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              arrivedAt: Date.now(),
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    const sink = new MailSink(server, `smtp://127.0.0.1:${port}`);
    sinkRef.sink = sink;
    return sink;
  }

  private arrived(message: ArrivedMessage): void {
    this.total++;
    const title = titleOf(message.subject);
    const times = this.arrivals.get(title) ?? [];
    times.push({ at: message.arrivedAt, to: message.to.toLowerCase() });
    this.arrivals.set(title, times);
    this.last.set(title, message);
    const key = message.to.toLowerCase();
    const waiter = this.waiting.get(key);
    if (waiter) {
      this.waiting.delete(key);
      waiter(message);
    } else if (this.keepUnclaimed) {
      const list = this.unclaimed.get(key) ?? [];
      list.push(message);
      this.unclaimed.set(key, list);
    }
    const watchers = this.watchers;
    this.watchers = [];
    for (const w of watchers) w();
  }

  /** Whether messages nobody waits for yet are kept for a later `next()` (off where nobody will ask). */
  keepUnclaimed = true;

  /** The next message to `address` (one that already arrived unclaimed, or the next to arrive). */
  next(address: string, timeoutMs = 120_000): Promise<ArrivedMessage> {
    const key = address.toLowerCase();
    const queued = this.unclaimed.get(key)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no message to ${address} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(key, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  /** Arrival times of the messages whose subject starts with `title` ("Notice", "Overdue reminder"...), to `to`. */
  arrivalsOf(title: string, to: (address: string) => boolean = () => true): number[] {
    return (this.arrivals.get(title) ?? []).filter((a) => to(a.to)).map((a) => a.at);
  }

  /** The last message titled `title` that arrived. */
  lastOf(title: string): ArrivedMessage | undefined {
    return this.last.get(title);
  }

  /** Resolves once `count` messages titled `title` (to `to`) have arrived (or rejects after `timeoutMs`). */
  async waitForCount(
    title: string,
    count: number,
    timeoutMs: number,
    to?: (address: string) => boolean,
  ): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrivalsOf(title, to).length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `${this.arrivalsOf(title, to).length} of ${count} "${title}" messages within ${timeoutMs / 1000} s`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.watchers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.arrivalsOf(title, to);
  }

  /** Forgets what arrived (between sections). */
  reset(): void {
    this.unclaimed.clear();
    this.arrivals.clear();
    this.last.clear();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const TITLES = [
  'Notice',
  'Reminder: deadline approaching',
  'Overdue reminder',
  'Further demand',
  'Answer received',
  'Summons',
];

/** The kind of message, from its subject: an officer message's title, "raw" and "baseline" (the floors), or "staff". */
export function titleOf(subject: string): string {
  const title = TITLES.find((t) => subject.startsWith(`${t} `));
  if (title) return title;
  if (subject.startsWith('Raw ')) return 'raw';
  return subject.startsWith('Baseline ') ? 'baseline' : 'staff';
}

/** The officer's answer link in a message's plain text. */
export function answerLinkIn(message: ArrivedMessage): string {
  const link = findAnswerLink(message.text);
  if (!link) throw new Error(`no answer link in the message to ${message.to}`);
  return link;
}
