import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAgreement } from '../../workflows/walk';
import { csvLines, longSession, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';

/**
 * The wederdienst in the report (report 3.2 Wederkerigheid, 4.6: residents "worden ook gevraagd
 * om iets terug te doen voor de studenten"): the client agreement names the wederdienst agreed
 * and its kind, the help records what was given, and GET /api/metrics/outcomes counts per year of
 * the agreement how many agreed one and how many gave one, by kind; the stuurgroep sees no small group.
 */
describe.each(testDatabases)('the wederdienst in the outcome report on %s', (db) => {
  const clock = new TestClock(new Date('2026-11-02T09:00:00Z'));
  let t: TestApp;
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  let stuurgroep: Record<string, string>;

  const request = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await t.request({
      method,
      url,
      headers,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const reciprocity = async (headers: Record<string, string>, query = '') =>
    (await request('GET', `/api/metrics/outcomes${query}`, headers))
      .json()
      .reciprocity.find((x: { workflow: string }) => x.workflow === 'client-hulpvraag');
  const csv = async (headers: Record<string, string>) =>
    csvLines((await request('GET', '/api/metrics/outcomes.csv?table=reciprocity', headers)).body);

  /** A resident's agreement signed on `signed`, with its kind of wederdienst; matched to a student's half-day if given. */
  async function agreement(naam: string, signed: string, kind?: string, match?: { student: string; dagdeel: string }) {
    const c = (
      await request('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam, adres: `${naam}straat 1`, hulpvraag: 'Samen boodschappen doen' },
      })
    ).json();
    const act = (type: string, data: Record<string, unknown>) =>
      request('POST', `/api/cases/${c.id}/events`, coordinator, { type, data });
    await act('HUISBEZOEK_PLANNEN', { huisbezoekDatum: signed });
    const { wederdienstSoort: _kind, ...agreed } = clientAgreement;
    await act('OVEREENKOMST', { ...agreed, overeenkomstDatum: signed, ...(kind ? { wederdienstSoort: kind } : {}) });
    if (match) await act('GEMATCHT', { student: match.student, dagdelen: [match.dagdeel], frequentie: '1' });
    return act;
  }

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now });
    await t.user('coordinator', 'staff', 'coordinator');
    await t.user('projectleider', 'manager');
    await t.user('stuur', 'stuurgroep');
    [coordinator, manager, stuurgroep] = await Promise.all(
      ['coordinator', 'projectleider', 'stuur'].map((u) => longSession(t, u, new Date('2025-01-01'))),
    );
    const dagdelen = ['ma-ochtend', 'di-ochtend', 'wo-ochtend', 'do-middag'];
    const students = [
      await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, dagdelen),
      await studentInWijk(t, clock, { naam: 'Mo Bakker' }, dagdelen),
    ];
    // 2025: three learn a student to cycle; nobody is matched yet, so nothing was given.
    for (const naam of ['Anna', 'Bert', 'Cor']) await agreement(naam, '2025-10-06', 'fietsen');
    // 2026: eight practise Dutch with their student, six of them recorded giving it; one names no kind.
    for (let i = 0; i < 8; i++) {
      const act = await agreement(`Klant ${i}`, '2026-10-05', 'taal', {
        student: students[i % 2],
        dagdeel: dagdelen[Math.floor(i / 2)],
      });
      if (i < 6) await act('WEDERDIENST', { wederdienstGegeven: 'Een uur Nederlands geoefend met de student' });
    }
    await agreement('Dien', '2026-10-12');
  }, 240_000);
  afterAll(() => t?.close());

  it('gives the projectleider per year of the agreement how many agreed a wederdienst and gave one, by kind', async () => {
    const r = await reciprocity(manager);
    expect(r).toMatchObject({
      title: 'Hulpvraag van een wijkbewoner',
      kindField: 'Soort wederdienst',
      agreements: 12,
      agreed: 12,
      gave: 6,
      kinds: [
        { kind: 'taal', label: 'Nederlands oefenen', count: 8 },
        { kind: 'rekenen', label: 'Rekenen oefenen', count: 0 },
        { kind: 'fietsen', label: 'Leren fietsen', count: 3 },
        { kind: 'anders', label: 'Iets anders', count: 0 },
        { kind: '', label: 'Geen soort vastgelegd', count: 1 },
      ],
    });
    expect(r.byYear.map((y: Record<string, unknown>) => [y.year, y.agreements, y.agreed, y.gave])).toEqual([
      ['2025', 3, 3, 0],
      ['2026', 9, 9, 6],
    ]);
    // The period counts the agreements signed in it.
    expect(await reciprocity(manager, '?from=2026-01-01&to=2026-12-31')).toMatchObject({
      agreements: 9,
      gave: 6,
      byYear: [{ year: '2026' }],
    });
    expect(await csv(manager)).toEqual([
      'Proces;Jaar;Overeenkomsten;Wederdienst afgesproken;Wederdienst gegeven;Nederlands oefenen;Rekenen oefenen;Leren fietsen;Iets anders;Geen soort vastgelegd',
      'client-hulpvraag;2025;3;3;0;0;0;3;0;0',
      'client-hulpvraag;2026;9;9;6;8;0;0;0;1',
      'client-hulpvraag;Totaal;12;12;6;8;0;3;0;1',
    ]);
  });

  it('withholds from the stuurgroep a kind or a year of fewer than five, and what would give it back', async () => {
    const small = { withheld: 'small' };
    const r = await reciprocity(stuurgroep);
    expect(r).toMatchObject({ agreements: 12, agreed: 12, gave: 6 });
    expect(r.kinds.map((k: { count: unknown }) => k.count)).toEqual([8, 0, small, 0, small]);
    // 2025's three would be the total less 2026's nine.
    expect(r.byYear.map((y: Record<string, unknown>) => [y.year, y.agreements, y.agreed, y.gave])).toEqual([
      ['2025', small, small, 0],
      ['2026', { withheld: 'secondary' }, { withheld: 'secondary' }, 6],
    ]);
    // 2026's eight practising Dutch would be its nine agreed less the one without a kind, and then 2025's none.
    expect((await csv(stuurgroep)).slice(1)).toEqual([
      'client-hulpvraag;2025;< 5;< 5;0;x;0;< 5;0;0',
      'client-hulpvraag;2026;x;x;6;x;0;0;0;< 5',
      'client-hulpvraag;Totaal;12;12;6;8;0;< 5;0;< 5',
    ]);
  });

  it('is for managers and the stuurgroep only', async () => {
    const res = await t.request({ method: 'GET', url: '/api/metrics/outcomes', headers: coordinator });
    expect(res.statusCode).toBe(403);
  });
});
