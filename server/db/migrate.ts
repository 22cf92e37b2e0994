import type { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import type { DbKind } from './config';

/** The PostgreSQL advisory lock that migrations run under ("wlb" in ASCII). */
const migrationLock = 0x776c62;

/**
 * Brings the schema up to date with the committed migrations. On PostgreSQL, several server
 * processes may start at once on one database: the first takes an advisory lock and migrates,
 * the others wait for it and then find nothing left to do. The lock is held by a connection of
 * its own and ends with it, also when a migration fails.
 */
export async function migrate(orm: MikroORM, kind: DbKind, url: string): Promise<void> {
  if (kind !== 'postgresql') {
    await orm.getMigrator().up();
    return;
  }
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [migrationLock]);
    await orm.getMigrator().up();
  } finally {
    await lock.end();
  }
}
