import sqlite3 from 'sqlite3';

/** A database file opened without the server, for filling it as the server would have: `run` and `get` as promises. */
export function openRaw(file: string) {
  const db = new sqlite3.Database(file);
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  const get = (sql: string) =>
    new Promise<Record<string, unknown>>((res, rej) =>
      db.get(sql, (e: Error | null, r: Record<string, unknown>) => (e ? rej(e) : res(r))),
    );
  return { db, run, get };
}
