import type { AccountRole, StaffFunction } from '../../engine';
import type { Caller } from '../auth/caller';

/** A session as stored: who it is for, when it began and when it ends (epoch milliseconds). */
export interface StoredSession {
  caller: Caller;
  createdAt: number;
  expiresAt: number;
}

/** However busy, a session ends this long after its login. */
export const sessionHours = 12;

/** Unused this long, a session ends (WLB_SESSION_IDLE_MINUTES). */
export const defaultIdleMs = 2 * 3600_000;

/**
 * How much later a session's end must move before it is written: a session in use is written at
 * most once a minute, not on every request, so the idle timeout costs the lookup nothing.
 */
export const extendStepMs = 60_000;

/**
 * When a session seen now ends: `idleMs` after now, but never past `sessionHours` after its
 * login. `expires_at` is the one column both the idle and the absolute end live in, so the
 * lookup stays the one comparison it was.
 */
export function sessionEnd(createdAt: number, now: number, idleMs: number): number {
  return Math.min(createdAt + sessionHours * 3600_000, now + idleMs);
}

/** How long a session read from the database is answered from memory. */
export const sessionRecheckMs = 1000;

/** A session and its account as read by a store, in whichever types the driver gives them. */
export function storedSession(row: {
  sessionId: unknown;
  createdAt: unknown;
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
    createdAt: new Date(row.createdAt as number | Date).getTime(),
    expiresAt: new Date(row.expiresAt as number | Date).getTime(),
    caller: {
      id: Number(row.id),
      username: String(row.username),
      displayName: String(row.displayName),
      role: row.role as AccountRole,
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

  /** Unused this long, a session ends; set by the server from its configuration. */
  idleMs = defaultIdleMs;
  /** Writes a session's new end; set by the server (through MikroORM, on every database alike). */
  extendSession?: (sessionId: number, expiresAt: Date) => Promise<void>;

  protected abstract readSession(tokenHash: string): Promise<StoredSession | null>;

  async session(tokenHash: string, now: Date): Promise<Caller | null> {
    const known = this.known.get(tokenHash);
    if (
      known &&
      known.expiresAt > now.getTime() &&
      performance.now() - known.checkedAt < sessionRecheckMs &&
      !this.extensionDue(known, now)
    )
      return known.caller;
    const generation = this.generation;
    const found = await this.readSession(tokenHash);
    if (!found || found.expiresAt <= now.getTime()) {
      this.known.delete(tokenHash);
      return null;
    }
    if (this.extensionDue(found, now)) {
      const end = sessionEnd(found.createdAt, now.getTime(), this.idleMs);
      await this.extendSession!(found.caller.sessionId, new Date(end));
      found.expiresAt = end;
    }
    // A session ended while this lookup ran must not be remembered from it.
    if (generation === this.generation) {
      this.known.delete(tokenHash);
      this.known.set(tokenHash, { ...found, checkedAt: performance.now() });
      if (this.known.size > 10_000) this.known.delete(this.known.keys().next().value!);
    }
    return found.caller;
  }

  /** Whether a session seen now would end a minute or more later than it is written to. */
  private extensionDue(s: StoredSession, now: Date): boolean {
    return !!this.extendSession && sessionEnd(s.createdAt, now.getTime(), this.idleMs) - s.expiresAt >= extendStepMs;
  }

  /** After a logout or a change of an account: every session is read again on its next use. */
  forgetSessions(): void {
    this.generation++;
    this.known.clear();
  }
}
