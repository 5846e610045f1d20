// The Temporal UI console the web app serves to staff (its browser run is in npm-start.test.ts): who gets in,
// which requests pass to the UI server, and where sign-in may send someone next. The UI server here is a plain
// HTTP server that answers with what it was asked, so what passed through is what it says.
import { createServer, type Server } from 'node:http';
import { sign } from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { StaffSessions } from '../../client/web/staff-auth';
import { hashPassword } from '../../client/staff-passwords';
import { StaffSessionStore } from '../../lib/records/staff-sessions';
import { ReaderAccessStore } from '../../lib/records/reader-access';
import { RecordsStore } from '../../lib/records/store';
import { buildTemporalUiConsole, safeNextUrl } from '../../client/web/temporal-ui-console';
import { complaintCodec } from '../../lib/temporal/data-converter';
import { loadConfig } from '../../lib/config';
import { freePort } from '../helpers/network';

let records: RecordsStore;
let sessions: StaffSessions;
let upstream: Server;
let console_: FastifyInstance;
let origin: string;
/** A new session's cookie, as sign-in on the dashboard would set it. */
const cookie = async () => `cd_staff=${sign(await sessions.issue('registrar'), sessions.cookieSecret)}`;

beforeAll(async () => {
  records = await RecordsStore.open('sqlite::memory:');
  sessions = new StaffSessions({
    secret: 'console-test-session-secret-0123456789',
    users: [{ name: 'registrar', passwordHash: hashPassword('pw') }],
    store: new StaffSessionStore(records.db),
    readers: new ReaderAccessStore(records.db),
  });
  const upstreamPort = await freePort();
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, body, cookie: req.headers.cookie ?? null }));
    });
  });
  await new Promise<void>((r) => upstream.listen(upstreamPort, '127.0.0.1', r));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  console_ = await buildTemporalUiConsole({
    upstream: `http://127.0.0.1:${upstreamPort}`,
    consoleUrl: origin,
    signInUrl: 'http://127.0.0.1:3000/staff/login',
    sessions,
    codec: complaintCodec(loadConfig({})),
  });
  await console_.listen({ host: '127.0.0.1', port });
});

afterAll(async () => {
  await console_.close();
  await new Promise((r) => upstream.close(r));
  await records.close();
});

test('without a staff session: a page sends to sign-in (and back), an API call is refused, nothing reaches the UI', async () => {
  const page = await fetch(`${origin}/namespaces/default/workflows?x=1`, {
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toBe(
    `http://127.0.0.1:3000/staff/login?next=${encodeURIComponent(`${origin}/namespaces/default/workflows?x=1`)}`,
  );
  const api = await fetch(`${origin}/api/v1/namespaces`, { headers: { cookie: 'cd_staff=forged.1.2.3' } });
  expect(api.status).toBe(401);
});

test('with a session, the UI answers through the console; a state change from another origin is refused', async () => {
  const read = await fetch(`${origin}/api/v1/namespaces?a=b`, { headers: { cookie: await cookie() } });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ method: 'GET', url: '/api/v1/namespaces?a=b' });
  expect(read.headers.get('x-frame-options')).toBe('SAMEORIGIN');

  const terminate = `${origin}/api/v1/namespaces/default/workflows/w/terminate`;
  const body = JSON.stringify({ reason: 'test' });
  const headers = { cookie: await cookie(), 'content-type': 'application/json' };
  expect((await fetch(terminate, { method: 'POST', headers, body })).status).toBe(403);
  const foreign = { ...headers, origin: 'http://evil.localhost' };
  expect((await fetch(terminate, { method: 'POST', headers: foreign, body })).status).toBe(403);
  const own = await fetch(terminate, { method: 'POST', headers: { ...headers, origin }, body });
  expect(own.status).toBe(200);
  expect(await own.json()).toMatchObject({ method: 'POST', body });
});

test("the codec on the console's origin decodes for staff only", async () => {
  const payload = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'IjEi' };
  const encode = (headers: Record<string, string>) =>
    fetch(`${origin}/codec/encode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ payloads: [payload] }),
    });
  expect((await encode({ origin })).status).toBe(401);
  expect((await encode({ origin: 'http://evil.localhost', cookie: await cookie() })).status).toBe(403);
  const encoded = await encode({ origin, cookie: await cookie() });
  expect(encoded.status).toBe(200);
  const { payloads } = (await encoded.json()) as { payloads: { data: string }[] };
  expect(payloads[0]!.data).not.toBe(payload.data);
});

test('a session ended on the server (revoked) no longer opens the console nor its codec', async () => {
  const session = await cookie();
  const api = () => fetch(`${origin}/api/v1/namespaces`, { headers: { cookie: session } });
  const encode = () =>
    fetch(`${origin}/codec/encode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: session },
      body: JSON.stringify({ payloads: [] }),
    });
  expect((await api()).status).toBe(200);
  expect((await encode()).status).toBe(200);
  expect(await sessions.revoke('registrar')).toBeGreaterThanOrEqual(1);
  expect((await api()).status).toBe(401);
  expect((await encode()).status).toBe(401);
  // An unsigned session ID (the cookie's value without its signature) is refused too.
  const unsigned = `cd_staff=${await sessions.issue('registrar')}`;
  expect((await fetch(`${origin}/api/v1/namespaces`, { headers: { cookie: unsigned } })).status).toBe(401);
});

test('sign-in sends staff on only to the dashboard or the console', () => {
  const consoleOrigin = 'http://127.0.0.1:8233';
  expect(safeNextUrl('/staff/complaints/x', consoleOrigin)).toBe('/staff/complaints/x');
  expect(safeNextUrl(`${consoleOrigin}/namespaces/default`, consoleOrigin)).toBe(
    `${consoleOrigin}/namespaces/default`,
  );
  for (const bad of [
    'https://evil.example/',
    '//evil.example/staff',
    `${consoleOrigin}.evil.example/`,
    '/answer/x',
    '/staff\\..\\x',
    42,
  ])
    expect(safeNextUrl(bad, consoleOrigin)).toBeUndefined();
  expect(safeNextUrl(`${consoleOrigin}/`)).toBeUndefined();
});

test("a joint inquiry's reader (one complaint, read only) gets nothing of the UI", async () => {
  const readers = new ReaderAccessStore(records.db);
  await readers.saveAccount('dcpcr.reader', hashPassword('reader password'), 'inquiries@dcpcr.example');
  await readers.grant('dcpcr.reader', 'complaint-NCPCR-2026-JOINT-1');
  const reader = `cd_staff=${sign(await sessions.issue('dcpcr.reader'), sessions.cookieSecret)}`;
  const api = await fetch(`${origin}/api/v1/namespaces/default/workflows`, { headers: { cookie: reader } });
  expect(api.status).toBe(403);
  expect(await api.text()).not.toContain('"method"'); // the UI server was never asked
  // Staff still get in.
  expect((await fetch(`${origin}/api/v1/namespaces`, { headers: { cookie: await cookie() } })).status).toBe(
    200,
  );
});
