import type { AnyMachineSnapshot } from 'xstate';
import { describe, expect, it, vi } from 'vitest';
import {
  caseTime,
  expectedAtSite,
  indexStates,
  readPackage,
  takesClients,
  type Definition,
  type StateConfig,
} from '../engine';
import { pathStarts, walk } from '../engine/paths';
import { shippedVariants, shippedWorkflows } from '.';
import { cohort, replay } from './cohort';
import { clientAgreement, Walk } from './walk';

/*
 * The rules the report gives that a careful reading found wrong in the shipped definitions
 * (issue 23, "Wrong today"), each checked on Venray's student trajectory and on both variants.
 * Where a rule is about every case, the graph of every path is walked (engine/paths.ts, as the
 * designer's "alle paden") and each place a case can be in is held to it; where it is about what
 * one action asks or refuses, a case is walked to that action.
 */

const venray = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const [horst, kinderopvang] = shippedVariants().map((v) => {
  const r = readPackage(v.text);
  if (!r.ok) throw new Error(`${v.file}: ${r.problems.map((p) => p.message.en).join('; ')}`);
  return r.package.definition;
});
const students = [
  ['Venray', venray],
  ['Horst', horst],
  ['kinderopvang', kinderopvang],
] as const;

const now = new Date('2027-03-01T09:00:00.000Z');
const projectleider = { role: 'manager' as const, username: 'projectleider' };
const benefitRoutes = ['bijstand', 'wajong', 'wia'];
/** The childcare direction's placements, each with children: BSO, day care, the WW employer, a praktijkonderwijs placement. */
const withChildren = ['opleiding.welzijnsstage', 'opleiding.zorgstage', 'opleiding.werkgever', 'praktijkstage.loopt'];

/** Every place a case of the definition can be in, from every start, with everything signed. */
// The first test that walks a trajectory's paths pays for the walk: seconds, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

type Place = { state: string[]; data: Record<string, unknown> };
// Every path of a trajectory takes seconds to walk: each definition is walked once per file.
const walked = new Map<Definition, Place[]>();
function places(def: Definition): Place[] {
  const known = walked.get(def);
  if (known) return known;
  const out: Place[] = [];
  for (const start of pathStarts(def, true)) {
    for (const v of Object.values(walk(def, start, now).adjacency)) {
      const s = v.state as AnyMachineSnapshot;
      if (s.status !== 'active') continue;
      out.push({ state: activePaths(s.value), data: s.context.data as Record<string, unknown> });
    }
  }
  walked.set(def, out);
  return out;
}

function activePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    prefix + k,
    ...activePaths(v, `${prefix}${k}.`),
  ]);
}

const inAny = (state: string[], steps: string[]) => steps.some((s) => state.includes(s));

/**
 * A step by the path version 1 gave it: Venray's programme now runs in two regions side by side
 * (issue 23), the variants, based on version 1, still have it as one.
 */
const step = (def: Definition, path: string) =>
  indexStates(def).byPath.has(path) ? path : path.replace(/^opleiding\./, 'opleiding.leerbedrijf.school.');

/** What the childcare direction asks before a placement with children (the others ask nothing of it). */
const childcareChecks = (def: Definition) =>
  def === kinderopvang ? { vog: true, personenregister: true, gekoppeld: true } : {};

/** A case walked by the projectleider (who may do every function's work) up to the intake's decision. */
function atIntake(def: Definition, data: Record<string, unknown>) {
  const w = new Walk(def, data, projectleider, new Date('2026-08-20T09:00:00Z'));
  if (w.event('KENNISMAKING_PLANNEN')) w.do('KENNISMAKING_PLANNEN', { kennismakingDatum: '2026-08-24' }).wait(4);
  return w.do('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' }).wait(7);
}

describe.each(students)('%s: every path holds the report', (_site, def) => {
  const all = places(def);

  it('enrols a bijstand, Wajong or WIA student only with the benefit kept recorded as yes (3.1 Varianten)', () => {
    const enrolled = all.filter((p) => p.data.inschrijfdatum !== undefined);
    expect(enrolled.length).toBeGreaterThan(0);
    const wrong = enrolled.filter(
      (p) => benefitRoutes.includes(p.data.instroomroute as string) && p.data.behoudUitkering !== true,
    );
    expect(wrong.map((p) => [p.state.at(-1), p.data.instroomroute, p.data.behoudUitkering])).toEqual([]);
  });

  it('runs the care placement with a supervisor and evaluation moments planned, each recorded on its own (3.1, 3.4)', () => {
    const running = all.filter((p) =>
      inAny(
        p.state,
        ['opleiding.zorgstage.loopt', 'opleiding.zorgstage.eindfase', 'opleiding.zorgstage.geevalueerd'].map((s) =>
          step(def, s),
        ),
      ),
    );
    expect(running.length).toBeGreaterThan(0);
    const planned = ['zorgstageBegeleider', 'tussenevaluatieGepland', 'eindevaluatieGepland'];
    expect(running.filter((p) => planned.some((f) => p.data[f] === undefined)).map((p) => p.state.at(-1))).toEqual([]);
    const midway = all.filter((p) =>
      inAny(
        p.state,
        ['opleiding.zorgstage.eindfase', 'opleiding.zorgstage.geevalueerd'].map((s) => step(def, s)),
      ),
    );
    expect(midway.filter((p) => p.data.zorgstageEvaluatie === undefined).map((p) => p.state.at(-1))).toEqual([]);
    const evaluated = all.filter((p) => p.state.includes(step(def, 'opleiding.zorgstage.geevalueerd')));
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.filter((p) => !p.data.zorgstageEvaluatie || !p.data.eindevaluatie)).toEqual([]);
  });

  it("moves a WW student to the employer only with the employer's guarantee of the diploma (3.1 Varianten)", () => {
    const atEmployer = all.filter((p) => p.state.includes('opleiding.werkgever'));
    expect(atEmployer.length).toBeGreaterThan(0);
    expect(atEmployer.filter((p) => p.data.diplomaGarantie !== true).map((p) => p.data.diplomaGarantie)).toEqual([]);
  });

  it('has a coach and the coördinator the student chose once the learning route is agreed (3.1, 4.2)', () => {
    const agreed = all.filter((p) => p.data.leerroute !== undefined);
    expect(agreed.length).toBeGreaterThan(0);
    expect(agreed.filter((p) => !p.data.coach || !p.data.coordinator).map((p) => p.state.at(-1))).toEqual([]);
  });
});

/** Each action's and sign-off item's routing (whose work, who alone may), by step path, event and option. */
function routing(def: Definition) {
  const out = new Map<string, { functions?: string[]; restrictedTo?: string[] }>();
  const visit = (state: StateConfig, path: string) => {
    for (const [event, t] of Object.entries(state.on ?? {}))
      [t].flat().forEach((x, i) => {
        if (path)
          out.set(`${path} ${event} ${i}`, { functions: x.meta?.functions, restrictedTo: x.meta?.restrictedTo });
      });
    for (const item of state.meta?.checklist ?? [])
      out.set(`item ${item.id}`, { functions: item.functions, restrictedTo: item.restrictedTo });
    for (const [k, c] of Object.entries(state.states ?? {})) visit(c, path ? `${path}.${k}` : k);
  };
  visit(def.machine as StateConfig, '');
  return out;
}

describe.each([
  ['Horst', horst],
  ['kinderopvang', kinderopvang],
] as const)('%s as a variant of Venray', (_site, def) => {
  it("routes every action and sign-off item to a function, as Venray's definitions do", () => {
    const mine = routing(def);
    const theirs = routing(venray);
    const unrouted = [...mine].filter(([, r]) => !r.functions?.length && !r.restrictedTo?.length).map(([k]) => k);
    expect(unrouted).toEqual([]);
    const differs = [...mine]
      .filter(([k]) => theirs.has(k) && !k.startsWith('item '))
      .filter(([k, r]) => JSON.stringify(r) !== JSON.stringify(theirs.get(k)))
      .map(([k]) => k);
    expect(differs).toEqual([]);
  });
});

describe('the childcare direction', () => {
  const all = places(kinderopvang);
  const registered = { vog: true, personenregister: true, gekoppeld: true };

  it('has a VOG and a Personenregister registration linked to the placement in every placement with children', () => {
    const placed = all.filter((p) => inAny(p.state, withChildren));
    expect(new Set(placed.map((p) => withChildren.find((s) => p.state.includes(s))))).toEqual(new Set(withChildren));
    const wrong = placed.filter((p) => Object.entries(registered).some(([k, v]) => p.data[k] !== v));
    expect(wrong.map((p) => [p.state.at(-1), p.data.vog, p.data.personenregister, p.data.gekoppeld])).toEqual([]);
  });

  it('refuses the BSO placement without them, and asks the link again for the day-care placement', () => {
    const w = atIntake(kinderopvang, { naam: 'Yasmina', aanmelder: 'uwv', instroomroute: 'gilde' })
      .do('MATCH', { taalniveau: 'b1' })
      .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
    w.wait(12).signPhase().wait(70);
    const route = {
      duur: '12',
      leerroute: 'BSO en kinderdagverblijf',
      dagdelen: ['di-middag'],
      coach: 'Ans',
      coordinator: 'Mieke',
    };
    const bso = w.try('LEERROUTE_AFGESPROKEN', { ...route, vog: true, gekoppeld: true });
    expect(bso).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!bso.ok) expect(bso.message.nl).toContain('Ingeschreven in het Personenregister kinderopvang is ja');
    w.do('LEERROUTE_AFGESPROKEN', { ...route, ...registered });
    expect(w.state).toBe('opleiding.welzijnsstage');
    w.signPhase().wait(200);
    const start = { zorgstageInstelling: 'kinderdagverblijf', zorgstageStart: w.now.toISOString().slice(0, 10) };
    expect(w.try('ZORGSTAGE_STARTEN', start)).toMatchObject({ ok: false, code: 'INVALID_FORM' });
    expect(w.try('ZORGSTAGE_STARTEN', { ...start, gekoppeld: false })).toMatchObject({
      ok: false,
      code: 'EVENT_NOT_ALLOWED',
    });
    w.do('ZORGSTAGE_STARTEN', { ...start, gekoppeld: true });
    expect(w.state).toBe('opleiding.zorgstage.startgesprek');
  });

  it('speaks of children and childcare, not of residents, help requests or the care programme', () => {
    const nl: string[] = [];
    const en: string[] = [];
    const texts = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      const t = o as { nl?: unknown; en?: unknown };
      if (typeof t.nl === 'string') {
        nl.push(t.nl);
        if (typeof t.en === 'string') en.push(t.en);
        return;
      }
      Object.values(o).forEach(texts);
    };
    texts(kinderopvang.fields);
    texts(kinderopvang.machine);
    expect(
      nl.filter((x) => /klant|hulpvra|wijkbewoner|in de wijk|zorgstage|instelling|helpende zorg/i.test(x)),
    ).toEqual([]);
    expect(
      en.filter((x) =>
        /client|help request|resident|neighbourhood|(?<!school |child)care placement|institution|care and welfare/i.test(
          x,
        ),
      ),
    ).toEqual([]);
  });
});

describe('Venray: the help in the wijk all through the programme (3.1 Stage, 3.2 Diensten)', () => {
  const all = places(venray);
  const leaves = (p: { state: string[] }) => p.state.filter((s) => !p.state.some((o) => o.startsWith(`${s}.`)));
  const helps = (p: { state: string[] }) => takesClients(venray, leaves(p));
  const inSchool = (step: string) => all.filter((p) => p.state.includes(`opleiding.leerbedrijf.school.${step}`));

  it('takes clients beside the welfare part and the care placement, from the agreed route on', () => {
    for (const step of ['welzijnsstage', 'zorgstage']) {
      expect(inSchool(step).length, step).toBeGreaterThan(0);
      expect(
        inSchool(step)
          .filter((p) => !helps(p))
          .map(leaves),
        step,
      ).toEqual([]);
    }
    // The first ten weeks are the introduction: the route, and the half-days in the wijk, come after.
    expect(inSchool('introductie').length).toBeGreaterThan(0);
    expect(inSchool('introductie').filter(helps).map(leaves)).toEqual([]);
    expect(all.filter((p) => helps(p) && p.data.leerroute === undefined).map(leaves)).toEqual([]);
  });

  it('a WW student only the first half year: not once the practice moves to an employer', () => {
    const after = all.filter((p) => inAny(p.state, ['opleiding.overstap-werkgever', 'opleiding.werkgever']));
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter(helps).map(leaves)).toEqual([]);
    expect(all.filter((p) => helps(p) && p.data.instroomroute === 'ww').length).toBeGreaterThan(0);
  });
});

describe.each(students)('%s: presence', (_site, def) => {
  it('expects at the location only the students who start their day there (3.2, 4.4)', () => {
    const steps = [...indexStates(def).byPath.values()]
      .filter((e) => !e.config.type || e.config.type === 'compound' || e.config.type === 'parallel')
      .map((e) => e.path);
    const atSite = steps.filter((s) => !indexStates(def).byPath.get(s)!.config.states && expectedAtSite(def, s));
    const away = [
      'aanmelding',
      'kennismaking',
      'intake',
      'inschrijving',
      'wacht-op-start',
      'opleiding.werkgever',
      'verlof',
    ];
    expect(atSite.filter((s) => away.includes(s))).toEqual([]);
    expect(atSite).toEqual(
      expect.arrayContaining([
        step(def, 'opleiding.introductie.lopend'),
        step(def, 'opleiding.welzijnsstage'),
        'uitgepland',
        'praktijkstage.loopt',
      ]),
    );
  });
});

describe('praktijkonderwijs', () => {
  it.each(students)(
    '%s: a pupil is registered by the school for practical education, not by Gilde (2.2)',
    (_site, def) => {
      expect(def.fields.aanmelder.options!.map((o) => o.value)).toContain('praktijkonderwijs');
      const w = atIntake(def, { naam: 'Daan', aanmelder: 'praktijkonderwijs', instroomroute: 'praktijkonderwijs' });
      w.do('MATCH', { taalniveau: 'b1' });
      expect(w.state).toBe('praktijkstage.plannen');
    },
  );

  it("the cohort's pupils of practical education come from their school", async () => {
    const registered: Record<string, unknown>[] = [];
    const nothing = () => undefined;
    for (const p of cohort().filter((x) => x.route === 'praktijkonderwijs'))
      await replay(p, {
        start: (data) => void registered.push(data),
        act: nothing,
        wait: nothing,
        signPhase: nothing,
        now: () => new Date(p.start),
      });
    expect(registered.map((d) => d.aanmelder)).toEqual(['praktijkonderwijs', 'praktijkonderwijs']);
  });
});

const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'coordinator-mieke' };
/** A resident's request whose home visit is planned: the next step is the agreement. */
const visitedClient = () =>
  new Walk(
    client,
    { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
    coordinator,
    new Date('2026-10-01T09:00:00Z'),
  ).do('HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-05' });

describe('the client agreement (3.1, 3.2 Wederkerigheid, 3.4)', () => {
  const agreement = {
    veiligeWerkplek: true,
    nietTeComplex: true,
    rechtenPlichtenBesproken: true,
    toestemmingGegevens: true,
    overeenkomstDatum: '2026-10-08',
    wederdienst: 'Oefent Nederlands met de student',
    evaluatieDatum: '2027-01-08',
  };
  const helping = () =>
    visitedClient()
      .do('OVEREENKOMST', agreement)
      .do('GEMATCHT', { student: 'student-1', dagdelen: ['ma-ochtend'], frequentie: '1' });

  it('is signed on a date, with consent to the data, the service in return and a review date agreed, on every path', () => {
    const after = places(client).filter((p) => inAny(p.state, ['matching', 'actief', 'gepauzeerd']));
    expect(after.length).toBeGreaterThan(0);
    const wrong = after.filter(
      (p) =>
        p.data.toestemmingGegevens !== true ||
        !p.data.overeenkomstDatum ||
        !p.data.wederdienst ||
        !p.data.evaluatieDatum,
    );
    expect(wrong.map((p) => p.state.at(-1))).toEqual([]);
  });

  it('refuses an agreement without consent, and asks the review date again at each evaluation', () => {
    const w = visitedClient();
    const r = w.try('OVEREENKOMST', { ...agreement, toestemmingGegevens: false });
    expect(r).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!r.ok) expect(r.message.nl).toContain('Toestemming voor het vastleggen van gegevens is ja');
    const { overeenkomstDatum: _d, ...undated } = agreement;
    expect(w.try('OVEREENKOMST', undated)).toMatchObject({ ok: false, code: 'INVALID_FORM' });
    const c = helping();
    expect(c.event('EVALUEREN')!.form.required).toEqual(['evaluatie', 'evaluatieDatum']);
  });

  it('refers to professional care while the help runs or is paused, and takes a concern about the resident to the coördinator', () => {
    const c = helping().do('ZORG_MELDEN', { zorgMelding: 'Mevrouw is vergeetachtig, het gas stond aan' });
    expect(c.event('ZORG_MELDEN')!.functions).toEqual(['coordinator']);
    expect(c.s.context.data.zorgMelding).toContain('gas');
    c.do('DOORVERWIJZEN', { verwezenNaar: 'Wijkverpleging', redenAfsluiting: 'Zorg nodig' });
    expect(c.position).toMatchObject({ state: 'doorverwezen', outcome: 'doorverwezen', done: true });
    const paused = helping().do('PAUZEREN', { pauzeReden: 'Ziekenhuis' });
    expect(paused.event('DOORVERWIJZEN')).toBeDefined();
  });
});

describe('Horst aan de Maas', () => {
  it('names its own municipality, never Venray’s', () => {
    const texts = JSON.stringify(horst.fields) + JSON.stringify(horst.machine);
    expect(texts).not.toMatch(/gemeente venray|municipality of venray/i);
    expect(horst.fields.aanmelder.options!.map((o) => o.value)).toContain('gemeente-horst');
  });
});

describe.each(students)('%s: single actions', (_site, def) => {
  it('asks no coach at the intake; the coach agrees the route after ten weeks, with the coördinator the student chose', () => {
    const w = atIntake(def, { naam: 'Kees', aanmelder: 'gilde', instroomroute: 'gilde' });
    expect(w.event('MATCH')!.form.required).not.toContain('coach');
    w.do('MATCH', { taalniveau: 'b1' }).do('INGESCHREVEN', {
      inschrijfdatum: '2026-09-01',
      niveau: '2',
      startmoment: 'september',
    });
    w.wait(12).signPhase().wait(70);
    expect(w.state).toBe(step(def, 'opleiding.introductie.vaststellen'));
    const route = { duur: '12', leerroute: 'Niveau 2 in een jaar', dagdelen: ['ma-ochtend'] };
    expect(w.event('LEERROUTE_AFGESPROKEN')!.form.required).toEqual(expect.arrayContaining(['coach', 'coordinator']));
    const without = w.try('LEERROUTE_AFGESPROKEN', { ...route, coach: 'Ans', ...childcareChecks(def) });
    expect(without).toMatchObject({ ok: false, code: 'INVALID_FORM' });
    w.do('LEERROUTE_AFGESPROKEN', { ...route, coach: 'Ans', coordinator: 'Mieke', ...childcareChecks(def) });
    expect(w.s.context.data).toMatchObject({ coach: 'Ans', coordinator: 'Mieke' });
  });

  it('refuses to enrol with "nee" for keeping the benefit, and says what is needed', () => {
    for (const instroomroute of benefitRoutes) {
      const w = atIntake(def, { naam: 'Fatima', aanmelder: 'uwv', instroomroute }).do('MATCH', {
        taalniveau: 'b1',
        coach: 'Ans',
      });
      const enrol = { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' };
      const r = w.try('INGESCHREVEN', { ...enrol, behoudUitkering: false });
      expect(r, instroomroute).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
      if (!r.ok) expect(r.message.nl).toContain('Met behoud van uitkering is ja');
      w.do('INGESCHREVEN', { ...enrol, behoudUitkering: true });
      expect(w.state).toBe('wacht-op-start');
    }
  });
});

describe.each(students)('%s: capacity and the waiting list (3.1: a number of students at once)', (_site, def) => {
  const capacity = def.reports!.capacity!;
  const full = { places: capacity, taken: capacity, ahead: 0 };

  it('never enrols a student from the waiting list, on every path: the list holds a match not yet enrolled', () => {
    const waiting = places(def).filter((p) => inAny(p.state, ['wachtlijst']));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.filter((p) => p.data.inschrijfdatum !== undefined || p.data.taalniveau === undefined)).toEqual([]);
  }, 60_000);

  it('puts a match on a full site on the waiting list, and offers the first on it the place that frees up', () => {
    const w = atIntake(def, { naam: 'Kees', aanmelder: 'gilde', instroomroute: 'gilde' });
    w.place = full;
    w.do('MATCH', { taalniveau: 'b1' });
    expect(w.position).toMatchObject({ state: 'wachtlijst', done: false });
    expect(w.event('PLAATS_AANBIEDEN')).toMatchObject({
      allowed: false,
      blocked: 'rule',
      functions: ['coordinator'],
      reason: { nl: `Geen plaats vrij: ${capacity} van ${capacity} plaatsen bezet` },
    });
    // A place frees up, but one who waited longer is first.
    w.place = { places: capacity, taken: capacity - 1, ahead: 1 };
    const r = w.try('PLAATS_AANBIEDEN');
    expect(r).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!r.ok)
      expect(r.message.nl).toBe('De vrije plaats is eerst voor wie langer wacht (1 op de wachtlijst gaan voor)');
    w.place = { places: capacity, taken: capacity - 1, ahead: 0 };
    w.do('PLAATS_AANBIEDEN').do('INGESCHREVEN', {
      inschrijfdatum: '2026-09-01',
      niveau: '2',
      startmoment: 'september',
    });
    expect(w.state).toBe('wacht-op-start');
  });

  it('holds a place from enrolment, not on the waiting list, in the follow-up or in its own first steps', () => {
    // Venray's programme holds a place in its parallel step; the variants keep Venray's version 1
    // programme, one phase after the other, each of its steps holding one.
    const programme =
      def === venray
        ? ['opleiding.leerbedrijf', 'opleiding.overstap-werkgever']
        : ['opleiding.introductie', 'opleiding.welzijnsstage', 'opleiding.overstap-werkgever', 'opleiding.zorgstage'];
    expect(def.reports).toMatchObject({
      waitingIn: ['wachtlijst'],
      activeIn: ['inschrijving', 'wacht-op-start', ...programme, 'uitgepland', 'verlof'],
    });
    expect(def.reports!.activeIn).not.toContain('kennismaking');
  });
});

describe('capacity and the waiting list (3.1: 22 students and 80 clients at once)', () => {
  const full = { places: 22, taken: 22, ahead: 0 };

  it('lets a student on the waiting list withdraw, before enrolment (not a student leaving without a diploma)', () => {
    const w = atIntake(venray, { naam: 'Kees', aanmelder: 'gilde', instroomroute: 'gilde' });
    w.place = full;
    w.do('MATCH', { taalniveau: 'b1' }).do('UITSCHRIJVEN', { redenVertrek: 'Andere opleiding gevonden' });
    expect(w.position).toMatchObject({ state: 'afgemeld', outcome: 'afgemeld' });
  });

  it('sends a praktijkonderwijs pupil to their placement on a full site: they take none of the 22 places', () => {
    const w = atIntake(venray, { naam: 'Joep', aanmelder: 'praktijkonderwijs', instroomroute: 'praktijkonderwijs' });
    w.place = full;
    expect(w.do('MATCH', { taalniveau: 'b1' }).state).toBe('praktijkstage.plannen');
  });

  it('puts a client with a signed agreement on the waiting list when all 80 places are taken', () => {
    const w = visitedClient();
    w.place = { places: 80, taken: 80, ahead: 2 };
    w.do('OVEREENKOMST', clientAgreement);
    expect(w.state).toBe('wachtlijst');
    expect(w.event('PLAATS_AANBIEDEN')!.reason!.nl).toBe(
      'Geen plaats vrij: 80 van 80 plaatsen bezet, 2 op de wachtlijst',
    );
    w.place = { places: 80, taken: 79, ahead: 0 };
    w.do('PLAATS_AANBIEDEN').do('GEMATCHT', { student: 'student-1', dagdelen: ['ma-ochtend'], frequentie: '1' });
    expect(w.state).toBe('actief.loopt');
  });

  it('counts places from the step where a case takes one, and never on the waiting list', () => {
    expect(venray.reports).toMatchObject({ capacity: 22, minimum: 22, waitingIn: ['wachtlijst'] });
    expect(venray.reports!.activeIn).toEqual(expect.arrayContaining(['inschrijving', 'wacht-op-start', 'verlof']));
    expect(venray.reports!.activeIn).not.toContain('wachtlijst');
    expect(client.reports).toMatchObject({ capacity: 80, activeIn: ['matching', 'actief', 'gepauzeerd'] });
  });
});

/** A student's care placement (or the childcare variant's final placement) as each definition asks it. */
function placement(def: Definition, start: string) {
  const institution = def.fields.zorgstageInstelling;
  return {
    zorgstageInstelling: institution.options?.[0].value ?? 'Zorgcentrum De Wingerd',
    zorgstageStart: start,
    ...childcareChecks(def),
  };
}

/** Through the intake (on the way to B1 or at it) and enrolment to the learning route agreed, on 10 November 2026. */
function onTheRoute(def: Definition, taalniveau: string) {
  const w = atIntake(def, { naam: 'Kees', aanmelder: 'gilde', instroomroute: 'gilde' })
    .do('MATCH', { taalniveau, taalondersteuning: 'Taallessen bij Gilde, dinsdagmiddag' })
    .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
  w.wait(12).signPhase().wait(70);
  return w.do('LEERROUTE_AFGESPROKEN', {
    duur: '12',
    leerroute: 'Niveau 2 in een jaar',
    dagdelen: ['ma-ochtend'],
    coach: 'Ans',
    coordinator: 'Mieke',
    ...childcareChecks(def),
  });
}

describe.each(students)('%s: follow-up after leaving (chapter 5, "niet terug in de kaartenbakken")', (_site, def) => {
  it('follows up everyone who left with a diploma, on every path: nobody ends before the checks or leaves them out', () => {
    expect(def.reports?.followUp).toEqual(venray.reports!.followUp);
    const all = places(def);
    const left = all.filter((p) => p.data.uitstroom !== undefined && p.data.diplomaDatum !== undefined);
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((p) => !p.state.includes('nazorg')).map((p) => p.state.at(-1))).toEqual([]);
    const afterSix = all.filter((p) => inAny(p.state, ['nazorg.wacht-twaalf', 'nazorg.twaalf-maanden']));
    expect(afterSix.length).toBeGreaterThan(0);
    expect(afterSix.filter((p) => p.data.nazorgZes === undefined)).toEqual([]);
  });

  it('checks six and twelve months after the diploma, each the coördinator’s within four weeks, then ends with the diploma', () => {
    const w = onTheRoute(def, 'b1').signPhase().wait(150);
    w.do('ZORGSTAGE_STARTEN', placement(def, '2027-04-09')).do('STARTGESPREK_GEVOERD', {
      startgesprekDatum: '2027-04-09',
      zorgstageBegeleider: 'Petra Willems',
      tussenevaluatieGepland: '2027-05-21',
      eindevaluatieGepland: '2027-07-02',
    });
    w.signPhase().wait(92);
    w.do('DIPLOMA', { diplomaDatum: '2027-07-10' }).do('UITSTROOM_VASTLEGGEN', {
      uitstroom: 'werk',
      werkStart: '2027-08-01',
    });
    const time = () => caseTime(def, w.s, w.now);
    expect(w.position).toMatchObject({ state: 'nazorg.wacht-zes', done: false });
    // The start of 10 January 2028 in the site's time zone.
    expect(time().timers).toMatchObject([
      { label: { nl: 'Zes maanden na het diploma' }, dueAt: '2028-01-09T23:00:00.000Z' },
    ]);
    w.wait(183);
    expect(w.state).toBe('nazorg.zes-maanden');
    expect(w.event('NAZORG_ZES')).toMatchObject({ allowed: true, functions: ['coordinator'] });
    expect(time().deadlines).toMatchObject([
      { label: { nl: 'Nazorg na zes maanden' }, functions: ['coordinator'], dueAt: '2028-02-06T23:00:00.000Z' },
    ]);
    w.do('NAZORG_ZES', { nazorgZes: 'werk' });
    expect(time().timers).toMatchObject([{ dueAt: '2028-07-09T22:00:00.000Z' }]);
    w.wait(182);
    expect(w.state).toBe('nazorg.twaalf-maanden');
    w.do('NAZORG_TWAALF', { nazorgTwaalf: 'opleiding' });
    expect(w.position).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma', done: true });
  });
});

describe.each(students)('%s: language support (2.2, 4.8 "extra taalondersteuning")', (_site, def) => {
  const language = (w: Walk) => caseTime(def, w.s, w.now).deadlines.filter((d) => d.event === 'TAALNIVEAU_B1');

  it('admitted on the way to B1: the support agreed at the intake, B1 the docent’s, due until it is recorded', () => {
    const w = onTheRoute(def, 'op-weg-naar-b1');
    expect(w.s.context.data.taalondersteuning).toBe('Taallessen bij Gilde, dinsdagmiddag');
    expect(w.event('TAALNIVEAU_B1')).toMatchObject({ allowed: true, functions: ['docent'] });
    // Twelve months from 1 September 2026, less the last half year.
    expect(language(w)).toMatchObject([
      { label: { nl: 'Taalondersteuning: B1 behalen' }, functions: ['docent'], dueAt: '2027-02-28T23:00:00.000Z' },
    ]);
    w.wait(30).do('TAALNIVEAU_B1', { taalB1Datum: '2026-12-10' });
    expect(language(w)).toEqual([]);
  });

  it('at B1 from the intake: no language support, nothing due', () => {
    const w = onTheRoute(def, 'b1');
    expect(w.event('TAALNIVEAU_B1')).toMatchObject({ allowed: false, blocked: 'rule' });
    expect(language(w)).toEqual([]);
  });
});
