import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

describe.each(testDatabases)('at most one client per half-day per student (%s)', (db) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await testApp({ db, now: clock.now });
    headers = await t.user('coordinator', 'staff', 'coordinator');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url, headers, payload });
  async function clientReadyToMatch(naam: string) {
    const c = (
      await post('/api/cases', {
        workflow: 'client-hulpvraag',
        data: { naam, adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
      })
    ).json();
    for (const step of [
      { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } },
      {
        type: 'OVEREENKOMST',
        data: clientAgreement,
      },
    ]) {
      const r = await post(`/api/cases/${c.id}/events`, step);
      expect(r.statusCode, r.body).toBe(200);
    }
    return c.id as string;
  }
  const match = (id: string, student: string, dagdelen: string[]) =>
    post(`/api/cases/${id}/events`, {
      type: 'GEMATCHT',
      data: { student, dagdelen, frequentie: String(dagdelen.length) },
    });

  it('refuses a second client on a taken half-day with a 422 that names the clash, and allows a free one', async () => {
    // A student in the welfare placement, in the wijk on these half-days.
    const sanne = {
      id: await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, [
        'ma-ochtend',
        'di-ochtend',
        'wo-middag',
        'do-middag',
      ]),
    };
    const riet = await clientReadyToMatch('Riet');
    const kees = await clientReadyToMatch('Kees');
    expect((await match(riet, sanne.id, ['ma-ochtend', 'wo-middag'])).statusCode).toBe(200);

    const clash = await match(kees, sanne.id, ['di-ochtend', 'wo-middag']);
    expect(clash.statusCode).toBe(422);
    expect(clash.json().error).toMatchObject({
      code: 'EXCLUSIVE_CLASH',
      message: 'Sanne de Vries heeft op woensdag middag al een klant (Riet); kies een ander dagdeel',
      details: [{ path: 'data.dagdelen' }],
    });
    const still = (await t.request({ method: 'GET', url: `/api/cases/${kees}`, headers })).json();
    expect(still.state).toBe('matching');

    const free = await match(kees, sanne.id, ['di-ochtend', 'do-middag']);
    expect(free.statusCode, free.body).toBe(200);

    const links = (await t.request({ method: 'GET', url: `/api/cases/${sanne.id}/links`, headers })).json();
    expect(
      links.referencedBy.map((r: { title: string; overlapValues: string[] }) => [r.title, r.overlapValues]),
    ).toEqual([
      ['Kees', ['di-ochtend', 'do-middag']],
      ['Riet', ['ma-ochtend', 'wo-middag']],
    ]);
    const client = (await t.request({ method: 'GET', url: `/api/cases/${riet}/links`, headers })).json();
    expect(client.references).toEqual([
      expect.objectContaining({
        field: 'student',
        case: expect.objectContaining({ id: sanne.id, title: 'Sanne de Vries' }),
        overlap: ['maandag ochtend', 'woensdag middag'],
      }),
    ]);
  });

  it('checks two matches sent at the same moment one after the other: only one gets the half-day', async () => {
    const mo = { id: await studentInWijk(t, clock, { naam: 'Mo' }, ['vr-ochtend']) };
    const a = await clientReadyToMatch('Anna');
    const b = await clientReadyToMatch('Bep');
    const results = await Promise.all([match(a, mo.id, ['vr-ochtend']), match(b, mo.id, ['vr-ochtend'])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
  });

  it('wants a running student dossier as the student', async () => {
    const c = await clientReadyToMatch('Wim');
    const res = await match(c, 'geen-dossier', ['ma-middag']);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('data.student');
  });
});
