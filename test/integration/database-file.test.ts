import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { adminPassword } from '../support/helpers';

const dir = mkdtempSync(join(tmpdir(), 'wlb-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = (file: string) => buildApp({ databaseUrl: file, adminPassword, timerIntervalMs: 0, staticDir: dir });

it('refuses an empty (0-byte) database file instead of making it a new installation', async () => {
  const file = join(dir, 'leeg.sqlite');
  writeFileSync(file, '');
  await expect(start(file)).rejects.toThrow(`The database ${file} is empty (0 bytes)`);
});

it('refuses a damaged database file, naming it', async () => {
  const file = join(dir, 'kapot.sqlite');
  const good = await start(file);
  await good.close();
  // Keep SQLite's header, overwrite the pages after it.
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(file);
  bytes.fill(0x5a, 100 + 4096, Math.min(bytes.length, 100 + 4096 * 6));
  writeFileSync(file, bytes);
  await expect(start(file)).rejects.toThrow(`The database ${file} is damaged`);
  const garbage = join(dir, 'geen-database.sqlite');
  writeFileSync(garbage, 'dit is geen database');
  await expect(start(garbage)).rejects.toThrow(`The database ${garbage} is damaged`);
});

it('starts on a file that is not there yet: the first start', async () => {
  const app = await start(join(dir, 'nieuw.sqlite'));
  await app.close();
});

it('npm start says it in one line and exits 1', async () => {
  const file = join(dir, 'leeg2.sqlite');
  writeFileSync(file, '');
  const run = promisify(execFile)('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: file, PORT: '0' },
  });
  const err = (await run.then(
    () => null,
    (e: unknown) => e,
  )) as { code: number; stderr: string };
  expect(err.code).toBe(1);
  expect(err.stderr.trim().split('\n')).toEqual([expect.stringContaining(`The database ${file} is empty`)]);
});
