import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../engine';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

/**
 * Language support (report 4.8: the docents "kunnen, als er iets extra's nodig is (zoals extra
 * taalondersteuning) meteen schakelen"): a student admitted on the way to B1 has it on the
 * docent's worklist, due before the last half year, until B1 is recorded.
 */
describe.each(testDatabases)('language support on %s', (db) => {
  const clock = { now: new Date('2026-08-20T09:00:00Z') };
  let t: TestApp;
  let docent: Record<string, string>;

  const request = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.request({ method, url, headers: docent, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const later = async (days: number) => {
    clock.now = new Date(addDuration(clock.now.getTime(), `${days}d`));
    await t.app.scheduler.runDue();
  };
  /** A WW student (no care placement, so no other deadline) in the welfare placement, admitted at `taalniveau`. */
  const student = async (naam: string, taalniveau: string) => {
    clock.now = new Date('2026-08-20T09:00:00Z');
    const { id } = await request('POST', '/api/cases', {
      workflow: 'student-traject',
      data: { naam, aanmelder: 'uwv', instroomroute: 'ww' },
    });
    const act = (type: string, data: Record<string, unknown>) =>
      request('POST', `/api/cases/${id}/events`, { type, data });
    await act('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' });
    await act('MATCH', { taalniveau, taalondersteuning: 'Taallessen bij Gilde' });
    await act('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
    await later(12);
    await later(70);
    await act('LEERROUTE_AFGESPROKEN', {
      duur: '12',
      leerroute: 'Niveau 2',
      dagdelen: ['ma-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    return { id, act };
  };
  const item = async (id: string) =>
    (await request('GET', '/api/worklist?limit=200')).items.find(
      (i: { caseId: string; kind: string }) => i.caseId === id && i.kind === 'action',
    );

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock.now });
    await t.user('docent', 'staff', 'docent');
    docent = await longSession(t, 'docent', clock.now);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is due to the docent for a student on the way to B1, and no longer once B1 is recorded', async () => {
    const { id, act } = await student('Amira Haddad', 'op-weg-naar-b1');
    const work = await item(id);
    expect(work.actions.map((a: { type: string }) => a.type)).toContain('TAALNIVEAU_B1');
    // Twelve months from 1 September 2026, six months before: 1 March 2027 in Venray.
    expect(work.due).toMatchObject({
      label: 'Taalondersteuning: B1 behalen',
      dueAt: '2027-02-28T23:00:00.000Z',
      overdue: false,
    });
    await act('TAALNIVEAU_B1', { taalB1Datum: '2026-12-15' });
    expect((await item(id)).due).toBeUndefined();
    const c = await request('GET', `/api/cases/${id}`);
    expect(c.data).toMatchObject({ taalniveau: 'op-weg-naar-b1', taalB1Datum: '2026-12-15' });
    expect(c.deadlines).toEqual([]);
  });

  it('is nobody’s work for a student admitted at B1', async () => {
    const { id } = await student('Joost Peeters', 'b1');
    const work = await item(id);
    expect(work.actions.map((a: { type: string }) => a.type)).not.toContain('TAALNIVEAU_B1');
    expect(work.due).toBeUndefined();
  });
});
