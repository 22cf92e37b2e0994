import type { Role, StaffFunction } from '../../engine';
import type { Caller } from '../auth/caller';

/** A session as stored: who it is for, and when it ends (epoch milliseconds). */
export interface StoredSession {
  caller: Caller;
  expiresAt: number;
}

/** How long a session read from the database is answered from memory. */
export const sessionRecheckMs = 1000;

/** A session and its account as read by a store, in whichever types the driver gives them. */
export function storedSession(row: {
  sessionId: unknown;
  expiresAt: unknown;
  id: unknown;
  username: unknown;
  displayName: unknown;
  role: unknown;
  function: unknown;
  site: unknown;
}): StoredSession {
  return {
    // SQLite hands dates back as epoch milliseconds, PostgreSQL as Date objects.
    expiresAt: new Date(row.expiresAt as number | Date).getTime(),
    caller: {
      id: Number(row.id),
      username: String(row.username),
      displayName: String(row.displayName),
      role: row.role as Role,
      ...(row.function ? { function: row.function as StaffFunction } : {}),
      site: String(row.site),
      sessionId: Number(row.sessionId),
    },
  };
}

/**
 * Sessions seen in the last second are not read again: reading the session row on every
 * request was a quarter of the SQLite database thread's work under load, and a round trip per
 * request on PostgreSQL. This process forgets them all when it ends a session or changes an
 * account; a session ended by another process stops working here within `sessionRecheckMs`.
 * Every case store answers sessions this way, over its own way of reading one.
 */
export abstract class RecentSessions {
  private known = new Map<string, StoredSession & { checkedAt: number }>();
  private generation = 0;

  protected abstract readSession(tokenHash: string): Promise<StoredSession | null>;

  async session(tokenHash: string, now: Date): Promise<Caller | null> {
    const known = this.known.get(tokenHash);
    if (known && known.expiresAt > now.getTime() && performance.now() - known.checkedAt < sessionRecheckMs)
      return known.caller;
    const generation = this.generation;
    const found = await this.readSession(tokenHash);
    if (!found || found.expiresAt <= now.getTime()) {
      this.known.delete(tokenHash);
      return null;
    }
    // A session ended while this lookup ran must not be remembered from it.
    if (generation === this.generation) {
      this.known.delete(tokenHash);
      this.known.set(tokenHash, { ...found, checkedAt: performance.now() });
      if (this.known.size > 10_000) this.known.delete(this.known.keys().next().value!);
    }
    return found.caller;
  }

  /** After a logout or a change of an account: every session is read again on its next use. */
  forgetSessions(): void {
    this.generation++;
    this.known.clear();
  }
}
