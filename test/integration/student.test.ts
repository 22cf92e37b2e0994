import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { firstSite } from '../../server/commands/bootstrap';
import { adminPassword, testApp, testDatabases, userAtSite, type TestApp } from '../support/helpers';
import { clientAgreement } from '../../workflows/walk';
import { TestClock, studentInWijk } from '../support/planning';

type Headers = Record<string, string>;

/** Values only staff may read: none of them may be in any answer a student gets. */
const secrets = {
  intakeVerslag: 'Thuis veel spanning, twijfel over motivatie',
  hulpvraag: 'Riet vergeet vaak haar medicijnen',
  residentPhone: '0478-123456',
  note: 'Notitie over Sanne: vaak te laat',
};

/**
 * The student's own view (issue 22): a docent invites the student from the dossier, the student
 * sets their password with the one-time code and from then on sees their own case and nothing
 * else: their portfolio without what the definition keeps for staff, their week with only their
 * own residents' first name, street and kind of help, and a call for help that the coördinator on
 * call answers, that escalates when nobody does, and that reaches open pages live.
 */
describe.each(testDatabases)('the student in their own view on %s', (db) => {
  let t: TestApp;
  // A Tuesday, 10:00 in Venray.
  const clock = new TestClock(new Date('2026-12-01T09:00:00Z'));
  let docent: Headers;
  let ahmed: Headers;
  let ilse: Headers;
  let manager: Headers;
  let sanne = '';
  let mo = '';
  let riet = '';
  let student: Headers;
  const answers: string[] = [];

  const req = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
    const res = await t.request({ method, url, headers, ...(payload ? { payload } : {}) });
    if (headers === student) answers.push(res.body);
    return res;
  };
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object, status = 200) => {
    const res = await req(method, url, headers, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const invite = (id: string, who = docent) => ok('POST', `/api/cases/${id}/invitation`, who, undefined, 201);
  const redeem = (code: string, password: string) =>
    t.request({ method: 'POST', url: '/api/auth/invitation', payload: { code, password } });

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now, signalPollMs: 100 });
    docent = await t.user('docent', 'staff', 'docent');
    const coordinator = (username: string, displayName: string) =>
      userAtSite(t, firstSite, { username, displayName, role: 'staff', function: 'coordinator' });
    ahmed = await coordinator('ahmed', 'Ahmed');
    ilse = await coordinator('ilse', 'Ilse');
    manager = await t.user('projectleider', 'manager');
    sanne = await studentInWijk(t, clock, { naam: 'Sanne de Vries', telefoon: '06-99887766' }, [
      'di-ochtend',
      'do-middag',
    ]);
    mo = await studentInWijk(t, clock, { naam: 'Mo Bakir' }, ['wo-ochtend']);
    await ok('POST', `/api/cases/${sanne}/corrections`, ahmed, {
      field: 'intakeVerslag',
      value: secrets.intakeVerslag,
      reason: 'Verslag aangevuld',
    });
    await ok('POST', `/api/cases/${sanne}/notes`, ahmed, { text: secrets.note });
    riet = (
      await ok(
        'POST',
        '/api/cases',
        ahmed,
        {
          workflow: 'client-hulpvraag',
          data: {
            naam: 'Riet Jansen',
            adres: 'Kerkstraat 12, Venray',
            telefoon: secrets.residentPhone,
            hulpvraag: secrets.hulpvraag,
            soortHulp: ['boodschappen'],
          },
        },
        201,
      )
    ).id;
    for (const step of [
      { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-11-20' } },
      { type: 'OVEREENKOMST', data: clientAgreement },
      { type: 'GEMATCHT', data: { student: sanne, dagdelen: ['di-ochtend'], frequentie: '1' } },
    ])
      await ok('POST', `/api/cases/${riet}/events`, ahmed, step);
  });
  afterAll(() => t.close());

  it('opens a student account from the dossier with a one-time code that expires', async () => {
    // Only whoever guides a student invites them, and only a student.
    const nobody = await t.user('invaller', 'staff');
    expect(
      (await t.request({ method: 'POST', url: `/api/cases/${sanne}/invitation`, headers: nobody })).statusCode,
    ).toBe(403);
    const client = await t.request({ method: 'POST', url: `/api/cases/${riet}/invitation`, headers: docent });
    expect(client.json().error.code).toBe('NOT_A_STUDENT');

    const first = await invite(sanne);
    expect(first).toMatchObject({ caseId: sanne, username: 'sanne.de.vries' });
    expect(first.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(first.expiresAt) - clock.at.getTime()).toBe(72 * 3_600_000);
    // Nobody logs in before the code is used: the account's password is unknown.
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'sanne.de.vries', password: 'x' },
        })
      ).statusCode,
    ).toBe(401);

    // A new invitation replaces the old code; an expired one opens nothing.
    const second = await invite(sanne);
    expect(second.username).toBe('sanne.de.vries');
    expect((await redeem(first.code, 'mijn-eigen-wachtwoord')).statusCode).toBe(401);
    const was = clock.at;
    clock.set(new Date(was.getTime() + 73 * 3_600_000));
    expect((await redeem(second.code, 'mijn-eigen-wachtwoord')).statusCode).toBe(401);
    clock.set(was);

    const third = await invite(sanne);
    expect((await redeem(third.code, 'kort')).statusCode).toBe(400);
    // Typed in lower case with a space instead of the dash: the same code.
    const used = await redeem(third.code.toLowerCase().replace('-', ' '), 'mijn-eigen-wachtwoord');
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().user).toMatchObject({
      username: 'sanne.de.vries',
      role: 'student',
      displayName: 'Sanne de Vries',
    });
    expect((await redeem(third.code, 'nog-een-wachtwoord')).statusCode).toBe(401);
    // From now on the student logs in as anyone does.
    student = await t.as('sanne.de.vries', 'mijn-eigen-wachtwoord');
  });

  it('shows the student their portfolio: signed by whom, missing per phase, the plan, without staff-only fields', async () => {
    const p = await ok('GET', '/api/me/portfolio', student);
    expect(p).toMatchObject({ caseId: sanne, name: 'Sanne de Vries', onTrack: expect.any(Boolean) });
    expect(p.plannedEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.total).toBeGreaterThan(0);
    expect(p.phases.length).toBeGreaterThan(1);
    expect(p.phases.some((ph: { current: boolean }) => ph.current)).toBe(true);
    const missing = p.phases.reduce((n: number, ph: { missing: number }) => n + ph.missing, 0);
    expect(missing).toBe(p.total - p.signed);
    expect(p.summary).toMatch(/^Je hebt \d+ van de \d+ onderdelen afgetekend\./);
    // Their own data is theirs, except what the definition keeps for staff.
    const fields = p.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('telefoon');
    for (const staffOnly of ['intakeVerslag', 'belemmeringen', 'redenAfwijzing', 'behoefte'])
      expect(fields).not.toContain(staffOnly);

    // A docent signs an item: the student reads who signed it.
    const current = p.phases.find((ph: { current: boolean }) => ph.current);
    const item = current.items[0].id;
    await ok('POST', `/api/cases/${sanne}/checklist`, docent, { item, signed: true });
    const after = await ok('GET', '/api/me/portfolio', student);
    const signed = after.phases
      .flatMap((ph: { items: object[] }) => ph.items)
      .find((i: { id: string }) => i.id === item);
    expect(signed.signed).toMatchObject({ byName: 'docent' });
    expect(after.signed).toBe(p.signed + 1);

    const en = await t.request({
      method: 'GET',
      url: '/api/me/portfolio',
      headers: { ...student, 'accept-language': 'en' },
    });
    expect(en.json().summary).toMatch(/^You have \d+ of \d+ parts signed\./);
  });

  it('lists the activities the student took part in: what and when, not the group\u2019s evaluation or the others', async () => {
    expect((await ok('GET', '/api/me/portfolio', student)).activities).toEqual([]);
    const excursion = {
      kind: 'excursie',
      title: 'Limburgs Museum',
      date: '2026-11-25',
      participants: [sanne, mo],
      evaluation: 'Mo en Sanne vertelden de groep over de Romeinen.',
    };
    await ok('POST', '/api/activities', ahmed, excursion, 201);
    await ok('POST', '/api/activities', ahmed, { ...excursion, title: 'Koken', participants: [mo] }, 201);
    const p = await ok('GET', '/api/me/portfolio', student);
    expect(p.activities).toEqual([{ kindLabel: 'Excursie', title: 'Limburgs Museum', date: '2026-11-25' }]);
    expect(JSON.stringify(p)).not.toMatch(/Romeinen|Mo\b|Bakir|Koken/);
  });

  it('refuses the student every staff route and every other case', async () => {
    for (const url of [
      `/api/cases/${sanne}`,
      `/api/cases/${mo}`,
      `/api/cases/${sanne}/history`,
      '/api/cases',
      '/api/signals',
      '/api/planning/week',
    ])
      expect((await req('GET', url, student)).statusCode, url).toBe(403);
    // Staff have no student's own page.
    expect((await t.request({ method: 'GET', url: '/api/me/portfolio', headers: docent })).statusCode).toBe(403);
    // Mo, invited too, sees Mo's case: the case comes from the account, never from the request.
    const code = (await invite(mo)).code;
    const moHeaders = { authorization: `Bearer ${(await redeem(code, 'mo-zijn-wachtwoord')).json().token}` };
    const mine = (await t.request({ method: 'GET', url: '/api/me/portfolio', headers: moHeaders })).json();
    expect(mine).toMatchObject({ caseId: mo, name: 'Mo Bakir' });
    expect(JSON.stringify(mine)).not.toContain('Sanne');
  });

  it("keeps a student's account a student's: an administrator cannot give it a staff role", async () => {
    const admin = await t.as('admin');
    const users = (await ok('GET', '/api/users', admin)).items;
    const account = users.find((u: { username: string }) => u.username === 'sanne.de.vries');
    expect(account).toMatchObject({ role: 'student' });
    for (const role of ['staff', 'manager', 'admin', 'stuurgroep']) {
      const res = await t.request({
        method: 'PATCH',
        url: `/api/users/${account.id}`,
        headers: admin,
        payload: { role },
      });
      expect(res.statusCode, role).toBe(422);
      expect(res.json().error.details).toMatchObject([{ path: 'body.role' }]);
    }
    // Still a student, seeing only their own.
    await ok('GET', '/api/me/portfolio', student);
    expect((await req('GET', '/api/worklist', student)).statusCode).toBe(403);
    expect((await ok('GET', '/api/users', admin)).items.find((u: { id: number }) => u.id === account.id).role).toBe(
      'student',
    );
  });

  it("shows the student's week: lessons, their own resident by first name, street and kind of help, and who is on call", async () => {
    await ok('PUT', '/api/sites/current/on-call', manager, {
      rota: { di: 'ahmed', wo: 'ilse' },
      escalateAfterMinutes: 10,
    });
    const schedule = await ok('GET', '/api/planning/schedule', manager);
    await ok('PUT', '/api/planning/schedule', manager, {
      ...schedule,
      lessons: [{ halfDay: 'ma-ochtend', label: { nl: 'Les bij Gilde', en: 'Lesson at Gilde' } }],
    });
    const week = await ok('GET', '/api/me/week', student);
    expect(week.monday).toBe('2026-11-30');
    expect(week.onCall).toEqual({ username: 'ahmed', displayName: 'Ahmed' });
    const tuesday = week.days.find((d: { date: string }) => d.date === '2026-12-01');
    const morning = tuesday.halfDays.find((h: { halfDay: string }) => h.halfDay === 'di-ochtend');
    expect(morning).toMatchObject({
      kind: 'wijk',
      visits: [{ firstName: 'Riet', street: 'Kerkstraat', help: ['Samen boodschappen doen'] }],
    });
    const thursday = week.days.find((d: { date: string }) => d.date === '2026-12-03');
    expect(thursday.halfDays.find((h: { halfDay: string }) => h.halfDay === 'do-middag').kind).toBe('vrij');
    expect(week.days[0].halfDays[0]).toMatchObject({ halfDay: 'ma-ochtend', kind: 'les', lesson: 'Les bij Gilde' });
    const body = JSON.stringify(week);
    for (const never of ['Jansen', 'Kerkstraat 12', secrets.residentPhone, secrets.hulpvraag])
      expect(body).not.toContain(never);
    // Only while the match runs: a paused match is no visit.
    await ok('POST', `/api/cases/${riet}/events`, ahmed, { type: 'PAUZEREN', data: { pauzeReden: 'Ziekenhuis' } });
    const paused = await ok('GET', '/api/me/week', student);
    const cell = paused.days[1].halfDays.find((h: { halfDay: string }) => h.halfDay === 'di-ochtend');
    expect(cell.visits).toEqual([]);
    // Someone who is no coördinator is never on the rota.
    const wrong = await t.request({
      method: 'PUT',
      url: '/api/sites/current/on-call',
      headers: manager,
      payload: { rota: { ma: 'docent' }, escalateAfterMinutes: 10 },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ path: 'body.rota.ma' })]);
  });

  it('turns "Hulp nodig" into a signal for the coördinator on call, answered and closed, each step in the history', async () => {
    const asked = await ok('POST', '/api/me/help', student, { mode: 'kom-nu', text: 'Ik weet niet wat ik moet doen' });
    expect(asked).toMatchObject({ status: 'open', mode: 'kom-nu', onCall: { displayName: 'Ahmed' } });
    // A second tap is the same call.
    expect((await ok('POST', '/api/me/help', student, { mode: 'kom-nu' })).id).toBe(asked.id);

    const listed = (await ok('GET', '/api/signals', ahmed)).items;
    expect(listed).toEqual([
      expect.objectContaining({
        id: asked.id,
        kind: 'hulp-nodig',
        modeLabel: 'Kom nu',
        forName: 'Ahmed',
        escalated: false,
        caseTitle: 'Sanne de Vries',
      }),
    ]);
    // Not yet for the coördinator who is not on call, nor the projectleider.
    expect((await ok('GET', '/api/signals', ilse)).items).toEqual([]);
    expect((await ok('GET', '/api/signals', manager)).items).toEqual([]);

    const acknowledged = await ok('POST', `/api/signals/${asked.id}/acknowledge`, ahmed);
    expect(acknowledged.acknowledged).toMatchObject({ by: 'ahmed', byName: 'Ahmed' });
    expect((await req('POST', `/api/signals/${asked.id}/acknowledge`, ilse)).statusCode).toBe(409);
    expect((await ok('GET', '/api/me/help', student)).current).toMatchObject({
      status: 'acknowledged',
      answer: 'Ahmed komt eraan',
    });

    await ok('POST', `/api/signals/${asked.id}/close`, ahmed, { text: 'Samen de opdracht doorgenomen' });
    const closed = (await ok('GET', '/api/me/help', student)).current;
    expect(closed).toMatchObject({ status: 'closed', answer: 'Ahmed komt eraan' });
    expect(JSON.stringify(closed)).not.toContain('Samen de opdracht');

    const history = (await ok('GET', `/api/cases/${sanne}/history`, ahmed)).items as {
      event: string;
      actor: string;
      eventLabel: string;
      data: Record<string, unknown>;
    }[];
    const steps = history.filter((h) => h.event.startsWith('signal')).map((h) => [h.event, h.actor]);
    expect(steps).toEqual([
      ['signal', 'sanne.de.vries'],
      ['signal.acknowledged', 'ahmed'],
      ['signal.closed', 'ahmed'],
    ]);
    expect(history.find((h) => h.event === 'signal.acknowledged')!.eventLabel).toBe('Hulpvraag opgepakt (kom nu)');

    // "Bel me" reads as a call.
    const call = await ok('POST', '/api/me/help', student, { mode: 'bel-me' });
    await ok('POST', `/api/signals/${call.id}/acknowledge`, ahmed);
    expect((await ok('GET', '/api/me/help', student)).current.answer).toBe('Ahmed belt je');
    await ok('POST', `/api/signals/${call.id}/close`, ahmed, { text: 'Gebeld' });
  });

  it('sends a call nobody answers in time to every coördinator and the projectleider (the site sets the minutes)', async () => {
    await ok('PUT', '/api/sites/current/on-call', manager, { rota: { di: 'ahmed' }, escalateAfterMinutes: 5 });
    const asked = await ok('POST', '/api/me/help', student, { mode: 'bel-me' });
    const start = clock.at;
    clock.set(new Date(start.getTime() + 4 * 60_000));
    expect(await t.app.scheduler.runEscalations()).toBe(0);
    expect((await ok('GET', '/api/signals', ilse)).items).toEqual([]);
    clock.set(new Date(start.getTime() + 5 * 60_000));
    expect(await t.app.scheduler.runEscalations()).toBe(1);
    expect(await t.app.scheduler.runEscalations()).toBe(0);
    for (const who of [ilse, manager, ahmed])
      expect((await ok('GET', '/api/signals', who)).items).toEqual([
        expect.objectContaining({ id: asked.id, escalated: true }),
      ]);
    // Staff without the coördinator's work do not get it.
    expect((await ok('GET', '/api/signals', docent)).items).toEqual([]);
    const history = (await ok('GET', `/api/cases/${sanne}/history`, ahmed)).items as { event: string; actor: string }[];
    expect(history.at(-1)).toMatchObject({ event: 'signal.escalated', actor: 'systeem' });
    // Answered late, it is still answered, by whoever comes.
    await ok('POST', `/api/signals/${asked.id}/acknowledge`, ilse);
    expect((await ok('GET', '/api/me/help', student)).current.answer).toBe('Ilse belt je');
    await ok('POST', `/api/signals/${asked.id}/close`, ilse, { text: 'Gebeld' });
    clock.set(start);
  });

  it('pushes a call for help live to a page held open on another server process on the same database', async () => {
    const other = await buildApp({
      databaseUrl: t.databaseUrl,
      adminPassword,
      now: clock.now,
      timerIntervalMs: 0,
      signalPollMs: 100,
      staticDir: `${t.dir}/no-app`,
    });
    try {
      await other.listen({ port: 0, host: '127.0.0.1' });
      const { port } = other.server.address() as AddressInfo;
      const events: string[] = [];
      let ready!: () => void;
      const connected = new Promise<void>((r) => (ready = r));
      const stream = httpRequest(
        { host: '127.0.0.1', port, path: '/api/signals/stream', headers: { ...ilse, accept: 'text/event-stream' } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toContain('text/event-stream');
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            events.push(chunk);
            if (chunk.includes('event: ready')) ready();
          });
        },
      );
      stream.end();
      await connected;
      const sent = Date.now();
      const asked = await ok('POST', '/api/me/help', student, { mode: 'kom-nu' });
      while (!events.some((e) => e.includes(`"signal":${asked.id}`)) && Date.now() - sent < 2000)
        await new Promise((r) => setTimeout(r, 20));
      expect(Date.now() - sent).toBeLessThan(2000);
      const event = events.find((e) => e.includes(`"signal":${asked.id}`))!;
      expect(event).toContain('event: signal');
      expect(event).toContain('"what":"opened"');
      // Ids only: the page asks for what its person may see.
      expect(event).not.toContain('Sanne');
      await ok('POST', `/api/signals/${asked.id}/acknowledge`, ahmed);
      const acked = Date.now();
      while (!events.some((e) => e.includes('"what":"acknowledged"')) && Date.now() - acked < 2000)
        await new Promise((r) => setTimeout(r, 20));
      expect(events.some((e) => e.includes('"what":"acknowledged"'))).toBe(true);
      stream.destroy();
      await ok('POST', `/api/signals/${asked.id}/close`, ahmed, { text: 'Geholpen' });
    } finally {
      await other.close();
    }
  });

  it("never put a staff-only value, a note or a resident's phone in any answer the student got", () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const body of answers) for (const secret of Object.values(secrets)) expect(body).not.toContain(secret);
  });
});
