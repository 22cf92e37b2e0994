import { existsSync, statSync } from 'node:fs';
import sqlite3 from 'sqlite3';

/** A database the server refuses to start on; its message is the one line to show. */
export class UnusableDatabase extends Error {}

/**
 * A SQLite file that exists must be a whole database. A 0-byte file was silently made a new
 * installation with a new admin (the data is gone, and nobody is told); a damaged one exited with
 * a stack dump not naming the file, or started "healthy" and answered 500s. A file that is not
 * there is a first start (`npm start` on a fresh clone) and goes on as before.
 */
export async function checkSqliteFile(file: string): Promise<void> {
  if (file === ':memory:' || !existsSync(file)) return;
  if (statSync(file).size === 0)
    throw new UnusableDatabase(
      `The database ${file} is empty (0 bytes), so it is not this installation's data: restore it from a backup, or delete it to start a new installation.`,
    );
  const problem = await quickCheck(file);
  if (problem)
    throw new UnusableDatabase(
      `The database ${file} is damaged (${problem}): restore it from a backup (docs/deploying.md); the server did not start.`,
    );
}

/** SQLite's own quick check (the structure of every page), or why the file cannot be read. */
function quickCheck(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => {
      if (err) return resolve(err.message);
      db.all<{ quick_check: string }>('pragma quick_check', (e, rows) => {
        db.close(() =>
          resolve(
            e ? e.message : rows[0]?.quick_check === 'ok' ? undefined : rows.map((r) => r.quick_check).join('; '),
          ),
        );
      });
    });
  });
}
