import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsByKind } from '../../server/db/migrations';
import { introWorkflow, notesWorkflow } from '../support/fixtures';
import { freshPostgres } from '../support/helpers';
import { startServer, type ServerProcess } from '../support/server-process';

/**
 * Three real server processes on one PostgreSQL database, as a host runs them behind a reverse
 * proxy (a process per port; WLB_WORKERS runs the same with node:cluster on one port).
 */
const server = process.env.WLB_TEST_POSTGRES;
const title = 'three server processes on one PostgreSQL database';
// Said aloud: a skipped suite is easy to miss in the list of results.
if (!server) console.warn(`Skipped: ${title}. Set WLB_TEST_POSTGRES=postgres://… to run it (.ci/run does).`);
const password = 'drie-processen-123';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!server)(title, () => {
  let db: Awaited<ReturnType<typeof freshPostgres>>;
  let sql: pg.Client;
  let servers: ServerProcess[] = [];
  const tokens: string[] = [];

  const call = async (i: number, method: string, path: string, body?: unknown, token = tokens[i]) => {
    const res = await fetch(`${servers[i].api}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (i: number, username: string, pw: string) =>
    call(i, 'POST', '/auth/login', { username, password: pw }, '');

  beforeAll(async () => {
    db = await freshPostgres();
    // All three at once on an empty database: the migrations must run once, under the lock.
    servers = await Promise.all(
      [0, 1, 2].map(() =>
        startServer({ DATABASE_URL: db.url, WLB_ADMIN_PASSWORD: password, WLB_TIMER_INTERVAL_MS: '200' }),
      ),
    );
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    for (const i of [0, 1, 2]) tokens.push((await login(i, 'admin', password)).body.token);
    for (const def of [notesWorkflow, introWorkflow]) {
      expect((await call(0, 'PUT', `/workflows/${def.key}/draft`, { definition: def })).status).toBe(200);
      expect((await call(1, 'POST', `/workflows/${def.key}/publish`, {})).status).toBe(200);
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await sql?.end();
    await db?.drop();
  });

  const newCase = async (i: number, workflow: string, naam: string): Promise<string> => {
    const res = await call(i, 'POST', '/cases', { workflow, data: { naam } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  it('started together on an empty database: each migration ran once, and there is one site with one admin', async () => {
    const { rows } = await sql.query('select name, count(*)::int as n from mikro_orm_migrations group by name');
    expect(rows.map((r) => r.name).sort()).toEqual(migrationsByKind.postgresql.map((m) => m.name).sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect((await sql.query('select id from site')).rows).toEqual([{ id: 'venray' }]);
    expect((await sql.query("select count(*)::int as n from app_user where username = 'admin'")).rows[0].n).toBe(1);
  });

  it('loses no update when the three change the same cases at once: revisions gapless, every 200 in the history', async () => {
    const ids = [await newCase(0, 'test-notes', 'Een'), await newCase(1, 'test-notes', 'Twee')];
    const acked: { id: string; revision: number; note: string }[] = [];
    const statuses: number[] = [];
    await Promise.all(
      [0, 1, 2].flatMap((p) =>
        ids.map(async (id, c) => {
          for (let n = 0; n < 25; n++) {
            const note = `p${p}-c${c}-${n}`;
            const res = await call(p, 'POST', `/cases/${id}/events`, { type: 'NOTITIE', data: { notitie: note } });
            statuses.push(res.status);
            if (res.status === 200) acked.push({ id, revision: res.body.revision, note });
          }
        }),
      ),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    for (const id of ids) {
      const rows = (await call(2, 'GET', `/cases/${id}/history`)).body.items as {
        revision: number;
        data: { notitie?: string };
      }[];
      expect(rows.map((r) => r.revision)).toEqual(rows.map((_, i) => i + 1));
      expect(rows).toHaveLength(1 + 75);
      const stored = new Map(rows.map((r) => [r.revision, r.data.notitie]));
      for (const a of acked.filter((x) => x.id === id)) expect(stored.get(a.revision), a.note).toBe(a.note);
    }
  });

  it('fires a timer that falls due while all three run exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => newCase(i % 3, 'test-intro', `Student ${i}`)));
    // Ten weeks pass in a moment: the timers fall due a second from now, in all three schedulers.
    await sql.query(`update timer set due_at = now() + interval '1 second' where case_id = any($1::text[])`, [ids]);
    const fired = async () =>
      (
        await sql.query(
          "select case_id, count(*)::int as n from history where actor = 'systeem' and case_id = any($1::text[]) group by case_id",
          [ids],
        )
      ).rows as { case_id: string; n: number }[];
    for (let i = 0; i < 100 && (await fired()).length < ids.length; i++) await sleep(100);
    await sleep(1000); // several more passes of every scheduler
    const rows = await fired();
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const { rows: timers } = await sql.query(
      "select count(*)::int as n from timer where case_id = any($1::text[]) and status = 'fired'",
      [ids],
    );
    expect(timers[0].n).toBe(ids.length);
    for (const id of ids) expect((await call(0, 'GET', `/cases/${id}`)).body.state).toBe('introductie.besluit');
  });

  it('refuses a session ended in one process in the other two within a second', async () => {
    expect(
      (await call(0, 'POST', '/users', { username: 'docent', password: 'docent-wachtwoord', role: 'staff' })).status,
    ).toBe(201);
    const token = (await login(0, 'docent', 'docent-wachtwoord')).body.token;
    // Both others have seen the session, so each remembers it.
    for (const i of [1, 2]) expect((await call(i, 'GET', '/auth/me', undefined, token)).status).toBe(200);
    expect((await call(0, 'POST', '/auth/logout', undefined, token)).status).toBe(204);
    const ended = performance.now();
    expect((await call(0, 'GET', '/auth/me', undefined, token)).status).toBe(401);
    await sleep(Math.max(0, ended + 1000 - performance.now()));
    for (const i of [1, 2])
      expect((await call(i, 'GET', '/auth/me', undefined, token)).status, `process ${i}`).toBe(401);
  });

  it('limits the eleventh failed login for one account, whichever processes the attempts went to', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 11; n++) statuses.push((await login(n % 3, 'coordinator', `gok-${n}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    for (const i of [0, 1, 2]) {
      const res = await login(i, 'coordinator', 'nog een gok');
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
    }
  });
});

describe('WLB_WORKERS', () => {
  it.skipIf(!server)('runs that many server processes behind one port on PostgreSQL, and stops them all', async () => {
    const db = await freshPostgres();
    const primary = await startServer({ DATABASE_URL: db.url, WLB_ADMIN_PASSWORD: password, WLB_WORKERS: '2' });
    try {
      // `ps` answers 1 when the primary has no children.
      const workers = () =>
        spawnSync('ps', ['-o', 'pid=', '--ppid', String(primary.child.pid)], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter((l) => l.trim());
      for (let i = 0; i < 100 && workers().length < 2; i++) await sleep(100);
      expect(workers()).toHaveLength(2);
      const res = await fetch(`${primary.api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(res.status).toBe(200);
      await primary.stop();
      expect(primary.child.exitCode).toBe(0);
      expect(workers()).toEqual([]);
    } finally {
      await primary.stop();
      await db.drop();
    }
  });

  it('is refused on SQLite, which one process serves', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: 'data/never-opened.sqlite', WLB_WORKERS: '2' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WLB_WORKERS > 1 needs DATABASE_URL=postgres://');
  });
});
