import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAgreement } from '../../workflows/walk';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

/**
 * A full site puts a new client on the waiting list instead of over its places (report 3.1: 80
 * clients at once; here the site sets 2), first come first served: when a place frees up, only
 * the first on the list is offered it. The coördinator sees the list with its order and days;
 * the report shows how many wait, and the stuurgroep no small group.
 */
describe.each(testDatabases)('the waiting list on %s', (db) => {
  let t: TestApp;
  let clock = new Date('2026-10-01T09:00:00Z');
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  let stuurgroep: Record<string, string>;
  const ids: Record<string, string> = {};

  const get = async (url: string, headers = coordinator) => {
    const res = await t.request({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const send = (id: string, type: string, data: Record<string, unknown> = {}) =>
    t.request({ method: 'POST', url: `/api/cases/${id}/events`, headers: coordinator, payload: { type, data } });
  const days = (n: number) => (clock = new Date(clock.getTime() + n * 86_400_000));
  const clients = async () =>
    (await get('/api/waiting-list')).find((l: { workflow: string }) => l.workflow === 'client-hulpvraag');

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock });
    // The clock runs for days: sessions that outlive it.
    await t.user('coordinator', 'staff', 'coordinator');
    await t.user('projectleider', 'manager');
    await t.user('stuur', 'stuurgroep');
    [coordinator, manager, stuurgroep] = await Promise.all(
      ['coordinator', 'projectleider', 'stuur'].map((u) => longSession(t, u, clock)),
    );
    const set = await t.request({
      method: 'PUT',
      url: '/api/metrics/places',
      headers: manager,
      payload: { workflow: 'client-hulpvraag', places: 2 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ places: { 'client-hulpvraag': 2 } });
    // Anna and Bert take the two places; Cor and then Dien find the site full.
    for (const naam of ['Anna', 'Bert', 'Cor', 'Dien']) {
      const made = await t.request({
        method: 'POST',
        url: '/api/cases',
        headers: coordinator,
        payload: { workflow: 'client-hulpvraag', data: { naam, adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' } },
      });
      expect(made.statusCode, made.body).toBe(201);
      ids[naam] = made.json().id;
      expect((await send(ids[naam], 'HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-05' })).statusCode).toBe(200);
      const signed = await send(ids[naam], 'OVEREENKOMST', clientAgreement);
      expect(signed.statusCode, signed.body).toBe(200);
      days(3);
    }
  });
  afterAll(() => t.close());

  it('puts the clients who find the site full on the waiting list, in the order they came', async () => {
    const states = await Promise.all(Object.values(ids).map(async (id) => (await get(`/api/cases/${id}`)).state));
    expect(states).toEqual(['matching', 'matching', 'wachtlijst', 'wachtlijst']);
    expect(await clients()).toMatchObject({
      places: 2,
      taken: 2,
      free: 0,
      entries: [
        { id: ids.Cor, name: 'Cor', position: 1, days: 6, offered: false, event: 'PLAATS_AANBIEDEN' },
        { id: ids.Dien, name: 'Dien', position: 2, days: 3, offered: false },
      ],
    });
    const cor = await get(`/api/cases/${ids.Cor}`);
    // The list carries each case's revision, so its offer is sent against the case as it is.
    expect((await clients()).entries[0].revision).toBe(cor.revision);
    expect(cor.availableEvents.find((e: { type: string }) => e.type === 'PLAATS_AANBIEDEN')).toMatchObject({
      allowed: false,
      reason: 'Geen plaats vrij: 2 van 2 plaatsen bezet',
    });
    const refused = await send(ids.Cor, 'PLAATS_AANBIEDEN');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      message: 'Geen plaats vrij: 2 van 2 plaatsen bezet',
    });
  });

  it('offers a place that frees up to the first on the list only', async () => {
    const stopped = await send(ids.Anna, 'STOPPEN', { redenAfsluiting: 'Verhuisd' });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(await clients()).toMatchObject({
      taken: 1,
      free: 1,
      entries: [
        { id: ids.Cor, offered: true },
        { id: ids.Dien, offered: false },
      ],
    });
    const dien = await send(ids.Dien, 'PLAATS_AANBIEDEN');
    expect(dien.statusCode).toBe(422);
    expect(dien.json().error.message).toBe(
      'De vrije plaats is eerst voor wie langer wacht (1 op de wachtlijst gaan voor)',
    );
    const worklist = await get('/api/worklist?kind=action');
    const offers = worklist.items.filter((i: { actions: { type: string }[] }) =>
      i.actions.some((a) => a.type === 'PLAATS_AANBIEDEN'),
    );
    expect(offers.map((i: { caseId?: string; id?: string }) => i.caseId ?? i.id)).toEqual([ids.Cor]);
    const cor = await send(ids.Cor, 'PLAATS_AANBIEDEN');
    expect(cor.statusCode, cor.body).toBe(200);
    expect(cor.json().state).toBe('matching');
    expect(await clients()).toMatchObject({ taken: 2, free: 0, entries: [{ id: ids.Dien, position: 1 }] });
  });

  it('reports who waits and how long, and withholds a small list from the stuurgroep', async () => {
    const report = await get('/api/metrics/outcomes', manager);
    expect(report.capacity.find((c: { workflow: string }) => c.workflow === 'client-hulpvraag')).toMatchObject({
      now: 2,
      places: 2,
    });
    expect(report.waiting.find((w: { workflow: string }) => w.workflow === 'client-hulpvraag')).toEqual({
      workflow: 'client-hulpvraag',
      title: expect.any(String),
      steps: ['wachtlijst'],
      count: 1,
      days: [3],
      medianDays: 3,
    });
    const theirs = await get('/api/metrics/outcomes', stuurgroep);
    expect(theirs.waiting.find((w: { workflow: string }) => w.workflow === 'client-hulpvraag')).toMatchObject({
      count: { withheld: 'small' },
      days: [],
      medianDays: { withheld: 'secondary' },
    });
  });

  it('lets only a manager set the places, of a workflow that has them, and back to the definition’s number', async () => {
    const staff = await t.request({
      method: 'PUT',
      url: '/api/metrics/places',
      headers: coordinator,
      payload: { workflow: 'client-hulpvraag', places: 90 },
    });
    expect(staff.statusCode).toBe(403);
    const unknown = await t.request({
      method: 'PUT',
      url: '/api/metrics/places',
      headers: manager,
      payload: { workflow: 'bestaat-niet', places: 3 },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'INVALID_FORM', message: 'Deze workflow heeft geen plaatsen' });
    const back = await t.request({
      method: 'PUT',
      url: '/api/metrics/places',
      headers: manager,
      payload: { workflow: 'client-hulpvraag', places: null },
    });
    expect(back.json()).toEqual({ places: {} });
    expect(await clients()).toMatchObject({ places: 80, free: 78, entries: [{ id: ids.Dien, offered: true }] });
  });
});
