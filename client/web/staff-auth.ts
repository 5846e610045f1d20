// Staff sign-in and the one answer to "who is this session": users from configuration with scrypt-hashed
// passwords; sessions kept server-side in the records database (lib/records/staff-sessions.ts), ended by
// sign-out, by an admin (`complaint staff revoke`), by a change of the user's password in STAFF_USERS, and by
// idle and absolute timeouts. The cookie (HttpOnly, SameSite=Strict, Secure over https, signed by
// @fastify/cookie) holds only a random session ID; every form carries a CSRF token bound to that session.
// The dashboard, the codec and the Temporal UI console all ask `sessionOf`, so they end together.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  sessionIdHash,
  type StaffSessionListing,
  type StaffSessionStore,
} from '../../lib/records/staff-sessions';
import type { ReaderAccessStore } from '../../lib/records/reader-access';
import { hashPassword, verifyPassword, type StaffUser } from '../staff-passwords';

export const SESSION_COOKIE = 'cd_staff';
/** Defaults of STAFF_SESSION_IDLE and STAFF_SESSION_MAX. */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
export const DEFAULT_SESSION_MAX_MS = 8 * 3_600_000;

export interface StaffSessionOptions {
  /** SESSION_SECRET: signs the cookie, keys the CSRF tokens and the password fingerprints. */
  secret: string;
  users: StaffUser[];
  store: StaffSessionStore;
  /**
   * Joint inquiries' readers (a second commission's staff): they sign in here too, and read only the complaints
   * granted to them. Without it, only STAFF_USERS sign in.
   */
  readers?: ReaderAccessStore;
  /** A session unused this long ends (STAFF_SESSION_IDLE). */
  idleMs?: number;
  /** A session ends this long after sign-in, however active (STAFF_SESSION_MAX). */
  maxMs?: number;
  now?: () => number;
}

export interface StaffSession {
  /** The random session ID the cookie holds (never stored: the database keeps its hash). */
  id: string;
  user: string;
  /**
   * A joint inquiry's reader: the complaints (workflow IDs) they may read, and nothing else; absent for staff.
   * Read at every request, so a grant withdrawn closes the complaint to them at once.
   */
  readerOf?: string[];
}

/** Whom a name signs in as: a member of staff (STAFF_USERS) or a joint inquiry's reader (never both). */
interface Account {
  passwordHash: string;
  reader: boolean;
}

export class StaffSessions {
  /** What @fastify/cookie signs the session cookie with. */
  readonly cookieSecret: string;
  readonly idleMs: number;
  readonly maxMs: number;
  private readonly key: Buffer;
  private readonly users: StaffUser[];
  private readonly store: StaffSessionStore;
  private readonly readers: ReaderAccessStore | undefined;
  private readonly now: () => number;
  // A fixed hash to compare against for unknown users, so a wrong name takes as long as a wrong password.
  private readonly decoy = hashPassword(randomBytes(16).toString('hex'));

  constructor(options: StaffSessionOptions) {
    this.key = createHmac('sha256', options.secret).update('complaint-deadlines/staff-session').digest();
    this.cookieSecret = this.mac('cookie-signing-key');
    this.users = options.users;
    this.store = options.store;
    this.readers = options.readers;
    this.idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.maxMs = options.maxMs ?? DEFAULT_SESSION_MAX_MS;
    this.now = options.now ?? (() => Date.now());
  }

  /** A STAFF_USERS member by that name, else a joint inquiry's reader (a name in STAFF_USERS is never a reader). */
  private async account(name: string): Promise<Account | undefined> {
    const user = this.users.find((u) => u.name === name);
    if (user) return { passwordHash: user.passwordHash, reader: false };
    const reader = await this.readers?.account(name);
    return reader ? { passwordHash: reader.password_hash, reader: true } : undefined;
  }

  async authenticate(name: string, password: string): Promise<string | null> {
    const account = await this.account(name);
    const ok = verifyPassword(password, account?.passwordHash ?? this.decoy);
    return account && ok ? name : null;
  }

  /** Starts a session for `user` (signed in): its ID, for the cookie. */
  async issue(user: string): Promise<string> {
    const found = await this.account(user);
    if (!found) throw new Error(`no staff user ${user}`);
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    // Ended sessions open nothing; sign-in is a fine moment to clear their rows away.
    await this.store.purgeExpired(new Date(now).toISOString(), new Date(now - this.idleMs).toISOString());
    await this.store.create({
      id_hash: sessionIdHash(id),
      user_name: user,
      password_fingerprint: this.fingerprint(found.passwordHash),
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: new Date(now + this.maxMs).toISOString(),
    });
    return id;
  }

  /**
   * The signed-in user of a session ID, or null when there is no such session or it has ended: signed out,
   * revoked, past its idle or absolute timeout, or its user is gone or has another password now. A session in
   * use is kept alive (its last use recorded).
   */
  async userOf(sessionId: string | undefined): Promise<Omit<StaffSession, 'id'> | null> {
    if (!sessionId || sessionId.length > 100) return null;
    const row = await this.store.find(sessionId);
    if (!row) return null;
    const now = this.now();
    const account = await this.account(row.user_name);
    // A reader whose every grant was withdrawn has nothing left to read: their session ends.
    const readerOf = account?.reader ? await this.readers!.grantsOf(row.user_name) : undefined;
    const good =
      account !== undefined &&
      (readerOf === undefined || readerOf.length > 0) &&
      safeEqual(row.password_fingerprint, this.fingerprint(account.passwordHash)) &&
      now < Date.parse(row.expires_at) &&
      now - Date.parse(row.last_seen_at) < this.idleMs;
    if (!good) {
      await this.store.end(sessionId);
      return null;
    }
    // One write a minute at most (or a tenth of the idle timeout), not one per request.
    if (now - Date.parse(row.last_seen_at) >= Math.min(60_000, this.idleMs / 10))
      await this.store.touch(sessionId, new Date(now).toISOString());
    return { user: row.user_name, ...(readerOf ? { readerOf } : {}) };
  }

  /** The staff session of a request: its signed cookie's session ID, if the session is still good. */
  async sessionOf(request: FastifyRequest): Promise<StaffSession | null> {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    const user = await this.userOf(unsigned.value);
    return user ? { id: unsigned.value, ...user } : null;
  }

  /** Sign-out: the session ends at once, in every process. */
  async end(sessionId: string): Promise<void> {
    await this.store.end(sessionId);
  }

  /** Ends every session of `user` (what `complaint staff revoke` does); the number ended. */
  async revoke(user: string): Promise<number> {
    return this.store.endAllOf(user);
  }

  async list(user?: string): Promise<StaffSessionListing[]> {
    return this.store.list(user);
  }

  /** The CSRF token of a session: forms carry it, and a POST without it is refused. */
  csrfToken(sessionId: string): string {
    return this.mac(`csrf:${sessionId}`);
  }

  checkCsrf(sessionId: string, token: unknown): boolean {
    return typeof token === 'string' && safeEqual(token, this.csrfToken(sessionId));
  }

  private fingerprint(passwordHash: string): string {
    return this.mac(`password:${passwordHash}`);
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookies on `app` (the web app, the console): parsed, and signed with the sessions' key. */
export async function registerCookies(app: FastifyInstance, sessions: StaffSessions): Promise<void> {
  await app.register(fastifyCookie, { secret: sessions.cookieSecret });
}

/** Sent to the whole app: the dashboard, the codec under /codec (and, by host, the console's port). */
export function setSessionCookie(
  reply: FastifyReply,
  sessionId: string,
  sessions: StaffSessions,
  secure: boolean,
): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    signed: true,
    maxAge: Math.floor(sessions.maxMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
