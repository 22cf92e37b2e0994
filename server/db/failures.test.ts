import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { PostgreSqlExceptionConverter } from '@mikro-orm/postgresql';
import { SqliteExceptionConverter } from '@mikro-orm/sqlite';
import { describe, expect, it } from 'vitest';
import { isDatabaseError, isStorageFull } from './failures';

/** The error SQLite gives when a write needs a page the file may not have: what a full disk gives. */
async function sqliteFull(): Promise<Error> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-full-'));
  const db = new sqlite3.Database(join(dir, 'full.sqlite'));
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
  try {
    await run('create table t (x text)');
    await run('pragma max_page_count = 2');
    await run(`insert into t values ('${'x'.repeat(10_000)}')`);
    throw new Error('the insert should not fit');
  } catch (err) {
    return err as Error;
  } finally {
    await new Promise((resolve) => db.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('what the database says about room to write', () => {
  it("knows SQLite's SQLITE_FULL, raw from sqlite3 and as MikroORM wraps it", async () => {
    const raw = await sqliteFull();
    expect((raw as { code?: string }).code).toBe('SQLITE_FULL');
    expect(isStorageFull(raw)).toBe(true);
    const wrapped = new SqliteExceptionConverter().convertException(raw);
    expect(isStorageFull(wrapped)).toBe(true);
    expect(isDatabaseError(raw) && isDatabaseError(wrapped)).toBe(true);
  });

  it("knows PostgreSQL's disk_full (53100) as MikroORM wraps it, and nothing else as full", () => {
    const pgError = (code: string) =>
      Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), {
        code,
        severity: 'ERROR',
        routine: 'mdextend',
      });
    const full = new PostgreSqlExceptionConverter().convertException(pgError('53100'));
    expect(isStorageFull(full)).toBe(true);
    expect(isDatabaseError(full)).toBe(true);
    expect(isStorageFull(new PostgreSqlExceptionConverter().convertException(pgError('23505')))).toBe(false);
    expect(isStorageFull(new Error('SQLITE_FULL'))).toBe(false);
    expect(isDatabaseError(new TypeError('x'))).toBe(false);
  });
});
