// Staff members' passwords and their list (STAFF_USERS): hashed with scrypt by `complaint hash-password`,
// checked by the web app at sign-in. Shared by the CLI and the web app, so neither imports the other.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface StaffUser {
  name: string;
  /** `scrypt$<salt hex>$<hash hex>` */
  passwordHash: string;
}

/** What a staff member's name may be, in STAFF_USERS and in `complaint staff`. */
export const STAFF_NAME = /^[A-Za-z0-9._-]{1,64}$/;

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
      if (i < 1 || !STAFF_NAME.test(name) || !passwordHash.startsWith('scrypt$'))
        throw new Error(
          'STAFF_USERS: each entry must be name:scrypt$salt$hash (make one with `complaint hash-password`)',
        );
      return { name, passwordHash };
    });
}
