import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { adminPassword, longSession, team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock } from '../support/planning';

/**
 * Retention: an ended case keeps its personal fields for its workflow's period (24 months by
 * default); then the daily job pseudonymises them, once, also across a restart, on the injected clock.
 */
describe.each(testDatabases)('retention on %s', (db) => {
  let t: TestApp;
  let clock: TestClock;
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  let riet = '';

  const ok = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await t.request({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const pseudonymised = async () =>
    (await ok('GET', `/api/cases/${riet}/history`, manager)).items.filter(
      (h: { event: string }) => h.event === 'pseudonymised',
    );

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-09-01T09:00:00Z'));
    t = await testApp({ db, now: clock.now });
    await team(t);
    [coordinator, manager] = await Promise.all(
      ['coordinator', 'projectleider'].map((u) => longSession(t, u, clock.at)),
    );
    riet = (
      await ok('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet Bakker', adres: 'Rietstraat 1', hulpvraag: 'Boodschappen' },
      })
    ).id;
    await ok('POST', `/api/cases/${riet}/events`, coordinator, {
      type: 'HUISBEZOEK_PLANNEN',
      data: { huisbezoekDatum: '2026-09-02' },
    });
    clock.set('2026-09-03T10:00:00Z');
    await ok('POST', `/api/cases/${riet}/events`, coordinator, {
      type: 'DOORVERWIJZEN',
      data: { verwezenNaar: 'Wijkteam Venray' },
    });
    // A correction after the end moves nothing: the period still counts from the end.
    clock.set('2026-10-01T10:00:00Z');
    await ok('POST', `/api/cases/${riet}/corrections`, coordinator, {
      field: 'adres',
      value: 'Rietstraat 11',
      reason: 'Huisnummer',
    });
  });
  afterAll(() => t.close());

  it('shows what is due in the next 30 days, pseudonymises it when due, once, also after a restart', async () => {
    expect((await ok('GET', '/api/retention/upcoming', manager)).items).toEqual([]);
    clock.set('2028-08-10T09:00:00Z');
    const upcoming = await ok('GET', '/api/retention/upcoming', manager);
    expect(upcoming).toEqual({
      days: 30,
      items: [
        {
          id: riet,
          title: 'Riet Bakker',
          workflow: 'client-hulpvraag',
          endedAt: '2026-09-03T10:00:00.000Z',
          dueAt: '2028-09-03T10:00:00.000Z',
        },
      ],
    });
    expect((await t.request({ method: 'GET', url: '/api/retention/upcoming', headers: coordinator })).statusCode).toBe(
      403,
    );
    expect(await t.app.scheduler.runRetention()).toBe(0);

    clock.set('2028-09-03T10:00:00Z');
    expect(await t.app.scheduler.runRetention()).toBe(1);
    const c = await ok('GET', `/api/cases/${riet}`, manager);
    expect(c).toMatchObject({ title: `Pseudoniem ${riet.slice(0, 8)}`, outcome: 'doorverwezen' });
    expect(JSON.stringify(await ok('GET', `/api/cases/${riet}/history`, manager))).not.toMatch(
      /Riet Bakker|Rietstraat|Wijkteam|Huisnummer/,
    );
    expect(await pseudonymised()).toMatchObject([{ actor: 'systeem', data: { cause: 'bewaartermijn' } }]);
    expect((await ok('GET', '/api/retention/upcoming', manager)).items).toEqual([]);

    // A restart (a fresh process on the same database, remembering nothing), the same day: nothing twice.
    clock.set('2028-09-03T11:00:00Z');
    const restarted = await buildApp({
      databaseUrl: t.databaseUrl,
      adminPassword,
      now: clock.now,
      timerIntervalMs: 0,
      staticDir: t.dir,
    });
    try {
      expect(await restarted.scheduler.runRetention()).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(await t.app.scheduler.runRetention()).toBe(0);
    expect(await pseudonymised()).toHaveLength(1);
  });
});
