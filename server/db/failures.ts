import { DriverException } from '@mikro-orm/core';

/**
 * How the database fails and what the server makes of it: an error whose text holds the query
 * (never logged as it is), a write refused for lack of room, and whether writes go through now.
 */

type Coded = { code?: unknown; severity?: unknown; routine?: unknown };

/**
 * The database refused a write for lack of room: SQLite's SQLITE_FULL (a full disk, or the file
 * at its `max_page_count`) and PostgreSQL's disk_full (SQLSTATE 53100). The hot path gets the
 * first raw from sqlite3, MikroORM wraps either in a DriverException that keeps the code.
 */
export function isStorageFull(err: unknown): boolean {
  const code = (err as Coded | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}

/**
 * An error from the database driver. Its message holds the failing query with the values
 * written into it (names searched for, a case's data), so it is never logged as it is.
 */
export function isDatabaseError(err: unknown): boolean {
  if (err instanceof DriverException) return true;
  const e = err as Coded | null;
  return (
    (typeof e?.code === 'string' && e.code.startsWith('SQLITE_')) ||
    (typeof e?.severity === 'string' && typeof e?.routine === 'string')
  );
}

/**
 * Whether writes go through, as far as this process has seen: a write refused for lack of room
 * marks the database full, the next write that goes through clears it. `/api/health` says so, so
 * a monitor sees a full disk before the users do.
 */
export class WriteHealth {
  private refused = false;

  get writable(): boolean {
    return !this.refused;
  }

  full(): void {
    this.refused = true;
  }

  wrote(): void {
    this.refused = false;
  }
}
