import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../engine';
import { shippedVariants } from '../../workflows';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

const day = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe.each(testDatabases)('shipped variants on a fresh site (%s)', (db) => {
  let clock = new Date('2026-08-03T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock });
  });
  afterAll(() => t.close());

  /** A new WijkLeerbedrijf with a manager and a teacher, as its own admin would set it up. */
  async function freshSite(id: string) {
    const host = await t.as('admin');
    const created = await t.request({
      method: 'POST',
      url: '/api/sites',
      headers: host,
      payload: { id, name: `WijkLeerbedrijf ${id}`, admin: { username: `${id}-beheer`, password: `${id}-wachtwoord` } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const admin = await t.as(`${id}-beheer`, `${id}-wachtwoord`);
    for (const [username, role, fn] of [
      [`${id}-leider`, 'manager'],
      [`${id}-docent`, 'staff', 'docent'],
    ]) {
      const res = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, password: `${username}-wachtwoord`, role, ...(fn ? { function: fn } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    return { manager: await longSession(t, `${id}-leider`, clock), staff: await longSession(t, `${id}-docent`, clock) };
  }

  /** Imports a shipped variant, publishes it, and gives a way to walk one case through it. */
  async function install(id: string, file: string) {
    const { manager, staff } = await freshSite(id);
    const text = shippedVariants().find((v) => v.file === file)!.text;
    const imported = await t.request({
      method: 'POST',
      url: '/api/workflows/import',
      headers: { ...manager, 'content-type': 'application/json' },
      payload: text,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ latestVersion: null, changes: [], draft: { problems: [] } });
    const key = imported.json().key as string;
    const published = await t.request({
      method: 'POST',
      url: `/api/workflows/${key}/publish`,
      headers: manager,
      payload: {},
    });
    expect(published.json()).toMatchObject({ key, version: 1 });
    // The round trip: the site's own export of what it imported carries the same checksum.
    const again = (await t.request({ method: 'GET', url: `/api/workflows/${key}/export`, headers: staff })).json();
    expect(again.sha256).toBe(JSON.parse(text).sha256);
    let caseId = '';
    const post = async (url: string, payload: Record<string, unknown>, status = 200) => {
      const res = await t.request({ method: 'POST', url, headers: staff, payload });
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}: ${res.body}`).toBe(status);
      return res.json();
    };
    return {
      key,
      exported: async () =>
        (await t.request({ method: 'GET', url: `/api/workflows/${key}/export`, headers: staff })).json(),
      start: async (data: Record<string, unknown>) =>
        (caseId = (await post('/api/cases', { workflow: key, data }, 201)).id),
      act: (type: string, data: Record<string, unknown> = {}, status = 200) =>
        post(`/api/cases/${caseId}/events`, { type, data }, status),
      wait: async (days: number) => {
        clock = new Date(clock.getTime() + days * day);
        await t.app.scheduler.runDue();
      },
      signPhase: async () => {
        const c = (await t.request({ method: 'GET', url: `/api/cases/${caseId}`, headers: staff })).json();
        for (const item of c.checklist.filter((i: { current: boolean; signed?: unknown }) => i.current && !i.signed)) {
          await post(`/api/cases/${caseId}/checklist`, { item: item.id, signed: true });
        }
      },
      state: async () => (await t.request({ method: 'GET', url: `/api/cases/${caseId}`, headers: staff })).json(),
      /** Goes on with another case of the site. */
      open: (id: string) => void (caseId = id),
      waitingList: async () =>
        (await t.request({ method: 'GET', url: '/api/waiting-list', headers: staff }))
          .json()
          .find((l: { workflow: string }) => l.workflow === key),
    };
  }

  /**
   * The follow-up Venray's trajectory has after the diploma: six and twelve months after
   * `diplomaDatum` (chapter 5), then the case ends with the diploma.
   */
  async function followUp(w: Awaited<ReturnType<typeof install>>, diplomaDatum: Date, atSix: string, atTwelve: string) {
    expect((await w.state()).state).toBe('nazorg.wacht-zes');
    await w.wait(Math.ceil((addDuration(diplomaDatum.getTime(), '6mo') - clock.getTime()) / day));
    expect((await w.state()).state).toBe('nazorg.zes-maanden');
    await w.act('NAZORG_ZES', { nazorgZes: atSix });
    await w.wait(Math.ceil((addDuration(diplomaDatum.getTime(), '12mo') - clock.getTime()) / day));
    expect((await w.state()).state).toBe('nazorg.twaalf-maanden');
    return w.act('NAZORG_TWAALF', { nazorgTwaalf: atTwelve });
  }

  it('Horst: group introduction before the intake, any care institution, 12 or 24 months, to a diploma and work', async () => {
    const w = await install('sevenum', 'horst-student-traject.wlb.json');
    expect((await w.exported()).provenance.basedOn).toEqual({ site: 'horst', key: 'student-traject', version: 3 });
    await w.start({ naam: 'Fleur Janssen', aanmelder: 'gemeente-horst', instroomroute: 'bijstand' });
    await w.act('INTAKE_PLANNEN', { intakeDatum: iso(clock) }, 422);
    await w.act('KENNISMAKING_PLANNEN', { kennismakingDatum: iso(clock) });
    expect((await w.state()).state).toBe('kennismaking');
    await w.wait(7);
    await w.act('INTAKE_PLANNEN', { intakeDatum: iso(clock) });
    await w.act('MATCH', { taalniveau: 'b1', coach: 'Ans' });
    await w.act('INGESCHREVEN', {
      inschrijfdatum: iso(clock),
      niveau: '2',
      startmoment: 'september',
      behoudUitkering: true,
    });
    // The introduction begins at the start moment, 1 September.
    await w.wait(22);
    await w.signPhase();
    await w.wait(71);
    await w.act(
      'LEERROUTE_AFGESPROKEN',
      { duur: '18', leerroute: 'Zorg en welzijn', dagdelen: ['ma-ochtend'], coach: 'Ans', coordinator: 'Mieke' },
      422,
    );
    await w.act('LEERROUTE_AFGESPROKEN', {
      duur: '24',
      leerroute: 'Zorg en welzijn',
      dagdelen: ['ma-ochtend', 'do-middag'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    await w.signPhase();
    await w.wait(300);
    await w.act('ZORGSTAGE_STARTEN', {
      zorgstageInstelling: 'Zorgcentrum De Wingerd, Horst',
      zorgstageStart: iso(clock),
    });
    await w.act('STARTGESPREK_GEVOERD', {
      startgesprekDatum: iso(clock),
      zorgstageBegeleider: 'Petra Willems',
      tussenevaluatieGepland: iso(clock),
      eindevaluatieGepland: iso(clock),
    });
    await w.wait(120);
    await w.signPhase();
    const diploma = clock;
    await w.act('DIPLOMA', { diplomaDatum: iso(diploma) });
    await w.act('UITSTROOM_VASTLEGGEN', { uitstroom: 'werk', werkStart: iso(clock) });
    const done = await followUp(w, diploma, 'werk', 'werk');
    expect(done).toMatchObject({
      state: 'uitgestroomd',
      outcome: 'diploma',
      data: { zorgstageInstelling: 'Zorgcentrum De Wingerd, Horst', duur: '24', nazorgTwaalf: 'werk' },
    });
  });

  it('Horst: a full site puts the next student on the waiting list instead of over its 16 places', async () => {
    const w = await install('america', 'horst-student-traject.wlb.json');
    const match = async (naam: string) => {
      const id = await w.start({ naam, aanmelder: 'gemeente-horst', instroomroute: 'gilde' });
      await w.act('KENNISMAKING_PLANNEN', { kennismakingDatum: iso(clock) });
      await w.act('INTAKE_PLANNEN', { intakeDatum: iso(clock) });
      return { id, matched: await w.act('MATCH', { taalniveau: 'b1' }) };
    };
    const enrolled: string[] = [];
    for (let i = 1; i <= 16; i++) {
      const { id, matched } = await match(`Student ${i}`);
      expect(matched.state).toBe('inschrijving');
      enrolled.push(id);
    }
    const seventeenth = await match('Student 17');
    expect(seventeenth.matched.state).toBe('wachtlijst');
    expect(await w.waitingList()).toMatchObject({
      places: 16,
      taken: 16,
      free: 0,
      entries: [{ id: seventeenth.id, position: 1 }],
    });
    // One withdraws before enrolment: the place goes to the first on the list.
    w.open(enrolled[0]);
    await w.act('UITSCHRIJVEN', { redenVertrek: 'Toch een andere opleiding' });
    w.open(seventeenth.id);
    expect((await w.act('PLAATS_AANBIEDEN')).state).toBe('inschrijving');
    expect(await w.waitingList()).toMatchObject({ taken: 16, entries: [] });
  });

  it('Kinderopvang/BSO: no placement with children without a VOG and the Personenregister, then to a diploma', async () => {
    const w = await install('bergen', 'venray-student-kinderopvang.wlb.json');
    expect(w.key).toBe('student-kinderopvang');
    await w.start({ naam: 'Yasmina El Idrissi', aanmelder: 'uwv', instroomroute: 'gilde' });
    await w.act('INTAKE_PLANNEN', { intakeDatum: iso(clock) });
    await w.act('MATCH', {
      taalniveau: 'op-weg-naar-b1',
      taalondersteuning: 'Voorlezen aan kinderen oefenen, taalles bij Gilde',
      coach: 'Petra',
    });
    await w.act('INGESCHREVEN', { inschrijfdatum: iso(clock), niveau: '2', startmoment: 'september' });
    // The introduction begins at the start moment, 1 September.
    await w.wait(29);
    await w.signPhase();
    await w.wait(71);
    const route = {
      duur: '18',
      leerroute: 'Pedagogisch werk',
      dagdelen: ['di-middag', 'do-middag'],
      coach: 'Ans',
      coordinator: 'Mieke',
    };
    // The BSO is a placement with children too: a VOG and the Personenregister first.
    const noVog = await w.act('LEERROUTE_AFGESPROKEN', { ...route, personenregister: true, gekoppeld: true }, 422);
    expect(noVog.error.message).toContain('VOG ontvangen');
    await w.act('LEERROUTE_AFGESPROKEN', { ...route, vog: true, personenregister: true, gekoppeld: true });
    expect((await w.state()).stateLabel).toContain('BSO-stage');
    // On the way to B1: the docent records it when it is reached.
    const language = async () =>
      (await w.state()).deadlines.filter((d: { event?: string }) => d.event === 'TAALNIVEAU_B1');
    expect(await language()).toMatchObject([{ label: 'Taalondersteuning: B1 behalen', functions: ['docent'] }]);
    await w.act('TAALNIVEAU_B1', { taalB1Datum: iso(clock) });
    expect(await language()).toEqual([]);
    await w.signPhase();
    await w.wait(300);
    const start = { zorgstageInstelling: 'kinderdagverblijf', zorgstageStart: iso(clock) };
    const refused = await w.act('ZORGSTAGE_STARTEN', { ...start, vog: false, gekoppeld: true }, 422);
    expect(refused.error.message).toContain('VOG ontvangen');
    const unlinked = await w.act('ZORGSTAGE_STARTEN', { ...start, gekoppeld: false }, 422);
    expect(unlinked.error.message).toContain('Gekoppeld aan deze stagelocatie');
    await w.act('ZORGSTAGE_STARTEN', { ...start, vog: true, gekoppeld: true });
    await w.act('STARTGESPREK_GEVOERD', {
      startgesprekDatum: iso(clock),
      zorgstageBegeleider: 'Petra Willems',
      tussenevaluatieGepland: iso(clock),
      eindevaluatieGepland: iso(clock),
    });
    await w.wait(120);
    await w.signPhase();
    const diploma = clock;
    await w.act('DIPLOMA', { diplomaDatum: iso(diploma) });
    await w.act('UITSTROOM_VASTLEGGEN', { uitstroom: 'vervolgopleiding-2' });
    const done = await followUp(w, diploma, 'opleiding', 'werk');
    expect(done).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma' });
  });
});
