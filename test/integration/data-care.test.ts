import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessEntry } from '../../server/db/entities';
import { longSession, team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock } from '../support/planning';

/**
 * Data care under the AVG: a correction keeps its trail (screened like the field), a case made
 * by mistake is voided by a manager, and every read of a dossier's personal fields is logged.
 */
describe.each(testDatabases)('data care on %s', (db) => {
  let t: TestApp;
  let clock: TestClock;
  let coordinator: Record<string, string>;
  let docent: Record<string, string>;
  let manager: Record<string, string>;

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await call(method, url, headers, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const client = async (naam: string) =>
    (
      await ok('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam, adres: `${naam}straat 1`, telefoon: '0478-123456', hulpvraag: 'Boodschappen doen' },
      })
    ).id as string;

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-09-01T09:00:00Z'));
    t = await testApp({ db, now: clock.now });
    await team(t);
    // The clock runs through days and years here: sessions that outlive it.
    [coordinator, docent, manager] = await Promise.all(
      ['coordinator', 'docent', 'projectleider'].map((u) => longSession(t, u, clock.at)),
    );
  });
  afterAll(() => t.close());

  it('corrects a field with its reason, keeps old and new in the history, and screens both for whoever may not see it', async () => {
    const riet = await client('Riet');
    const before = await ok('GET', `/api/cases/${riet}`, coordinator);
    const corrected = await ok('POST', `/api/cases/${riet}/corrections`, coordinator, {
      field: 'adres',
      value: 'Rietlaan 3',
      reason: 'Typefout bij aanmelding',
    });
    expect(corrected).toMatchObject({ state: before.state, revision: before.revision + 1 });
    expect(corrected.data.adres).toBe('Rietlaan 3');
    // The name is a field too: the list shows the corrected one.
    await ok('POST', `/api/cases/${riet}/corrections`, coordinator, {
      field: 'naam',
      value: 'Riet Jansen',
      reason: 'Achternaam ontbrak',
    });
    const list = await ok('GET', '/api/cases?workflow=client-hulpvraag', coordinator);
    expect(list.items.find((c: { id: string }) => c.id === riet).title).toBe('Riet Jansen');

    const rows = (await ok('GET', `/api/cases/${riet}/history`, coordinator)).items;
    const row = rows.find((r: { event: string }) => r.event === 'correction');
    expect(row).toMatchObject({
      eventLabel: 'Gecorrigeerd: Adres',
      from: before.state,
      to: before.state,
      data: { field: 'adres', from: 'Rietstraat 1', to: 'Rietlaan 3', reason: 'Typefout bij aanmelding' },
    });
    const screened = (await ok('GET', `/api/cases/${riet}/history`, docent)).items;
    const seen = screened.filter((r: { event: string }) => r.event === 'correction');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ data: { field: 'adres' }, hidden: ['adres', 'reason'] });
    for (const words of ['Rietstraat', 'Rietlaan', 'Typefout', 'Jansen'])
      expect(JSON.stringify(screened)).not.toContain(words);
  });

  it('refuses a correction of a field the caller may not see, of the wrong type, or without a reason', async () => {
    const kees = await client('Kees');
    const hidden = await call('POST', `/api/cases/${kees}/corrections`, docent, {
      field: 'adres',
      value: 'Elders 1',
      reason: 'Verhuisd',
    });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().error.code).toBe('PERSONAL_DATA_HIDDEN');
    const wrong = await call('POST', `/api/cases/${kees}/corrections`, coordinator, {
      field: 'veiligeWerkplek',
      value: 'ja',
      reason: 'Verkeerd ingevuld',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'INVALID_FORM', details: [{ path: 'value' }] });
    const unknown = await call('POST', `/api/cases/${kees}/corrections`, coordinator, {
      field: 'schoenmaat',
      value: 42,
      reason: 'Bestaat niet',
    });
    expect(unknown.statusCode).toBe(422);
    const noReason = await call('POST', `/api/cases/${kees}/corrections`, coordinator, { field: 'adres', value: 'X' });
    expect(noReason.statusCode).toBe(400);
    // The required name cannot be cleared.
    const cleared = await call('POST', `/api/cases/${kees}/corrections`, coordinator, {
      field: 'naam',
      reason: 'Weg ermee',
    });
    expect(cleared.statusCode).toBe(422);
  });

  it('voids a case created by mistake: manager only, out of lists and reports, its record kept and marked', async () => {
    const wrong = await client('Vergissing');
    const report = async () => (await ok('GET', '/api/metrics/outcomes', manager)) as Record<string, unknown>;
    const totalsBefore = JSON.stringify(await report());
    const denied = await call('POST', `/api/cases/${wrong}/void`, coordinator, { reason: 'Dubbel aangemaakt' });
    expect(denied.statusCode).toBe(403);

    const voided = await ok('POST', `/api/cases/${wrong}/void`, manager, { reason: 'Dubbel aangemaakt' });
    expect(voided).toMatchObject({
      voided: true,
      outcome: 'vervallen',
      availableEvents: [],
      deadlines: [],
      timers: [],
    });
    const list = await ok('GET', '/api/cases?limit=200', manager);
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(wrong);
    const found = await ok('GET', '/api/cases?outcome=vervallen', manager);
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([wrong]);
    const worklist = await ok('GET', '/api/worklist', coordinator);
    expect(JSON.stringify(worklist)).not.toContain(wrong);
    expect(JSON.stringify(await report())).not.toBe(totalsBefore);

    const record = await ok('GET', `/api/cases/${wrong}`, manager);
    expect(record).toMatchObject({ voided: true, data: { naam: 'Vergissing' } });
    const last = (await ok('GET', `/api/cases/${wrong}/history`, manager)).items.at(-1);
    expect(last).toMatchObject({ event: 'void', data: { reason: 'Dubbel aangemaakt' } });
    const again = await call('POST', `/api/cases/${wrong}/events`, coordinator, {
      type: 'HUISBEZOEK_PLANNEN',
      data: { huisbezoekDatum: '2026-12-01' },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('CASE_VOIDED');
  });

  it('logs who was shown a dossier, its history and a search hit, without field values; a manager reads it per case and per person', async () => {
    const anna = await client('Anna');
    clock.set('2026-09-02T10:00:00Z');
    await ok('GET', `/api/cases/${anna}`, coordinator);
    clock.set('2026-09-02T11:00:00Z');
    await ok('GET', `/api/cases/${anna}`, manager);
    await ok('GET', `/api/cases/${anna}/history`, manager);
    await ok('GET', '/api/cases?q=Anna', coordinator);
    // The docent may not see a resident's personal fields: nothing of them was shown, nothing is logged.
    await ok('GET', `/api/cases/${anna}`, docent);
    await t.app.accessLog.flush();

    const log = await ok('GET', `/api/cases/${anna}/access`, manager);
    expect(log.keptDays).toBe(730);
    const at = '2026-09-02T11:00:00.000Z';
    expect(log.items).toEqual([
      { at, actor: 'coordinator', route: 'GET /api/cases', what: 'Gevonden bij zoeken', caseId: anna },
      { at, actor: 'projectleider', route: 'GET /api/cases/:id/history', what: 'Geschiedenis bekeken', caseId: anna },
      { at, actor: 'projectleider', route: 'GET /api/cases/:id', what: 'Dossier geopend', caseId: anna },
      {
        at: '2026-09-02T10:00:00.000Z',
        actor: 'coordinator',
        route: 'GET /api/cases/:id',
        what: 'Dossier geopend',
        caseId: anna,
      },
    ]);
    const rows = await t.app.orm.em.fork().find(AccessEntry, { caseId: anna });
    expect(JSON.stringify(rows)).not.toMatch(/Anna|straat|0478/);

    const own = await ok('GET', '/api/access-log', coordinator);
    expect(own.items.filter((e: { caseId: string }) => e.caseId === anna)).toHaveLength(2);
    expect(own.items[0]).toMatchObject({ actor: 'coordinator', title: 'Anna' });
    const theirs = await ok('GET', '/api/access-log?user=coordinator', manager);
    expect(theirs.items).toEqual(own.items);
    expect((await call('GET', '/api/access-log?user=projectleider', coordinator)).statusCode).toBe(403);
    expect((await call('GET', `/api/cases/${anna}/access`, coordinator)).statusCode).toBe(403);
  });

  it('keeps the log for its period: older entries are deleted on the first write of a day', async () => {
    const bep = await client('Bep');
    clock.set('2026-09-03T09:00:00Z');
    await ok('GET', `/api/cases/${bep}`, coordinator);
    await t.app.accessLog.flush();
    clock.set('2028-09-10T09:00:00Z');
    await ok('GET', `/api/cases/${bep}`, manager);
    await t.app.accessLog.flush();
    const log = await ok('GET', `/api/cases/${bep}/access`, manager);
    expect(log.items.map((e: { actor: string }) => e.actor)).toEqual(['projectleider']);
  });
});
