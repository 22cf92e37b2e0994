import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longSession, team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';

/**
 * Group activities and excursions (report chapter 6): recorded once they took place, with who
 * took part and a short evaluation; each participant's dossier shows it.
 */
describe.each(testDatabases)('group activities on %s', (db) => {
  let t: TestApp;
  let clock: TestClock;
  let coordinator: Record<string, string>;
  let nobody: Record<string, string>;
  let manager: Record<string, string>;
  let sanne = '';
  let ahmed = '';
  let riet = '';

  const request = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const history = async (id: string) => (await request('GET', `/api/cases/${id}/history`, coordinator)).json().items;
  const excursion = () => ({
    kind: 'excursie',
    title: 'Tweede Kamer',
    date: '2026-10-14',
    participants: [sanne, ahmed],
    evaluation: 'Een rondleiding en een debat op de publieke tribune; de groep wil nog eens.',
  });

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-10-15T09:00:00Z'));
    t = await testApp({ db, now: clock.now });
    await team(t);
    sanne = await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['ma-ochtend']);
    ahmed = await studentInWijk(t, clock, { naam: 'Ahmed Yilmaz' }, ['di-middag']);
    [coordinator, nobody, manager] = await Promise.all(
      ['coordinator', 'invaller', 'projectleider'].map((u) => longSession(t, u, clock.at)),
    );
    riet = (
      await request('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet Bakker', adres: 'Rietstraat 1', telefoon: '0478-123456', hulpvraag: 'Boodschappen' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('offers the running students and records an excursion in each participant\u2019s history', async () => {
    const before = (await request('GET', '/api/activities', coordinator)).json();
    expect(before.items).toEqual([]);
    expect(before.students.map((s: { name: string }) => s.name)).toEqual(['Ahmed Yilmaz', 'Sanne de Vries']);

    const res = await request('POST', '/api/activities', coordinator, excursion());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'excursie',
      kindLabel: 'Excursie',
      title: 'Tweede Kamer',
      date: '2026-10-14',
      participants: [
        { caseId: sanne, name: 'Sanne de Vries' },
        { caseId: ahmed, name: 'Ahmed Yilmaz' },
      ],
      by: 'coordinator',
    });
    for (const id of [sanne, ahmed])
      expect((await history(id)).at(-1)).toMatchObject({
        event: 'group-activity',
        eventLabel: 'Excursie: Tweede Kamer (14-10-2026)',
        actor: 'coordinator',
        data: { title: 'Tweede Kamer', evaluation: excursion().evaluation },
      });
    const list = (await request('GET', '/api/activities', coordinator)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ title: 'Tweede Kamer', evaluation: excursion().evaluation });
  });

  it('names the participants only to whoever may see their names', async () => {
    const seen = (await request('GET', '/api/activities', nobody)).json();
    expect(JSON.stringify(seen)).not.toMatch(/Sanne|Ahmed|Vries|Yilmaz/);
    expect(seen.items[0].participants.map((p: { caseId: string }) => p.caseId)).toEqual([sanne, ahmed]);
  });

  it('corrects a record: the student named by mistake is told they did not go, the one forgotten gets it, the rest see the change', async () => {
    const lotte = await studentInWijk(t, clock, { naam: 'Lotte Jansen' }, ['wo-ochtend']);
    const first = (await request('GET', '/api/activities', coordinator)).json().items[0];
    const [sanneBefore, ahmedBefore] = [(await history(sanne)).length, (await history(ahmed)).length];
    const res = await request('PUT', `/api/activities/${first.id}`, coordinator, {
      ...excursion(),
      participants: [sanne, lotte],
      evaluation: 'Een rondleiding en een debat; de groep wil nog eens.',
      reason: 'Ahmed was ziek; Lotte ging in zijn plaats',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().participants.map((p: { name: string }) => p.name)).toEqual(['Sanne de Vries', 'Lotte Jansen']);
    expect((await history(ahmed)).slice(ahmedBefore)).toMatchObject([
      {
        event: 'group-activity.corrected',
        eventLabel: 'Niet meegedaan aan Excursie: Tweede Kamer (14-10-2026) (correctie)',
        data: { removed: true, reason: 'Ahmed was ziek; Lotte ging in zijn plaats' },
      },
    ]);
    expect((await history(ahmed)).at(-1).data).not.toHaveProperty('evaluation');
    expect((await history(lotte)).at(-1)).toMatchObject({
      event: 'group-activity',
      eventLabel: 'Excursie: Tweede Kamer (14-10-2026)',
      data: { evaluation: 'Een rondleiding en een debat; de groep wil nog eens.' },
    });
    expect((await history(sanne)).slice(sanneBefore)).toMatchObject([
      { event: 'group-activity.corrected', eventLabel: 'Gecorrigeerd: Excursie: Tweede Kamer (14-10-2026)' },
    ]);
    // The same record again changes nothing and tells nobody.
    const again = await request('PUT', `/api/activities/${first.id}`, coordinator, {
      ...excursion(),
      participants: [sanne, lotte],
      evaluation: 'Een rondleiding en een debat; de groep wil nog eens.',
      reason: 'nog eens',
    });
    expect(again.statusCode).toBe(200);
    expect((await history(sanne)).length).toBe(sanneBefore + 1);
    // Back as it was, for the tests after this one.
    const back = await request('PUT', `/api/activities/${first.id}`, coordinator, {
      ...excursion(),
      reason: 'Toch niet',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await history(lotte)).at(-1)).toMatchObject({ data: { removed: true } });
  });

  it('refuses a correction of what is not there or cannot be, and changes nothing', async () => {
    const items = (await request('GET', '/api/activities', coordinator)).json().items;
    const was = await Promise.all([sanne, ahmed, riet].map(history));
    const body = { ...excursion(), reason: 'Verkeerde dag' };
    expect((await request('PUT', '/api/activities/99999', coordinator, body)).statusCode).toBe(404);
    const future = await request('PUT', `/api/activities/${items[0].id}`, coordinator, { ...body, date: '2026-10-16' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details).toMatchObject([{ path: 'body.date' }]);
    const client = await request('PUT', `/api/activities/${items[0].id}`, coordinator, {
      ...body,
      participants: [sanne, riet],
    });
    expect(client.json().error).toMatchObject({ code: 'NOT_A_STUDENT', details: [{ path: 'body.participants.1' }] });
    expect((await request('PUT', `/api/activities/${items[0].id}`, coordinator, excursion())).statusCode).toBe(400);
    expect(await Promise.all([sanne, ahmed, riet].map(history))).toEqual(was);
    expect((await request('GET', '/api/activities', coordinator)).json().items).toEqual(items);
  });

  it("takes an erased student's words out of the group's evaluation and every history that tells it, and keeps the others'", async () => {
    const res = await request('POST', '/api/activities', coordinator, {
      kind: 'groepsactiviteit',
      title: 'Kookmiddag',
      date: '2026-10-15',
      participants: [sanne, ahmed],
      evaluation: 'Sanne de Vries kookte met Ahmed; sanne wil het vaker doen.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const erased = await request('POST', `/api/cases/${sanne}/erase`, manager);
    expect(erased.statusCode, erased.body).toBe(200);
    const pseudonym = erased.json().title;
    const items = (await request('GET', '/api/activities', coordinator)).json().items;
    const cooking = items.find((a: { title: string }) => a.title === 'Kookmiddag');
    expect(cooking.evaluation).toBe(`${pseudonym} kookte met Ahmed; ${pseudonym} wil het vaker doen.`);
    // The first activity named nobody: it stays as written.
    expect(items.find((a: { title: string }) => a.title === 'Tweede Kamer').evaluation).toBe(excursion().evaluation);
    expect(JSON.stringify(await history(sanne))).not.toMatch(/Sanne|Vries|kookte/);
    expect((await history(ahmed)).at(-1)).toMatchObject({
      data: { title: 'Kookmiddag', evaluation: cooking.evaluation },
    });
  });

  it('refuses what cannot be, at its field, and writes nothing', async () => {
    const cases = async () => Promise.all([sanne, ahmed, riet].map(history));
    const was = await cases();
    const refused = async (body: object, status: number) => {
      const res = await request('POST', '/api/activities', coordinator, body);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error;
    };
    expect((await refused({ ...excursion(), date: '2026-10-16' }, 422)).details).toMatchObject([{ path: 'body.date' }]);
    const client = await refused({ ...excursion(), participants: [sanne, riet] }, 422);
    expect(client).toMatchObject({ code: 'NOT_A_STUDENT', details: [{ path: 'body.participants.1' }] });
    expect((await refused({ ...excursion(), participants: ['bestaat-niet'] }, 404)).code).toBe('NOT_FOUND');
    await refused({ ...excursion(), participants: [sanne, sanne] }, 400);
    await refused({ ...excursion(), participants: [] }, 400);
    await refused({ ...excursion(), evaluation: '  ' }, 400);
    await refused({ ...excursion(), kind: 'feest' }, 400);
    expect(await cases()).toEqual(was);
    expect((await request('GET', '/api/activities', coordinator)).json().items).toHaveLength(2);
  });
});
