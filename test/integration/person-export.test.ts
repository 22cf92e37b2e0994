import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longSession, team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

/**
 * A person's request (AVG art. 15, 17): everything the site holds about one student or resident
 * as an export, and erasure that pseudonymises their fields and history and leaves the report alone.
 */
describe.each(testDatabases)("a person's export and erasure on %s", (db) => {
  let t: TestApp;
  let clock: TestClock;
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  let sanne = '';
  let riet = '';

  const ok = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await t.request({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-09-01T09:00:00Z'));
    t = await testApp({ db, now: clock.now });
    await team(t);
    sanne = await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['ma-ochtend', 'di-middag']);
    [coordinator, manager] = await Promise.all(
      ['coordinator', 'projectleider'].map((u) => longSession(t, u, clock.at)),
    );
    await ok('POST', `/api/cases/${sanne}/notes`, coordinator, { text: 'Sanne vertelde over haar schulden' });
    riet = (
      await ok('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet Bakker', adres: 'Rietstraat 1', telefoon: '0478-123456', hulpvraag: 'Boodschappen' },
      })
    ).id;
    await ok('POST', `/api/cases/${riet}/events`, coordinator, {
      type: 'HUISBEZOEK_PLANNEN',
      data: { huisbezoekDatum: '2026-09-02' },
    });
    await ok('POST', `/api/cases/${riet}/events`, coordinator, {
      type: 'OVEREENKOMST',
      data: clientAgreement,
    });
    await ok('POST', `/api/cases/${riet}/events`, coordinator, {
      type: 'GEMATCHT',
      data: { student: sanne, dagdelen: ['ma-ochtend'], frequentie: '1' },
    });
  });
  afterAll(() => t.close());

  it('exports everything about one person and nothing of another: linked cases by id only', async () => {
    await ok('GET', `/api/cases/${sanne}`, coordinator);
    await t.app.accessLog.flush();
    const mine = await ok('GET', `/api/cases/${sanne}/export`, manager);
    expect(mine.case).toMatchObject({ id: sanne, title: 'Sanne de Vries', data: { naam: 'Sanne de Vries' } });
    expect(mine.history.length).toBeGreaterThan(3);
    expect(mine.history.map((h: { event: string }) => h.event)).toContain('note');
    expect(JSON.stringify(mine.history)).toContain('schulden');
    expect(mine.linked).toEqual([
      { caseId: riet, workflow: 'client-hulpvraag', field: 'student', direction: 'namedBy' },
    ]);
    expect(mine.access).toMatchObject([{ actor: 'coordinator', route: 'GET /api/cases/:id', caseId: sanne }]);
    for (const other of ['Riet', 'Bakker', 'Rietstraat', '0478', 'Boodschappen'])
      expect(JSON.stringify(mine)).not.toContain(other);

    const hers = await ok('GET', `/api/cases/${riet}/export`, manager);
    expect(hers.case.data).toMatchObject({ naam: 'Riet Bakker', student: sanne });
    expect(hers.linked).toEqual([{ caseId: sanne, workflow: 'student-traject', field: 'student', direction: 'names' }]);
    expect(JSON.stringify(hers)).not.toContain('Sanne');
    expect(
      (await t.request({ method: 'GET', url: `/api/cases/${riet}/export`, headers: coordinator })).statusCode,
    ).toBe(403);
  });

  it('erases a person: fields and history pseudonymised, once, the report unchanged', async () => {
    const report = async () => JSON.stringify(await ok('GET', '/api/metrics/outcomes', manager));
    const before = await report();
    const erased = await ok('POST', `/api/cases/${sanne}/erase`, manager);
    const pseudonym = `Pseudoniem ${sanne.slice(0, 8)}`;
    expect(erased).toMatchObject({ title: pseudonym, data: { naam: pseudonym } });
    const history = await ok('GET', `/api/cases/${sanne}/history`, manager);
    expect(JSON.stringify(history)).not.toMatch(/Sanne|schulden/);
    expect(history.items.at(-1)).toMatchObject({ event: 'pseudonymised', data: { cause: 'verzoek' } });
    expect(await report()).toBe(before);
    const again = await t.request({ method: 'POST', url: `/api/cases/${sanne}/erase`, headers: manager });
    expect(again.statusCode).toBe(409);
    // The resident matched to her is untouched.
    expect((await ok('GET', `/api/cases/${riet}`, manager)).data.naam).toBe('Riet Bakker');
  });

  it('says a pseudonymised case is so in every answer: read, listed, and after a change', async () => {
    expect(await ok('GET', `/api/cases/${sanne}`, manager)).toMatchObject({ pseudonymised: true });
    const list = await ok('GET', '/api/cases?workflow=student-traject', manager);
    expect(list.items.find((c: { id: string }) => c.id === sanne)).toMatchObject({ pseudonymised: true });
    const found = await ok('GET', `/api/cases?q=${encodeURIComponent('Pseudoniem')}`, manager);
    expect(found.items.find((c: { id: string }) => c.id === sanne)).toMatchObject({ pseudonymised: true });
    // A correction answers from the case store's record, not the entity.
    const corrected = await ok('POST', `/api/cases/${sanne}/corrections`, manager, {
      field: 'coach',
      value: 'Jan',
      reason: 'Coach stond er niet bij',
    });
    expect(corrected).toMatchObject({ pseudonymised: true });
    // Its reason is free text about the case: kept pseudonymised, like the rows before it.
    const last = (await ok('GET', `/api/cases/${sanne}/history`, manager)).items.at(-1);
    expect(last).toMatchObject({
      event: 'correction',
      data: { field: 'coach', to: 'Jan', reason: '[gepseudonimiseerd]' },
    });
  });

  it('refuses to write back what the erasure took: a personal field or a note', async () => {
    const before = await ok('GET', `/api/cases/${sanne}/history`, manager);
    const named = await t.request({
      method: 'POST',
      url: `/api/cases/${sanne}/corrections`,
      headers: manager,
      payload: { field: 'naam', value: 'Sanne de Vries', reason: 'Naam stond er niet meer' },
    });
    expect(named.statusCode, named.body).toBe(422);
    expect(named.json().error).toMatchObject({ code: 'PERSONAL_DATA_ERASED', details: [{ path: 'data.naam' }] });
    const noted = await t.request({
      method: 'POST',
      url: `/api/cases/${sanne}/notes`,
      headers: coordinator,
      payload: { text: 'Belde af, ziek' },
    });
    expect(noted.statusCode).toBe(422);
    expect(noted.json().error.code).toBe('PERSONAL_DATA_ERASED');
    const after = await ok('GET', `/api/cases/${sanne}`, manager);
    expect(after.data.naam).toBe(`Pseudoniem ${sanne.slice(0, 8)}`);
    expect(await ok('GET', `/api/cases/${sanne}/history`, manager)).toEqual(before);
  });

  it('leaves a case that was not pseudonymised saying nothing of it', async () => {
    // A case that was not pseudonymised says nothing of it.
    expect(await ok('GET', `/api/cases/${riet}`, manager)).not.toHaveProperty('pseudonymised');
  });
});
