import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { Timer } from '../../server/db/entities';
import { timeWorkflow } from '../support/fixtures';
import { adminPassword, longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

// An autumn start after summer time ended: the fourteen weeks stepped through before summer time
// begins again are 7 × 24 hours each.
const t0 = new Date('2026-11-03T09:00:00.000Z');
const week = 7 * 86_400_000;
const weeks = (n: number) => new Date(t0.getTime() + n * week);

const apps: TestApp[] = [];
const others: FastifyInstance[] = [];
afterEach(async () => {
  while (others.length) await others.pop()!.close();
  while (apps.length) await apps.pop()!.close();
});

async function setup(db: 'sqlite' | 'postgresql') {
  const clock = { now: t0 };
  const t = await testApp({ db, workflows: [timeWorkflow], now: () => clock.now });
  apps.push(t);
  await t.user('docent', 'staff', 'docent');
  const headers = await longSession(t, 'docent', t0);
  const request = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, as = headers) =>
    t.request({ method, url, headers: as, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const create = async (naam: string) => {
    const res = await request('POST', '/api/cases', { workflow: 'test-time', data: { naam } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const send = async (id: string, type: string) => {
    const res = await request('POST', `/api/cases/${id}/events`, { type });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const get = async (id: string) => (await request('GET', `/api/cases/${id}`)).json();
  const history = async (id: string) => (await request('GET', `/api/cases/${id}/history`)).json().items;
  /** Another server process on the same database, on the same clock, with its loop off as in tests. */
  const second = async () => {
    const app = await buildApp({
      databaseUrl: t.databaseUrl,
      adminPassword,
      now: () => clock.now,
      timerIntervalMs: 0,
      staticDir: t.dir,
    });
    others.push(app);
    return app;
  };
  return { t, clock, headers, request, create, send, get, history, second };
}

describe.each(testDatabases)('time on %s', (db) => {
  it('fires a resumed timer at its remaining time, also after a restart', async () => {
    const s = await setup(db);
    const c = await s.create('Sanne');
    expect((await s.get(c.id)).timers).toMatchObject([
      {
        label: 'Tien weken voorbij',
        dueAt: weeks(10).toISOString(),
        paused: false,
        remaining: 10 * week,
        text: 'Tien weken voorbij op 12 januari 2027, nog 10 weken',
      },
    ]);
    s.clock.now = weeks(4);
    await s.send(c.id, 'PAUZEREN');
    const paused = (await s.get(c.id)).timers;
    expect(paused).toMatchObject([
      { paused: true, remaining: 6 * week, text: 'Tien weken voorbij: gepauzeerd, nog 6 weken' },
    ]);
    expect(paused[0].dueAt).toBeUndefined();

    // Two weeks of pause: the six weeks left run from the moment the case is back.
    s.clock.now = weeks(6);
    await s.send(c.id, 'HERVATTEN');
    expect((await s.get(c.id)).timers).toMatchObject([{ dueAt: weeks(12).toISOString(), paused: false }]);

    // The server goes down; it starts again on the same database a minute before the time is up.
    await s.t.app.close();
    s.clock.now = new Date(weeks(12).getTime() - 60_000);
    const again = await s.second();
    expect(await again.scheduler.runDue()).toBe(0);
    s.clock.now = weeks(12);
    expect(await again.scheduler.runDue()).toBe(1);
    const rows = await again.inject({ method: 'GET', url: `/api/cases/${c.id}/history`, headers: s.headers });
    expect(rows.json().items.at(-1)).toMatchObject({
      actor: 'systeem',
      eventLabel: 'Tien weken voorbij (na 10 weken)',
      from: 'lopend',
      to: 'besluit',
      at: weeks(12).toISOString(),
    });
  });

  it('writes one history row when a deadline passes, with two processes on one database', async () => {
    const s = await setup(db);
    const c = await s.create('Mo');
    s.clock.now = weeks(10);
    expect(await s.t.app.scheduler.runDue()).toBe(1);
    expect((await s.get(c.id)).deadlines).toEqual([
      {
        id: 'deadline:besluit',
        label: 'Besluit',
        dueAt: weeks(12).toISOString(),
        day: '2027-01-26',
        functions: ['docent'],
        overdue: false,
        soon: false,
        step: 'besluit',
        text: 'Besluit: uiterlijk 26 januari 2027, nog 2 weken',
      },
    ]);

    // Within a week: "binnenkort" on the docent's worklist, on the action that is due.
    s.clock.now = new Date(weeks(11).getTime() + 86_400_000);
    const soon = (await s.request('GET', '/api/worklist?due=soon')).json();
    expect(soon.items).toMatchObject([
      { caseId: c.id, kind: 'action', actions: [{ type: 'BESLOTEN' }], due: { soon: true, overdue: false } },
    ]);
    expect((await s.request('GET', '/api/worklist?due=late')).json().items).toEqual([]);

    s.clock.now = new Date(weeks(12).getTime() + 60_000);
    const other = await s.second();
    const [a, b] = await Promise.all([s.t.app.scheduler.runDue(), other.scheduler.runDue()]);
    expect(a + b).toBe(1);
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    const passed = (await s.history(c.id)).filter((r: { event: string }) => r.event === 'deadline.passed');
    expect(passed).toMatchObject([
      {
        actor: 'systeem',
        eventLabel: 'Termijn verstreken: Besluit',
        from: 'besluit',
        to: 'besluit',
        data: { deadline: 'deadline:besluit', dueAt: weeks(12).toISOString() },
      },
    ]);
    const late = await s.get(c.id);
    expect(late.deadlines).toMatchObject([
      { overdue: true, soon: false, text: 'Besluit: uiterlijk 26 januari 2027, 1 minuut te laat' },
    ]);
    expect((await s.request('GET', '/api/worklist?due=late')).json().items).toMatchObject([
      { caseId: c.id, due: { overdue: true } },
    ]);
    const board = (await s.request('GET', '/api/board?workflow=test-time')).json();
    const card = board.columns.find((col: { state: string }) => col.state === 'besluit').cards[0];
    expect(card).toMatchObject({ id: c.id, due: { overdue: true }, timer: { label: 'Vier weken voorbij' } });

    // Leaving the step in time ends a deadline: no row passes for it.
    const d = await s.create('Daan');
    s.clock.now = new Date(weeks(22).getTime() + 60_000);
    // Daan's ten weeks, and Mo's four weeks held back by the sign-off list.
    expect(await s.t.app.scheduler.runDue()).toBe(2);
    await s.send(d.id, 'BESLOTEN');
    s.clock.now = weeks(30);
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    expect((await s.history(d.id)).map((r: { event: string }) => r.event)).not.toContain('deadline.passed');
  });

  it('sets the row of a deadline a case was already under, and writes its passing once even when set twice', async () => {
    const s = await setup(db);
    const c = await s.create('Lotte');
    s.clock.now = weeks(10);
    expect(await s.t.app.scheduler.runDue()).toBe(1);
    // As for a case that entered its step before deadlines were rows: no row for it.
    const em = () => s.t.app.orm.em.fork();
    const deadlineRows = () => em().find(Timer, { case: c.id, timerId: 'deadline:besluit', status: 'scheduled' });
    await em().nativeDelete(Timer, { case: c.id, timerId: 'deadline:besluit' });
    expect(await s.t.app.scheduler.scheduleMissingDeadlines()).toBe(1);
    expect((await deadlineRows()).map((r) => r.dueAt.toISOString())).toEqual([weeks(12).toISOString()]);
    const other = await s.second();
    expect(await other.scheduler.scheduleMissingDeadlines()).toBe(0);

    // Two processes that started together may both have set it.
    const [row] = await deadlineRows();
    const fork = em();
    fork.create(Timer, {
      case: c.id,
      site: row.site.id,
      timerId: row.timerId,
      event: row.event,
      dueAt: row.dueAt,
      status: 'scheduled',
      createdAt: weeks(10),
    });
    await fork.flush();
    s.clock.now = new Date(weeks(12).getTime() + 60_000);
    expect((await s.t.app.scheduler.runDue()) + (await other.scheduler.runDue())).toBe(2);
    const passed = (await s.history(c.id)).filter((r: { event: string }) => r.event === 'deadline.passed');
    expect(passed).toHaveLength(1);
    // A deadline already passed when its row would be set gets none, as when a case enters its step late.
    await em().nativeDelete(Timer, { case: c.id, timerId: 'deadline:besluit' });
    expect(await s.t.app.scheduler.scheduleMissingDeadlines()).toBe(0);
  });

  it('marks a timer its rule held back as spent, with one history row that says why', async () => {
    const s = await setup(db);
    const c = await s.create('Noor');
    s.clock.now = weeks(10);
    await s.t.app.scheduler.runDue();
    expect((await s.get(c.id)).timers.map((t: { label: string }) => t.label)).toEqual(['Vier weken voorbij']);
    s.clock.now = weeks(14);
    // The deadline of two weeks and the four weeks whose rule asks for the sign-off list.
    expect(await s.t.app.scheduler.runDue()).toBe(2);
    const after = await s.get(c.id);
    expect(after).toMatchObject({ state: 'besluit', timers: [] });
    const rows = await s.history(c.id);
    expect(rows.at(-1)).toMatchObject({
      actor: 'systeem',
      event: 'timer.held',
      eventLabel: 'Vier weken voorbij (na 4 weken): tegengehouden door een regel (Nog niet afgetekend (1): Besproken)',
      from: 'besluit',
      to: 'besluit',
    });
    s.clock.now = weeks(20);
    expect(await s.t.app.scheduler.runDue()).toBe(0);
  });

  it('keeps a site calendar that a manager edits, and counts open days on it', async () => {
    const s = await setup(db);
    await s.t.user('projectleider', 'manager');
    const manager = await longSession(s.t, 'projectleider', t0);
    expect((await s.request('GET', '/api/sites/current/calendar')).json()).toEqual({
      calendar: {},
      timeZone: 'Europe/Amsterdam',
    });
    const closed = { closed: [{ from: '2026-12-21', to: '2026-12-25', label: { nl: 'Kerstvakantie' } }] };
    expect((await s.request('PUT', '/api/sites/current/calendar', closed)).statusCode).toBe(403);

    const bad = await s.request(
      'PUT',
      '/api/sites/current/calendar',
      {
        timeZone: 'Europe/Venray',
        closed: [
          { from: '2027-02-19', to: '2027-02-15' },
          { from: '2027-02-30', to: '2027-03-01' },
        ],
      },
      manager,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('INVALID_CALENDAR');
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'timeZone',
      'closed.0.to',
      'closed.1.from',
    ]);
    const malformed = await s.request('PUT', '/api/sites/current/calendar', { closed: [{ from: 'maandag' }] }, manager);
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().error.details.length).toBeGreaterThan(0);

    const ok = await s.request('PUT', '/api/sites/current/calendar', closed, manager);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ calendar: closed, timeZone: 'Europe/Amsterdam' });
    expect((await s.request('GET', '/api/sites/current/calendar')).json().calendar).toEqual(closed);

    // Ten open weeks with five closed days in them end five days later; the timer's row too.
    const c = await s.create('Sanne');
    const due = new Date(weeks(10).getTime() + 5 * 86_400_000).toISOString();
    expect((await s.get(c.id)).timers[0]).toMatchObject({
      dueAt: due,
      text: 'Tien weken voorbij op 17 januari 2027, nog 11 weken',
    });
    const rows = await s.t.app.orm.em.fork().find(Timer, { case: c.id, status: 'scheduled' });
    expect(rows.map((r) => r.dueAt.toISOString())).toEqual([due]);
  });
});
