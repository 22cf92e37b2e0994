import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabases, userAtSite, type TestApp } from '../support/helpers';
import { introWorkflow, notesWorkflow } from '../support/fixtures';
import { studentInWijk } from '../support/planning';

// 07:30 in Venray on 2 December 2026 is 06:30 UTC; 23:30 UTC is already the 3rd there.
let clock = new Date('2026-12-02T06:30:00.000Z');
const today = '2026-12-02';

type Entry = {
  caseId: string;
  name: string;
  status?: string;
  note?: string;
  recordedBy?: string;
  recordedAt?: string;
  calledBy?: string;
  calledAt?: string;
};
type View = { day: string; students: Entry[]; counts: Record<string, number>; calls: Entry[] };

describe.each(testDatabases)('daily presence on %s', (db) => {
  let t: TestApp;
  let staff: Record<string, string>;
  let manager: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock });
    staff = await t.user('coordinator', 'staff', 'coordinator');
    manager = await t.user('projectleider', 'manager');
    // Out of name order on purpose; Riet is a client (not on the list), Karin leaves, Ali is only
    // registered: he does not start his day at the location yet.
    const movable = {
      get at() {
        return clock;
      },
      set: (at: string | Date) => void (clock = new Date(at)),
    };
    for (const naam of ['Mo Bakker', 'Anouk Peters', 'Sanne de Vries', 'Karin Smits'])
      ids[naam] = await studentInWijk(t, movable, { naam }, [], { until: 'introductie' });
    const registered = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: { workflow: 'student-traject', data: { naam: 'Ali Aanmelding', aanmelder: 'uwv', instroomroute: 'ww' } },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    ids['Ali Aanmelding'] = registered.json().id;
    const riet = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
      },
    });
    expect(riet.statusCode, riet.body).toBe(201);
    ids.riet = riet.json().id;
    const left = await t.request({
      method: 'POST',
      url: `/api/cases/${ids['Karin Smits']}/events`,
      headers: staff,
      payload: { type: 'UITSCHRIJVEN', data: { redenVertrek: 'verhuisd' } },
    });
    expect(left.statusCode, left.body).toBe(200);
  });
  afterAll(() => t.close());

  const list = async (query = '', headers = staff) => {
    const res = await t.request({ method: 'GET', url: `/api/presence${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as View;
  };
  const put = (id: string, day: string, payload: unknown, headers = staff) =>
    t.request({
      method: 'PUT',
      url: `/api/presence/${id}/${day}`,
      headers,
      payload: payload as Record<string, unknown>,
    });
  const called = (id: string, day: string, headers = staff) =>
    t.request({ method: 'POST', url: `/api/presence/${id}/${day}/called`, headers });

  it('lists every student who starts the day at the location by name for today (Dutch time), nobody recorded yet', async () => {
    const v = await list();
    expect(v.day).toBe(today);
    expect(v.students.map((s) => s.name)).toEqual(['Anouk Peters', 'Mo Bakker', 'Sanne de Vries']);
    expect(v.students.every((s) => s.status === undefined)).toBe(true);
    expect(v.counts).toMatchObject({ total: 3, present: 0, open: 3 });
    expect(v.calls).toEqual([]);
  });

  it('records a status with who and when, and changes it', async () => {
    const res = await put(ids['Mo Bakker'], today, { status: 'te-laat', note: 'bus gemist' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      caseId: ids['Mo Bakker'],
      name: 'Mo Bakker',
      status: 'te-laat',
      note: 'bus gemist',
      recordedBy: 'coordinator',
      recordedAt: clock.toISOString(),
    });

    clock = new Date('2026-12-02T06:45:00.000Z');
    const changed = await put(ids['Mo Bakker'], today, { status: 'aanwezig' }, manager);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      status: 'aanwezig',
      recordedBy: 'projectleider',
      recordedAt: '2026-12-02T06:45:00.000Z',
    });
    expect(changed.json().note).toBeUndefined();

    const v = await list(`?day=${today}`);
    expect(v.students.find((s) => s.name === 'Mo Bakker')).toMatchObject({
      status: 'aanwezig',
      recordedBy: 'projectleider',
    });
    expect(v.counts).toMatchObject({ total: 3, present: 1, aanwezig: 1, 'te-laat': 0, open: 2 });
    // Another day is its own list.
    expect((await list('?day=2026-12-01')).counts.open).toBe(3);
  });

  it('puts an absence without notice on the call list until the call is marked done', async () => {
    expect(
      (await put(ids['Anouk Peters'], today, { status: 'afgemeld', reason: 'ziek', note: 'ziek' })).statusCode,
    ).toBe(200);
    expect((await put(ids['Sanne de Vries'], today, { status: 'afwezig' })).statusCode).toBe(200);
    let v = await list();
    expect(v.calls.map((c) => c.name)).toEqual(['Sanne de Vries']);
    expect(v.counts).toMatchObject({ total: 3, present: 1, afgemeld: 1, afwezig: 1, open: 0 });

    clock = new Date('2026-12-02T08:00:00.000Z');
    const res = await called(ids['Sanne de Vries'], today);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'afwezig',
      calledBy: 'coordinator',
      calledAt: '2026-12-02T08:00:00.000Z',
    });
    v = await list();
    expect(v.calls).toEqual([]);
    expect(v.students.find((s) => s.name === 'Sanne de Vries')).toMatchObject({
      status: 'afwezig',
      calledBy: 'coordinator',
    });

    // Marking it again keeps the first call.
    const again = await called(ids['Sanne de Vries'], today, manager);
    expect(again.json()).toMatchObject({ calledBy: 'coordinator', calledAt: '2026-12-02T08:00:00.000Z' });
    // Only an absence without notice can be called about.
    const notAbsent = await called(ids['Anouk Peters'], today);
    expect(notAbsent.statusCode).toBe(422);
    expect((await called(ids['Mo Bakker'], '2026-12-01')).statusCode).toBe(422);
  });

  it('takes today from the clock in Dutch time', async () => {
    // A session of its own: the others would have expired by then (twelve hours).
    clock = new Date('2026-12-02T23:30:00.000Z');
    expect((await list('', await t.as('coordinator'))).day).toBe('2026-12-03');
    clock = new Date('2026-12-02T22:30:00.000Z');
    expect((await list('', await t.as('coordinator'))).day).toBe('2026-12-02');
    clock = new Date('2026-12-02T08:00:00.000Z');
  });

  it('refuses a client or an ended trajectory (422), and a bad day or status (400)', async () => {
    const client = await put(ids.riet, today, { status: 'aanwezig' });
    expect(client.statusCode).toBe(422);
    expect(client.json().error).toMatchObject({
      code: 'NOT_A_STUDENT',
      details: [{ path: 'params.caseId', message: expect.stringContaining('Hulpvraag van een wijkbewoner') }],
    });
    const ended = await put(ids['Karin Smits'], today, { status: 'aanwezig' });
    expect(ended.statusCode).toBe(422);
    expect(ended.json().error.code).toBe('CASE_CLOSED');
    expect((await called(ids.riet, today)).json().error.code).toBe('NOT_A_STUDENT');

    const sanne = ids['Sanne de Vries'];
    for (const [day, payload] of [
      [today, { status: 'ziek' }],
      [today, {}],
      [today, { status: 'aanwezig', extra: 1 }],
      [today, { status: 'aanwezig', note: 'x'.repeat(501) }],
      ['2026-02-30', { status: 'aanwezig' }],
      ['2-12-2026', { status: 'aanwezig' }],
    ] as const) {
      const res = await put(sanne, day, payload);
      expect(res.statusCode, `${day} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
    expect((await t.request({ method: 'GET', url: '/api/presence?day=2026-13-01', headers: staff })).statusCode).toBe(
      400,
    );
    expect((await t.request({ method: 'GET', url: '/api/presence?day=morgen', headers: staff })).statusCode).toBe(400);
    // Nothing was changed by the refused requests.
    expect((await list()).students.find((s) => s.caseId === sanne)).toMatchObject({ status: 'afwezig' });
  });

  it('404 for an unknown case, 401 without a session', async () => {
    expect((await put('00000000-0000-0000-0000-000000000000', today, { status: 'aanwezig' })).statusCode).toBe(404);
    expect((await called('00000000-0000-0000-0000-000000000000', today)).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/presence' })).statusCode).toBe(401);
    expect(
      (
        await t.request({
          method: 'PUT',
          url: `/api/presence/${ids['Mo Bakker']}/${today}`,
          payload: { status: 'aanwezig' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await t.request({ method: 'POST', url: `/api/presence/${ids['Mo Bakker']}/${today}/called` })).statusCode,
    ).toBe(401);
  });

  it("keeps another site's staff away from Venray's students (404, not listed)", async () => {
    const other = await userAtSite(
      t,
      { id: 'horst', name: 'WijkLeerbedrijf Horst' },
      { username: 'horst-coordinator', displayName: 'Coördinator Horst', role: 'staff', function: 'coordinator' },
    );
    const v = await list('', other);
    expect(v.students).toEqual([]);
    expect(v.calls).toEqual([]);
    expect(v.counts.total).toBe(0);
    expect((await put(ids['Mo Bakker'], today, { status: 'afwezig' }, other)).statusCode).toBe(404);
    expect((await called(ids['Sanne de Vries'], today, other)).statusCode).toBe(404);
    // Venray's record is untouched.
    expect((await list()).students.find((s) => s.name === 'Mo Bakker')).toMatchObject({ status: 'aanwezig' });
  });

  it('two people recording the same student at once both succeed, one row remains', async () => {
    const sanne = ids['Sanne de Vries'];
    const day = '2026-12-04';
    const results = await Promise.all([
      put(sanne, day, { status: 'aanwezig' }),
      put(sanne, day, { status: 'te-laat' }, manager),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const v = await list(`?day=${day}`);
    expect(['aanwezig', 'te-laat']).toContain(v.students.find((s) => s.caseId === sanne)!.status);
    expect(v.counts.present).toBe(1);
  });
});

describe.each(testDatabases)('who counts as a student for presence, on %s', (db) => {
  let t: TestApp;
  afterAll(() => t?.close());

  it("follows the definition's subject, whatever the workflow is called", async () => {
    t = await testApp({ db, workflows: [introWorkflow, notesWorkflow], now: () => clock });
    const headers = await t.user('coordinator', 'staff', 'coordinator');
    const start = async (workflow: string, naam: string) =>
      (await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow, data: { naam } } })).json()
        .id as string;
    const ilse = await start('test-intro', 'Ilse');
    const notes = await start('test-notes', 'Notitieboek');
    const v = (await t.request({ method: 'GET', url: '/api/presence', headers })).json() as View;
    expect(v.students.map((s) => s.name)).toEqual(['Ilse']);
    expect(
      (
        await t.request({
          method: 'PUT',
          url: `/api/presence/${ilse}/${today}`,
          headers,
          payload: { status: 'aanwezig' },
        })
      ).statusCode,
    ).toBe(200);
    const refused = await t.request({
      method: 'PUT',
      url: `/api/presence/${notes}/${today}`,
      headers,
      payload: { status: 'aanwezig' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'NOT_A_STUDENT',
      details: [{ path: 'params.caseId', message: expect.stringContaining('Notities (test)') }],
    });
  });
});
