// A gate in front of a test SMTP server, to stage an outage: open (every connection reaches the server),
// refusing (nothing listens: connections are refused, open ones are cut), or a black hole (connections are
// accepted and nothing is ever said on them, open ones included), and open again on the same port.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type GateState = 'open' | 'refusing' | 'black-hole';

export interface SmtpGate {
  url: string;
  port: number;
  readonly state: GateState;
  refuse(): Promise<void>;
  blackHole(): void;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpGate(upstreamPort: number): Promise<SmtpGate> {
  let state: GateState = 'open';
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();
  // Nothing more reaches the server; a reply already on its way still gets back. A message the server took is
  // then acknowledged, never cut between the server's acceptance and its reply (which would make the sender
  // send it again: a duplicate that no code could prevent, and a flaky test).
  const silence = (pair: { client: Socket; upstream?: Socket }) => {
    if (pair.upstream) pair.client.unpipe(pair.upstream);
    pair.client.on('data', () => undefined); // read and drop
  };
  const onConnection = (client: Socket) => {
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (state === 'black-hole') {
      client.on('data', () => undefined);
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort });
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as { port: number }).port;
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    get state() {
      return state;
    },
    async refuse() {
      state = 'refusing';
      const closed = stopListening();
      for (const pair of pairs) silence(pair);
      await new Promise((r) => setTimeout(r, 300));
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      await closed;
    },
    blackHole() {
      state = 'black-hole';
      for (const pair of pairs) silence(pair);
    },
    async open() {
      if (state === 'refusing') {
        server = createServer(onConnection);
        await listen(port);
      }
      state = 'open';
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      if (state !== 'refusing') await stopListening();
    },
  };
}
