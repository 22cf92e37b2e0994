import { DriverException } from '@mikro-orm/core';

/** How the database fails, and what the server makes of it. */

type Coded = { code?: unknown; severity?: unknown; routine?: unknown };

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
