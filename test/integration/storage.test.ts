import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/helpers';

/**
 * A full disk (issue 14), for real on SQLite: the connection MikroORM writes with is held to the
 * pages its file has now (`pragma max_page_count`), so SQLite refuses the next write that needs
 * a page with SQLITE_FULL, the very error a full disk gives. PostgreSQL's disk_full (53100)
 * cannot be brought about in a test; server/db/storage.test.ts checks that it is recognised and
 * docs/security.md says what happens then.
 */
describe('a full disk on SQLite', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await testApp({
      db: 'sqlite',
      logger: { level: 'error', stream: { write: (line: string) => logs.push(line) } },
    } as never);
    staff = await t.user('coordinator', 'staff', 'coordinator');
  });
  afterAll(() => t.close());

  const health = async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    return { status: res.statusCode, body: res.json() };
  };
  const newCase = (i: number) =>
    t.request({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: {
        workflow: 'student-traject',
        data: { naam: `Geheime Naam ${i}`, aanmelder: 'uwv', instroomroute: 'ww' },
      },
    });
  const total = async () =>
    (await t.request({ method: 'GET', url: '/api/cases?limit=1', headers: staff })).json().total as number;
  const limitPages = async (pages?: number) => {
    const conn = t.app.orm.em.getConnection();
    const [{ page_count: now }] = await conn.execute<{ page_count: number }[]>('pragma page_count');
    await conn.execute(`pragma max_page_count = ${pages ?? now}`);
  };

  /** Writes cases until the database has no room; the answer to the one that did not fit. */
  async function fill() {
    await limitPages();
    for (let i = 0; i < 500; i++) {
      const before = await total();
      const res = await newCase(i);
      if (res.statusCode !== 201) {
        expect(await total(), 'nothing of the refused case is stored').toBe(before);
        return res;
      }
    }
    throw new Error('500 cases fitted into the pages the file had');
  }

  it('answers 507 STORAGE_FULL, says degraded on /api/health, and is healthy again after the next write', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'sqlite' } });
    const refused = await fill();
    expect(refused.statusCode).toBe(507);
    expect(refused.json().error).toEqual({
      code: 'STORAGE_FULL',
      message: expect.stringContaining('de schijf is vol'),
    });
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', db: 'sqlite', writable: false } });
    // The log says what happened, without the query and the name it wrote.
    const logged = logs.join('');
    expect(logged).toContain('no room to write');
    expect(logged).toContain('"code":"SQLITE_FULL"');
    expect(logged).not.toContain('Geheime Naam');

    await limitPages(1_073_741_823);
    // Reading does not say that writes go through again; a write on the hot path does.
    expect((await health()).status).toBe(503);
    const [first] = (await t.request({ method: 'GET', url: '/api/cases?limit=1', headers: staff })).json().items;
    const event = await t.request({
      method: 'POST',
      url: `/api/cases/${first.id}/events`,
      headers: staff,
      payload: { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-09-01' } },
    });
    expect(event.statusCode, event.body).toBe(200);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'sqlite' } });

    // Once more, healed by a write through MikroORM this time.
    expect((await fill()).statusCode).toBe(507);
    expect((await health()).status).toBe(503);
    await limitPages(1_073_741_823);
    expect((await newCase(1000)).statusCode).toBe(201);
    expect((await health()).status).toBe(200);
  });
});
