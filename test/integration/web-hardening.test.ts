// The web app's defences that do not depend on any one complaint: rate limits on the officers' links and on
// staff sign-in, security headers, and plain pages for errors.
import type { FastifyInstance } from 'fastify';
import { buildWebApp } from '../../client/web/app';
import { StaffSessions } from '../../client/web/staff-auth';
import { hashPassword } from '../../client/staff-passwords';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { StaffSessionStore } from '../../lib/records/staff-sessions';
import { freePort } from '../helpers/network';
import { startStack, STAFF, type Stack } from '../helpers/stack';

let stack: Stack;
let app: FastifyInstance;
let sessions: StaffSessions;
let base: string;
beforeAll(async () => {
  stack = await startStack();
  sessions = new StaffSessions({
    secret: 'hardening-test-session-secret-0123456789',
    users: [{ name: STAFF.name, passwordHash: hashPassword(STAFF.password) }],
    store: new StaffSessionStore(stack.records.db),
  });
  app = await buildWebApp({
    client: stack.env.client,
    links: stack.links,
    blobs: stack.blobs,
    rateLimits: { linkPerMinute: 5, loginPerMinute: 3 },
    staff: {
      records: stack.records,
      sessions,
      taskQueue: stack.taskQueue,
      procedures: [DEFAULT_PROCEDURE],
      secureCookies: true,
    },
  });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

test('guessing links is slowed down: past the limit a client gets 429 for the rest of the minute', async () => {
  const guess = (n: number) => fetch(`${base}/answer/guess${n}.x`);
  for (let n = 0; n < 5; n++) expect((await guess(n)).status).toBe(404);
  const limited = await guess(99);
  expect(limited.status).toBe(429);
  expect(await limited.text()).toContain('Too many requests');
});

test('guessing passwords is slowed down too', async () => {
  const attempt = () =>
    fetch(`${base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${STAFF.name}&password=wrong`,
    });
  for (let n = 0; n < 3; n++) expect((await attempt()).status).toBe(403);
  expect((await attempt()).status).toBe(429);
});

test('every page carries the security headers; the sign-in cookie is Secure over https; no stack traces', async () => {
  const res = await fetch(`${base}/staff/login`);
  expect(Object.fromEntries(res.headers)).toMatchObject({
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  });
  // The policy, directive by directive (set by @fastify/helmet): nothing but this site's stylesheet and images.
  const policy = (r: Response): Record<string, string> =>
    Object.fromEntries(
      (r.headers.get('content-security-policy') ?? '')
        .split(/;\s*/)
        .filter(Boolean)
        .map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]),
    );
  expect(policy(res)).toEqual({
    'default-src': "'none'",
    'style-src': "'self'",
    'img-src': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
    'base-uri': "'none'",
  });
  // Not-found and error pages carry them too.
  for (const other of [await fetch(`${base}/no-such-page`), await fetch(`${base}/health`)]) {
    expect(policy(other)['frame-ancestors']).toBe("'none'");
    expect(other.headers.get('x-frame-options')).toBe('DENY');
    expect(other.headers.get('cache-control')).toBe('no-store');
  }
  expect(res.headers.get('x-powered-by')).toBeNull();
  const loginCookie = res.headers.get('set-cookie') ?? '';
  for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Secure'])
    expect(loginCookie.split('; ')).toContain(attribute);

  const broken = await fetch(`${base}/answer/x.y`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name": ',
  });
  expect(broken.status).toBeGreaterThanOrEqual(400);
  expect(await broken.text()).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
});

// The dashboard's routes, each behind the staff guard its room registers once (client/web/staff-guard.ts).
const COMPLAINT = '/staff/complaints/complaint-GUARD~1';
const STAFF_ROUTES: ['GET' | 'POST', string][] = [
  ['GET', '/staff'],
  ['GET', '/staff/new'],
  ['POST', '/staff/new'],
  ['GET', COMPLAINT],
  ...['extend', 'accept', 'return', 'reschedule', 'hearing', 'close'].map((a): ['POST', string] => [
    'POST',
    `${COMPLAINT}/${a}`,
  ]),
  ['GET', `${COMPLAINT}/attachments/${'0'.repeat(64)}`],
  ['POST', '/staff/logout'],
];
const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('every dashboard route sends a visitor without a session to sign-in, and refuses a POST without its CSRF token', async () => {
  for (const [method, url] of STAFF_ROUTES) {
    const res = await app.inject({
      method,
      url,
      ...(method === 'POST' ? { headers: form, payload: 'x=1' } : {}),
    });
    expect([method, url, res.statusCode, res.headers.location]).toEqual([method, url, 303, '/staff/login']);
  }
  const cookie = `cd_staff=${app.signCookie(await sessions.issue(STAFF.name))}`;
  for (const [method, url] of STAFF_ROUTES.filter(([m]) => m === 'POST')) {
    const res = await app.inject({ method, url, headers: { ...form, cookie }, payload: '_csrf=forged' });
    expect([url, res.statusCode]).toEqual([url, 403]);
    expect(res.body).toContain('The form had expired. Sign in again.');
  }
});
