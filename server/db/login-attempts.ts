import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { namesOf, type Names } from './raw-sql';

/**
 * One attempt for a key, counted in the database so that every server process on it counts
 * the same attempts. A key's window starts at its first attempt and lasts `windowMs`; an attempt
 * after that starts a new one. Answers the attempts in the window and when it ends.
 */
export async function countLoginAttempt(
  em: EntityManager,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ count: number; resetAt: Date }> {
  const platform = em.getPlatform();
  const at = platform.processDateProperty(now);
  const expired = platform.processDateProperty(new Date(now.getTime() - windowMs));
  const names = namesOf(em.getMetadata());
  const [row] = await em
    .getConnection()
    .execute<{ attempts: number; windowStart: number | Date }[]>(
      loginAttemptSql(names),
      [createHash('sha256').update(key).digest('hex'), at, expired, expired],
      'all',
    );
  await sweep(em, names, expired);
  return { count: Number(row.attempts), resetAt: new Date(new Date(row.windowStart).getTime() + windowMs) };
}

/** Adds one attempt to a key's window, or starts a new window when the old one has ended. */
export function loginAttemptSql({ loginAttempt: a }: Names) {
  const ended = `${a.table}.${a.windowStart} <= ?`;
  return (
    `insert into ${a.table} (${a.keyHash}, ${a.windowStart}, ${a.attempts}) values (?, ?, 1) ` +
    `on conflict (${a.keyHash}) do update set ` +
    `${a.attempts} = case when ${ended} then 1 else ${a.table}.${a.attempts} + 1 end, ` +
    `${a.windowStart} = case when ${ended} then excluded.${a.windowStart} else ${a.table}.${a.windowStart} end ` +
    `returning ${a.attempts} as "attempts", ${a.windowStart} as "windowStart"`
  );
}

export function sweepLoginAttemptsSql({ loginAttempt: a }: Names) {
  return `delete from ${a.table} where ${a.windowStart} <= ?`;
}

let lastSweep = 0;

/** Now and then, the windows that have ended go: one row per key would otherwise stay for ever. */
async function sweep(em: EntityManager, names: Names, expired: unknown) {
  if (Date.now() - lastSweep < 10 * 60_000) return;
  lastSweep = Date.now();
  await em.getConnection().execute(sweepLoginAttemptsSql(names), [expired], 'run');
}
