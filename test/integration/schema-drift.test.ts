import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { ormOptions } from '../../server/db/config';
import { loginAttemptSql, sweepLoginAttemptsSql } from '../../server/db/login-attempts';
import { lockCaseSql } from '../../server/db/orm-store';
import { postgresStatements } from '../../server/db/postgres-store';
import { namesOf, type Names } from '../../server/db/raw-sql';
import { sqliteStatements } from '../../server/db/sqlite-store';
import { freshPostgres, testDatabases } from '../support/helpers';

/** Every raw statement of the server; those for many rows or ids for one and for two. */
function statements(db: 'sqlite' | 'postgresql', names: Names): string[] {
  const all: Record<string, string | ((count: number) => string)> =
    db === 'sqlite' ? sqliteStatements(names) : postgresStatements(names);
  return [
    lockCaseSql(names),
    loginAttemptSql(names),
    sweepLoginAttemptsSql(names),
    ...Object.values(all).flatMap((s) => (typeof s === 'string' ? [s] : [s(1), s(2)])),
  ];
}

describe.each(testDatabases)('the schema on %s', (db) => {
  it('is what the entities say after the migrations, and every raw statement names only what is in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-drift-'));
    const pgdb = db === 'postgresql' ? await freshPostgres() : undefined;
    const url = pgdb?.url ?? join(dir, 'drift.sqlite');
    const { options } = await ormOptions(url);
    const orm = await MikroORM.init(options);
    try {
      await orm.getMigrator().up();
      // A migration that is missing, or one that does more than the entities say, shows here.
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL()).toBe('');

      const metadata = orm.getMetadata();
      const known = new Set(
        Object.values(metadata.getAll()).flatMap((m) => [
          m.tableName,
          ...Object.values(m.properties).flatMap((p) => p.fieldNames ?? []),
        ]),
      );
      const sql = statements(db, namesOf(metadata));
      // A quoted name is a table or a column, unless it follows `as` (the property it is read as).
      const named = sql.flatMap((s) => [...s.matchAll(/(\bas\s+)?"([^"]+)"/gi)].filter((m) => !m[1]).map((m) => m[2]));
      expect(named.length).toBeGreaterThan(50);
      expect(named.filter((n) => !known.has(n))).toEqual([]);

      // And the database itself takes every statement: names, types and syntax.
      const refused = db === 'sqlite' ? await refusedBySqlite(url, sql) : await refusedByPostgres(pgdb!.url, sql);
      expect(refused).toEqual([]);
    } finally {
      await orm.close(true);
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function refusedBySqlite(file: string, sql: string[]): Promise<string[]> {
  const conn = new sqlite3.Database(file);
  const refused: string[] = [];
  for (const s of sql)
    await new Promise<void>((resolve) => {
      const stmt = conn.prepare(s, (err) => {
        if (!err) return stmt.finalize(() => resolve());
        refused.push(`${err.message}: ${s}`);
        resolve();
      });
    });
  await new Promise((r) => conn.close(r));
  return refused;
}

async function refusedByPostgres(url: string, sql: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const refused: string[] = [];
  for (const [i, s] of sql.entries()) {
    try {
      // `?` is how MikroORM's own connection takes parameters; PostgreSQL's are numbered.
      let n = 0;
      await client.query(`prepare drift_${i} as ${s.replace(/\?/g, () => `$${++n}`)}`);
      await client.query(`deallocate drift_${i}`);
    } catch (err) {
      refused.push(`${(err as Error).message}: ${s}`);
    }
  }
  await client.end();
  return refused;
}
