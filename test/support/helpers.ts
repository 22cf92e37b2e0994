import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { Session, Site, User } from '../../server/db/entities';
import { hashPassword, newToken, tokenHash } from '../../server/auth/passwords';
import { buildApp, type AppOptions } from '../../server/app';
import type { AccountRole, AssignableRole, StaffFunction } from '../../engine';

export const adminPassword = 'admin-wachtwoord-123';

/**
 * Real scrypt at a cost a thousand logins a run can afford; OWASP's own is tested in
 * server/auth/passwords.test.ts and test/integration/passwords.test.ts.
 */
export const testPasswordCost = { N: 1 << 12, r: 8, p: 1 };

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  dbFile: string;
  /** The database this app runs on: its SQLite file or its PostgreSQL URL (for a second process or a restart). */
  databaseUrl: string;
  /** Logs in and returns a Bearer header for the user. */
  as(username: string, password?: string): Promise<Record<string, string>>;
  /** Creates a user (through the admin API), with a function in the team if given, and returns their Bearer header. */
  user(username: string, role: AssignableRole, fn?: StaffFunction): Promise<Record<string, string>>;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The databases to run the integration suites on: SQLite always, PostgreSQL when a server is given. */
export const testDatabases: ('sqlite' | 'postgresql')[] = [
  'sqlite',
  ...(process.env.WLB_TEST_POSTGRES ? (['postgresql'] as const) : []),
];

/** A fresh, empty PostgreSQL database on the server (WLB_TEST_POSTGRES by default); dropped by `drop`. */
export async function freshPostgres(
  on = process.env.WLB_TEST_POSTGRES!,
): Promise<{ url: string; drop(): Promise<void> }> {
  const server = on.replace(/\/$/, '');
  const name = `wlb_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `${server}/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: `${server}/postgres` });
      await c.connect();
      try {
        // An autovacuum worker may be busy in the new database: forcing needs a role allowed to end
        // it (.ci/run grants pg_signal_backend), and a plain drop a moment later also succeeds.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (err) {
            if (attempt >= 5) throw err;
            await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** A real app on a fresh database: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function testApp(options: AppOptions & { db?: 'sqlite' | 'postgresql' } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-test-'));
  const dbFile = join(dir, 'wlb.sqlite');
  const pgdb = options.db === 'postgresql' ? await freshPostgres() : undefined;
  const databaseUrl = pgdb?.url ?? dbFile;
  const app = await buildApp({
    databaseUrl,
    adminPassword,
    staticDir: join(dir, 'no-app'),
    timerIntervalMs: 0,
    passwordCost: testPasswordCost,
    ...(process.env.WLB_TEST_LOG ? { logger: { level: 'error' } } : {}),
    ...options,
  });
  const as = async (username: string, password = username === 'admin' ? adminPassword : `${username}-wachtwoord`) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  return {
    app,
    dir,
    dbFile,
    databaseUrl,
    as,
    async user(username, role, fn) {
      const admin = await as('admin');
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, password: `${username}-wachtwoord`, role, ...(fn ? { function: fn } : {}) },
      });
      if (res.statusCode !== 201) throw new Error(`create ${username}: ${res.statusCode} ${res.body}`);
      return as(username);
    },
    request: (opts) => app.inject(opts),
    async close() {
      await app.close();
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The lines of a CSV answer, without the byte-order mark that spreadsheets want. */
export const csvLines = (body: string): string[] =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

export const sanne = { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'ww' };

/**
 * A session that outlives a test's clock running through months or years: logging in again at
 * every step would meet the login rate limit, which such tests are not about.
 */
export async function longSession(
  t: TestApp,
  username: string,
  createdAt = new Date(),
): Promise<Record<string, string>> {
  const em = t.app.orm.em.fork();
  const user = await em.findOneOrFail(User, { username });
  const token = newToken();
  em.create(Session, { tokenHash: tokenHash(token), user, expiresAt: new Date('2100-01-01'), createdAt });
  await em.flush();
  return { authorization: `Bearer ${token}` };
}

/**
 * An account at another site (made if the site is not there yet), logged in: for tests that
 * another site's people see nothing of this one.
 */
export async function userAtSite(
  t: TestApp,
  site: { id: string; name: string },
  user: { username: string; displayName: string; role: AccountRole; function?: StaffFunction },
): Promise<Record<string, string>> {
  const em = t.app.orm.em.fork();
  const at = (await em.findOne(Site, { id: site.id })) ?? em.create(Site, site);
  em.create(User, { site: at, ...user, passwordHash: await hashPassword(`${user.username}-wachtwoord`) });
  await em.flush();
  return t.as(user.username);
}

/** The team privacy is tested with: a coördinator, a docent, staff without a function, a projectleider. */
export async function team(t: TestApp) {
  return {
    coordinator: await t.user('coordinator', 'staff', 'coordinator'),
    docent: await t.user('docent', 'staff', 'docent'),
    nobody: await t.user('invaller', 'staff'),
    manager: await t.user('projectleider', 'manager'),
  };
}
