import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { team, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

type Headers = Record<string, string>;

/**
 * Personal data that escaped the screening (issue 14): a clash that named the student, a board
 * filter on a field the caller may not see, notes that are never screened, and lists sorted by
 * names the caller sees only as "afgeschermd". Every message, filter, sort and note passes
 * through the engine's screening (engine/screening.ts).
 */
describe.each(testDatabases)('what the screening covers on %s', (db) => {
  let t: TestApp;
  let coordinator: Headers;
  let docent: Headers;
  let nobody: Headers;
  /** Running students, created until their names and their ids sort differently. */
  const students: { id: string; name: string }[] = [];
  /** Clients matched to the first student, created until their names and ids sort differently. */
  const clients: { id: string; name: string }[] = [];
  let waiting = '';
  const day = '2026-12-01';

  const request = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
    const res = await request(method, url, headers, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const screened = (id: string) => `afgeschermd · ${id.slice(0, 8)}`;
  const byName = (a: string, b: string) => a.localeCompare(b, 'nl');
  /** Whether sorting by name gives another order than sorting by id (so by the screened name). */
  const inverted = (rows: { id: string; name: string }[]) =>
    [...rows]
      .sort((a, b) => byName(a.name, b.name))
      .map((r) => r.id)
      .join() !==
    [...rows]
      .sort((a, b) => byName(screened(a.id), screened(b.id)))
      .map((r) => r.id)
      .join();

  async function clientToMatch(name: string) {
    const c = await ok('POST', '/api/cases', coordinator, {
      workflow: 'client-hulpvraag',
      data: { naam: name, adres: `${name}straat 1`, hulpvraag: 'Samen boodschappen doen' },
    });
    await ok('POST', `/api/cases/${c.id}/events`, coordinator, {
      type: 'HUISBEZOEK_PLANNEN',
      data: { huisbezoekDatum: day },
    });
    await ok('POST', `/api/cases/${c.id}/events`, coordinator, {
      type: 'OVEREENKOMST',
      data: clientAgreement,
    });
    return c.id as string;
  }

  const halfDays = ['ma-ochtend', 'ma-middag', 'di-ochtend', 'di-middag', 'wo-ochtend', 'wo-middag'];
  const clock = new TestClock(new Date(`${day}T09:00:00Z`));

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now });
    let manager: Headers;
    ({ coordinator, docent, nobody, manager } = await team(t));
    // A site whose client request lets anyone on staff match (no `restrictedTo`): staff without a
    // function can then make a clash themselves, and its message must not name whom they may not see.
    const published = await ok('GET', '/api/workflows/client-hulpvraag', manager);
    const { version: _v, ...anyoneMatches } = published.definition;
    delete anyoneMatches.machine.states.matching.on.GEMATCHT.meta.restrictedTo;
    await ok('PUT', '/api/workflows/client-hulpvraag/draft', manager, { definition: anyoneMatches });
    await ok('POST', '/api/workflows/client-hulpvraag/publish', manager, {});
    for (const name of ['Anna Aalders', 'Bram Bos', 'Cor Claassen', 'Daan Dekker', 'Eva Evers', 'Fenna Feenstra']) {
      if (students.length >= 2 && inverted(students)) break;
      // The first takes clients: a WW student in the wijk on the half-days they are matched on; the
      // others are in the introduction, at the location (so on the day's presence list too).
      const id = students.length
        ? await studentInWijk(t, clock, { naam: name, niveau: '1' }, [], { until: 'introductie' })
        : await studentInWijk(t, clock, { naam: name, instroomroute: 'ww' }, halfDays);
      students.push({ id, name });
    }
    expect(inverted(students)).toBe(true);
    for (const [i, name] of ['Riet', 'Kees', 'Truus', 'Henk', 'Gerda', 'Piet'].entries()) {
      if (clients.length >= 2 && inverted(clients)) break;
      const id = await clientToMatch(name);
      await ok('POST', `/api/cases/${id}/events`, coordinator, {
        type: 'GEMATCHT',
        data: { student: students[0].id, dagdelen: [halfDays[i]], frequentie: '1' },
      });
      clients.push({ id, name });
    }
    expect(inverted(clients)).toBe(true);
    waiting = await clientToMatch('Wim');

    await ok('POST', `/api/cases/${students[0].id}/notes`, coordinator, {
      text: 'Notitie over schulden bij de bank',
      meeting: true,
    });
    await ok('PUT', `/api/presence/${students[0].id}/${day}`, coordinator, {
      status: 'afgemeld',
      reason: 'afspraak',
      note: 'Bij de schuldhulpverlening',
    });
  });
  afterAll(() => t.close());

  it('names the student in a clash only to whoever may see the student', async () => {
    const taken = { type: 'GEMATCHT', data: { student: students[0].id, dagdelen: ['ma-ochtend'], frequentie: '1' } };
    const asNobody = await request('POST', `/api/cases/${waiting}/events`, nobody, taken);
    expect(asNobody.statusCode).toBe(422);
    expect(asNobody.json().error.code).toBe('EXCLUSIVE_CLASH');
    expect(asNobody.json().error.message).toContain(`#${students[0].id.slice(0, 8)}`);
    expect(asNobody.json().error.message).toContain(`#${clients[0].id.slice(0, 8)}`);
    for (const name of [students[0].name, clients[0].name]) expect(asNobody.body).not.toContain(name);
    const english = await request(
      'POST',
      `/api/cases/${waiting}/events`,
      { ...nobody, 'accept-language': 'en' },
      taken,
    );
    expect(english.body).not.toContain(students[0].name);

    // The docent may see students but not residents; the coördinator both.
    const asDocent = (await request('POST', `/api/cases/${waiting}/events`, docent, taken)).json().error.message;
    expect(asDocent).toContain(students[0].name);
    expect(asDocent).not.toContain(clients[0].name);
    const asCoordinator = (await request('POST', `/api/cases/${waiting}/events`, coordinator, taken)).json().error;
    expect(asCoordinator.message).toContain(
      `${students[0].name} heeft op maandag ochtend al een klant (${clients[0].name})`,
    );
  });

  it('refuses a board filter on a field the caller may not see, and keeps the others', async () => {
    const hidden = await request('GET', '/api/board?workflow=student-traject&instroomroute=ww', nobody);
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().error).toMatchObject({
      code: 'PERSONAL_DATA_HIDDEN',
      details: [{ path: 'querystring.instroomroute', message: expect.stringContaining('Instroomroute') }],
    });
    expect(hidden.body).not.toContain(students[0].id);
    const english = await request('GET', '/api/board?workflow=student-traject&instroomroute=gilde', {
      ...nobody,
      'accept-language': 'en',
    });
    expect(english.statusCode).toBe(403);
    expect(english.json().error.message).toMatch(/screened personal data/);

    const cards = (board: { columns: { cards: { id: string }[] }[] }) =>
      board.columns.flatMap((c) => c.cards.map((card) => card.id)).sort();
    expect(cards(await ok('GET', '/api/board?workflow=student-traject&instroomroute=ww', docent))).toEqual([
      students[0].id,
    ]);
    // The level is no personal field: anyone filters by it (only the first student is at level 2).
    expect(cards(await ok('GET', '/api/board?workflow=student-traject&niveau=2', nobody))).toEqual([students[0].id]);
    expect(cards(await ok('GET', '/api/board?workflow=student-traject', nobody))).toEqual(
      students.map((s) => s.id).sort(),
    );
  });

  it("hides a note's text in the history, the meeting and presence from whoever may not see the person's data", async () => {
    const [first] = students;
    const history = (await ok('GET', `/api/cases/${first.id}/history`, nobody)).items;
    const note = history.find((h: { event: string }) => h.event === 'note');
    expect(note).toMatchObject({ eventLabel: 'Notitie voortgangsoverleg', data: { meeting: true }, hidden: ['text'] });
    expect(note.data).not.toHaveProperty('text');
    expect(JSON.stringify(history)).not.toContain('schulden');
    const seen = (await ok('GET', `/api/cases/${first.id}/history`, docent)).items;
    expect(seen.find((h: { event: string }) => h.event === 'note')).toMatchObject({
      data: { text: 'Notitie over schulden bij de bank' },
    });

    const meeting = (await ok('GET', '/api/meeting', nobody)).items.find((r: { id: string }) => r.id === first.id);
    expect(meeting.lastNote).toMatchObject({ by: 'coordinator', hidden: ['text'] });
    expect(meeting.lastNote).not.toHaveProperty('text');
    expect(
      (await ok('GET', '/api/meeting', docent)).items.find((r: { id: string }) => r.id === first.id).lastNote.text,
    ).toBe('Notitie over schulden bij de bank');

    const presence = (await ok('GET', `/api/presence?day=${day}`, nobody)).students;
    expect(presence.find((s: { caseId: string }) => s.caseId === first.id)).toMatchObject({
      status: 'afgemeld',
      hidden: ['note'],
    });
    expect(JSON.stringify(presence)).not.toContain('schuld');
    const forDocent = (await ok('GET', `/api/presence?day=${day}`, docent)).students;
    expect(forDocent.find((s: { caseId: string }) => s.caseId === first.id).note).toBe('Bij de schuldhulpverlening');
  });

  it('sorts the meeting, presence and linked cases by the name the caller sees', async () => {
    const shown = (rows: { id: string; name: string }[], sees: boolean) =>
      rows
        .map((r) => ({ id: r.id, name: sees ? r.name : screened(r.id) }))
        .sort((a, b) => byName(a.name, b.name))
        .map((r) => r.id);
    const ids = (rows: { id?: string; caseId?: string }[]) => rows.map((r) => r.id ?? r.caseId);

    expect(ids((await ok('GET', '/api/meeting', nobody)).items)).toEqual(shown(students, false));
    expect(ids((await ok('GET', '/api/meeting', docent)).items)).toEqual(shown(students, true));
    expect(ids((await ok('GET', `/api/presence?day=${day}`, nobody)).students)).toEqual(shown(students, false));
    expect(ids((await ok('GET', `/api/presence?day=${day}`, docent)).students)).toEqual(shown(students, true));

    const links = async (who: Headers) =>
      ids((await ok('GET', `/api/cases/${students[0].id}/links`, who)).referencedBy);
    expect(await links(docent)).toEqual(shown(clients, false));
    expect(await links(coordinator)).toEqual(shown(clients, true));
  });
});
