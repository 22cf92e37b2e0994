import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Site, User, WorkflowVersion } from '../../server/db/entities';
import { hashPassword } from '../../server/auth/passwords';
import { shippedWorkflows } from '../../workflows';
import type { Definition } from '../../engine';
import { gatedWorkflow as gated, introWorkflow } from '../support/fixtures';
import { sanne, testApp, testDatabases } from '../support/helpers';
import { studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

// A start moment (1 February) in winter: a student enrolled that day begins the introduction at
// once, and its ten weeks end within the seventieth day (summer time begins on the way).
const t0 = new Date('2027-02-01T09:00:00.000Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

type Item = {
  caseId: string;
  workflow: { key: string; title: string };
  kind: 'action' | 'sign';
  state: string;
  label: string;
  since: string;
  actions: { type: string; label: string }[];
  checklist?: { id: string; label: string }[];
};
type Column = {
  state: string;
  label: string;
  count: number;
  cards: { id: string; title: string; since: string; revision: number }[];
};

/** A shared app with a clock the tests move; sessions last twelve hours, so moving it logs in again. */
async function setup(db: 'sqlite' | 'postgresql', workflows: Definition[] = [...shippedWorkflows(), gated]) {
  let clock = t0;
  const t = await testApp({ db, workflows, now: () => clock });
  // Does the work of both functions but the docent's own (the portfolio, the diploma); the split
  // by function has tests of its own.
  const staff = await t.user('coordinator', 'staff', 'coordinator');
  const docent = await t.user('docent', 'staff', 'docent');
  const manager = await t.user('projectleider', 'manager');
  const s = {
    t,
    staff,
    docent,
    manager,
    clock: {
      get at() {
        return clock;
      },
      set(d: string | Date) {
        clock = new Date(d);
      },
    },
    async setClock(d: Date) {
      clock = d;
      Object.assign(staff, await t.as('coordinator'));
      Object.assign(docent, await t.as('docent'));
      Object.assign(manager, await t.as('projectleider'));
    },
    async create(data: Record<string, unknown>, workflow = 'student-traject', headers = staff) {
      const res = await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow, data } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    },
    async act(id: string, type: string, data: Record<string, unknown> = {}, headers = staff) {
      const res = await t.request({ method: 'POST', url: `/api/cases/${id}/events`, headers, payload: { type, data } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async sign(id: string, item: string, signed = true) {
      const res = await t.request({
        method: 'POST',
        url: `/api/cases/${id}/checklist`,
        headers: docent,
        payload: { item, signed },
      });
      expect(res.statusCode, res.body).toBe(200);
    },
    async get(id: string, headers = staff) {
      return (await t.request({ method: 'GET', url: `/api/cases/${id}`, headers })).json();
    },
    async worklist(query = '', headers = staff) {
      const all = query.includes('function=') ? '' : '&function=all';
      const res = await t.request({ method: 'GET', url: `/api/worklist?limit=200${all}${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Item[]; total: number; limit: number; offset: number };
    },
    async itemsOf(id: string, headers = staff) {
      return (await s.worklist('', headers)).items.filter((i) => i.caseId === id);
    },
    async board(query: string, headers = staff) {
      const res = await t.request({ method: 'GET', url: `/api/board?${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { workflow: { key: string; title: string }; columns: Column[] };
    },
    /** A student through intake and enrolment, into the ten weeks of introduction (the start moment is today). */
    async enrolled(
      naam: string,
      extra: { coach?: string; startmoment?: string; niveau?: string; instroomroute?: string } = {},
    ) {
      const id = await s.create({ ...sanne, naam, instroomroute: extra.instroomroute ?? sanne.instroomroute });
      await s.act(id, 'INTAKE_PLANNEN', { intakeDatum: '2026-09-01' });
      await s.act(id, 'MATCH', { taalniveau: 'b1', coach: extra.coach ?? 'Ans' });
      await s.act(id, 'INGESCHREVEN', {
        inschrijfdatum: '2026-09-01',
        niveau: extra.niveau ?? '2',
        startmoment: extra.startmoment ?? 'september',
      });
      await t.app.scheduler.runDue();
      return id;
    },
  };
  return s;
}

type Setup = Awaited<ReturnType<typeof setup>>;

describe.each(testDatabases)('worklist on %s', (db) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(db);
  });
  afterAll(() => s.t.close());

  it('asks for a session (401) and refuses a malformed query (400)', async () => {
    for (const url of ['/api/worklist', '/api/board?workflow=student-traject']) {
      const res = await s.t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    for (const url of [
      '/api/worklist?kind=alles',
      '/api/worklist?limit=0',
      '/api/worklist?limit=100000',
      '/api/worklist?offset=-1',
      '/api/worklist?stap=intake',
    ]) {
      const res = await s.t.request({ method: 'GET', url, headers: s.staff });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
  });

  it('lists a new case at its first step with the actions the role may take now, not the way out every step offers', async () => {
    const id = await s.create({ ...sanne, naam: 'Eerste Stap' });
    const items = await s.itemsOf(id);
    expect(items).toEqual([
      {
        caseId: id,
        caseTitle: 'Eerste Stap',
        workflow: { key: 'student-traject', title: 'Studenttraject' },
        state: 'aanmelding',
        stateLabel: 'Aanmelding',
        kind: 'action',
        label: 'Aanmelding',
        since: t0.toISOString(),
        actions: [{ type: 'INTAKE_PLANNEN', label: 'Intakegesprek plannen' }],
        functions: ['coordinator'],
        mine: false,
      },
    ]);
    // The case page still offers leaving; the worklist does not call it work.
    expect((await s.get(id)).availableEvents.map((e: { type: string }) => e.type)).toContain('UITSCHRIJVEN');

    const english = (
      await s.t.request({
        method: 'GET',
        url: '/api/worklist?limit=200',
        headers: { ...s.staff, 'accept-language': 'en' },
      })
    )
      .json()
      .items.find((i: Item) => i.caseId === id);
    expect(english).toMatchObject({
      workflow: { title: 'Student trajectory' },
      label: 'Registration',
      actions: [{ label: 'Schedule intake' }],
    });

    await s.act(id, 'INTAKE_PLANNEN', { intakeDatum: '2026-09-10' });
    const next = await s.itemsOf(id);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ state: 'intake', label: 'Intake' });
    expect(next[0].actions.map((a) => a.type)).toEqual(['MATCH', 'GEEN_MATCH']);
  });

  it('splits the work by function as the definitions say; the projectleider sees all of it, and anyone can filter', async () => {
    const docent = s.docent;
    const intake = await s.create({ ...sanne, naam: 'Functie Intake' });
    const portfolio = await s.enrolled('Functie Portfolio');
    const visit = await s.create(
      { naam: 'Functie Klant', adres: 'Markt 1', hulpvraag: 'Wandelen' },
      'client-hulpvraag',
    );
    const name = new Map([
      [intake, 'intake'],
      [portfolio, 'portfolio'],
      [visit, 'huisbezoek'],
    ]);
    const work = async (headers: Record<string, string>, query = '') => {
      const res = await s.t.request({ method: 'GET', url: `/api/worklist?limit=200${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { function: string; items: (Item & { functions: string[] })[] };
      const ours = body.items.filter((i) => name.has(i.caseId));
      return {
        view: body.function,
        items: ours.map((i) => `${name.get(i.caseId)}:${i.kind}:${i.functions.join('+') || 'iedereen'}`).sort(),
      };
    };
    // Portfolio items are the docent's; intakes and home visits the coördinator's.
    expect(await work(docent)).toEqual({ view: 'docent', items: ['portfolio:sign:docent'] });
    expect(await work(s.staff)).toEqual({
      view: 'coordinator',
      items: ['huisbezoek:action:coordinator', 'intake:action:coordinator'],
    });
    const everything = ['huisbezoek:action:coordinator', 'intake:action:coordinator', 'portfolio:sign:docent'];
    expect(await work(s.manager)).toEqual({ view: 'all', items: everything });
    expect(await work(s.manager, '&function=docent')).toEqual({ view: 'docent', items: ['portfolio:sign:docent'] });
    // The home visit is the coördinator's alone: not the docent's work, even when she asks for all of it.
    expect(await work(docent, '&function=all')).toEqual({
      view: 'all',
      items: ['intake:action:coordinator', 'portfolio:sign:docent'],
    });
    expect(await work(s.staff, '&function=all')).toEqual({
      view: 'all',
      items: ['huisbezoek:action:coordinator', 'intake:action:coordinator'],
    });
    expect(
      (await s.t.request({ method: 'GET', url: '/api/worklist?function=conciërge', headers: docent })).statusCode,
    ).toBe(400);
    // Out of the way of the next tests, which count the clients.
    await s.act(visit, 'STOPPEN', { redenAfsluiting: 'Test klaar' });
  });

  it("leaves out an action the caller's role may not take, and shows it to the role that may", async () => {
    const id = await s.create({ naam: 'Alleen voor de manager' }, 'test-gated');
    expect(await s.itemsOf(id)).toEqual([]);
    const forManager = await s.itemsOf(id, s.manager);
    expect(forManager.map((i) => i.actions)).toEqual([[{ type: 'SLUITEN', label: 'Sluiten' }]]);
    await s.act(id, 'SLUITEN', {}, s.manager);
    expect(await s.itemsOf(id, s.manager)).toEqual([]);
  });

  it('shows the unsigned items of the current step to sign, and drops them as they are signed', async () => {
    const id = await s.enrolled('Portfolio Piet');
    // The portfolio is the docent's to sign: on her list, not the coördinator's.
    expect(await s.itemsOf(id)).toEqual([]);
    const items = await s.itemsOf(id, s.docent);
    // The ten weeks of introduction wait for their timer: nothing to decide yet, only to sign.
    expect(items.map((i) => i.kind)).toEqual(['sign']);
    expect(items[0]).toMatchObject({
      state: 'opleiding.leerbedrijf.school.introductie.lopend',
      label: 'Aftekenlijst: 5 af te tekenen',
      actions: [],
    });
    const ids = items[0].checklist!.map((c) => c.id);
    expect(ids).toEqual([
      'intro-werkwijze',
      'intro-doelgroepen',
      'intro-workshop-protocollen',
      'intro-workshop-basisvaardigheden',
      'intro-portfolio',
    ]);

    await s.sign(id, 'intro-werkwijze');
    await s.sign(id, 'intro-portfolio');
    const after = await s.itemsOf(id, s.docent);
    expect(after[0].checklist!.map((c) => c.id)).toEqual([
      'intro-doelgroepen',
      'intro-workshop-protocollen',
      'intro-workshop-basisvaardigheden',
    ]);
    expect((await s.worklist('&kind=action', s.docent)).items.some((i) => i.caseId === id)).toBe(false);
    expect((await s.worklist('&kind=sign', s.docent)).items.filter((i) => i.caseId === id)).toHaveLength(1);

    for (const item of ['intro-doelgroepen', 'intro-workshop-protocollen', 'intro-workshop-basisvaardigheden'])
      await s.sign(id, item);
    expect(await s.itemsOf(id, s.docent)).toEqual([]);
    // Withdrawing a signature puts the item back.
    await s.sign(id, 'intro-doelgroepen', false);
    expect((await s.itemsOf(id, s.docent)).map((i) => i.checklist)).toEqual([
      [{ id: 'intro-doelgroepen', label: 'Doelgroepen verkend, passende doelgroep gekozen' }],
    ]);
  });

  it('orders oldest first, filters by workflow and kind, and pages like /api/cases', async () => {
    await s.setClock(later(1));
    const first = await s.create({ ...sanne, naam: 'Eerder Aangemeld' });
    await s.setClock(later(2));
    const second = await s.create({ ...sanne, naam: 'Later Aangemeld' });
    await s.setClock(later(3));
    await s.act(first, 'INTAKE_PLANNEN', { intakeDatum: '2026-09-20' });

    const all = await s.worklist();
    expect(all.total).toBe(all.items.length);
    const since = all.items.map((i) => i.since);
    expect([...since].sort()).toEqual(since);
    // Waiting counts from entering the step, not from the start of the case.
    const order = all.items.map((i) => i.caseId).filter((id) => id === first || id === second);
    expect(order).toEqual([second, first]);
    expect(all.items.find((i) => i.caseId === first)!.since).toBe(later(3).toISOString());

    const page = await s.t.request({
      method: 'GET',
      url: '/api/worklist?limit=1&offset=1&function=all',
      headers: s.staff,
    });
    expect(page.json()).toMatchObject({ total: all.total, limit: 1, offset: 1, items: [all.items[1]] });

    const clients = await s.create(
      { naam: 'Klant Karin', adres: 'Markt 2', hulpvraag: 'Samen wandelen' },
      'client-hulpvraag',
    );
    const students = await s.worklist('&workflow=student-traject');
    expect(students.items.length).toBeGreaterThan(0);
    expect(students.items.every((i) => i.workflow.key === 'student-traject')).toBe(true);
    expect((await s.worklist('&workflow=client-hulpvraag')).items.map((i) => i.caseId)).toEqual([clients]);
    expect((await s.worklist('&workflow=bestaat-niet')).total).toBe(0);
    // Asked by the docent, who has both kinds of work: actions, and the portfolio to sign.
    const signs = await s.worklist('&kind=sign', s.docent);
    expect(signs.items.length).toBeGreaterThan(0);
    expect(signs.items.every((i) => i.kind === 'sign' && i.checklist!.length > 0)).toBe(true);
    const actions = await s.worklist('&kind=action', s.docent);
    expect(actions.items.every((i) => i.kind === 'action' && i.actions.length > 0 && !('checklist' in i))).toBe(true);
    expect(actions.total + signs.total).toBe((await s.worklist('', s.docent)).total);
  });

  it("never shows another site's cases, nor ours to another site", async () => {
    const ours = await s.create({ ...sanne, naam: 'Venray Vera' });
    const em = s.t.app.orm.em.fork();
    const horst = em.create(Site, { id: 'horst', name: 'WijkLeerbedrijf Horst' });
    em.create(User, {
      site: horst,
      username: 'horst-docent',
      displayName: 'Docent Horst',
      role: 'staff',
      function: 'docent',
      passwordHash: await hashPassword('horst-docent-wachtwoord'),
    });
    const student = shippedWorkflows().find((w) => w.key === 'student-traject')!;
    em.create(WorkflowVersion, {
      site: horst,
      key: student.key,
      version: 1,
      subject: student.subject,
      definition: { ...student, version: 1 },
      publishedAt: t0,
      publishedBy: 'test',
    });
    await em.flush();
    const other = await s.t.as('horst-docent');
    const theirs = await s.create({ ...sanne, naam: 'Horst Hans' }, 'student-traject', other);

    const venray = await s.worklist();
    expect(venray.items.map((i) => i.caseId)).toContain(ours);
    expect(venray.items.map((i) => i.caseId)).not.toContain(theirs);
    const horstList = await s.worklist('', other);
    expect(horstList.items.map((i) => i.caseId)).toEqual([theirs]);

    const cards = (b: { columns: Column[] }) => b.columns.flatMap((c) => c.cards.map((x) => x.id));
    expect(cards(await s.board('workflow=student-traject'))).not.toContain(theirs);
    expect(cards(await s.board('workflow=student-traject', other))).toEqual([theirs]);
  });
});

describe.each(testDatabases)('worklist and timers on %s', (db) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(db);
  });
  afterAll(() => s.t.close());

  it('puts the ten-week decision on the worklist when the timer moves the case, and leaves out an action a rule blocks', async () => {
    const id = await s.enrolled('Tien Weken');
    expect((await s.itemsOf(id)).filter((i) => i.kind === 'action')).toEqual([]);

    await s.setClock(later(69));
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    expect((await s.itemsOf(id)).filter((i) => i.kind === 'action')).toEqual([]);

    await s.setClock(later(70));
    expect(await s.t.app.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    const due = (await s.itemsOf(id)).filter((i) => i.kind === 'action');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      state: 'opleiding.leerbedrijf.school.introductie.vaststellen',
      stateLabel:
        'Opleiding Helpende zorg en welzijn › Bij het WijkLeerbedrijf › Onderwijs en stages › Introductieprogramma › Duur en leerroute vaststellen',
      label: 'Duur en leerroute vaststellen',
      since: later(70).toISOString(),
    });
    expect(due[0].actions.map((a) => a.type)).toContain('LEERROUTE_AFGESPROKEN');

    // A WW student may not start the care placement (a rule on the case's data): offered on the
    // case page as blocked, absent from the worklist.
    await s.act(id, 'LEERROUTE_AFGESPROKEN', {
      duur: '18',
      leerroute: 'Niveau 2',
      dagdelen: ['ma-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    const page = await s.get(id);
    expect(page.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    expect(page.availableEvents.find((e: { type: string }) => e.type === 'ZORGSTAGE_STARTEN')).toMatchObject({
      allowed: false,
    });
    const work = (await s.itemsOf(id)).find((i) => i.kind === 'action')!;
    expect(work.actions.map((a) => a.type)).toEqual(expect.arrayContaining(['KLANTEN_BIJWERKEN', 'UITPLANNEN']));
    expect(work.actions.map((a) => a.type)).not.toContain('ZORGSTAGE_STARTEN');
    expect(work.actions.map((a) => a.type)).not.toContain('UITSCHRIJVEN');
  });

  it("puts a client's evaluation on the worklist on the day agreed with the client", async () => {
    const start = later(100);
    await s.setClock(start);
    // A student in the welfare placement, in the wijk on Monday morning.
    const student = await studentInWijk(
      s.t,
      s.clock,
      { ...sanne, naam: 'Student Voor Klant', instroomroute: 'gilde' },
      ['ma-ochtend'],
    );
    const client = await s.create(
      { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
      'client-hulpvraag',
    );
    expect((await s.itemsOf(client))[0].actions.map((a) => a.type)).toEqual(['HUISBEZOEK_PLANNEN']);
    await s.act(client, 'HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-12-10' });
    await s.act(client, 'OVEREENKOMST', { ...clientAgreement, evaluatieDatum: '2027-08-02' });
    await s.act(client, 'GEMATCHT', { student, dagdelen: ['ma-ochtend'], frequentie: '1' });
    expect(await s.itemsOf(client)).toEqual([]);

    // The date agreed (2 August), from the start of that day in Venray; not the evening before.
    await s.setClock(new Date('2027-08-01T21:59:00.000Z'));
    await s.t.app.scheduler.runDue();
    expect(await s.itemsOf(client)).toEqual([]);
    const due = new Date('2027-08-01T22:00:00.000Z');
    await s.setClock(due);
    await s.t.app.scheduler.runDue();
    const items = await s.itemsOf(client);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'action', state: 'actief.evaluatie', since: due.toISOString() });
    expect(items[0].actions.map((a) => a.type)).toContain('EVALUEREN');
    expect(items[0].actions.map((a) => a.type)).not.toContain('STOPPEN');

    await s.act(client, 'EVALUEREN', { evaluatie: 'Gaat goed', evaluatieDatum: '2027-11-01' });
    expect(await s.itemsOf(client)).toEqual([]);
  });
});

describe.each(testDatabases)('board on %s', (db) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(db);
  });
  afterAll(() => s.t.close());

  /** Every column's count is what /api/cases finds for that workflow and state. */
  async function expectCountsMatchCases(board: { columns: Column[] }, workflow: string, q = '') {
    for (const col of board.columns) {
      const res = await s.t.request({
        method: 'GET',
        url: `/api/cases?workflow=${workflow}&state=${encodeURIComponent(col.state)}&limit=200${q}`,
        headers: s.staff,
      });
      const list = res.json();
      expect(col.count, col.state).toBe(list.total);
      expect(col.cards.map((c) => c.id).sort()).toEqual(list.items.map((i: { id: string }) => i.id).sort());
    }
  }

  it('has one column per step of the workflow in document order, with counts that match /api/cases', async () => {
    const a = await s.create({ ...sanne, naam: 'Aanmelding Anna' });
    const b = await s.create({ ...sanne, naam: 'Intake Ilse' });
    await s.act(b, 'INTAKE_PLANNEN', { intakeDatum: '2026-09-10' });
    const c = await s.enrolled('Introductie Ingrid', { coach: 'Bram' });
    const gone = await s.create({ ...sanne, naam: 'Vertrokken Vera' });
    await s.act(gone, 'UITSCHRIJVEN', { redenVertrek: 'Verhuisd' });

    const board = await s.board('workflow=student-traject');
    expect(board.workflow).toEqual({ key: 'student-traject', title: 'Studenttraject' });
    const states = board.columns.map((col) => col.state);
    expect(states.slice(0, 7)).toEqual([
      'aanmelding',
      'intake',
      'wachtlijst',
      'inschrijving',
      'wacht-op-start',
      'opleiding.leerbedrijf.school.introductie.lopend',
      'opleiding.leerbedrijf.school.introductie.vaststellen',
    ]);
    expect(states).toContain('praktijkstage.loopt');
    expect(states).not.toContain('opleiding');
    expect(states).not.toContain('opleiding.verder');
    expect(states).not.toContain('afgemeld');
    const col = (state: string) => board.columns.find((x) => x.state === state)!;
    expect(col('aanmelding').cards.map((x) => x.id)).toEqual([a]);
    expect(col('intake').cards).toEqual([{ id: b, title: 'Intake Ilse', since: t0.toISOString(), revision: 2 }]);
    expect(col('opleiding.leerbedrijf.school.introductie.lopend')).toMatchObject({
      label:
        'Opleiding Helpende zorg en welzijn › Bij het WijkLeerbedrijf › Onderwijs en stages › Introductieprogramma › Loopt (tien weken)',
      count: 1,
    });
    expect(col('opleiding.leerbedrijf.school.introductie.lopend').cards[0].id).toBe(c);
    await expectCountsMatchCases(board, 'student-traject');
    const open = (
      await s.t.request({ method: 'GET', url: '/api/cases?workflow=student-traject&open=true', headers: s.staff })
    ).json().total;
    expect(board.columns.reduce((n, x) => n + x.count, 0)).toBe(open);

    const withClosed = await s.board('workflow=student-traject&closed=true');
    const afgemeld = withClosed.columns.find((x) => x.state === 'afgemeld')!;
    expect(afgemeld.cards.map((x) => x.id)).toEqual([gone]);
    expect(withClosed.columns.map((x) => x.state)).toEqual(expect.arrayContaining(['uitgestroomd', 'zonder-diploma']));
    await expectCountsMatchCases(withClosed, 'student-traject');

    const english = (
      await s.t.request({
        method: 'GET',
        url: '/api/board?workflow=student-traject',
        headers: { ...s.staff, 'accept-language': 'en' },
      })
    ).json();
    expect(english.columns[0]).toMatchObject({ state: 'aanmelding', label: 'Registration' });
  });

  it('narrows by coach, startmoment, instroomroute, niveau and name', async () => {
    const x1 = await s.enrolled('Filter Fien', {
      coach: 'Coach Xander',
      startmoment: 'februari',
      niveau: '1',
      instroomroute: 'gilde',
    });
    const x2 = await s.enrolled('Filter Floor', { coach: 'Coach Xander', startmoment: 'september', niveau: '2' });
    const other = await s.enrolled('Filter Frits', { coach: 'Coach Yara', startmoment: 'februari', niveau: '1' });
    const ids = async (query: string) =>
      (await s.board(`workflow=student-traject&${query}`)).columns.flatMap((c) => c.cards.map((x) => x.id)).sort();

    expect(await ids('coach=coach%20xander')).toEqual([x1, x2].sort());
    expect(await ids('coach=Coach%20Xander&startmoment=februari')).toEqual([x1]);
    expect(await ids('startmoment=februari&niveau=1')).toEqual([x1, other].sort());
    expect(await ids('instroomroute=gilde&q=filter')).toEqual([x1]);
    expect(await ids('q=filter%20f')).toEqual([x1, x2, other].sort());
    const named = await s.board('workflow=student-traject&q=Frits');
    expect(named.columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([other]);
    // Columns stay, empty ones included: the board keeps its shape while filtered.
    expect(named.columns.length).toBe((await s.board('workflow=student-traject')).columns.length);
    await expectCountsMatchCases(named, 'student-traject', '&q=Frits');
  });

  it('refuses a filter the workflow has no field for, a value outside its options, and a missing workflow', async () => {
    const bad = async (url: string, status = 400) => {
      const res = await s.t.request({ method: 'GET', url, headers: s.staff });
      expect(res.statusCode, url).toBe(status);
      return res.json().error;
    };
    expect(await bad('/api/board?workflow=client-hulpvraag&coach=Ans')).toMatchObject({
      code: 'BAD_REQUEST',
      details: [{ path: 'querystring.coach' }],
    });
    expect(await bad('/api/board?workflow=student-traject&niveau=3')).toMatchObject({
      code: 'BAD_REQUEST',
      details: [{ path: 'querystring.niveau', message: 'Kies uit: 1, 2' }],
    });
    expect((await bad('/api/board')).code).toBe('BAD_REQUEST');
    expect((await bad('/api/board?workflow=student-traject&fase=1')).code).toBe('BAD_REQUEST');
    expect((await bad('/api/board?workflow=student-traject&closed=misschien')).code).toBe('BAD_REQUEST');
    expect((await bad('/api/board?workflow=bestaat-niet', 404)).code).toBe('NOT_FOUND');
  });
});

describe.each(testDatabases)('board across versions on %s', (db) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(db, [introWorkflow]);
  });
  afterAll(() => s.t.close());

  it('places a case of an older version by its step, in a column of its own when the latest version lacks the step', async () => {
    const running = await s.create({ naam: 'Loopt Nog' }, 'test-intro');
    const routed = await s.create({ naam: 'Al Verder' }, 'test-intro');
    await s.setClock(later(70));
    await s.t.app.scheduler.runDue();
    for (const item of ['portfolio-gestart']) await s.sign(routed, item);
    await s.t.request({
      method: 'POST',
      url: `/api/cases/${routed}/checklist`,
      headers: s.manager,
      payload: { item: 'rooster', signed: true },
    });
    await s.act(routed, 'VASTGESTELD');
    expect((await s.get(routed)).state).toBe('leerroute');
    // The other case, created later, waits in the ten weeks of version 1.
    await s.setClock(later(71));
    const waiting = await s.create({ naam: 'Wacht Nog' }, 'test-intro');

    // Version 2 renames "Loopt" to "week1" and adds a conversation first.
    const v2 = structuredClone(introWorkflow);
    v2.machine.initial = 'gesprek';
    v2.machine.states = {
      gesprek: {
        meta: { label: { nl: 'Startgesprek' } },
        on: { GEVOERD: { target: 'introductie', meta: { label: { nl: 'Gesprek gevoerd' } } } },
      },
      ...v2.machine.states,
    };
    const intro = v2.machine.states.introductie;
    const { lopend, ...rest } = intro.states!;
    intro.initial = 'week1';
    intro.states = { week1: { ...lopend, meta: { ...lopend.meta, label: { nl: 'Eerste weken' } } }, ...rest };
    const put = await s.t.request({
      method: 'PUT',
      url: '/api/workflows/test-intro/draft',
      headers: s.manager,
      payload: { definition: v2 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const pub = await s.t.request({
      method: 'POST',
      url: '/api/workflows/test-intro/publish',
      headers: s.manager,
      payload: {},
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const fresh = await s.create({ naam: 'Nieuw Op Twee' }, 'test-intro');

    const board = await s.board('workflow=test-intro');
    expect(board.columns.map((c) => c.state)).toEqual([
      'gesprek',
      'introductie.week1',
      'introductie.besluit',
      'leerroute',
      'introductie.lopend',
    ]);
    const col = (state: string) => board.columns.find((x) => x.state === state)!;
    expect(col('gesprek').cards.map((c) => c.id)).toEqual([fresh]);
    expect(col('leerroute').cards.map((c) => c.id)).toEqual([routed]);
    expect(col('introductie.besluit').cards.map((c) => c.id)).toEqual([running]);
    expect(col('introductie.lopend')).toMatchObject({
      label: 'Introductie › Loopt',
      count: 1,
      cards: [{ id: waiting }],
    });
    await expectCounts(s, board);
  });
});

async function expectCounts(s: Setup, board: { columns: Column[] }) {
  for (const col of board.columns) {
    const list = (
      await s.t.request({
        method: 'GET',
        url: `/api/cases?workflow=test-intro&state=${encodeURIComponent(col.state)}`,
        headers: s.staff,
      })
    ).json();
    expect(col.count, col.state).toBe(list.total);
  }
}
