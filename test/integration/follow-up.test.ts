import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../engine';
import { replay } from '../../workflows/cohort';
import { ApiDriver, type TestClock } from '../support/cohort';
import { csvLines, longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

const day = 86_400_000;

/**
 * The follow-up after leaving (report chapter 5: the municipality checked that those who left
 * for work or further education were not back "in de kaartenbakken"): six and twelve months after
 * the diploma the check waits on the coördinator's worklist, is recorded, and the outcome report
 * counts lasting outflow; the stuurgroep sees it without small groups.
 */
describe.each(testDatabases)('follow-up after leaving on %s', (db) => {
  const clock: TestClock = { now: new Date('2026-07-01T09:00:00Z') };
  let t: TestApp;
  let docent: Record<string, string>;
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  let stuurgroep: Record<string, string>;
  let id = '';

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await t.request({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const work = async (headers: Record<string, string>, query = '') =>
    (await get(`/api/worklist?limit=200${query}`, headers)).items.filter((i: { caseId: string }) => i.caseId === id);
  const act = async (type: string, data: Record<string, unknown>, headers = coordinator) => {
    const res = await t.request({ method: 'POST', url: `/api/cases/${id}/events`, headers, payload: { type, data } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** Moves the site's clock to `at` and lets the scheduler fire what came due. */
  const until = async (at: number) => {
    clock.now = new Date(at);
    await t.app.scheduler.runDue();
  };

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock.now });
    await t.user('docent', 'staff', 'docent');
    await t.user('coordinator', 'staff', 'coordinator');
    await t.user('projectleider', 'manager');
    await t.user('stuur', 'stuurgroep');
    [docent, coordinator, manager, stuurgroep] = await Promise.all(
      ['docent', 'coordinator', 'projectleider', 'stuur'].map((u) => longSession(t, u, clock.now)),
    );
    // One student of the regular route, from registration to a diploma and work, through the API.
    const d = new ApiDriver(t, clock, docent);
    await replay(
      { name: 'Ilse Geurts', route: 'gilde', start: '2026-09-01', ending: { kind: 'diploma', uitstroom: 'werk' } },
      d,
    );
    id = d.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('waits six months after the diploma: then the check is due to the coördinator, and is recorded', async () => {
    const c = await get(`/api/cases/${id}`, coordinator);
    expect(c).toMatchObject({ state: 'nazorg.wacht-zes' });
    expect(c.outcome).toBeUndefined();
    const diploma = c.data.diplomaDatum as string;
    const six = addDuration(Date.parse(`${diploma}T00:00:00+01:00`), '6mo');
    expect(c.timers).toMatchObject([{ label: 'Zes maanden na het diploma', paused: false }]);
    const dueAt = Date.parse(c.timers[0].dueAt);
    expect(Math.abs(dueAt - six)).toBeLessThanOrEqual(60 * 60_000);
    // Not work before its date: the step only waits.
    expect(await work(coordinator)).toEqual([]);
    await until(dueAt - day);
    expect(await work(coordinator)).toEqual([]);

    // The scheduler runs on the morning of the day: the step is entered then, and its four weeks count from there.
    const fired = dueAt + 9 * 60 * 60_000;
    await until(fired);
    expect((await get(`/api/cases/${id}`, coordinator)).state).toBe('nazorg.zes-maanden');
    const [item] = await work(coordinator);
    expect(item).toMatchObject({
      kind: 'action',
      functions: ['coordinator'],
      actions: [{ type: 'NAZORG_ZES' }],
      due: { label: 'Nazorg na zes maanden', overdue: false },
    });
    expect(Date.parse(item.due.dueAt)).toBe(addDuration(fired, '4w'));
    // The coördinator's work, not the docent's.
    expect(await work(docent)).toEqual([]);
    // Four weeks on it is late, and the worklist's "late" filter finds it.
    await until(dueAt + 29 * day);
    expect((await work(coordinator, '&due=late')).map((i: { due: { overdue: boolean } }) => i.due.overdue)).toEqual([
      true,
    ]);
    const after = await act('NAZORG_ZES', { nazorgZes: 'werk', nazorgToelichting: 'Vast contract bij Proteion' });
    expect(after).toMatchObject({ state: 'nazorg.wacht-twaalf', data: { nazorgZes: 'werk' } });
    expect(await work(coordinator)).toEqual([]);
  });

  it('reports the student as left with a diploma while the checks run, with the six months as lasting outflow', async () => {
    const r = await get('/api/metrics/outcomes', manager);
    expect(r.totals).toMatchObject({ started: 1, diplomas: 1, toDestination: 1, without: 0, running: 0 });
    expect(r.followUpMoments).toEqual([
      { key: 'nazorgZes', label: 'Na zes maanden' },
      { key: 'nazorgTwaalf', label: 'Na twaalf maanden' },
    ]);
    expect(r.totals.followUp).toEqual({
      nazorgZes: { checked: 1, lasting: 1, returned: 0 },
      nazorgTwaalf: { checked: 0, lasting: 0, returned: 0 },
    });
    // Left: no place of the 22 is hers any more; her step shows as follow-up.
    expect(r.capacity.find((c: { workflow: string }) => c.workflow === 'student-traject')).toMatchObject({ now: 0 });
    expect(r.flow.find((f: { state: string }) => f.state === 'nazorg.wacht-twaalf')).toMatchObject({
      open: 1,
      followUp: true,
    });
    // One person is a small group: the stuurgroep does not see her follow-up.
    const s = await get('/api/metrics/outcomes', stuurgroep);
    expect(s.totals.followUp.nazorgZes).toEqual({
      checked: { withheld: 'small' },
      lasting: { withheld: 'small' },
      returned: 0,
    });
  });

  it('checks again twelve months after the diploma, and ends the case with it', async () => {
    const c = await get(`/api/cases/${id}`, coordinator);
    const dueAt = Date.parse(c.timers[0].dueAt);
    const diploma = c.data.diplomaDatum as string;
    expect(Math.abs(dueAt - addDuration(Date.parse(`${diploma}T00:00:00+01:00`), '12mo'))).toBeLessThanOrEqual(
      60 * 60_000,
    );
    await until(dueAt + 9 * 60 * 60_000);
    expect(await work(coordinator)).toMatchObject([{ actions: [{ type: 'NAZORG_TWAALF' }] }]);
    const ended = await act('NAZORG_TWAALF', { nazorgTwaalf: 'uitkering' });
    expect(ended).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma' });
    const r = await get('/api/metrics/outcomes', manager);
    expect(r.totals).toMatchObject({ diplomas: 1, toDestination: 1, running: 0 });
    expect(r.totals.followUp.nazorgTwaalf).toEqual({ checked: 1, lasting: 0, returned: 1 });
    const history = (await get(`/api/cases/${id}/history`, coordinator)).items.map((h: { event: string }) => h.event);
    // The six-month check was recorded late: its deadline's passing is a row of its own.
    expect(history.slice(-5)).toEqual([
      'xstate.after.@diplomaDatum+6mo.student-traject.nazorg.wacht-zes',
      'deadline.passed',
      'NAZORG_ZES',
      'xstate.after.@diplomaDatum+12mo.student-traject.nazorg.wacht-twaalf',
      'NAZORG_TWAALF',
    ]);
  });
});

describe.each(testDatabases)('the follow-up in the CSV tables on %s', (db) => {
  const clock: TestClock = { now: new Date('2026-07-01T09:00:00Z') };
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('exports the follow-up per cohort, per group and in all, the stuurgroep’s without the small group', async () => {
    t = await testApp({ db, now: () => clock.now });
    await t.user('docent', 'staff', 'docent');
    await t.user('projectleider', 'manager');
    await t.user('stuur', 'stuurgroep');
    const [docent, manager, stuurgroep] = await Promise.all(
      ['docent', 'projectleider', 'stuur'].map((u) => longSession(t, u, clock.now)),
    );
    const d = new ApiDriver(t, clock, docent);
    await replay(
      { name: 'Ilse Geurts', route: 'gilde', start: '2026-09-01', ending: { kind: 'diploma', uitstroom: 'werk' } },
      d,
    );
    const c = (await t.request({ method: 'GET', url: `/api/cases/${d.id}`, headers: docent })).json();
    clock.now = new Date(Date.parse(c.timers[0].dueAt) + 9 * 60 * 60_000);
    await t.app.scheduler.runDue();
    const done = await t.request({
      method: 'POST',
      url: `/api/cases/${d.id}/events`,
      headers: docent,
      payload: { type: 'NAZORG_ZES', data: { nazorgZes: 'werk' } },
    });
    expect(done.statusCode, done.body).toBe(200);
    const csv = async (headers: Record<string, string>) => {
      const res = await t.request({ method: 'GET', url: '/api/metrics/outcomes.csv?table=followUp', headers });
      expect(res.statusCode, res.body).toBe(200);
      return csvLines(res.body);
    };
    const lines = await csv(manager);
    expect(lines[0]).toBe(
      'Indeling;Naam;Na zes maanden: nagevraagd;Na zes maanden: nog aan het werk of op school;Na zes maanden: terug in een uitkering;Na twaalf maanden: nagevraagd;Na twaalf maanden: nog aan het werk of op school;Na twaalf maanden: terug in een uitkering',
    );
    expect(lines.slice(1)).toEqual([
      'Cohort;2026 September;1;1;0;0;0;0',
      'Instroomroute;Gilde (vastgelopen in regulier onderwijs);1;1;0;0;0;0',
      'Totaal;;1;1;0;0;0;0',
    ]);
    expect((await csv(stuurgroep)).at(-1)).toBe('Totaal;;< 5;< 5;0;0;0;0');
  }, 120_000);
});
