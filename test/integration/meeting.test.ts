import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

describe.each(testDatabases)('notes and the progress meeting list (%s)', (db) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    t = await testApp({ db });
    headers = await t.user('docent', 'staff', 'docent');
    coordinator = await t.user('coordinator', 'staff', 'coordinator');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url, headers, payload });
  const student = async (naam: string) =>
    (
      await post('/api/cases', {
        workflow: 'student-traject',
        data: { naam, aanmelder: 'uwv', instroomroute: 'gilde' },
      })
    ).json().id as string;

  it('keeps a note as a dated, signed history row, and refuses an empty one', async () => {
    const id = await student('Sanne');
    const res = await post(`/api/cases/${id}/notes`, {
      text: '  Gaat goed, meer structuur nodig op maandag  ',
      meeting: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revision).toBe(2);
    const rows = (await t.request({ method: 'GET', url: `/api/cases/${id}/history`, headers })).json().items;
    expect(rows.at(-1)).toMatchObject({
      event: 'note',
      eventLabel: 'Notitie voortgangsoverleg',
      actor: 'docent',
      data: { text: 'Gaat goed, meer structuur nodig op maandag', meeting: true },
    });
    expect((await post(`/api/cases/${id}/notes`, { text: '   ' })).statusCode).toBe(400);
    expect((await post('/api/cases/bestaat-niet/notes', { text: 'x' })).statusCode).toBe(404);
  });

  it('lists every running student with phase, progress, catch-up plan and the last meeting note', async () => {
    const mo = await student('Mo');
    await post(`/api/cases/${mo}/notes`, { text: 'Eerste overleg', meeting: true });
    await post(`/api/cases/${mo}/notes`, { text: 'Tussendoor gebeld', meeting: false });
    await post(`/api/cases/${mo}/notes`, { text: 'Tweede overleg: inhaalplan nodig', meeting: true });
    await post(`/api/cases/${mo}/notes`, { text: 'Later nog iets', meeting: false });
    const client = (
      await t.request({
        method: 'POST',
        url: '/api/cases',
        headers: coordinator,
        payload: { workflow: 'client-hulpvraag', data: { naam: 'Riet', adres: 'x', hulpvraag: 'y' } },
      })
    ).json();
    expect(client.id).toBeDefined();
    const list = (await t.request({ method: 'GET', url: '/api/meeting', headers })).json().items;
    expect(list.map((r: { title: string }) => r.title)).toEqual(['Mo', 'Sanne']);
    expect(list.find((r: { id: string }) => r.id === client.id)).toBeUndefined();
    expect(list[0]).toMatchObject({
      stateLabel: 'Aanmelding',
      progress: { signed: 0, behind: false },
      lastNote: { text: 'Tweede overleg: inhaalplan nodig', by: 'docent' },
    });
    expect((await t.request({ method: 'GET', url: '/api/meeting' })).statusCode).toBe(401);
  });
});
