import { afterEach, describe, expect, it } from 'vitest';
import { Case, HistoryRow, Timer } from '../../server/db/entities';
import { buildApp } from '../../server/app';
import { introWorkflow } from '../support/fixtures';
import { adminPassword, testApp, testDatabases, type TestApp } from '../support/helpers';

// A winter start: the eleven weeks these tests step through stay clear of summer time, so ten
// calendar weeks are 70 × 24 hours.
const t0 = new Date('2027-01-05T09:00:00.000Z');
const weeks = (n: number) => new Date(t0.getTime() + n * 7 * 86_400_000);

const apps: TestApp[] = [];
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

async function setup(db: 'sqlite' | 'postgresql' = 'sqlite') {
  let clock = t0;
  const t = await testApp({ db, workflows: [introWorkflow], now: () => clock });
  apps.push(t);
  const headers = await t.user('docent', 'staff', 'docent');
  const create = async (naam: string) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { workflow: 'test-intro', data: { naam } },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; revision: number };
  };
  const get = async (id: string) => (await t.request({ method: 'GET', url: `/api/cases/${id}`, headers })).json();
  const history = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/cases/${id}/history`, headers })).json().items;
  // Sessions last twelve hours: after stepping the clock by weeks, log in again.
  const setClock = async (d: Date) => {
    clock = d;
    Object.assign(headers, await t.as('docent'));
  };
  return { t, headers, create, get, history, setClock };
}

describe.each(testDatabases)('durable timers on %s', (db) => {
  it('fires the ten-week timer once, when due, as a history row by the system', async () => {
    const s = await setup(db);
    const c = await s.create('Sanne');
    await s.setClock(weeks(9));
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    expect((await s.get(c.id)).state).toBe('introductie.lopend');

    await s.setClock(weeks(10));
    expect(await s.t.app.scheduler.runDue()).toBe(1);
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    const after = await s.get(c.id);
    expect(after).toMatchObject({
      state: 'introductie.besluit',
      stateLabel: 'Introductie › Duur en leerroute vaststellen',
      revision: 2,
    });
    const rows = await s.history(c.id);
    expect(rows.at(-1)).toMatchObject({
      actor: 'systeem',
      eventLabel: 'Tien weken voorbij (na 10 weken)',
      from: 'introductie.lopend',
      to: 'introductie.besluit',
      at: weeks(10).toISOString(),
    });
  });

  it('cancels the timer when the step is left first', async () => {
    const s = await setup(db);
    const c = await s.create('Mo');
    const res = await s.t.request({
      method: 'POST',
      url: `/api/cases/${c.id}/events`,
      headers: s.headers,
      payload: { type: 'STOPPEN' },
    });
    expect(res.statusCode).toBe(200);
    await s.setClock(weeks(11));
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    const timers = await s.t.app.orm.em.fork().find(Timer, { case: c.id });
    expect(timers.map((x) => x.status)).toEqual(['cancelled']);
    expect((await s.history(c.id)).map((r: { event: string }) => r.event)).toEqual(['START', 'STOPPEN']);
  });
});

describe('the SQLite hot path and other writers', () => {
  it('notices a change made by another writer (a timer) and acts on the row as it is', async () => {
    const s = await setup();
    const c = await s.create('Sanne');
    const ok = await s.t.request({
      method: 'POST',
      url: `/api/cases/${c.id}/checklist`,
      headers: s.headers,
      payload: { item: 'portfolio-gestart', signed: true, revision: 1 },
    });
    expect(ok.json().revision).toBe(2);
    await s.setClock(weeks(10));
    expect(await s.t.app.scheduler.runDue()).toBe(1); // written by MikroORM: revision 3
    const stale = await s.t.request({
      method: 'POST',
      url: `/api/cases/${c.id}/events`,
      headers: s.headers,
      payload: { type: 'STOPPEN', revision: 2 },
    });
    expect(stale.statusCode).toBe(409);
    const fresh = await s.t.request({
      method: 'POST',
      url: `/api/cases/${c.id}/events`,
      headers: s.headers,
      payload: { type: 'STOPPEN', revision: 3 },
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toMatchObject({ revision: 4, state: 'gestopt' });
    expect((await s.history(c.id)).map((r: { revision: number }) => r.revision)).toEqual([1, 2, 3, 4]);
  });
});

describe('timers across restarts and processes (SQLite file)', () => {
  it('catches up at start on a timer that fell due while the server was down', async () => {
    const s = await setup();
    const c = await s.create('Sanne');
    await s.t.app.close();
    // Same file, eleven weeks later, with the scheduler loop on as under `npm start`.
    const again = await buildApp({
      databaseUrl: s.t.dbFile,
      adminPassword,
      now: () => weeks(11),
      timerIntervalMs: 50,
      staticDir: s.t.dir,
    });
    try {
      await again.ready();
      let state = '';
      for (let i = 0; i < 100 && state !== 'introductie.besluit'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await again.orm.em.fork().findOneOrFail(Case, { id: c.id })).state;
      }
      expect(state).toBe('introductie.besluit');
      const rows = await again.orm.em.fork().find(HistoryRow, { case: c.id });
      expect(rows.filter((r) => r.actor === 'systeem').map((r) => r.at.toISOString())).toEqual([
        weeks(11).toISOString(),
      ]);
    } finally {
      await again.close();
      apps.pop();
      await s.t.close().catch(() => {});
    }
  });

  it('fires each timer exactly once when two app instances share one database file', async () => {
    const s = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await s.create(`Student ${i}`)).id);
    const second = await buildApp({
      databaseUrl: s.t.dbFile,
      adminPassword,
      now: () => weeks(10),
      timerIntervalMs: 0,
      staticDir: s.t.dir,
    });
    try {
      await s.setClock(weeks(10));
      const [a, b] = await Promise.all([s.t.app.scheduler.runDue(), second.scheduler.runDue()]);
      expect(a + b).toBe(30);
      for (const id of ids) {
        const rows = await s.history(id);
        expect(rows.filter((r: { actor: string }) => r.actor === 'systeem')).toHaveLength(1);
        expect(rows.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
      }
    } finally {
      await second.close();
    }
  });
});

describe('signing the aftekenlijst through the API', () => {
  it('records who signed what and when, opens the rule, and refuses unknown items and wrong roles', async () => {
    const s = await setup();
    const c = await s.create('Sanne');
    const before = await s.get(c.id);
    expect(before.checklist).toEqual([
      {
        id: 'portfolio-gestart',
        label: 'Portfolio gestart',
        step: 'introductie.lopend',
        stepLabel: 'Introductie › Loopt',
        current: true,
        relevant: true,
        maySign: true,
      },
      {
        id: 'rooster',
        label: 'Rooster besproken',
        step: 'introductie.lopend',
        stepLabel: 'Introductie › Loopt',
        current: true,
        relevant: true,
        maySign: false,
        signers: 'projectleider of beheerder',
      },
    ]);
    expect(before.availableEvents.find((e: { type: string }) => e.type === 'VASTGESTELD')).toMatchObject({
      allowed: false,
      reason: 'Nog niet afgetekend (2): Portfolio gestart; Rooster besproken',
    });

    await s.setClock(weeks(3));
    const sign = (headers: Record<string, string>, item: string, signed = true) =>
      s.t.request({ method: 'POST', url: `/api/cases/${c.id}/checklist`, headers, payload: { item, signed } });
    const ok = await sign(s.headers, 'portfolio-gestart');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().checklist[0].signed).toEqual({ by: 'docent', byName: 'docent', at: weeks(3).toISOString() });
    expect((await sign(s.headers, 'rooster')).statusCode).toBe(403);
    expect((await sign(s.headers, 'bestaat-niet')).statusCode).toBe(404);
    const manager = await s.t.user('projectleider', 'manager');
    const all = await sign(manager, 'rooster');
    expect(all.json().availableEvents.find((e: { type: string }) => e.type === 'VASTGESTELD').allowed).toBe(true);
    const rows = await s.history(c.id);
    expect(rows.slice(1).map((r: { eventLabel: string; actor: string }) => `${r.eventLabel} / ${r.actor}`)).toEqual([
      'Afgetekend: Portfolio gestart / docent',
      'Afgetekend: Rooster besproken / projectleider',
    ]);
  });
});
