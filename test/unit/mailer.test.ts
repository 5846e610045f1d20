// The mailer against real SMTP servers that go away: refused connections, a server that accepts and never
// answers, sends given up. Whatever happened before, the next send once a server is back goes out.
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import {
  createSmtpMailer,
  mailFlows,
  NotStartedError,
  SendTimeoutError,
  type OutgoingMessage,
} from '../../lib/mail/mailer';
import { freePort } from '../helpers/network';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const message = (i: number): OutgoingMessage => ({
  from: 'NCPCR <notices@ncpcr.example>',
  to: { name: 'Officer', address: `officer-${i}@police.example` },
  subject: `Notice ${i}`,
  text: 'text',
  html: '<p>html</p>',
  messageId: `<mailer-${i}@ncpcr.example>`,
});

/** Accepts TCP connections and never says a word, like a mail server that hangs. */
async function startBlackHole(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

test('after 10 refused connections, the next send once the server is back goes out', async () => {
  const port = await freePort();
  const seen: boolean[] = [];
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, { onDelivery: (ok) => seen.push(ok) });
  try {
    // More at once than the pool has connections (5): each one's connection is refused.
    const refused = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => mailer.send(message(i))));
    expect(refused.map((r) => r.status)).toEqual(Array(10).fill('rejected'));
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/ECONNREFUSED/);
    expect(seen).toEqual(Array(10).fill(false));

    sink = await startSmtpSink({ port });
    await mailer.send(message(10));
    await Promise.all([11, 12, 13, 14, 15, 16].map((i) => mailer.send(message(i))));
    expect(sink.messages.map((m) => m.subject)).toEqual(
      expect.arrayContaining([10, 11, 12, 13, 14, 15, 16].map((i) => `Notice ${i}`)),
    );
    expect(sink.messages).toHaveLength(7);
    expect(seen.slice(10)).toEqual(Array(7).fill(true));
  } finally {
    mailer.close();
  }
}, 30_000);

test('a server that accepts and never answers fails each send within its bound; mail flows once a real one is back', async () => {
  const port = await freePort();
  const hole = await startBlackHole(port);
  const seen: boolean[] = [];
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, {
    sendTimeoutMs: 2_000,
    onDelivery: (ok) => seen.push(ok),
  });
  try {
    const started = Date.now();
    const stuck = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => mailer.send(message(i))));
    expect(stuck.map((r) => r.status)).toEqual(Array(8).fill('rejected'));
    expect((stuck[0] as PromiseRejectedResult).reason).toBeInstanceOf(SendTimeoutError);
    // Every send, waiting ones included, gave up at its bound: none waited for another's.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(seen).toEqual(Array(8).fill(false));

    await hole.close();
    sink = await startSmtpSink({ port });
    await mailer.send(message(8));
    expect(sink.messages.map((m) => m.subject)).toEqual(['Notice 8']);
    expect(seen.at(-1)).toBe(true);
  } finally {
    mailer.close();
  }
}, 30_000);

test('a send given up (cancelled) rejects at once, and one given up while waiting never goes out later', async () => {
  sink = await startSmtpSink({ stallFirst: true });
  const mailer = createSmtpMailer(`${sink.url}?maxConnections=1&socketTimeout=2000`);
  try {
    const first = new AbortController();
    const waiting = new AbortController();
    const stalled = mailer.send(message(1), { signal: first.signal });
    const queued = mailer.send(message(2), { signal: waiting.signal });
    await sink.stalled; // message 1 is on the wire, its reply held back; message 2 waits for the connection
    waiting.abort(new Error('activity cancelled'));
    await expect(queued).rejects.toThrow('activity cancelled');
    first.abort(new Error('worker stopping'));
    await expect(stalled).rejects.toThrow('worker stopping');

    await mailer.send(message(3));
    // One connection, in order: a message given up before it would have arrived before this one.
    await sink.waitForMessages(1, (m) => m.subject === 'Notice 3');
    expect(sink.messages.map((m) => m.subject)).toEqual(['Notice 3']);
  } finally {
    mailer.close();
  }
}, 30_000);

test('a send that gets its connection too late in its attempt is not started, so its retry cannot duplicate it', async () => {
  // One connection, held by a message whose reply never comes until the socket's 2 s bound gives it up.
  sink = await startSmtpSink({ stallFirst: true });
  const mailer = createSmtpMailer(`${sink.url}?maxConnections=1&socketTimeout=2000`);
  try {
    const stalled = mailer.send(message(1));
    // Its attempt ends 3 s from now: the connection frees at about 2 s, less than half its time left.
    const late = mailer.send(message(2), { deadline: Date.now() + 3_000 });
    await expect(late).rejects.toBeInstanceOf(NotStartedError);
    await expect(stalled).rejects.toThrow();

    await mailer.send(message(3));
    await sink.waitForMessages(1, (m) => m.subject === 'Notice 3');
    expect(sink.messages.map((m) => m.subject)).toEqual(['Notice 3']);
  } finally {
    mailer.close();
  }
}, 30_000);

test('what counts as mail not flowing', () => {
  expect(mailFlows(Object.assign(new Error('refused'), { code: 'ESOCKET', command: 'CONN' }))).toBe(false);
  expect(mailFlows(new SendTimeoutError('slow'))).toBe(false);
  expect(mailFlows(Object.assign(new Error('auth'), { responseCode: 535, command: 'AUTH PLAIN' }))).toBe(
    false,
  );
  expect(mailFlows(Object.assign(new Error('busy'), { responseCode: 421, command: 'MAIL FROM' }))).toBe(
    false,
  );
  expect(mailFlows(Object.assign(new Error('no such user'), { responseCode: 550, command: 'RCPT TO' }))).toBe(
    true,
  );
});

test('smtps:// (implicit TLS) sends over the pool, with the TLS options of the URL', async () => {
  const arrived: string[] = [];
  const server = new SMTPServer({
    secure: true, // smtp-server's own self-signed certificate
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrived.push('one');
        callback();
      });
    },
  });
  server.on('error', () => undefined); // the strict client below hangs up on its certificate
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const strict = createSmtpMailer(`smtps://127.0.0.1:${port}`);
  await expect(strict.send(message(0))).rejects.toThrow(/certificate/);
  strict.close();
  const mailer = createSmtpMailer(`smtps://127.0.0.1:${port}?tls.rejectUnauthorized=false`);
  try {
    await Promise.all(Array.from({ length: 50 }, (_, i) => mailer.send(message(i))));
    expect(arrived).toHaveLength(50);
  } finally {
    mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 30_000);
