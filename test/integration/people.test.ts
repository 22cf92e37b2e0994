import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, longSession, sanne, testApp, testDatabases, type TestApp } from '../support/helpers';

type Headers = Record<string, string>;

/**
 * People in the workflow (report 3.3): the functions that alone may do some work, accounts the
 * admin manages, and every change to an account on record.
 */
describe.each(testDatabases)('people on %s', (db) => {
  let t: TestApp;
  let admin: Headers;
  let docent: Headers;
  let coordinator: Headers;

  const request = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => {
    const res = await request(method, url, headers, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.statusCode === 204 ? undefined : res.json();
  };
  const login = (username: string, password: string) =>
    t.request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  /** A new account and a session for it; the admin's own session (logging in each time meets the rate limit). */
  const person = async (username: string, role: 'staff' | 'manager', fn?: 'docent' | 'coordinator') => {
    await ok('POST', '/api/users', admin, { username, password: `${username}-wachtwoord`, role, function: fn });
    return longSession(t, username, clock);
  };
  const idOf = async (username: string): Promise<number> =>
    (await ok('GET', '/api/users', admin)).items.find((u: { username: string }) => u.username === username).id;

  // August: a student enrolled now begins at the September start moment.
  let clock = new Date('2026-08-20T09:00:00Z');

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock });
    admin = await longSession(t, 'admin', clock);
    // The clock runs through the ten weeks of introduction: sessions that outlast it.
    docent = await person('docent', 'staff', 'docent');
    coordinator = await person('coordinator', 'staff', 'coordinator');
  });
  afterAll(() => t.close());

  describe('functions that authorise', () => {
    it('refuses a coördinator signing the docent’s item or awarding the diploma (403, the function named); a docent does it', async () => {
      const c = await ok('POST', '/api/cases', coordinator, {
        workflow: 'student-traject',
        data: { ...sanne, aanmelder: 'gilde', instroomroute: 'gilde' },
      });
      const act = (type: string, data: object, as = coordinator) =>
        request('POST', `/api/cases/${c.id}/events`, as, { type, data });
      const sign = (item: string, as = docent) =>
        request('POST', `/api/cases/${c.id}/checklist`, as, { item, signed: true });
      const signAll = async (step: string) => {
        const items = (await ok('GET', `/api/cases/${c.id}`, docent)).checklist as { id: string; step: string }[];
        for (const i of items.filter((i) => i.step === step && i.id !== 'zorg-examens'))
          expect((await sign(i.id)).statusCode).toBe(200);
      };
      await act('INTAKE_PLANNEN', { intakeDatum: '2026-08-20' });
      await act('MATCH', { taalniveau: 'b1', coach: 'Ans' });
      await act('INGESCHREVEN', { inschrijfdatum: '2026-08-20', niveau: '2', startmoment: 'september' });
      // The introduction begins at the start moment; its ten weeks run from there.
      clock = new Date('2026-09-01T09:00:00Z');
      await t.app.scheduler.runDue();
      await signAll('opleiding.leerbedrijf.school.introductie');
      clock = new Date(clock.getTime() + 71 * 86_400_000);
      await t.app.scheduler.runDue();
      const leerroute = await act(
        'LEERROUTE_AFGESPROKEN',
        { duur: '12', leerroute: 'N2', dagdelen: ['ma-ochtend'], coach: 'Ans', coordinator: 'Mieke' },
        docent,
      );
      expect(leerroute.statusCode, leerroute.body).toBe(200);
      await signAll('opleiding.leerbedrijf.school.welzijnsstage');
      const zorgstage = await act('ZORGSTAGE_STARTEN', {
        zorgstageInstelling: 'proteion',
        zorgstageStart: clock.toISOString().slice(0, 10),
      });
      expect(zorgstage.statusCode, zorgstage.body).toBe(200);
      await signAll('opleiding.leerbedrijf.school.zorgstage');
      // The care placement runs three months before the diploma may be awarded.
      clock = new Date(clock.getTime() + 92 * 86_400_000);

      const refused = await sign('zorg-examens', coordinator);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toEqual({
        code: 'FUNCTION_NOT_ALLOWED',
        message: 'Alleen een docent of projectleider mag dit aftekenen (je bent coördinator)',
      });
      const english = await request(
        'POST',
        `/api/cases/${c.id}/checklist`,
        { ...coordinator, 'accept-language': 'en' },
        { item: 'zorg-examens', signed: true },
      );
      expect(english.json().error.message).toBe('Only a teacher or project lead may sign this (you are a coordinator)');
      expect((await sign('zorg-examens')).statusCode).toBe(200);

      const byCoordinator = await act('DIPLOMA', { diplomaDatum: '2027-06-30' });
      expect(byCoordinator.statusCode).toBe(403);
      expect(byCoordinator.json().error).toEqual({
        code: 'FUNCTION_NOT_ALLOWED',
        message: 'Alleen een docent of projectleider mag dit doen (je bent coördinator)',
      });
      const offered = (await ok('GET', `/api/cases/${c.id}`, coordinator)).availableEvents.find(
        (e: { type: string }) => e.type === 'DIPLOMA',
      );
      expect(offered).toMatchObject({ allowed: false, blocked: 'function' });
      const byDocent = await act('DIPLOMA', { diplomaDatum: '2027-06-30' }, docent);
      expect(byDocent.statusCode, byDocent.body).toBe(200);
      expect(byDocent.json().state).toBe('diploma');
      const history = (await ok('GET', `/api/cases/${c.id}/history`, coordinator)).items;
      expect(history.at(-1)).toMatchObject({ event: 'DIPLOMA', actor: 'docent' });
    });

    it('keeps the home visit to the coördinator: the docent sees it is not hers, and gets 403 when sending it', async () => {
      const c = await ok('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
      });
      const visit = (await ok('GET', `/api/cases/${c.id}`, docent)).availableEvents.find(
        (e: { type: string }) => e.type === 'HUISBEZOEK_PLANNEN',
      );
      expect(visit).toMatchObject({
        allowed: false,
        blocked: 'function',
        ends: false,
        reason: 'Alleen een coördinator of projectleider mag dit doen (je bent docent)',
      });
      const refused = await request('POST', `/api/cases/${c.id}/events`, docent, {
        type: 'HUISBEZOEK_PLANNEN',
        data: { huisbezoekDatum: '2026-12-01' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FUNCTION_NOT_ALLOWED');
      const stop = (await ok('GET', `/api/cases/${c.id}`, coordinator)).availableEvents.find(
        (e: { type: string }) => e.type === 'STOPPEN',
      );
      expect(stop).toMatchObject({ allowed: true, ends: true });
    });

    it('names roles in Dutch when a page is not for this role', async () => {
      const res = await request('GET', '/api/users', docent);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('Dit kan alleen een beheerder');
      const draft = await request('GET', '/api/workflows/student-traject/draft', docent);
      expect(draft.json().error.message).toBe('Dit kan alleen een projectleider of beheerder');
    });
  });

  describe('accounts', () => {
    it('switches an account off: its open session is refused on the next request, it cannot log in, its name stays', async () => {
      const anja = await person('anja', 'staff', 'docent');
      const id = await idOf('anja');
      await ok('PATCH', `/api/users/${id}`, admin, { displayName: 'Anja de Groot' });
      const c = await ok('POST', '/api/cases', anja, { workflow: 'student-traject', data: sanne });
      // Seen just now: the SQLite hot path remembers the session for a second.
      await ok('GET', '/api/auth/me', anja);
      const off = await ok('PATCH', `/api/users/${id}`, admin, { active: false });
      expect(off).toMatchObject({ username: 'anja', active: false });
      const next = await request('GET', '/api/auth/me', anja);
      expect(next.statusCode).toBe(401);
      expect(next.json().error.code).toBe('UNAUTHENTICATED');

      const again = await login('anja', 'anja-wachtwoord');
      expect(again.statusCode).toBe(401);
      expect(again.json().error).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: 'Dit account is uitgeschakeld; vraag de beheerder',
      });
      // A wrong password tells nothing about the account.
      expect((await login('anja', 'geraden-wachtwoord')).json().error.message).toBe(
        'Gebruikersnaam of wachtwoord klopt niet',
      );
      const history = (await ok('GET', `/api/cases/${c.id}/history`, docent)).items;
      expect(history[0]).toMatchObject({ actor: 'anja', actorName: 'Anja de Groot' });

      await ok('PATCH', `/api/users/${id}`, admin, { active: true });
      expect((await login('anja', 'anja-wachtwoord')).statusCode).toBe(200);
    });

    it('resets a password once: the new one is answered once and works, the old one and the sessions do not', async () => {
      const bram = await person('bram', 'staff', 'coordinator');
      const id = await idOf('bram');
      const reset = await request('POST', `/api/users/${id}/password`, admin);
      expect(reset.statusCode).toBe(200);
      expect(reset.headers['cache-control']).toBe('no-store');
      const { password, account } = reset.json();
      expect(account).toMatchObject({ username: 'bram', active: true });
      expect(password).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect((await request('GET', '/api/auth/me', bram)).statusCode).toBe(401);
      expect((await login('bram', 'bram-wachtwoord')).statusCode).toBe(401);
      expect((await login('bram', password)).statusCode).toBe(200);
      // Never shown again: not in the list, not in the record.
      expect(JSON.stringify(await ok('GET', '/api/users', admin))).not.toContain(password);
      expect(JSON.stringify(await ok('GET', '/api/users/changes', admin))).not.toContain(password);
      const second = (await ok('POST', `/api/users/${id}/password`, admin)).password;
      expect(second).not.toBe(password);
      expect((await login('bram', password)).statusCode).toBe(401);
      expect((await login('bram', second)).statusCode).toBe(200);
    });

    it('lets everyone change their own password: the current one is asked, the policy holds, other sessions end', async () => {
      const cor = await person('cor', 'staff');
      const elsewhere = await t.as('cor');
      const wrong = await request('POST', '/api/auth/password', cor, {
        current: 'fout',
        password: 'een-nieuw-wachtwoord',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details).toEqual([{ path: 'body.current', message: 'Klopt niet' }]);
      const short = await request('POST', '/api/auth/password', cor, { current: 'cor-wachtwoord', password: 'kort' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details).toEqual([
        { path: 'body.password', message: 'Een wachtwoord heeft minstens 10 tekens' },
      ]);
      await ok('POST', '/api/auth/password', cor, { current: 'cor-wachtwoord', password: 'een-nieuw-wachtwoord' });
      expect((await request('GET', '/api/auth/me', cor)).statusCode).toBe(200);
      expect((await request('GET', '/api/auth/me', elsewhere)).statusCode).toBe(401);
      expect((await login('cor', 'cor-wachtwoord')).statusCode).toBe(401);
      expect((await login('cor', 'een-nieuw-wachtwoord')).statusCode).toBe(200);
    });

    it('changes role and function at once for the open session, and keeps an admin from locking themselves out', async () => {
      const dirk = await person('dirk', 'staff', 'coordinator');
      const id = await idOf('dirk');
      expect((await request('GET', '/api/workflows/student-traject/draft', dirk)).statusCode).toBe(403);
      await ok('GET', '/api/auth/me', dirk);
      await ok('PATCH', `/api/users/${id}`, admin, { role: 'manager', function: null });
      expect(await ok('GET', '/api/auth/me', dirk)).toMatchObject({ role: 'manager' });
      expect(await ok('GET', '/api/auth/me', dirk)).not.toHaveProperty('function');

      const me = await idOf('admin');
      const self = await request('PATCH', `/api/users/${me}`, admin, { active: false });
      expect(self.statusCode).toBe(403);
      expect((await request('PATCH', `/api/users/${me}`, admin, { role: 'staff' })).statusCode).toBe(403);
      expect((await request('PATCH', `/api/users/${me}`, admin, {})).statusCode).toBe(400);
      // Other changes to one's own account are fine.
      await ok('PATCH', `/api/users/${me}`, admin, { displayName: 'Beheerder Venray' });
      expect((await request('PATCH', '/api/users/99999', admin, { active: false })).statusCode).toBe(404);
    });

    it('shows the last login, and records every change to an account: who, when, what', async () => {
      await person('evi', 'staff');
      expect((await login('evi', 'evi-wachtwoord')).statusCode).toBe(200);
      const id = await idOf('evi');
      const listed = (await ok('GET', '/api/users', admin)).items.find((u: { id: number }) => u.id === id);
      expect(listed).toMatchObject({ active: true, lastLoginAt: expect.any(String), createdAt: expect.any(String) });
      await ok('PATCH', `/api/users/${id}`, admin, { function: 'docent', displayName: 'Evi Jansen' });
      await ok('PATCH', `/api/users/${id}`, admin, { role: 'manager' });
      await ok('POST', `/api/users/${id}/password`, admin);
      await ok('PATCH', `/api/users/${id}`, admin, { active: false });
      await ok('PATCH', `/api/users/${id}`, admin, { active: true });
      // Reset above: the old password no longer opens it.
      expect((await login('evi', 'evi-wachtwoord')).statusCode).toBe(401);

      const record = (await ok('GET', `/api/users/changes?user=${id}`, admin)).items;
      expect(record.map((c: { what: string }) => c.what)).toEqual([
        'reactivated',
        'deactivated',
        'password-reset',
        'role',
        'name',
        'function',
        'created',
      ]);
      expect(
        record.every((c: { by: string; byName: string }) => c.by === 'admin' && c.byName === 'Beheerder Venray'),
      ).toBe(true);
      expect(record.map((c: { text: string }) => c.text)).toEqual([
        'Account weer ingeschakeld',
        'Account uitgeschakeld',
        'Wachtwoord opnieuw ingesteld',
        'Rol van medewerker naar projectleider',
        "Naam van 'evi' naar 'Evi Jansen'",
        'Functie van geen naar docent',
        'Account aangemaakt als medewerker',
      ]);
      expect(record[0]).toMatchObject({ account: 'evi', accountName: 'Evi Jansen', at: expect.any(String) });
      const english = (await ok('GET', `/api/users/changes?user=${id}`, { ...admin, 'accept-language': 'en' })).items;
      expect(english[3].text).toBe('Role from staff member to project lead');

      // The own password change is recorded as made by the person themselves.
      const own = (await ok('GET', '/api/users/changes', admin)).items.find(
        (c: { what: string }) => c.what === 'password-changed',
      );
      expect(own).toMatchObject({ account: 'cor', by: 'cor' });
      expect((await request('GET', '/api/users/changes', docent)).statusCode).toBe(403);
      expect((await login('admin', adminPassword)).statusCode).toBe(200);
    });
  });

  describe('owners of cases', () => {
    let ans: Headers;
    let ansId = 0;
    let petraId = 0;
    beforeAll(async () => {
      ans = await person('ans', 'staff', 'docent');
      await person('petra', 'staff', 'coordinator');
      ansId = await idOf('ans');
      petraId = await idOf('petra');
      await ok('PATCH', `/api/users/${ansId}`, admin, { displayName: 'Ans Peeters' });
      await ok('PATCH', `/api/users/${petraId}`, admin, { displayName: 'Petra Hendriks' });
    });
    const student = async (naam: string) =>
      (await ok('POST', '/api/cases', coordinator, { workflow: 'student-traject', data: { ...sanne, naam } }))
        .id as string;
    const put = (id: string, fn: string, user: number | null, as = coordinator) =>
      request('PUT' as 'PATCH', `/api/cases/${id}/owners/${fn}`, as, { user });

    it('gives a student a docent and the coördinator they chose, changeable, each change a history row by name', async () => {
      const id = await student('Mila Gerrits');
      const before = await ok('GET', `/api/cases/${id}/owners`, ans);
      expect(before.owners).toEqual([]);
      expect(before.mayChange).toBe(true);
      expect(before.slots.map((s: { function: string; label: string }) => [s.function, s.label])).toEqual([
        ['docent', 'docent'],
        ['coordinator', 'coördinator'],
      ]);
      expect(before.slots[0].candidates.map((u: { displayName: string }) => u.displayName)).toContain('Ans Peeters');

      const set = await put(id, 'docent', ansId);
      expect(set.statusCode, set.body).toBe(200);
      await put(id, 'coordinator', petraId);
      const now = await ok('GET', `/api/cases/${id}/owners`, coordinator);
      expect(
        now.owners.map((o: { function: string; user: { displayName: string }; byName: string }) => [
          o.function,
          o.user.displayName,
          o.byName,
        ]),
      ).toEqual([
        ['coordinator', 'Petra Hendriks', 'coordinator'],
        ['docent', 'Ans Peeters', 'coordinator'],
      ]);
      // The student clicks better with another coördinator (report 4.2).
      await put(id, 'coordinator', await idOf('coordinator'));
      // Choosing the same person again changes nothing.
      await put(id, 'coordinator', await idOf('coordinator'));
      await put(id, 'docent', null);
      const history = (await ok('GET', `/api/cases/${id}/history`, ans)).items.slice(1);
      expect(history.map((h: { eventLabel: string; actorName: string }) => [h.eventLabel, h.actorName])).toEqual([
        ['Verantwoordelijke docent: Ans Peeters', 'coordinator'],
        ['Verantwoordelijke coördinator: Petra Hendriks', 'coordinator'],
        ['Verantwoordelijke coördinator: coordinator (was Petra Hendriks)', 'coordinator'],
        ['Geen verantwoordelijke docent meer (was Ans Peeters)', 'coordinator'],
      ]);
      expect(history[0]).toMatchObject({ event: 'owner', data: { function: 'docent', user: 'ans', previous: null } });
      expect((await ok('GET', `/api/cases/${id}`, coordinator)).revision).toBe(5);
    });

    it('refuses a function the workflow has no owner for, a colleague without that function, and someone who may not see the person', async () => {
      const id = await student('Noor Willems');
      expect((await put(id, 'coordinator', ansId)).json().error).toMatchObject({
        code: 'BAD_REQUEST',
        details: [{ path: 'body.user' }],
      });
      const client = await ok('POST', '/api/cases', coordinator, {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
      });
      const slots = (await ok('GET', `/api/cases/${client.id}/owners`, coordinator)).slots;
      expect(slots.map((s: { function: string }) => s.function)).toEqual(['coordinator']);
      expect((await put(client.id, 'docent', ansId)).statusCode).toBe(400);
      // The docent does not see residents' data: she does not choose who helps them.
      const byDocent = await put(client.id, 'coordinator', petraId, ans);
      expect(byDocent.statusCode).toBe(403);
      expect(byDocent.json().error).toEqual({
        code: 'FUNCTION_NOT_ALLOWED',
        message: 'Alleen een coördinator of projectleider kiest wie verantwoordelijk is',
      });
      expect((await ok('GET', `/api/cases/${client.id}/owners`, ans)).mayChange).toBe(false);
      expect((await put(client.id, 'coordinator', petraId)).statusCode).toBe(200);
      expect((await put('bestaat-niet', 'docent', ansId)).statusCode).toBe(404);
    });

    it('lists "my cases", and puts one’s own students first on the worklist', async () => {
      const others = [await student('Aaron Eerst'), await student('Bo Eerder')];
      clock = new Date(clock.getTime() + 60_000);
      const mine = await student('Zara Later');
      await put(mine, 'docent', ansId);
      const list = await ok('GET', '/api/cases?mine=true', ans);
      expect(list.items.map((c: { id: string }) => c.id)).toEqual([mine]);
      expect((await ok('GET', '/api/cases?mine=true', docent)).total).toBe(0);
      expect((await ok('GET', '/api/cases?mine=true&q=Zara', ans)).total).toBe(1);

      const work = (await ok('GET', '/api/worklist?function=all&limit=200', ans)).items as {
        caseId: string;
        mine: boolean;
      }[];
      expect(work[0]).toMatchObject({ caseId: mine, mine: true });
      expect(work.filter((w) => w.mine).map((w) => w.caseId)).toEqual([mine]);
      const order = work.map((w) => w.caseId);
      for (const other of others) expect(order.indexOf(other)).toBeGreaterThan(order.indexOf(mine));
      // For anyone else the waiting time decides: the later student comes after the others.
      const theirs = (await ok('GET', '/api/worklist?function=all&limit=200', docent)).items.map(
        (w: { caseId: string }) => w.caseId,
      );
      expect(theirs.indexOf(mine)).toBeGreaterThan(theirs.indexOf(others[1]));
    });

    it('keeps a deactivated owner on the case by name, but no longer offers them', async () => {
      const id = await student('Yusuf Oud');
      await person('oud', 'staff', 'docent');
      const oudId = await idOf('oud');
      await put(id, 'docent', oudId);
      await ok('PATCH', `/api/users/${oudId}`, admin, { active: false });
      const o = await ok('GET', `/api/cases/${id}/owners`, coordinator);
      expect(o.owners[0].user).toMatchObject({ username: 'oud', active: false });
      expect(o.slots[0].candidates.map((u: { username: string }) => u.username)).not.toContain('oud');
      expect((await put(await student('Nieuw'), 'docent', oudId)).statusCode).toBe(400);
    });
  });

  describe('names in the record', () => {
    it('names people in history, signatures, notes and presence by their display names, and outcomes in words', async () => {
      // Later than any test before moves it: enrolled in August, the student begins in September.
      clock = new Date('2027-08-20T09:00:00Z');
      const id = (await ok('POST', '/api/cases', docent, { workflow: 'student-traject', data: sanne })).id;
      const docentId = await idOf('docent');
      await ok('PATCH', `/api/users/${docentId}`, admin, { displayName: 'Docent Dewi' });
      await ok('POST', `/api/cases/${id}/events`, docent, {
        type: 'INTAKE_PLANNEN',
        data: { intakeDatum: '2027-08-20' },
      });
      await ok('POST', `/api/cases/${id}/notes`, docent, { text: 'Besproken in het overleg', meeting: true });
      const history = (await ok('GET', `/api/cases/${id}/history`, coordinator)).items;
      expect(history.map((h: { actor: string; actorName: string }) => [h.actor, h.actorName])).toEqual([
        ['docent', 'Docent Dewi'],
        ['docent', 'Docent Dewi'],
        ['docent', 'Docent Dewi'],
      ]);
      const meeting = (await ok('GET', '/api/meeting', coordinator)).items.find((m: { id: string }) => m.id === id);
      expect(meeting.lastNote).toMatchObject({ by: 'docent', byName: 'Docent Dewi' });

      await ok('POST', `/api/cases/${id}/events`, docent, { type: 'MATCH', data: { taalniveau: 'b1', coach: 'Ans' } });
      await ok('POST', `/api/cases/${id}/events`, docent, {
        type: 'INGESCHREVEN',
        data: { inschrijfdatum: '2027-08-20', niveau: '2', startmoment: 'september' },
      });
      const signed = await ok('POST', `/api/cases/${id}/checklist`, docent, { item: 'intro-werkwijze', signed: true });
      const item = signed.checklist.find((i: { id: string }) => i.id === 'intro-werkwijze');
      expect(item).toMatchObject({ signed: { by: 'docent', byName: 'Docent Dewi' }, maySign: true });
      const forCoordinator = (await ok('GET', `/api/cases/${id}`, coordinator)).checklist[0];
      expect(forCoordinator).toMatchObject({ maySign: false, signers: 'docent of projectleider' });

      const day = '2027-08-23';
      await ok('PUT' as 'PATCH', `/api/presence/${id}/${day}`, docent, { status: 'afwezig' });
      await ok('POST', `/api/presence/${id}/${day}/called`, coordinator);
      const entry = (await ok('GET', `/api/presence?day=${day}`, coordinator)).students.find(
        (e: { caseId: string }) => e.caseId === id,
      );
      expect(entry).toMatchObject({
        recordedByName: 'Docent Dewi',
        calledBy: 'coordinator',
        calledByName: 'coordinator',
      });

      // Time itself: the start moment comes and the ten weeks end by the system's hand.
      clock = new Date('2027-09-01T09:00:00Z');
      await t.app.scheduler.runDue();
      clock = new Date(clock.getTime() + 71 * 86_400_000);
      await t.app.scheduler.runDue();
      const fired = (await ok('GET', `/api/cases/${id}/history`, coordinator)).items.slice(-2);
      expect(fired).toMatchObject([
        { actor: 'systeem', actorName: 'Systeem', to: 'opleiding.leerbedrijf.school.introductie.lopend' },
        { actor: 'systeem', actorName: 'Systeem', to: 'opleiding.leerbedrijf.school.introductie.vaststellen' },
      ]);

      const left = await ok('POST', `/api/cases/${id}/events`, docent, {
        type: 'UITSCHRIJVEN',
        data: { redenVertrek: 'Verhuisd', uitstroom: 'geen' },
      });
      expect(left).toMatchObject({ outcome: 'zonder-diploma', outcomeLabel: 'Uitgestroomd zonder diploma' });
    });

    it('names who saved a workflow’s draft last', async () => {
      const lead = await person('leider', 'manager');
      await ok('PATCH', `/api/users/${await idOf('leider')}`, admin, { displayName: 'Petra de Leider' });
      const { definition } = await ok('GET', '/api/workflows/client-hulpvraag', lead);
      const saved = await ok('PUT' as 'PATCH', '/api/workflows/client-hulpvraag/draft', lead, { definition });
      expect(saved).toMatchObject({ updatedBy: 'leider', updatedByName: 'Petra de Leider' });
      const read = await ok('GET', '/api/workflows/client-hulpvraag/draft', admin);
      expect(read).toMatchObject({ updatedBy: 'leider', updatedByName: 'Petra de Leider' });
    });
  });
});
