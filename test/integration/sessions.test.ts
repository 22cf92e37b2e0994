import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { Session, User } from '../../server/db/entities';
import { adminPassword, testApp, testDatabases, type TestApp } from '../support/helpers';

const minute = 60_000;

describe.each(testDatabases)('sessions on %s', (db) => {
  let t: TestApp;
  let clock = new Date('2026-12-01T08:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock });
  });
  afterAll(() => t.close());

  const me = (headers: Record<string, string>) => t.request({ method: 'GET', url: '/api/auth/me', headers });
  const ends = async () =>
    (await t.app.orm.em.fork().find(Session, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0].expiresAt.getTime();

  it('ends a session unused for two hours', async () => {
    const admin = await t.as('admin');
    later(119 * minute);
    expect((await me(admin)).statusCode).toBe(200);
    later(121 * minute);
    expect((await me(admin)).statusCode).toBe(401);
  });

  it('keeps a session in use, up to twelve hours after login', async () => {
    const admin = await t.as('admin');
    for (let i = 0; i < 7; i++) {
      later(90 * minute);
      expect((await me(admin)).statusCode, clock.toISOString()).toBe(200);
    }
    later(80 * minute); // 11 h 50 after login
    expect((await me(admin)).statusCode).toBe(200);
    later(20 * minute); // used 20 minutes ago, but 12 h 10 after login
    expect((await me(admin)).statusCode).toBe(401);
  });

  it('writes a session in use at most once a minute, not on every request', async () => {
    const admin = await t.as('admin');
    const atLogin = await ends();
    later(30_000);
    await new Promise((r) => setTimeout(r, 1100)); // past the second sessions are answered from memory
    expect((await me(admin)).statusCode).toBe(200);
    expect(await ends()).toBe(atLogin);
    later(31_000);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await me(admin)).statusCode).toBe(200);
    expect(await ends()).toBe(clock.getTime() + 120 * minute);
  });

  it('deletes sessions that have ended when the server starts', async () => {
    const em = t.app.orm.em.fork();
    const user = await em.findOneOrFail(User, { username: 'admin' });
    em.create(Session, { tokenHash: 'e'.repeat(64), user, createdAt: clock, expiresAt: new Date(clock.getTime() - 1) });
    await em.flush();
    const url = db === 'sqlite' ? t.dbFile : String(t.app.orm.config.get('clientUrl'));
    const other = await buildApp({
      databaseUrl: url,
      adminPassword,
      timerIntervalMs: 0,
      staticDir: t.dir,
      now: () => clock,
    });
    await other.close();
    expect(await t.app.orm.em.fork().count(Session, { tokenHash: 'e'.repeat(64) })).toBe(0);
  });

  it('answers the idle end at login', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: adminPassword },
    });
    expect(Date.parse(res.json().expiresAt)).toBe(clock.getTime() + 120 * minute);
  });
});
