// Staff sign-in: users from configuration with scrypt-hashed passwords, a signed session cookie (HttpOnly,
// SameSite=Strict, Secure over https), and a CSRF token bound to the session on every form.
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface StaffUser {
  name: string;
  /** `scrypt$<salt hex>$<hash hex>` */
  passwordHash: string;
}

const SESSION_HOURS = 8;
export const SESSION_COOKIE = 'cd_staff';

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `name:scrypt$salt$hash,name2:...` as STAFF_USERS holds it. */
export function parseStaffUsers(value: string): StaffUser[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      const name = entry.slice(0, i);
      const passwordHash = entry.slice(i + 1);
      if (i < 1 || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || !passwordHash.startsWith('scrypt$'))
        throw new Error(
          'STAFF_USERS: each entry must be name:scrypt$salt$hash (make one with `complaint hash-password`)',
        );
      return { name, passwordHash };
    });
}

export class StaffSessions {
  private readonly key: Buffer;
  // A fixed hash to compare against for unknown users, so a wrong name takes as long as a wrong password.
  private readonly decoy = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    secret: string,
    private readonly users: StaffUser[],
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = createHmac('sha256', secret).update('complaint-deadlines/staff-session').digest();
  }

  authenticate(name: string, password: string): string | null {
    const user = this.users.find((u) => u.name === name);
    const ok = verifyPassword(password, user?.passwordHash ?? this.decoy);
    return user && ok ? user.name : null;
  }

  /** The session cookie's value for `user`. */
  issue(user: string): string {
    const body = `${Buffer.from(user).toString('base64url')}.${this.now() + SESSION_HOURS * 3_600_000}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The signed-in user of a session cookie, or null if it is forged, tampered with or expired. */
  userOf(cookie: string | undefined): string | null {
    if (!cookie) return null;
    const parts = cookie.split('.');
    if (parts.length !== 4) return null;
    const body = parts.slice(0, 3).join('.');
    const given = Buffer.from(parts[3]!);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Number(parts[1]) < this.now()) return null;
    const user = Buffer.from(parts[0]!, 'base64url').toString();
    return this.users.some((u) => u.name === user) ? user : null;
  }

  /** The CSRF token of a session: forms carry it, and a POST without it is refused. */
  csrfToken(cookie: string): string {
    return this.mac(`csrf:${cookie}`);
  }

  checkCsrf(cookie: string, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(cookie));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Sent to the whole app: the dashboard, the Temporal UI under /temporal and its codec under /codec. */
export function sessionCookie(value: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
