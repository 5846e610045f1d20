// Staff sessions in the records database (SQLite or PostgreSQL), so that every web app process sees the same
// sessions and any of them, or the CLI, can end one. Rows are keyed by the SHA-256 of the session ID the
// cookie holds: the ID itself is never stored. Whether a session is still good is decided by staff-auth.ts.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordsDatabase, StaffSessionRow } from './schema';

/** A session as `complaint staff sessions` lists it: no ID, no hash. */
export type StaffSessionListing = Omit<StaffSessionRow, 'id_hash' | 'password_fingerprint'>;

export function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export class StaffSessionStore {
  constructor(private readonly db: Kysely<RecordsDatabase>) {}

  async create(row: StaffSessionRow): Promise<void> {
    await this.db.insertInto('staff_sessions').values(row).execute();
  }

  async find(sessionId: string): Promise<StaffSessionRow | undefined> {
    return this.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('id_hash', '=', sessionIdHash(sessionId))
      .executeTakeFirst();
  }

  async touch(sessionId: string, at: string): Promise<void> {
    await this.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: at })
      .where('id_hash', '=', sessionIdHash(sessionId))
      .execute();
  }

  /** Ends one session (sign-out, or one found expired); true if it existed. */
  async end(sessionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where('id_hash', '=', sessionIdHash(sessionId))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends every session of a user (an admin's revoke); the number ended. */
  async endAllOf(user: string): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where('user_name', '=', user)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Removes sessions past their absolute end or idle since before `idleSince` (they open nothing anyway). */
  async purgeExpired(now: string, idleSince: string): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Every stored session, oldest first, without anything that could open one. */
  async list(user?: string): Promise<StaffSessionListing[]> {
    let query = this.db
      .selectFrom('staff_sessions')
      .select(['user_name', 'created_at', 'last_seen_at', 'expires_at'])
      .orderBy('created_at')
      .orderBy('user_name');
    if (user !== undefined) query = query.where('user_name', '=', user);
    return query.execute();
  }
}
