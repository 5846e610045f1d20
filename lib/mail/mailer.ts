// Sends mail through nodemailer over SMTP (SMTP_URL), with a pool of connections reused across sends.
//
// Nothing here may hang or wedge: every SMTP step has a bound (connection, greeting, socket), the whole send
// has one too, a send can be abandoned (the activity was cancelled: the worker is stopping), and a pool that
// a send was abandoned in is retired and replaced, so whatever is stuck in it cannot hold up later sends.
import { connect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
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
  /** The calendar part's method: REQUEST (the default) or CANCEL (a hearing dispensed with). */
  calendarMethod?: 'REQUEST' | 'CANCEL';
  /** Files attached (a letter's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SendOptions {
  /** Abandons the send (the activity's cancellation): it rejects at once with the signal's reason. */
  signal?: AbortSignal;
  /**
   * When the send must have ended (epoch ms), if sooner than its own bound: the activity attempt's timeout,
   * after which Temporal starts another attempt that must not find this one still sending.
   */
  deadline?: number;
}

export interface Mailer {
  send(message: OutgoingMessage, options?: SendOptions): Promise<{ accepted: string[]; response: string }>;
  close(): void;
}

export interface MailerOptions {
  /** The whole send, waiting for a free connection included (default 25 s: an SMTP conversation, however long its attempt). */
  sendTimeoutMs?: number;
  /**
   * Told after every attempt whether mail is flowing: true when the server took the message or answered it
   * (a refused recipient is the recipient's problem, not an outage), false when it could not be reached, did
   * not answer in time, or refused us as a client. Abandoned sends tell nothing.
   */
  onDelivery?: (flowing: boolean, error?: Error) => void;
}

/** Per step of the SMTP conversation: a server that stops answering fails the attempt well within the send's bound. */
const SMTP_BOUNDS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
const DEFAULT_SEND_TIMEOUT_MS = 25_000;
/**
 * The least time a send is handed to the pool with. A send cut once the server has the whole message may still
 * be delivered, and its retry then delivers it again; a send that got its connection late in its attempt (a
 * queue of sends after an outage) gives up before it starts instead, and its retry sends it whole.
 */
const MIN_SEND_WINDOW_MS = 10_000;
const DEFAULT_MAX_CONNECTIONS = 5;
/** Bodies longer than this (text and HTML, in characters) go in base64. */
const LONG_BODY_CHARS = 16_000;

export class SendTimeoutError extends Error {
  override name = 'SendTimeoutError';
}

/** A send given its connection too late in its attempt to finish: not started, as if it had waited to its bound. */
export class NotStartedError extends SendTimeoutError {
  override name = 'NotStartedError';
  constructor(leftMs: number) {
    super(`only ${leftMs} ms left to send in: not started, the next attempt sends it whole`);
  }
}

export function createSmtpMailer(smtpUrl: string, options: MailerOptions = {}): Mailer {
  const transportOptions = {
    pool: true,
    ...SMTP_BOUNDS,
    ...smtpUrlOptions(smtpUrl),
  } as Record<string, unknown>;
  transportOptions.getSocket = transportOptions.secure
    ? connectWithoutNagle('tls', transportOptions.tls ?? {})
    : connectWithoutNagle('tcp');
  const build = () =>
    nodemailer.createTransport(transportOptions as Parameters<typeof nodemailer.createTransport>[0]);
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  // Sends wait here, not in nodemailer's pool queue: a wait here can be given up without the message going
  // out later, and each send handed to the pool finds a connection of its own.
  const slots = new Slots(Number(transportOptions.maxConnections) || DEFAULT_MAX_CONNECTIONS);
  let transport = build();
  let closed = false;

  /**
   * A send was abandoned inside this pool: new sends go to a fresh one, and the old one closes now, connections
   * under way included (nodemailer's close() would let them finish): an abandoned message must not go out
   * after its activity attempt has given up, or the retry would send it twice. (Once a server has the whole
   * message it may deliver it whatever happens to the connection; the retry then carries the same Message-ID.)
   */
  function retire(pool: typeof transport): void {
    if (pool !== transport || closed) return;
    transport = build();
    pool.close();
    const busy = (pool.transporter as unknown as { _connections?: { close(): void }[] })._connections;
    for (const connection of [...(busy ?? [])]) connection.close();
  }

  return {
    async send(message, { signal, deadline } = {}) {
      if (closed) throw new Error('the mailer is closed');
      const bound = new AbortController();
      const boundMs = Math.min(sendTimeoutMs, (deadline ?? Infinity) - Date.now());
      if (boundMs <= 0) throw new SendTimeoutError('no time left to send within the attempt');
      const endsAt = Date.now() + boundMs;
      // The bound ends only after the I/O already received has been read (two turns of the event loop): on a
      // loaded worker the timer and the server's acceptance can be due in the same turn, and timers run first.
      const timer = setTimeout(
        () =>
          setImmediate(() =>
            setImmediate(() => bound.abort(new SendTimeoutError(`SMTP send not done within ${boundMs} ms`))),
          ),
        Math.max(0, boundMs),
      );
      const onCancel = () => bound.abort(signal!.reason);
      if (signal?.aborted) onCancel();
      else signal?.addEventListener('abort', onCancel, { once: true });
      let pool: typeof transport | undefined;
      try {
        await slots.take(bound.signal);
        pool = transport;
        bound.signal.throwIfAborted(); // given up while its turn came: never handed over
        const left = endsAt - Date.now();
        if (left < Math.min(MIN_SEND_WINDOW_MS, boundMs / 2)) throw new NotStartedError(left);
        const info = await untilAborted(
          pool.sendMail({
            from: message.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            messageId: message.messageId,
            // A long body in base64 (native) rather than quoted-printable (nodemailer's JavaScript, a character at
            // a time): profiled, the QP of the largest letters' bodies held the worker's event loop 100 ms a time.
            ...(message.text.length + message.html.length > LONG_BODY_CHARS
              ? { textEncoding: 'base64' }
              : {}),
            ...(message.calendar
              ? {
                  icalEvent: {
                    method: message.calendarMethod ?? 'REQUEST',
                    filename: 'hearing.ics',
                    content: message.calendar,
                  },
                }
              : {}),
            ...(message.attachments?.length ? { attachments: message.attachments } : {}),
          }),
          bound.signal,
        );
        options.onDelivery?.(true);
        return { accepted: info.accepted.map(String), response: info.response };
      } catch (err) {
        if (bound.signal.aborted && pool) retire(pool);
        if (!signal?.aborted) options.onDelivery?.(mailFlows(err), err as Error);
        throw err;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCancel);
        if (pool) slots.give();
      }
    },
    close() {
      closed = true;
      transport.close();
    },
  };
}

/**
 * Whether an error still shows mail flowing: the server answered a message or a recipient (a 550 for one
 * address, a 452 greylisting), as opposed to not being reached, not answering, or refusing us as a client.
 */
export function mailFlows(err: unknown): boolean {
  const { responseCode, command } = err as { responseCode?: number; command?: string };
  if (typeof responseCode !== 'number' || responseCode === 421) return false;
  // A refused sender (MAIL FROM: relay denied, authentication required) refuses every message: an outage.
  return command === undefined || aboutThisMessage(command);
}

/** A reply to this message's recipient or content (not to us as a client: connection, EHLO, AUTH, MAIL FROM). */
function aboutThisMessage(command: string | undefined): boolean {
  return /^(RCPT TO|DATA)/i.test(command ?? '');
}

/**
 * The server's permanent refusal of this message or its recipient (a 5xx reply to RCPT TO or DATA: no such
 * user, mailbox disabled, message refused), as `550 5.1.1 <x@y>: no such user`; null for anything a retry may
 * get through (4xx, connection trouble, timeouts, a refused sender: that is the server refusing us).
 */
export function permanentRejection(err: unknown): string | null {
  const { responseCode, command, response } = err as {
    responseCode?: number;
    command?: string;
    response?: string;
  };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return null;
  if (!aboutThisMessage(command)) return null;
  return (response ?? `${responseCode}`).slice(0, 300);
}

/** Resolves or rejects as `work` does, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** A counting semaphore whose waits can be given up. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  take(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const granted = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(granted), 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(granted);
    });
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
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

/**
 * The connection to the SMTP server, with Nagle's algorithm off. nodemailer ends each message with a small
 * write of its own; with Nagle on, that write waits for the server's delayed ACK (40 ms on Linux), which caps a
 * pooled connection at about 25 messages a second (BENCHMARKS.md). For smtps:// the TLS socket is made here
 * too (Node 20's tls.connect ignores `noDelay`), with the URL's `tls.*` options.
 *
 * The socket is handed over while it is still connecting, never with an error: nodemailer then meets a refused
 * or silent connection with its own handlers (attached as it takes the socket) and its greeting timeout, which
 * take the broken connection out of the pool. (An error passed back from here instead leaves a dead entry in
 * nodemailer's pool for good: five refused connections and the pool never sent again.)
 */
function connectWithoutNagle(kind: 'tcp' | 'tls', tlsOptions: ConnectionOptions = {}) {
  return (
    options: { host?: string; port?: number | string },
    callback: (err: null, socketOptions: { connection: Socket; secured?: boolean }) => void,
  ): void => {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || (kind === 'tls' ? 465 : 587);
    const socket =
      kind === 'tls'
        ? tlsConnect({ servername: isIP(host) ? undefined : host, ...tlsOptions, host, port })
        : connect({ host, port });
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // nodemailer's own handlers hear every error too; none may crash us
    callback(null, kind === 'tls' ? { connection: socket, secured: true } : { connection: socket });
  };
}
