import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

// Wednesday 2 December 2026, 08:00 in Venray: the week of Monday 30 November.
const today = '2026-12-02';
const present = new Date('2026-12-02T07:00:00.000Z');

type Refusal = { code: string; message: string; details: { path: string; message: string }[] };

describe.each(testDatabases)("the coördinator's day on %s", (db) => {
  let t: TestApp;
  let staff: Record<string, string>;
  let manager: Record<string, string>;
  const clock = new TestClock(present);
  const ids: Record<string, string> = {};

  const req = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = staff) =>
    t.request({ method, url, headers, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = staff) => {
    const res = await req(method, url, payload, headers);
    expect(res.statusCode, `${method} ${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const act = (id: string, type: string, data: Record<string, unknown>) =>
    ok('POST', `/api/cases/${id}/events`, { type, data });
  async function client(naam: string, telefoon: string) {
    const c = await ok('POST', '/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam, adres: `${naam}straat 1`, telefoon, hulpvraag: 'Samen boodschappen doen' },
    });
    await act(c.id, 'HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-11-20' });
    await act(c.id, 'OVEREENKOMST', clientAgreement);
    return c.id as string;
  }
  const match = (clientId: string, student: string, dagdelen: string[], frequentie = String(dagdelen.length)) =>
    req('POST', `/api/cases/${clientId}/events`, {
      type: 'GEMATCHT',
      data: { student, dagdelen, frequentie, voorkeur: 'zelfde-gezicht' },
    });
  const refused = async (res: Awaited<ReturnType<typeof match>>) => {
    expect(res.statusCode, res.body).toBe(422);
    return res.json().error as Refusal;
  };

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now });
    await t.user('coordinator', 'staff', 'coordinator');
    await t.user('projectleider', 'manager');
    // Sessions that outlive the clock's trips through the year.
    staff = await longSession(t, 'coordinator', new Date('2025-01-01'));
    manager = await longSession(t, 'projectleider', new Date('2025-01-01'));
    ids.sanne = await studentInWijk(
      t,
      clock,
      { naam: 'Sanne de Vries', telefoon: '06-11112222', noodcontact: 'Moeder: 06-33334444' },
      ['ma-ochtend', 'di-ochtend', 'wo-ochtend', 'do-middag'],
    );
    ids.mo = await studentInWijk(
      t,
      clock,
      { naam: 'Mo Bakker', telefoon: '06-55556666' },
      ['wo-ochtend', 'vr-ochtend'],
      { need: 'structuur' },
    );
    ids.riet = await client('Riet Janssen', '077-1234567');
    ids.kees = await client('Kees Hendriks', '077-7654321');
    ids.anna = await client('Anna Peters', '077-1112223');
    // The timetable: a lesson on Tuesday morning.
    await ok(
      'PUT',
      '/api/planning/schedule',
      {
        lessons: [{ halfDay: 'di-ochtend', label: { nl: 'Les zorg en welzijn', en: 'Care lesson' } }],
        moments: [
          { key: 'begin', label: { nl: 'Begin van de dag', en: 'Start of the day' }, at: '09:00', callAfter: '09:30' },
          { key: 'middag', label: { nl: 'Tussen de middag', en: 'Lunchtime' }, at: '12:30', callAfter: '13:00' },
          { key: 'einde', label: { nl: 'Einde van de dag', en: 'End of the day' }, at: '15:30', callAfter: '16:00' },
        ],
      },
      manager,
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('matching with the facts', () => {
    it('refuses a student who takes no clients now: in intake, in the introduction, in praktijkonderwijs', async () => {
      const inIntake = (
        await ok('POST', '/api/cases', {
          workflow: 'student-traject',
          data: { naam: 'Ilse Intake', aanmelder: 'uwv', instroomroute: 'gilde' },
        })
      ).id;
      await act(inIntake, 'INTAKE_PLANNEN', { intakeDatum: today });
      const intro = await studentInWijk(t, clock, { naam: 'Ivo Intro' }, ['wo-ochtend'], { until: 'introductie' });
      const pro = (
        await ok('POST', '/api/cases', {
          workflow: 'student-traject',
          data: { naam: 'Pim Praktijk', aanmelder: 'praktijkonderwijs', instroomroute: 'praktijkonderwijs' },
        })
      ).id;
      await act(pro, 'INTAKE_PLANNEN', { intakeDatum: today });
      await act(pro, 'MATCH', { taalniveau: 'b1', coach: 'Ans', belemmeringen: [] });
      await act(pro, 'STAGE_STARTEN', { stageStart: today, dagdelen: ['wo-ochtend'] });

      for (const [id, naam] of [
        [inIntake, 'Ilse Intake'],
        [intro, 'Ivo Intro'],
        [pro, 'Pim Praktijk'],
      ]) {
        const here = (await ok('GET', `/api/cases/${id}`)).stateLabel as string;
        const e = await refused(await match(ids.anna, id, ['wo-ochtend']));
        expect(e.code).toBe('MATCH_REFUSED');
        expect(e.message).toContain(`${naam} neemt nu geen klanten aan`);
        expect(e.message).toContain('alleen in Welzijnsstage in de wijk helpt een student klanten');
        expect(e.message).toContain(here.split(' › ').at(-1));
        // First the step; a student without wijk half-days yet is refused on the half-day too.
        expect(e.details[0].path).toBe('data.student');
      }
      expect((await ok('GET', `/api/cases/${ids.anna}`)).state).toBe('matching');
    });

    it('refuses a WW student once at the employer', async () => {
      const ww = await studentInWijk(t, clock, { naam: 'Wim Werk', instroomroute: 'ww' }, ['wo-ochtend']);
      // Half a year of practice later the WW student moves to a paid job.
      clock.set(new Date(present.getTime() + 200 * 86_400_000));
      await t.app.scheduler.runDue();
      expect((await ok('GET', `/api/cases/${ww}`)).state).toBe('opleiding.overstap-werkgever');
      await act(ww, 'NAAR_WERKGEVER', {
        werkgever: 'De Zorggroep',
        diplomaGarantie: true,
        werkgeverStart: '2027-06-01',
      });
      clock.set(present);
      const e = await refused(await match(ids.anna, ww, ['wo-ochtend']));
      expect(e).toMatchObject({ code: 'MATCH_REFUSED', details: [{ path: 'data.student' }] });
      expect(e.details).toHaveLength(1);
      expect(e.message).toMatch(/^Wim Werk neemt nu geen klanten aan \(.*Praktijk bij de werkgever \(WW\)\)/);
    });

    it('refuses half-days off the student’s wijk half-days, on a lesson, or not as many as the frequency asks', async () => {
      const off = await refused(await match(ids.anna, ids.sanne, ['vr-middag']));
      expect(off).toMatchObject({
        code: 'MATCH_REFUSED',
        message:
          'Sanne de Vries is op vrijdag middag niet in de wijk (vaste dagdelen in de wijk: maandag ochtend, dinsdag ochtend, woensdag ochtend, donderdag middag); kies een dagdeel waarop de student in de wijk is',
        details: [{ path: 'data.dagdelen' }],
      });
      const lesson = await refused(await match(ids.anna, ids.sanne, ['di-ochtend']));
      expect(lesson.message).toBe(
        'Sanne de Vries heeft op dinsdag ochtend les (Les zorg en welzijn); kies een dagdeel zonder les',
      );
      const count = await refused(await match(ids.anna, ids.sanne, ['ma-ochtend'], '2'));
      expect(count.message).toBe('Hoe vaak: twee keer per week, maar 1 dagdeel gekozen; kies er 2');
      expect(count.details).toEqual([{ path: 'data.dagdelen', message: count.message }]);
      // Two clashes at once: both named.
      const both = await refused(await match(ids.anna, ids.sanne, ['vr-middag'], '2'));
      expect(both.details).toHaveLength(2);
    });

    it('matches on the student’s own half-days, and the double booking is still refused', async () => {
      expect((await match(ids.riet, ids.sanne, ['wo-ochtend'])).statusCode).toBe(200);
      expect((await match(ids.kees, ids.sanne, ['ma-ochtend', 'do-middag'])).statusCode).toBe(200);
      const clash = await refused(await match(ids.anna, ids.sanne, ['wo-ochtend']));
      expect(clash.code).toBe('EXCLUSIVE_CLASH');
    });
  });

  describe('the week board', () => {
    it('shows each student’s lessons, clients and free half-days, and supply against demand', async () => {
      const w = await ok('GET', `/api/planning/week?week=${today}`);
      expect(w).toMatchObject({ monday: '2026-11-30', week: 49, previous: '2026-11-23', next: '2026-12-07' });
      const sanne = w.rows.find((r: { student: { caseId: string } }) => r.student.caseId === ids.sanne);
      const cell = (code: string) => sanne.cells.find((c: { halfDay: string }) => c.halfDay === code);
      expect(cell('wo-ochtend')).toMatchObject({
        kind: 'klant',
        clients: [{ caseId: ids.riet, name: 'Riet Janssen', address: 'Riet Janssenstraat 1', paused: false }],
      });
      expect(cell('di-ochtend')).toMatchObject({ kind: 'les', label: 'Les zorg en welzijn' });
      expect(cell('vr-middag').kind).toBe('geen');
      expect(sanne.free).toEqual([]);
      const mo = w.rows.find((r: { student: { caseId: string } }) => r.student.caseId === ids.mo);
      expect(mo.free).toEqual(['wo-ochtend', 'vr-ochtend']);
      // What Mo needs of a client, for whoever matches; not said for Sanne, who was asked nothing.
      expect(mo.student.wish).toBe('Structuur: een vaste klant');
      expect(sanne.student.wish).toBeUndefined();
      // Anna waits for a student, once a week.
      expect(w.waiting).toEqual([expect.objectContaining({ caseId: ids.anna, name: 'Anna Peters', perWeek: 1 })]);
      // Sanne's four half-days less the lesson, Mo's two, Wim's one: supply 6 … in the wijk.
      expect(w.totals).toMatchObject({ takingClients: 2, planned: 3, demand: 4, waiting: 1, clients: 2 });
      expect(w.totals.supply).toBe(w.totals.planned + w.totals.free);
    });

    it('keeps a student’s need from staff who may not see personal data', async () => {
      await t.user('invaller', 'staff');
      const res = await t.request({
        method: 'GET',
        url: `/api/planning/week?week=${today}`,
        headers: await longSession(t, 'invaller', new Date('2025-01-01')),
      });
      const mo = res.json().rows.find((r: { student: { caseId: string } }) => r.student.caseId === ids.mo);
      expect(mo.student).not.toHaveProperty('wish');
    });
  });

  describe('an absence followed through to the residents', () => {
    it('puts a student never checked in on the call list by itself after the call time, with their numbers', async () => {
      let v = await ok('GET', `/api/presence?day=${today}`);
      expect(v.calls).toEqual([]);
      // 09:31 in Venray: nobody recorded Sanne or Mo.
      clock.set('2026-12-02T08:31:00.000Z');
      v = await ok('GET', '/api/presence');
      expect(v.moment).toBe('begin');
      const names = v.calls.map((c: { name: string }) => c.name);
      expect(names).toEqual(expect.arrayContaining(['Mo Bakker', 'Sanne de Vries']));
      const sanne = v.calls.find((c: { caseId: string }) => c.caseId === ids.sanne);
      expect(sanne).toMatchObject({
        why: 'niet-gezien',
        moment: 'begin',
        momentLabel: 'Begin van de dag',
        phone: '06-11112222',
        emergency: 'Moeder: 06-33334444',
        where: 'in de wijk bij Riet Janssen',
        attempts: [],
      });
      const mo = await ok('PUT', `/api/presence/${ids.mo}/${today}`, { status: 'aanwezig', moment: 'begin' });
      expect(mo).toMatchObject({ status: 'aanwezig', moment: 'begin', recordedBy: 'coordinator' });
      v = await ok('GET', '/api/presence');
      expect(v.students.find((s: { caseId: string }) => s.caseId === ids.mo)).toMatchObject({
        status: 'aanwezig',
        where: 'in de wijk, geen klant',
        moments: [{ moment: 'begin', status: 'aanwezig' }],
      });
      expect(v.calls.map((c: { caseId: string }) => c.caseId)).not.toContain(ids.mo);
    });

    it('records the call’s outcome, undoes it, and takes the student off the list once reached', async () => {
      const url = `/api/presence/${ids.sanne}/${today}/calls`;
      const first = await req('POST', url, { moment: 'begin', outcome: 'niet-bereikt' });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ outcome: 'niet-bereikt', by: 'coordinator', undone: false });
      const spoken = (await req('POST', url, { moment: 'begin', outcome: 'ingesproken' })).json();
      let v = await ok('GET', '/api/presence');
      let call = v.calls.find((c: { caseId: string }) => c.caseId === ids.sanne);
      expect(call.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['niet-bereikt', 'ingesproken']);

      const undone = await ok('POST', `/api/presence/calls/${spoken.id}/undo`);
      expect(undone).toMatchObject({ id: spoken.id, undone: true, undoneBy: 'coordinator' });
      v = await ok('GET', '/api/presence');
      call = v.calls.find((c: { caseId: string }) => c.caseId === ids.sanne);
      expect(call.attempts.map((a: { undone: boolean }) => a.undone)).toEqual([false, true]);

      const reached = (await req('POST', url, { moment: 'begin', outcome: 'bereikt' })).json();
      v = await ok('GET', '/api/presence');
      expect(v.calls.map((c: { caseId: string }) => c.caseId)).not.toContain(ids.sanne);
      // Tapped by mistake: undoing it puts her back on the list.
      await ok('POST', `/api/presence/calls/${reached.id}/undo`);
      v = await ok('GET', '/api/presence');
      expect(v.calls.map((c: { caseId: string }) => c.caseId)).toContain(ids.sanne);
      // Only a student on the list is called about; unknown calls are 404.
      expect(
        (await req('POST', `/api/presence/${ids.mo}/${today}/calls`, { moment: 'begin', outcome: 'bereikt' }))
          .statusCode,
      ).toBe(422);
      expect((await req('POST', '/api/presence/calls/99999/undo')).statusCode).toBe(404);
    });

    it("asks why a student calls in, and lists today's residents who wait in vain, with whom could go instead", async () => {
      const noReason = await req('PUT', `/api/presence/${ids.sanne}/${today}`, { status: 'afgemeld', moment: 'begin' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().error).toMatchObject({ code: 'INVALID_FORM', details: [{ path: 'body.reason' }] });
      const off = await ok('PUT', `/api/presence/${ids.sanne}/${today}`, {
        status: 'afgemeld',
        moment: 'begin',
        reason: 'niet-lekker',
        note: 'Voelt zich niet goed',
      });
      expect(off).toMatchObject({ status: 'afgemeld', reason: 'niet-lekker' });
      const v = await ok('GET', '/api/presence');
      // Called in: excused for the day, so off the call list.
      expect(v.calls.map((c: { caseId: string }) => c.caseId)).not.toContain(ids.sanne);
      expect(v.waiting).toEqual([
        {
          caseId: ids.riet,
          name: 'Riet Janssen',
          phone: '077-1234567',
          address: 'Riet Janssenstraat 1',
          halfDay: 'wo-ochtend',
          halfDayLabel: 'woensdag ochtend',
          student: { caseId: ids.sanne, name: 'Sanne de Vries' },
          cover: [{ caseId: ids.mo, name: 'Mo Bakker' }],
        },
      ]);
      // The board shows the absence on her row.
      const w = await ok('GET', `/api/planning/week?week=${today}`);
      const cell = w.rows
        .find((r: { student: { caseId: string } }) => r.student.caseId === ids.sanne)
        .cells.find((c: { halfDay: string }) => c.halfDay === 'wo-ochtend');
      expect(cell.absent).toBe('afgemeld');
    });
  });

  describe('help sessions that count', () => {
    it('records visits as they went, and the report counts the hours done with the plan beside them', async () => {
      const put = (clientId: string, day: string, halfDay: string, body: object) =>
        req('PUT', `/api/sessions/${clientId}/${day}/${halfDay}`, body);
      // Kees: Monday morning done, 3 hours, Thursday afternoon 2.5 hours. The report gives no hours
      // for a half-day, so a visit done says how long it took.
      const noHours = await put(ids.kees, '2026-11-30', 'ma-ochtend', { status: 'gedaan' });
      expect(noHours.statusCode).toBe(422);
      expect(noHours.json().error).toMatchObject({ code: 'INVALID_FORM', details: [{ path: 'body.hours' }] });
      expect((await put(ids.kees, '2026-11-30', 'ma-ochtend', { status: 'gedaan', hours: 3 })).json()).toMatchObject({
        status: 'gedaan',
        hours: 3,
        studentId: ids.sanne,
      });
      expect((await put(ids.kees, '2026-12-03', 'do-middag', { status: 'gedaan', hours: 2.5 })).statusCode).toBe(200);
      // Riet: the student was away; a mistaken record taken back and recorded again.
      expect((await put(ids.riet, '2026-12-02', 'wo-ochtend', { status: 'gedaan', hours: 3 })).statusCode).toBe(200);
      expect((await req('DELETE', `/api/sessions/${ids.riet}/2026-12-02/wo-ochtend`)).statusCode).toBe(204);
      expect((await put(ids.riet, '2026-12-02', 'wo-ochtend', { status: 'student-afwezig' })).json().hours).toBe(0);
      // Not a half-day the client is matched on, or not on that date: refused.
      expect((await put(ids.riet, '2026-12-03', 'do-ochtend', { status: 'gedaan', hours: 3 })).statusCode).toBe(422);
      expect((await put(ids.riet, '2026-12-03', 'wo-ochtend', { status: 'gedaan', hours: 3 })).statusCode).toBe(400);
      expect((await put(ids.anna, '2026-12-02', 'wo-ochtend', { status: 'gedaan', hours: 3 })).statusCode).toBe(422);

      const w = await ok('GET', `/api/planning/week?week=${today}`);
      const kees = w.rows
        .find((r: { student: { caseId: string } }) => r.student.caseId === ids.sanne)
        .cells.find((c: { halfDay: string }) => c.halfDay === 'ma-ochtend').clients[0];
      expect(kees.session).toMatchObject({ status: 'gedaan', hours: 3 });

      clock.set('2026-12-04T12:00:00.000Z');
      const r = (await ok('GET', '/api/metrics/outcomes', undefined, manager)).care[0];
      expect(r).toMatchObject({ hours: 5.5, sessions: 2, clients: 1, target: 10000 });
      expect(r.plannedHalfDays).toBeGreaterThan(0);
      clock.set(present);
    });
  });

  describe('when a student leaves the wijk', () => {
    it("puts each of their clients on the coördinator's worklist, and on the board as without a student", async () => {
      await act(ids.sanne, 'UITPLANNEN', { inhaalplan: 'Opdrachten inhalen' });
      const list = await ok('GET', '/api/worklist?function=coordinator&kind=verweesd');
      expect(list.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([ids.kees, ids.riet].sort());
      expect(list.items[0]).toMatchObject({
        kind: 'verweesd',
        functions: ['coordinator'],
        label: expect.stringMatching(/^Sanne de Vries is niet meer in de wijk \(.*uitgepland/i),
      });
      expect(list.items[0].actions.map((a: { type: string }) => a.type)).toContain('OPNIEUW_MATCHEN');
      const w = await ok('GET', `/api/planning/week?week=${today}`);
      expect(w.orphaned.map((o: { caseId: string }) => o.caseId).sort()).toEqual([ids.kees, ids.riet].sort());
      // And a new match with her is refused.
      expect((await refused(await match(ids.anna, ids.sanne, ['wo-ochtend']))).code).toBe('MATCH_REFUSED');

      // Mo leaves the programme altogether: a client matched to him is flagged as well.
      expect((await match(ids.anna, ids.mo, ['vr-ochtend'])).statusCode).toBe(200);
      await act(ids.mo, 'UITSCHRIJVEN', { redenVertrek: 'Verhuisd' });
      const after = await ok('GET', '/api/worklist?function=coordinator&kind=verweesd');
      const anna = after.items.find((i: { caseId: string }) => i.caseId === ids.anna);
      expect(anna.label).toMatch(/^Mo Bakker is gestopt/);
      // The docent's worklist does not carry them.
      const docent = await ok('GET', '/api/worklist?function=docent&kind=verweesd');
      expect(docent.items).toEqual([]);
    });
  });

  describe('the help in the wijk beside the care placement (report 3.1 Stage, 3.2 Diensten)', () => {
    it('offers a student in the care placement to a client, expects her at the location, and shows her on the board in the care placement', async () => {
      const zoe = await studentInWijk(t, clock, { naam: 'Zoë Zorg' }, ['di-middag', 'do-ochtend']);
      await act(zoe, 'ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today });
      const there = await ok('GET', `/api/cases/${zoe}`);
      // The case's step is the school's; the help in the wijk goes on beside it.
      expect(there.state).toBe('opleiding.leerbedrijf.school.zorgstage.startgesprek');
      const els = await client('Els Maas', '077-2223334');
      expect((await match(els, zoe, ['do-ochtend'])).statusCode).toBe(200);
      expect((await ok('GET', `/api/cases/${els}`)).state).toBe('actief.loopt');
      // At most one client per half-day still holds for her.
      const piet = await client('Piet Maas', '077-2223335');
      expect((await refused(await match(piet, zoe, ['do-ochtend']))).code).toBe('EXCLUSIVE_CLASH');

      const presence = await ok('GET', `/api/presence?day=${today}`);
      expect(presence.students.find((s: { caseId: string }) => s.caseId === zoe)).toMatchObject({ expected: true });
      const board = await ok('GET', '/api/board?workflow=student-traject');
      const states = board.columns.map((col: { state: string }) => col.state) as string[];
      const cards = (state: string) =>
        board.columns
          .find((col: { state: string }) => col.state === state)
          .cards.map((card: { id: string }) => card.id) as string[];
      // One card per case, in the column of its step: the school's, the help in the wijk beside it.
      expect(cards('opleiding.leerbedrijf.school.zorgstage.startgesprek')).toContain(zoe);
      expect(states.filter((s) => s.startsWith('opleiding.leerbedrijf.wijk.'))).toEqual([]);
    });
  });
});
