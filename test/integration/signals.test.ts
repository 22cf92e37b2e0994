import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { team, testApp, testDatabases, userAtSite, type TestApp } from '../support/helpers';
import { TestClock } from '../support/planning';

type Headers = Record<string, string>;

/**
 * A student who is not doing well (report 4.7, issue 18): a docent signals it, the coördinatoren
 * see it on their worklist that day and close it with a note; still open at the end of the day,
 * it is late. Both steps are rows of the student's history, their texts screened like notes.
 */
describe.each(testDatabases)('signals on %s', (db) => {
  let t: TestApp;
  let who: { coordinator: Headers; docent: Headers; nobody: Headers; manager: Headers };
  // 10:00 in Venray on a Tuesday; the default schedule's day ends at 15:30.
  const clock = new TestClock(new Date('2026-12-01T09:00:00Z'));
  let student = '';
  let client = '';

  const post = (url: string, headers: Headers, payload: object) => t.request({ method: 'POST', url, headers, payload });
  const open = async (headers: Headers) =>
    (await t.request({ method: 'GET', url: '/api/signals', headers })).json().items as {
      id: number;
      caseId: string;
      caseTitle: string;
      text?: string;
      textHidden: boolean;
      late: boolean;
      kindLabel: string;
    }[];
  const history = async (headers: Headers) =>
    (await t.request({ method: 'GET', url: `/api/cases/${student}/history`, headers })).json().items as {
      event: string;
      eventLabel: string;
      actor: string;
      data: Record<string, unknown>;
      hidden?: string[];
    }[];

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now });
    who = await team(t);
    const create = async (workflow: string, data: object) =>
      (await post('/api/cases', who.coordinator, { workflow, data })).json().id as string;
    student = await create('student-traject', { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'gilde' });
    client = await create('client-hulpvraag', { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' });
  });
  afterAll(() => t.close());

  it('puts a signal on the worklist at once, with a history row, its text shown only to who may see the student', async () => {
    const res = await post(`/api/cases/${student}/signals`, who.docent, {
      kind: 'niet-lekker',
      text: 'Buikpijn, wil naar huis',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ caseId: student, kind: 'niet-lekker', by: 'docent', late: false });

    const [signal] = await open(who.coordinator);
    expect(signal).toMatchObject({
      caseTitle: 'Sanne de Vries',
      kindLabel: 'Voelt zich niet goed',
      text: 'Buikpijn, wil naar huis',
      late: false,
    });
    // Staff without a function see that there is a signal, not whose or what.
    const [screened] = await open(who.nobody);
    expect(screened).toMatchObject({
      id: signal.id,
      textHidden: true,
      caseTitle: `afgeschermd · ${student.slice(0, 8)}`,
    });
    expect(screened.text).toBeUndefined();

    const row = (await history(who.coordinator)).find((h) => h.event === 'signal')!;
    expect(row).toMatchObject({ eventLabel: 'Signaal: Voelt zich niet goed', actor: 'docent' });
    expect(row.data.text).toBe('Buikpijn, wil naar huis');
    const hidden = (await history(who.nobody)).find((h) => h.event === 'signal')!;
    expect(hidden.data.text).toBeUndefined();
    expect(hidden.hidden).toContain('text');
  });

  it('is late once the day has ended, and closed once by a coördinator with a note that goes into the history', async () => {
    clock.set('2026-12-01T14:45:00Z'); // 15:45 in Venray
    // Hours later: everyone logs in again.
    for (const name of Object.keys(who) as (keyof typeof who)[])
      who[name] = await t.as(
        { coordinator: 'coordinator', docent: 'docent', nobody: 'invaller', manager: 'projectleider' }[name],
      );
    const [signal] = await open(who.coordinator);
    expect(signal.late).toBe(true);

    // A docent gives signals; closing is the coördinator's (or a manager's).
    const refused = await post(`/api/signals/${signal.id}/close`, who.docent, { text: 'Gesproken' });
    expect(refused.statusCode).toBe(403);
    expect(await open(who.coordinator)).toHaveLength(1);

    const closed = await post(`/api/signals/${signal.id}/close`, who.coordinator, {
      text: 'Besproken; met de bus naar huis, moeder weet ervan',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      late: false,
      closed: { by: 'coordinator', text: 'Besproken; met de bus naar huis, moeder weet ervan' },
    });
    expect(await open(who.coordinator)).toEqual([]);
    const again = await post(`/api/signals/${signal.id}/close`, who.manager, { text: 'Nog eens' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Dit signaal is al afgesloten door coordinator');

    const rows = await history(who.coordinator);
    expect(rows.filter((h) => h.event === 'signal.closed')).toEqual([
      expect.objectContaining({
        eventLabel: 'Signaal afgesloten',
        actor: 'coordinator',
        data: expect.objectContaining({ text: 'Besproken; met de bus naar huis, moeder weet ervan' }),
      }),
    ]);
    // The case did not move.
    const c = (await t.request({ method: 'GET', url: `/api/cases/${student}`, headers: who.coordinator })).json();
    expect(c.state).toBe('aanmelding');
  });

  it('refuses a signal about a client, on an unknown case or signal, and a malformed one, storing nothing', async () => {
    const before = (await history(who.coordinator)).length;
    const onClient = await post(`/api/cases/${client}/signals`, who.docent, { kind: 'niet-lekker' });
    expect(onClient.statusCode).toBe(422);
    expect(onClient.json().error.code).toBe('NOT_A_STUDENT');
    expect(
      (await post('/api/cases/00000000-0000-4000-8000-000000000000/signals', who.docent, { kind: 'niet-lekker' }))
        .statusCode,
    ).toBe(404);
    expect((await post('/api/signals/99999/close', who.coordinator, { text: 'x' })).statusCode).toBe(404);
    const bad = await post(`/api/cases/${student}/signals`, who.docent, { kind: 'verdrietig' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.kind');
    const empty = await post('/api/signals/1/close', who.coordinator, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/signals' })).statusCode).toBe(401);
    expect(await open(who.coordinator)).toEqual([]);
    expect((await history(who.coordinator)).length).toBe(before);
  });

  it("keeps another site's signals out of reach", async () => {
    const res = await post(`/api/cases/${student}/signals`, who.docent, { kind: 'niet-lekker' });
    const id = res.json().id as number;
    const other = await userAtSite(
      t,
      { id: 'horst', name: 'WijkLeerbedrijf Horst' },
      { username: 'coordinator-horst', displayName: 'Coördinator Horst', role: 'staff', function: 'coordinator' },
    );
    expect(await open(other)).toEqual([]);
    expect((await post(`/api/signals/${id}/close`, other, { text: 'x' })).statusCode).toBe(404);
  });
});
