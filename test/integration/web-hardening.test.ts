// The web app's defences that do not depend on any one complaint: rate limits on the officers' links and on
// staff sign-in, security headers, and plain pages for errors.
import type { FastifyInstance } from 'fastify';
import { buildWebApp } from '../../client/web/app';
import { hashPassword, StaffSessions } from '../../client/web/staff-auth';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { freePort } from '../helpers/network';
import { startStack, STAFF, type Stack } from '../helpers/stack';

let stack: Stack;
let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  stack = await startStack();
  app = await buildWebApp({
    client: stack.env.client,
    links: stack.links,
    blobs: stack.blobs,
    rateLimits: { linkPerMinute: 5, loginPerMinute: 3 },
    staff: {
      records: stack.records,
      sessions: new StaffSessions('hardening-test-session-secret-0123456789', [
        { name: STAFF.name, passwordHash: hashPassword(STAFF.password) },
      ]),
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
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-powered-by')).toBeNull();
  expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Secure/);

  const broken = await fetch(`${base}/answer/x.y`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name": ',
  });
  expect(broken.status).toBeGreaterThanOrEqual(400);
  expect(await broken.text()).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
});
