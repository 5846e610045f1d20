// Staff sessions are server-side and revocable (issue 15, point 1), against the running web app on a real
// records database (SQLite and PostgreSQL): sign-out, `complaint staff revoke`, a password change in
// STAFF_USERS, and idle and absolute timeouts each end a session, after which its cookie opens no dashboard
// page, its CSRF token passes no form and the codec decodes nothing for it. The cookie holds only a signed
// random ID; the database only that ID's hash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildWebApp } from '../../client/web/app';
import { StaffSessions } from '../../client/web/staff-auth';
import { hashPassword } from '../../client/staff-passwords';
import { loadConfig } from '../../lib/config';
import { AnswerLinks } from '../../lib/mail/answer-links';
import { DEFAULT_PROCEDURE } from '../../lib/procedure/procedure';
import { sessionIdHash, StaffSessionStore } from '../../lib/records/staff-sessions';
import { RecordsStore } from '../../lib/records/store';
import { complaintCodec } from '../../lib/temporal/data-converter';
import { BlobStore } from '../../lib/web/blob-store';
import { runCli } from '../helpers/cli';
import { freePort } from '../helpers/network';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

const SECRET = 'sessions-test-session-secret-0123456789';
const NAME = 'registrar';
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe.each(['sqlite', 'postgres'] as const)('staff sessions on %s', (kind) => {
  let dir: string;
  let pg: TestPostgres | undefined;
  let url: string;
  let records: RecordsStore;
  // The Temporal client is never called by these routes (the list reads the records; the codec is local).
  const client = new Client();
  const running: FastifyInstance[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'staff-sessions-'));
    if (kind === 'postgres') {
      pg = await startPostgres();
      url = pg.url;
    } else url = `sqlite:${join(dir, 'records.sqlite')}`;
    records = await RecordsStore.open(url);
  });

  afterAll(async () => {
    for (const app of running) await app.close();
    await records?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  interface App {
    base: string;
    app: FastifyInstance;
  }

  /** The web app, as `npm run web` builds it, with STAFF_USERS giving `password` to registrar. */
  async function startApp(
    options: { password?: string; now?: () => number; idleMs?: number; maxMs?: number } = {},
  ): Promise<App> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const sessions = new StaffSessions({
      secret: SECRET,
      users: [{ name: NAME, passwordHash: hashPassword(options.password ?? PASSWORD) }],
      store: new StaffSessionStore(records.db),
      ...(options.now ? { now: options.now } : {}),
      ...(options.idleMs ? { idleMs: options.idleMs } : {}),
      ...(options.maxMs ? { maxMs: options.maxMs } : {}),
    });
    const app = await buildWebApp({
      client,
      links: new AnswerLinks('sessions-test-link-secret-0123456789', base),
      blobs: new BlobStore(join(dir, 'blobs')),
      staff: {
        records,
        sessions,
        taskQueue: 'unused',
        procedures: [DEFAULT_PROCEDURE],
        secureCookies: false,
        codec: { codec: complaintCodec(loadConfig({})), temporalUiOrigin: 'http://localhost:8233' },
      },
    });
    await app.listen({ host: '127.0.0.1', port });
    running.push(app);
    return { base, app };
  }

  async function stopApp(app: App): Promise<void> {
    await app.app.close();
    running.splice(running.indexOf(app.app), 1);
  }

  /** Signs in as a browser does; the session cookie (`cd_staff=...`). */
  async function signIn(base: string, password = PASSWORD): Promise<string> {
    const login = await fetch(`${base}/staff/login`);
    // As a browser does: the cookie as set, the token from the form.
    const loginCookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('cd_login='))!
      .split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const res = await fetch(`${base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ _csrf: token, name: NAME, password }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cd_staff='));
    expect(cookie).toBeDefined();
    return cookie!.split(';')[0]!;
  }

  /** The dashboard for a cookie: 200 and the page's CSRF token, or the redirect to sign-in. */
  async function dashboard(base: string, cookie: string): Promise<{ status: number; csrf?: string }> {
    const res = await fetch(`${base}/staff`, { headers: { cookie }, redirect: 'manual' });
    if (res.status === 303) expect(res.headers.get('location')).toBe('/staff/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
    return { status: res.status, ...(csrf ? { csrf } : {}) };
  }

  const encoded = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'IjEi' };
  async function codec(base: string, op: 'encode' | 'decode', cookie: string, payloads: unknown[]) {
    return fetch(`${base}/codec/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ payloads }),
    });
  }

  /** A form post (starting a complaint) with a session's CSRF token: what it is answered. */
  const post = (base: string, cookie: string, csrf: string) =>
    fetch(`${base}/staff/new`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, caseReference: 'SESSIONS/1' }).toString(),
      redirect: 'manual',
    });

  const storedSessions = () => new StaffSessionStore(records.db).list(NAME);
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: url });

  test('after sign-out the old cookie opens no page, its CSRF token passes no form, the codec refuses it', async () => {
    await new StaffSessionStore(records.db).endAllOf(NAME);
    const web = await startApp();
    const cookie = await signIn(web.base);
    const page = await dashboard(web.base, cookie);
    expect(page.status).toBe(200);
    const csrf = page.csrf!;
    const enc = await codec(web.base, 'encode', cookie, [encoded]);
    expect(enc.status).toBe(200);
    const { payloads } = (await enc.json()) as { payloads: unknown[] };
    expect((await codec(web.base, 'decode', cookie, payloads)).status).toBe(200);

    // The cookie holds a signed random ID; the database keeps only its hash, never the ID.
    const id = decodeURIComponent(cookie.slice('cd_staff='.length)).replace(/\.[^.]+$/, '');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await records.db.selectFrom('staff_sessions').selectAll().execute();
    expect(rows.map((r) => r.id_hash)).toContain(sessionIdHash(id));
    expect(JSON.stringify(rows)).not.toContain(id);

    // The CSRF token is the session's: another session's token does not pass with this cookie.
    const other = await signIn(web.base);
    const otherCsrf = (await dashboard(web.base, other)).csrf!;
    expect(otherCsrf).not.toBe(csrf);
    const crossed = await post(web.base, cookie, otherCsrf);
    expect(crossed.status).toBe(403);

    const out = await fetch(`${web.base}/staff/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/login');
    expect(out.headers.getSetCookie().find((c) => c.startsWith('cd_staff='))).toMatch(/^cd_staff=;/);

    // The browser that kept (or an attacker who copied) the cookie gets nothing.
    expect((await dashboard(web.base, cookie)).status).toBe(303);
    const stale = await post(web.base, cookie, csrf);
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/staff/login');
    expect((await codec(web.base, 'decode', cookie, payloads)).status).toBe(401);
    expect((await codec(web.base, 'encode', cookie, [encoded])).status).toBe(401);
    expect((await records.db.selectFrom('complaints').selectAll().execute()).length).toBe(0);
    // The other session is untouched.
    expect((await dashboard(web.base, other)).status).toBe(200);
    expect(await storedSessions()).toHaveLength(1);
    await stopApp(web);
  });

  test('a forged, tampered or unsigned cookie opens nothing', async () => {
    const web = await startApp();
    const cookie = await signIn(web.base);
    const value = decodeURIComponent(cookie.slice('cd_staff='.length));
    const id = value.replace(/\.[^.]+$/, '');
    for (const bad of [
      `cd_staff=${id}`,
      `cd_staff=${encodeURIComponent(`${id}.${'A'.repeat(43)}`)}`,
      `cd_staff=${encodeURIComponent(`${id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}.${value.split('.').pop()}`)}`,
      'cd_staff=forged.1.2.3',
    ]) {
      expect((await dashboard(web.base, bad)).status).toBe(303);
      expect((await codec(web.base, 'encode', bad, [encoded])).status).toBe(401);
    }
    expect((await dashboard(web.base, cookie)).status).toBe(200);
    await stopApp(web);
  });

  test('sign-in takes only its own signed form cookie, and ends the session the browser held', async () => {
    await new StaffSessionStore(records.db).endAllOf(NAME);
    const web = await startApp();
    // A login cookie planted by a sibling site (same value in the form) is not this app's: refused.
    const planted = await fetch(`${web.base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'cd_login=planted' },
      body: new URLSearchParams({ _csrf: 'planted', name: NAME, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(planted.status).toBe(403);
    expect(planted.headers.getSetCookie().some((c) => c.startsWith('cd_staff='))).toBe(false);
    expect(await storedSessions()).toHaveLength(0);

    // Signing in again from a browser that holds a session replaces it: the old one ends.
    const first = await signIn(web.base);
    const login = await fetch(`${web.base}/staff/login`);
    const loginCookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('cd_login='))!
      .split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const again = await fetch(`${web.base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${loginCookie}; ${first}` },
      body: new URLSearchParams({ _csrf: token, name: NAME, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    const second = again.headers
      .getSetCookie()
      .find((c) => c.startsWith('cd_staff='))!
      .split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await dashboard(web.base, first)).status).toBe(303);
    expect((await dashboard(web.base, second)).status).toBe(200);
    expect(await storedSessions()).toHaveLength(1);
    await stopApp(web);
  });

  test('`complaint staff revoke` ends every session of a user at once; `staff sessions` lists them without secrets', async () => {
    await new StaffSessionStore(records.db).endAllOf(NAME);
    const web = await startApp();
    const first = await signIn(web.base);
    const second = await signIn(web.base);
    const csrf = (await dashboard(web.base, first)).csrf!;

    const listed = await cli(['staff', 'sessions', '--json']);
    expect(listed.code).toBe(0);
    const sessions = JSON.parse(listed.stdout) as Record<string, string>[];
    expect(sessions.filter((s) => s.user_name === NAME)).toHaveLength(2);
    for (const s of sessions)
      expect(Object.keys(s).sort()).toEqual(['created_at', 'expires_at', 'last_seen_at', 'user_name']);
    const table = await cli(['staff', 'sessions']);
    expect(table.stdout).toMatch(/^USER\s+SIGNED IN\s+LAST USED\s+ENDS AT$/m);
    for (const cookie of [first, second]) {
      const id = decodeURIComponent(cookie.slice('cd_staff='.length)).replace(/\.[^.]+$/, '');
      expect(listed.stdout + table.stdout).not.toContain(id);
      expect(listed.stdout + table.stdout).not.toContain(sessionIdHash(id));
    }

    const refused = await cli(['staff', 'revoke', 'no such user!']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('name: must be');
    expect(await storedSessions()).toHaveLength(2);

    const revoked = await cli(['staff', 'revoke', NAME]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Ended 2 session(s) of ${NAME}`);
    for (const cookie of [first, second]) {
      expect((await dashboard(web.base, cookie)).status).toBe(303);
      expect((await codec(web.base, 'encode', cookie, [encoded])).status).toBe(401);
    }
    expect((await post(web.base, first, csrf)).status).toBe(303);
    expect(await storedSessions()).toHaveLength(0);
    expect((await cli(['staff', 'sessions'])).stdout).toContain('No staff sessions.');
    // Signing in again works.
    expect((await dashboard(web.base, await signIn(web.base))).status).toBe(200);
    await stopApp(web);
  });

  test("a password change in STAFF_USERS ends the user's sessions: the restarted app refuses the old cookie", async () => {
    const before = await startApp({ password: PASSWORD });
    const cookie = await signIn(before.base);
    expect((await dashboard(before.base, cookie)).status).toBe(200);
    await stopApp(before);

    // Restarted with the same SESSION_SECRET, the same database, but another hash for registrar.
    const after = await startApp({ password: 'a new and longer passphrase' });
    expect((await dashboard(after.base, cookie)).status).toBe(303);
    expect((await codec(after.base, 'encode', cookie, [encoded])).status).toBe(401);
    const fresh = await signIn(after.base, 'a new and longer passphrase');
    expect((await dashboard(after.base, fresh)).status).toBe(200);
    await stopApp(after);

    // Back to the first password (a mistaken change undone): the session from the second is dead in its turn.
    const again = await startApp({ password: PASSWORD });
    expect((await dashboard(again.base, fresh)).status).toBe(303);
    await stopApp(again);
  });

  test('a session unused for the idle timeout ends; one in use ends at its absolute timeout', async () => {
    let now = Date.now();
    const web = await startApp({ now: () => now, idleMs: 30 * MINUTE, maxMs: 8 * 60 * MINUTE });

    await new StaffSessionStore(records.db).endAllOf(NAME);
    // Signed in and never used again: its row is cleared away once it has ended (at a later sign-in).
    const abandoned = await signIn(web.base);
    // Idle: used 29 minutes after sign-in it lives on (and its use counts); 31 minutes unused, it is over.
    const idle = await signIn(web.base);
    now += 29 * MINUTE;
    expect((await dashboard(web.base, idle)).status).toBe(200);
    now += 29 * MINUTE;
    expect((await dashboard(web.base, idle)).status).toBe(200);
    now += 31 * MINUTE;
    expect((await dashboard(web.base, idle)).status).toBe(303);
    expect((await codec(web.base, 'encode', idle, [encoded])).status).toBe(401);
    // Ended for good: using it does not bring it back.
    now -= 31 * MINUTE;
    expect((await dashboard(web.base, idle)).status).toBe(303);

    // Absolute: used every 20 minutes, it still ends 8 hours after sign-in.
    const busy = await signIn(web.base);
    // That sign-in cleared the abandoned session's row away (past its idle timeout): only the new one is kept.
    expect(await storedSessions()).toHaveLength(1);
    expect((await dashboard(web.base, abandoned)).status).toBe(303);
    const signedInAt = now;
    while (now + 20 * MINUTE < signedInAt + 8 * 60 * MINUTE) {
      now += 20 * MINUTE;
      expect((await dashboard(web.base, busy)).status).toBe(200);
    }
    now = signedInAt + 8 * 60 * MINUTE + 1000;
    expect((await dashboard(web.base, busy)).status).toBe(303);
    expect((await codec(web.base, 'encode', busy, [encoded])).status).toBe(401);
    expect(await storedSessions()).toHaveLength(0);
    await stopApp(web);
  });
});
