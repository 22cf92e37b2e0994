import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine';
import { csvLines, testApp, testDatabases, type TestApp } from '../support/helpers';

/** A student workflow counted in the report, with an intake route per student (the groups). */
const reported: Definition = {
  key: 'test-rapport',
  subject: 'student',
  title: { nl: 'Traject (test)' },
  titleField: 'naam',
  fields: {
    naam: { type: 'string', label: { nl: 'Naam' }, personal: true },
    start: { type: 'date', label: { nl: 'Inschrijfdatum' } },
    route: {
      type: 'enum',
      label: { nl: 'Instroomroute' },
      options: [
        { value: 'bijstand', label: { nl: 'Bijstand' } },
        { value: 'wia', label: { nl: 'WIA' } },
        { value: 'ww', label: { nl: 'WW' } },
      ],
    },
    reden: { type: 'string', label: { nl: 'Reden van vertrek' }, personal: true },
  },
  startForm: [
    { field: 'naam', required: true },
    { field: 'start', required: true },
    { field: 'route', required: true },
  ],
  machine: {
    id: 'test-rapport',
    initial: 'bezig',
    states: {
      bezig: {
        meta: { label: { nl: 'Bezig' } },
        on: {
          GESLAAGD: { target: 'diploma', meta: { label: { nl: 'Diploma' } } },
          GESTOPT: {
            target: 'gestopt',
            meta: { label: { nl: 'Gestopt' }, form: [{ field: 'reden', required: true }] },
          },
        },
      },
      diploma: { type: 'final', meta: { label: { nl: 'Diploma' }, outcome: 'diploma' } },
      gestopt: { type: 'final', meta: { label: { nl: 'Gestopt' }, outcome: 'zonder-diploma' } },
    },
  },
  reports: {
    started: { field: 'start', op: 'exists' },
    startDate: 'start',
    groupField: 'route',
    success: ['diploma'],
    without: ['zonder-diploma'],
    reasonField: 'reden',
  },
};

/**
 * The stuurgroep reads the report and its CSVs, and nothing else; every group smaller than the
 * site's minimum is withheld from it as "< 5", and so is whatever would give such a group back.
 */
describe.each(testDatabases)('the stuurgroep on %s', (db) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  let stuurgroep: Record<string, string>;

  const get = (url: string, headers: Record<string, string>) => t.request({ method: 'GET', url, headers });
  const json = async (url: string, headers: Record<string, string>) => {
    const res = await get(url, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const csv = async (table: string, headers: Record<string, string>) => {
    const res = await get(`/api/metrics/outcomes.csv?table=${table}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return csvLines(res.body);
  };
  const setMinimum = (minimum: number, headers = manager) =>
    t.request({ method: 'PUT', url: '/api/metrics/small-groups', headers, payload: { minimum } });

  beforeAll(async () => {
    t = await testApp({ db, workflows: [reported] });
    admin = await t.as('admin');
    manager = await t.user('leider', 'manager');
    const coordinator = await t.user('coordinator', 'staff', 'coordinator');
    stuurgroep = await t.user('stuur', 'stuurgroep');
    // 12 on bijstand with a diploma, 3 on WIA with one, 6 on WW with one; 2 on bijstand left, 5 still at it.
    const people = [
      ...Array<[string, string]>(12).fill(['bijstand', 'GESLAAGD']),
      ...Array<[string, string]>(3).fill(['wia', 'GESLAAGD']),
      ...Array<[string, string]>(6).fill(['ww', 'GESLAAGD']),
      ...Array<[string, string]>(2).fill(['bijstand', 'GESTOPT']),
      ...Array<[string, string]>(5).fill(['bijstand', '']),
    ];
    for (const [i, [route, end]] of people.entries()) {
      const res = await t.request({
        method: 'POST',
        url: '/api/cases',
        headers: coordinator,
        payload: { workflow: 'test-rapport', data: { naam: `Student ${i}`, start: '2025-09-01', route } },
      });
      expect(res.statusCode, res.body).toBe(201);
      if (!end) continue;
      const data = end === 'GESTOPT' ? { reden: `Verhuisd naar de stad van Student ${i}` } : {};
      const moved = await t.request({
        method: 'POST',
        url: `/api/cases/${res.json().id}/events`,
        headers: coordinator,
        payload: { type: end, data },
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('is an account the admin makes without a function, never a student account', async () => {
    const made = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'wethouder', password: 'wethouder-wachtwoord', role: 'stuurgroep', function: 'docent' },
    });
    expect(made.statusCode).toBe(400);
    expect(made.json().error.details[0].path).toBe('body.function');
    const student = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'leerling', password: 'leerling-wachtwoord', role: 'student' },
    });
    expect(student.statusCode).toBe(400);
    // A docent who joins the stuurgroep leaves her function behind, and the record says both.
    const docent = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'oud-docent', password: 'oud-docent-wachtwoord', role: 'staff', function: 'docent' },
    });
    const id = docent.json().id;
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { role: 'stuurgroep' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'stuurgroep' });
    expect(changed.json()).not.toHaveProperty('function');
    const record = await json(`/api/users/changes?user=${id}`, admin);
    expect(record.items.map((c: { what: string }) => c.what)).toEqual(['function', 'role', 'created']);
    const refused = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { function: 'coordinator' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('gives the manager every figure, and says what the stuurgroep sees withheld', async () => {
    const r = await json('/api/metrics/outcomes', manager);
    expect(r.smallGroups).toEqual({ minimum: 5, applied: false });
    expect(r.totals).toMatchObject({ started: 28, diplomas: 21, without: 2, running: 5 });
    expect(r.byGroup.find((g: { key: string }) => g.key === 'wia')).toMatchObject({ started: 3, diplomas: 3 });
    expect(r.totals.reasons).toHaveLength(2);
  });

  it('withholds from the stuurgroep every group below five, and what would give one back, in JSON', async () => {
    const r = await json('/api/metrics/outcomes', stuurgroep);
    expect(r.smallGroups).toEqual({ minimum: 5, applied: true });
    const group = (key: string) => r.byGroup.find((g: { key: string }) => g.key === key);
    expect(group('wia')).toMatchObject({
      started: { withheld: 'small' },
      diplomas: { withheld: 'small' },
      without: 0,
      rate: { withheld: 'secondary' },
    });
    // 28 − 19 − 6 would be WIA's 3: the smaller of the others is withheld beside it.
    expect(group('ww').started).toEqual({ withheld: 'secondary' });
    expect(group('bijstand').started).toBe(19);
    // 28 = 21 + the two who left + those still at it: the five still at it are withheld too, and
    // so they are in the groups and in the step they are in.
    expect(r.totals).toMatchObject({
      started: 28,
      diplomas: 21,
      without: { withheld: 'small' },
      running: { withheld: 'secondary' },
      // The rate would give the two who left back from the 21 diplomas.
      rate: { withheld: 'secondary' },
    });
    expect(group('bijstand').running).toEqual({ withheld: 'secondary' });
    // Reasons are personal: the stuurgroep sees none of them, and not how few.
    expect(r.totals.reasons).toEqual([{ reason: '–', count: { withheld: 'small' } }]);
    expect(JSON.stringify(r)).not.toContain('Verhuisd');
    expect(r.flow.find((f: { state: string }) => f.state === 'bezig')).toMatchObject({
      open: { withheld: 'secondary' },
      stays: 23,
    });
    expect(r.exits).toEqual([
      { workflow: 'test-rapport', state: 'bezig', label: 'Bezig', count: { withheld: 'small' } },
    ]);
  });

  it('withholds the same in the CSVs, as "< 5" and "x"', async () => {
    const groups = await csv('groups', stuurgroep);
    expect(groups[0]).toBe(
      'Instroomroute;Gestart;Diploma;Diplomapercentage;Naar werk of opleiding;Zonder diploma;Lopend',
    );
    expect(groups.slice(1)).toEqual([
      'Bijstand;19;12;x;0;< 5;x',
      'WIA;< 5;< 5;x;0;0;0',
      'WW;x;x;x;0;0;0',
      'Totaal;28;21;x;0;< 5;x',
    ]);
    const manager_ = await csv('groups', manager);
    expect(manager_).toContain('WIA;3;3;100%;0;0;0');
    expect((await csv('exits', stuurgroep)).slice(1)).toEqual(['test-rapport;Bezig;< 5']);
    expect((await csv('cohorts', stuurgroep)).at(-1)).toBe('Totaal;28;21;x;0;< 5;x');
    expect((await csv('flow', stuurgroep))[1]).toMatch(/^test-rapport;Bezig;x;23;0;0;0$/);
  });

  it('shows the stuurgroep the report over all years only: two periods subtracted would show a few', async () => {
    const res = await get('/api/metrics/outcomes?from=2025-01-01', stuurgroep);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('querystring.from');
    expect((await get('/api/metrics/outcomes.csv?table=groups&to=2025-12-31', stuurgroep)).statusCode).toBe(400);
    expect((await get('/api/metrics/outcomes?from=2025-01-01', manager)).statusCode).toBe(200);
  });

  it('follows the minimum the manager sets, within its range; the stuurgroep cannot set it', async () => {
    expect((await setMinimum(3, stuurgroep)).statusCode).toBe(403);
    expect((await setMinimum(2)).statusCode).toBe(400);
    expect((await setMinimum(21)).statusCode).toBe(400);
    const set = await setMinimum(3);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ minimum: 3 });
    const r = await json('/api/metrics/outcomes', stuurgroep);
    expect(r.smallGroups).toEqual({ minimum: 3, applied: true });
    expect(r.byGroup.find((g: { key: string }) => g.key === 'wia').started).toBe(3);
    expect(r.totals.without).toEqual({ withheld: 'small' });
    expect((await csv('groups', stuurgroep)).at(-1)).toBe('Totaal;28;21;x;0;< 3;x');
    expect((await setMinimum(5)).statusCode).toBe(200);
  });

  it('refuses the stuurgroep a dossier, the case list and the users', async () => {
    for (const url of ['/api/cases', '/api/worklist', '/api/users', '/api/workflows'])
      expect((await get(url, stuurgroep)).statusCode, url).toBe(403);
  });
});
