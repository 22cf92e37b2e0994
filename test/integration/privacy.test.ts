import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../../workflows';
import { withoutRestrictions } from '../support/fixtures';
import { team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

/**
 * Screening on its own: the shipped workflows with every action and item open to any function
 * (the home visit, the agreement and the matching are the coördinator's alone in the shipped
 * client request: test/integration/people.test.ts), so a docent can try what only screening stops.
 */
const unrestricted = withoutRestrictions(shippedWorkflows());

/**
 * Personal fields (AVG) are screened by the server for whoever the definition does not name:
 * the docent sees students but not the residents the coördinatoren visit; a staff member
 * without a function sees neither; the projectleider sees both.
 */
describe.each(testDatabases)('personal data on %s', (db) => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let docent: Record<string, string>;
  let nobody: Record<string, string>;
  let manager: Record<string, string>;
  let riet = '';
  let kees = '';
  let sanne = '';

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await t.request({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const post = async (url: string, payload: Record<string, unknown>, headers = coordinator) =>
    t.request({ method: 'POST', url, headers, payload });
  const ok = async (url: string, payload: Record<string, unknown>, headers = coordinator) => {
    const res = await post(url, payload, headers);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const client = async (naam: string) => {
    const c = await ok('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam, adres: `${naam}straat 1`, telefoon: '0478-123456', hulpvraag: `${naam} wil boodschappen doen` },
    });
    await ok(`/api/cases/${c.id}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } });
    return c.id as string;
  };

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-09-01T09:00:00Z'));
    t = await testApp({ db, workflows: unrestricted, now: clock.now });
    ({ coordinator, docent, nobody, manager } = await team(t));
    // In the welfare placement, so she can be matched.
    sanne = await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['ma-ochtend', 'di-middag']);
    await ok(`/api/cases/${sanne}/events`, {
      type: 'INHAALPLAN_VASTLEGGEN',
      data: { inhaalplan: 'Maandagmiddag schoolwerk in plaats van stage' },
    });
    riet = await client('Riet');
    await ok(`/api/cases/${riet}/events`, {
      type: 'OVEREENKOMST',
      data: clientAgreement,
    });
    await ok(`/api/cases/${riet}/events`, {
      type: 'GEMATCHT',
      data: { student: sanne, dagdelen: ['ma-ochtend'], frequentie: '1' },
    });
    kees = await client('Kees');
  });
  afterAll(() => t.close());

  it("shows a client's dossier to the docent without the resident's personal data, and whole to the coördinator and projectleider", async () => {
    const seen = (await get(`/api/cases/${riet}`, docent)).json();
    expect(seen.title).toBe(`afgeschermd · ${riet.slice(0, 8)}`);
    expect(seen.hidden.sort()).toEqual(['adres', 'hulpvraag', 'naam', 'telefoon']);
    expect(Object.keys(seen.data)).not.toEqual(expect.arrayContaining(['naam']));
    expect(seen.data).toMatchObject({ huisbezoekDatum: '2026-12-01', veiligeWerkplek: true, dagdelen: ['ma-ochtend'] });
    for (const words of ['Riet', 'Rietstraat', '0478']) expect(JSON.stringify(seen)).not.toContain(words);
    const english = (await get(`/api/cases/${riet}`, { ...docent, 'accept-language': 'en' })).json();
    expect(english.title).toBe(`screened · ${riet.slice(0, 8)}`);

    for (const whole of [coordinator, manager]) {
      const c = (await get(`/api/cases/${riet}`, whole)).json();
      expect(c).toMatchObject({
        title: 'Riet',
        data: { naam: 'Riet', adres: 'Rietstraat 1', telefoon: '0478-123456' },
      });
      expect(c).not.toHaveProperty('hidden');
    }
  });

  it('screens the history, the lists, a search by name, the worklist, the board and the linked cases', async () => {
    const history = (await get(`/api/cases/${riet}/history`, docent)).json().items;
    expect(history[0]).toMatchObject({ event: 'START', hidden: expect.arrayContaining(['naam', 'adres']) });
    expect(JSON.stringify(history)).not.toMatch(/Riet|0478/);
    expect(JSON.stringify((await get(`/api/cases/${riet}/history`, coordinator)).json())).toContain('Rietstraat 1');

    const list = (await get('/api/cases?workflow=client-hulpvraag', docent)).json();
    expect(list.items.map((c: { title: string; hidden?: string[] }) => [c.title, c.hidden])).toEqual(
      expect.arrayContaining([
        [`afgeschermd · ${riet.slice(0, 8)}`, ['naam']],
        [`afgeschermd · ${kees.slice(0, 8)}`, ['naam']],
      ]),
    );
    // Searching a resident's name would tell the docent who is a client: it finds nothing.
    expect((await get('/api/cases?q=Riet', docent)).json().total).toBe(0);
    expect((await get('/api/cases?q=Riet&workflow=client-hulpvraag', docent)).json().total).toBe(0);
    expect((await get('/api/cases?q=Riet', coordinator)).json().items.map((c: { id: string }) => c.id)).toEqual([riet]);
    expect((await get('/api/cases?q=Sanne', docent)).json().items.map((c: { title: string }) => c.title)).toEqual([
      'Sanne de Vries',
    ]);

    const work = (await get('/api/worklist?function=all&workflow=client-hulpvraag', docent)).json().items;
    expect(work.find((i: { caseId: string }) => i.caseId === kees)).toMatchObject({
      caseTitle: `afgeschermd · ${kees.slice(0, 8)}`,
    });
    const board = (await get('/api/board?workflow=client-hulpvraag', docent)).json();
    expect(JSON.stringify(board)).not.toMatch(/Riet|Kees/);
    expect(board.columns.find((c: { state: string }) => c.state === 'huisbezoek').count).toBe(1);
    expect(
      (await get('/api/board?workflow=client-hulpvraag&q=Kees', docent))
        .json()
        .columns.every((c: { count: number }) => c.count === 0),
    ).toBe(true);
    expect(
      (await get('/api/board?workflow=client-hulpvraag&q=Kees', coordinator))
        .json()
        .columns.find((c: { state: string }) => c.state === 'huisbezoek').count,
    ).toBe(1);

    // The student's week names the client only to those who may see residents.
    const week = (await get(`/api/cases/${sanne}/links`, docent)).json();
    expect(week.referencedBy).toEqual([
      expect.objectContaining({ id: riet, title: `afgeschermd · ${riet.slice(0, 8)}`, overlapValues: ['ma-ochtend'] }),
    ]);
    expect((await get(`/api/cases/${sanne}/links`, coordinator)).json().referencedBy[0].title).toBe('Riet');
    expect((await get(`/api/cases/${riet}/links`, docent)).json().references[0].case.title).toBe('Sanne de Vries');
  });

  it('shows a student to the docent, and to a staff member without a function neither the student nor the catch-up plan', async () => {
    const forDocent = (await get(`/api/cases/${sanne}`, docent)).json();
    expect(forDocent).toMatchObject({
      title: 'Sanne de Vries',
      data: { inhaalplan: 'Maandagmiddag schoolwerk in plaats van stage', belemmeringen: ['financieel'] },
    });
    const forNobody = (await get(`/api/cases/${sanne}`, nobody)).json();
    expect(forNobody.title).toBe(`afgeschermd · ${sanne.slice(0, 8)}`);
    expect(forNobody.data).toMatchObject({ coach: 'Ans', niveau: '2' });
    expect(forNobody.hidden).toEqual(
      expect.arrayContaining(['naam', 'instroomroute', 'taalniveau', 'belemmeringen', 'inhaalplan']),
    );
    expect(JSON.stringify(forNobody)).not.toMatch(/Sanne|Maandagmiddag|financieel/);

    const meeting = (await get('/api/meeting', nobody)).json().items;
    expect(meeting).toEqual([
      expect.objectContaining({ id: sanne, title: `afgeschermd · ${sanne.slice(0, 8)}`, hidden: ['inhaalplan'] }),
    ]);
    expect(meeting[0]).not.toHaveProperty('catchUp');
    expect((await get('/api/meeting', docent)).json().items[0]).toMatchObject({
      title: 'Sanne de Vries',
      catchUp: 'Maandagmiddag schoolwerk in plaats van stage',
    });
    const presence = (await get('/api/presence?day=2026-12-01', nobody)).json();
    expect(presence.students.map((s: { name: string }) => s.name)).toEqual([`afgeschermd · ${sanne.slice(0, 8)}`]);
  });

  it('refuses a form that needs personal data the person may not see (403, the fields named), and says so on the dossier first', async () => {
    const refer = (await get(`/api/cases/${kees}`, docent))
      .json()
      .availableEvents.find((e: { type: string }) => e.type === 'DOORVERWIJZEN');
    expect(refer).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('afgeschermde persoonsgegevens (Doorverwezen naar)'),
    });
    const res = await post(
      `/api/cases/${kees}/events`,
      { type: 'DOORVERWIJZEN', data: { verwezenNaar: 'Wijkteam' } },
      docent,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'PERSONAL_DATA_HIDDEN', details: [{ path: 'data.verwezenNaar' }] });
    const start = await post(
      '/api/cases',
      { workflow: 'client-hulpvraag', data: { naam: 'Nieuw', adres: 'x', hulpvraag: 'y' } },
      docent,
    );
    expect(start.statusCode).toBe(403);
    expect(start.json().error.code).toBe('PERSONAL_DATA_HIDDEN');

    // An optional personal field is left out of the docent's form; the rest of it works.
    const close = (await get(`/api/cases/${riet}`, docent))
      .json()
      .availableEvents.find((e: { type: string }) => e.type === 'AFSLUITEN');
    expect(Object.keys(close.form.properties)).toEqual(['afsluitReden']);
    const sent = await post(
      `/api/cases/${riet}/events`,
      { type: 'AFSLUITEN', data: { afsluitReden: 'hulpvraag-afgerond', redenAfsluiting: 'Verhuisd' } },
      docent,
    );
    expect(sent.statusCode).toBe(403);
    expect(sent.json().error.details).toEqual([expect.objectContaining({ path: 'data.redenAfsluiting' })]);
  });

  it('does not name a screened client when a half-day is taken', async () => {
    await ok(`/api/cases/${kees}/events`, {
      type: 'OVEREENKOMST',
      data: clientAgreement,
    });
    const asDocent = await post(
      `/api/cases/${kees}/events`,
      { type: 'GEMATCHT', data: { student: sanne, dagdelen: ['ma-ochtend'], frequentie: '1' } },
      docent,
    );
    expect(asDocent.statusCode).toBe(422);
    expect(asDocent.json().error.code).toBe('EXCLUSIVE_CLASH');
    expect(asDocent.json().error.message).toContain(`#${riet.slice(0, 8)}`);
    expect(asDocent.body).not.toContain('Riet');
    const asCoordinator = await post(`/api/cases/${kees}/events`, {
      type: 'GEMATCHT',
      data: { student: sanne, dagdelen: ['ma-ochtend'], frequentie: '1' },
    });
    expect(asCoordinator.json().error.message).toContain('(Riet)');
  });
});
