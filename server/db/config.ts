import { resolve } from 'node:path';
import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsByKind } from './migrations';

export type DbKind = 'sqlite' | 'postgresql';

/** Where the data lives: `DATABASE_URL` as a PostgreSQL URL, a SQLite file path, or the default file. */
export function parseDatabaseUrl(url: string | undefined): { kind: DbKind; target: string } {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgresql', target: url };
  const file = url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : 'data/wlb.sqlite';
  return { kind: 'sqlite', target: file === ':memory:' ? file : resolve(file) };
}

type Conn = { run(sql: string, cb: (err: Error | null) => void): void };

/**
 * WAL lets readers go on while one writes; synchronous=FULL makes a committed event survive
 * a crash or power loss, which is what a 200 promises. busy_timeout lets a second process wait.
 * A 32 MB page cache (the default is 2 MB) holds the indexes that lists and searches scan, so a
 * search over 100,000 cases need not read them from the file again.
 */
const sqlitePragmas = [
  'pragma journal_mode = WAL',
  'pragma synchronous = FULL',
  'pragma foreign_keys = ON',
  'pragma busy_timeout = 5000',
  'pragma cache_size = -32768',
];

function afterCreate(conn: Conn, done: (err: Error | null, conn: Conn) => void) {
  const next = (i: number) => {
    if (i === sqlitePragmas.length) return done(null, conn);
    conn.run(sqlitePragmas[i], (err) => (err ? done(err, conn) : next(i + 1)));
  };
  next(0);
}

export async function ormOptions(url: string | undefined, debug = false): Promise<{ kind: DbKind; options: Options }> {
  const { kind, target } = parseDatabaseUrl(url);
  const common = {
    entities,
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    migrations: { migrationsList: migrationsByKind[kind], transactional: true, snapshot: false, silent: true },
    // Entities are defined as schemas: no reflection, no decorators.
    discovery: { warnWhenNoEntities: true },
  };
  if (kind === 'postgresql') {
    // Loaded only when asked for: an embedded install never needs the PostgreSQL client.
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    return {
      kind,
      options: { ...common, driver: PostgreSqlDriver, clientUrl: target, pool: { min: 1, max: 10 } } as Options,
    };
  }
  const { SqliteDriver } = await import('@mikro-orm/sqlite');
  return {
    kind,
    options: { ...common, driver: SqliteDriver, dbName: target, pool: { min: 1, max: 1, afterCreate } } as Options,
  };
}
