import { describe, expect, it } from 'vitest';
import {
  caseTime,
  checklistItems,
  migrateSnapshot,
  passedDeadlines,
  planCaseMigration,
  position,
  progress,
  signChecklistItem,
  startCase,
  suggestStateMap,
  takesClients,
  type Definition,
  type PersistedSnapshot,
} from '../engine';
import versionOne from '../test/support/student-traject-v1.json';
import { shippedWorkflows } from '.';
import { Walk } from './walk';

const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const day = 86_400_000;
const docent = { role: 'staff' as const, function: 'docent' as const, username: 'docent-anja' };

/** One student's case, from the docent's side, registered on `start`. */
class Student extends Walk {
  constructor(d: Definition, data: Record<string, unknown>, start = '2026-08-20') {
    super(d, data, docent, new Date(`${start}T09:00:00Z`));
  }
}

const ids = (scope: string) => checklistItems(def, scope).map((i) => i.id);
/** The walk's date, as a date field holds it. */
const today = (s: Walk) => s.now.toISOString().slice(0, 10);

/**
 * The follow-up after leaving with a diploma: six and twelve months after the diploma the
 * coördinator records where the former student is; then the case ends.
 */
function followUp(s: Walk, atSix: string, atTwelve: string) {
  const untilDue = () => {
    const [timer] = [...s.timers.values()];
    return s.wait(Math.max(0, Math.ceil((Date.parse(timer.due) - s.now.getTime()) / day)));
  };
  expect(s.state).toBe('nazorg.wacht-zes');
  untilDue();
  expect(s.state).toBe('nazorg.zes-maanden');
  s.do('NAZORG_ZES', { nazorgZes: atSix });
  expect(s.state).toBe('nazorg.wacht-twaalf');
  untilDue();
  expect(s.state).toBe('nazorg.twaalf-maanden');
  return s.do('NAZORG_TWAALF', { nazorgTwaalf: atTwelve });
}

function throughIntake(data: Record<string, unknown>) {
  return new Student(def, data)
    .do('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' })
    .wait(7)
    .do('MATCH', {
      taalniveau: 'op-weg-naar-b1',
      belemmeringen: ['jonge-kinderen', 'financieel'],
      ondersteuning: 'Lesrooster rond schooltijden van de kinderen; schuldhulp via de gemeente',
      coach: 'Ans',
      intakeVerslag: 'Wil graag in de zorg werken, heeft mantelzorg gedaan voor haar moeder.',
    });
}

/** Enrolled, ten weeks of introduction (the timer fires), duration and learning route agreed. */
function throughIntroduction(data: Record<string, unknown>, enrol: Record<string, unknown> = {}) {
  const st = throughIntake(data).do('INGESCHREVEN', {
    inschrijfdatum: '2026-09-01',
    niveau: '2',
    startmoment: 'september',
    ...enrol,
  });
  // Enrolled in August: the ten weeks count from the start moment, 1 September.
  expect(st.state).toBe('wacht-op-start');
  st.wait(5);
  expect(st.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
  expect(st.event('LEERROUTE_AFGESPROKEN')).toBeUndefined();
  st.signPhase().wait(69);
  expect(st.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
  st.wait(1);
  expect(st.state).toBe('opleiding.leerbedrijf.school.introductie.vaststellen');
  expect(st.position.label.nl).toBe(
    'Opleiding Helpende zorg en welzijn › Bij het WijkLeerbedrijf › Onderwijs en stages › Introductieprogramma › Duur en leerroute vaststellen',
  );
  return st.do('LEERROUTE_AFGESPROKEN', {
    duur: '18',
    leerroute: 'Niveau 2 in 18 maanden; zorgstage in het laatste halfjaar',
    dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
    coach: 'Ans',
    coordinator: 'Mieke',
  });
}

/** A bijstand student enrolled in August, on the day the programme starts (1 September). */
const enrolledOnBenefit = () =>
  throughIntake({ naam: 'Fatima El Amrani', aanmelder: 'gemeente-venray', instroomroute: 'bijstand' })
    .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september', behoudUitkering: true })
    .wait(5);

describe('student-traject: the regular route (bijstand, with benefit)', () => {
  it('walks from registration to a diploma and work, with a pause to catch up, and no diploma while a signature is missing', () => {
    const st = throughIntake({
      naam: 'Fatima El Amrani',
      aanmelder: 'gemeente-venray',
      instroomroute: 'bijstand',
      geboortedatum: '1988-03-14',
    });
    expect(st.state).toBe('inschrijving');
    // Bijstand keeps the benefit, and it must be recorded at enrolment.
    const noBenefit = st.try('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
    expect(noBenefit).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!noBenefit.ok) expect(noBenefit.message.nl).toContain('Met behoud van uitkering is ja');

    const s = throughIntroduction(
      { naam: 'Fatima El Amrani', aanmelder: 'gemeente-venray', instroomroute: 'bijstand' },
      { behoudUitkering: true },
    );
    expect(s.s.context.data).toMatchObject({
      behoudUitkering: true,
      duur: '18',
      dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
    });
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    s.do('KLANTEN_BIJWERKEN', { welzijnsstageKlanten: ['klant-12', 'klant-31', 'klant-40'] });

    // Falling behind: an inhaalplan, the placement paused, then resumed where she was.
    s.wait(60).do('INHAALPLAN_VASTLEGGEN', {
      inhaalplan: 'Twee middagen geen stage; opdrachten module 3 af voor 1 maart',
    });
    s.do('UITPLANNEN', { inhaalplan: 'Twee weken uitgepland voor de opdrachten van module 3' });
    expect(s.state).toBe('uitgepland');
    s.wait(14).do('HERVATTEN', { hervatDatum: '2027-01-18' });
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    expect(s.s.context.data.welzijnsstageKlanten).toEqual(['klant-12', 'klant-31', 'klant-40']);
    s.signPhase();

    // The 16-week timer of the welfare placement is for WW students only: it changes nothing here.
    s.wait(120);
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');

    const other = s.try('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'anders', zorgstageStart: today(s) });
    expect(other).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    s.do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today(s) });
    expect(s.state).toBe('opleiding.leerbedrijf.school.zorgstage.startgesprek');
    // The start conversation with the supervisor plans the evaluation moments (report 3.4).
    s.do('STARTGESPREK_GEVOERD', {
      startgesprekDatum: today(s),
      zorgstageBegeleider: 'Petra Willems (Proteion)',
      tussenevaluatieGepland: '2027-10-01',
      eindevaluatieGepland: '2027-11-26',
    });
    // Each evaluation moment is due at the start of its planned day in Venray (the evening before in UTC).
    const due = () => caseTime(def, s.s, s.now).deadlines.map((d) => [d.label.nl, d.dueAt.slice(0, 10)]);
    expect(due()).toContainEqual(['Tussenevaluatie', '2027-09-30']);
    s.wait(30).do('ZORGSTAGE_EVALUEREN', { zorgstageEvaluatie: 'Werkt zorgvuldig, mag zelfstandiger' });
    expect(s.state).toBe('opleiding.leerbedrijf.school.zorgstage.eindfase');
    expect(due()).toContainEqual(['Eindevaluatie', '2027-11-25']);
    expect(due().map(([label]) => label)).not.toContain('Tussenevaluatie');

    // Pausing inside the care placement comes back to the exact sub-step (deep history).
    s.do('UITPLANNEN', { inhaalplan: 'Een week voor het examen' })
      .wait(7)
      .do('HERVATTEN', { hervatDatum: '2027-10-10' });
    expect(s.state).toBe('opleiding.leerbedrijf.school.zorgstage.eindfase');
    // Each evaluation moment keeps its own record; the warm transfer to work is prepared.
    s.wait(40).do('EINDEVALUATIE', { eindevaluatie: 'Zelfstandig; klaar voor werk bij Proteion' });
    expect(s.s.context.data).toMatchObject({
      zorgstageEvaluatie: 'Werkt zorgvuldig, mag zelfstandiger',
      eindevaluatie: 'Zelfstandig; klaar voor werk bij Proteion',
    });
    s.do('WARME_OVERDRACHT', {
      vacature: 'Helpende in de thuiszorg, Proteion',
      overdrachtsgesprekDatum: today(s),
    });
    // The care placement runs at least three months before the diploma.
    s.wait(20);

    // Everything signed but one item: the diploma stays closed and says which one.
    const zorg = ids('zorgstage');
    s.sign(...zorg.slice(0, -1));
    const diploma = s.event('DIPLOMA')!;
    expect(diploma.allowed).toBe(false);
    expect(diploma.reason?.nl).toBe('Nog niet afgetekend (1): Examens bij Gilde behaald');
    expect(diploma.reason?.en).toBe('Not signed yet (1): Exams at Gilde passed');
    expect(s.try('DIPLOMA', { diplomaDatum: '2028-02-20' })).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    s.sign(zorg.at(-1)!);
    expect(s.s.context.checklist[zorg.at(-1)!]).toEqual({ by: 'docent-anja', at: s.now.toISOString() });
    expect(s.event('DIPLOMA')!.allowed).toBe(true);
    s.do('DIPLOMA', { diplomaDatum: '2028-02-20' });
    expect(s.state).toBe('diploma');
    s.do('UITSTROOM_VASTLEGGEN', { uitstroom: 'werk', uitstroomNaar: 'Proteion', werkStart: '2028-03-01' });
    followUp(s, 'werk', 'werk');
    expect(s.position).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma', done: true });
  });

  it('an unsigned item of an earlier phase still blocks the diploma', () => {
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gemeente-venray', instroomroute: 'gilde' });
    s.sign(...ids('welzijnsstage').filter((i) => i !== 'welzijn-praktijkbeoordeling'));
    s.do('ZORGSTAGE_STARTEN', {
      zorgstageInstelling: 'anders',
      zorgstageInstellingAnders: 'Huisartsenpraktijk De Linde',
      zorgstageStart: today(s),
    });
    s.sign(...ids('zorgstage')).wait(92);
    expect(s.event('DIPLOMA')).toMatchObject({
      allowed: false,
      reason: { nl: 'Nog niet afgetekend (1): Praktijkbeoordeling welzijnsstage voldoende' },
    });
  });

  it('only a staff member or higher may sign, and a signature can be taken back', () => {
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' });
    for (const item of checklistItems(def, '*')) expect(item.roles).toEqual(['staff']);
    s.sign('welzijn-activiteitenplan');
    const undo = signChecklistItem(def, s.s, { item: 'welzijn-activiteitenplan', signed: false }, docent, s.now);
    expect(undo.ok && undo.snapshot.context.checklist['welzijn-activiteitenplan']).toBeUndefined();
  });
});

describe('student-traject: who may (report 3.3)', () => {
  const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'coordinator-petra' };

  it('keeps every item of the sign-off list (the portfolio and the exams) and the diploma to the docent', () => {
    for (const item of checklistItems(def, '*')) expect([item.id, item.restrictedTo]).toEqual([item.id, ['docent']]);
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' });
    const byCoordinator = signChecklistItem(
      def,
      s.s,
      { item: 'welzijn-activiteitenplan', signed: true },
      coordinator,
      s.now,
    );
    expect(byCoordinator).toMatchObject({
      ok: false,
      code: 'FUNCTION_NOT_ALLOWED',
      message: { nl: 'Alleen een docent of projectleider mag dit aftekenen (je bent coördinator)' },
    });
    const noFunction = { role: 'staff' as const, username: 'invaller' };
    expect(
      signChecklistItem(def, s.s, { item: 'welzijn-activiteitenplan', signed: true }, noFunction, s.now),
    ).toMatchObject({
      code: 'FUNCTION_NOT_ALLOWED',
    });
    const lead = { role: 'manager' as const, username: 'projectleider' };
    expect(signChecklistItem(def, s.s, { item: 'welzijn-activiteitenplan', signed: true }, lead, s.now).ok).toBe(true);
  });

  it('lets the docent award the diploma, not the coördinator; the rest of the route is open to both', () => {
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' });
    s.sign(...ids('welzijnsstage'));
    // Begun half a year ago: the placement has run long enough for the diploma.
    const begun = new Date(s.now.getTime() - 180 * 86_400_000).toISOString().slice(0, 10);
    s.do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: begun });
    s.sign(...ids('zorgstage'), ...ids('introductie'));
    const kees = { naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' };
    const asCoordinator = Object.assign(new Walk(def, kees, coordinator, s.now), { s: s.s });
    expect(asCoordinator.event('DIPLOMA')).toMatchObject({
      allowed: false,
      blocked: 'function',
      functions: ['docent'],
    });
    expect(asCoordinator.try('DIPLOMA', { diplomaDatum: '2027-12-01' })).toMatchObject({
      ok: false,
      code: 'FUNCTION_NOT_ALLOWED',
      message: { nl: 'Alleen een docent of projectleider mag dit doen (je bent coördinator)' },
    });
    // Routed to the coördinator, open to anyone: the start conversation of the care placement.
    expect(asCoordinator.event('STARTGESPREK_GEVOERD')).toMatchObject({ allowed: true, functions: ['coordinator'] });
    expect(s.event('DIPLOMA')).toMatchObject({ allowed: true, ends: false });
    expect(s.event('UITSCHRIJVEN')).toMatchObject({ ends: true });
  });
});

describe('student-traject: WW', () => {
  it('does half a year of practice at the site, then finishes in a paid job at the employer', () => {
    const s = throughIntroduction({ naam: 'Marco Janssen', aanmelder: 'uwv', instroomroute: 'ww' });
    expect(s.s.context.data.behoudUitkering).toBeUndefined();
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    // No care placement for WW: the practice continues at the employer.
    const zorg = s.try('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today(s) });
    expect(zorg).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!zorg.ok) expect(zorg.message.nl).toContain("Instroomroute is niet 'WW'");
    s.signPhase().wait(16 * 7);
    // Ten weeks of introduction and sixteen of placement: half a year, and the move is on the worklist.
    expect(s.state).toBe('opleiding.overstap-werkgever');
    s.do('NAAR_WERKGEVER', { werkgever: 'De Zorggroep', diplomaGarantie: true, werkgeverStart: '2027-03-01' });
    expect(s.state).toBe('opleiding.werkgever');
    expect(s.event('DIPLOMA')).toMatchObject({
      allowed: false,
      reason: { nl: expect.stringContaining('Nog niet afgetekend (3): Praktijkdeel bij de werkgever afgerond') },
    });
    s.wait(200)
      .signPhase()
      .do('DIPLOMA', { diplomaDatum: '2027-09-30' })
      .do('UITSTROOM_VASTLEGGEN', { uitstroom: 'werk', uitstroomNaar: 'De Zorggroep' });
    followUp(s, 'werk', 'werk');
    expect(s.position).toMatchObject({ outcome: 'diploma', done: true });
    expect(s.s.context.data).toMatchObject({ uitstroom: 'werk', werkgever: 'De Zorggroep' });
  });
});

describe('student-traject: the help in the wijk beside the school (3.1 Stage, 3.2 Diensten)', () => {
  const school = (step: string) => `opleiding.leerbedrijf.school.${step}`;
  const wijk = (step: string) => `opleiding.leerbedrijf.wijk.${step}`;
  const helps = (st: Walk) => takesClients(def, st.position.active);

  it('takes clients from the agreed route through the care placement, and both regions come back after a pause and a leave', () => {
    const s = enrolledOnBenefit();
    // The first ten weeks: lessons, portfolio and workshops, no clients of one's own yet.
    expect(s.position.active).toEqual([school('introductie.lopend'), wijk('voorbereiding')]);
    expect(helps(s)).toBe(false);
    s.signPhase().wait(70);
    expect(s.position.active).toEqual([school('introductie.vaststellen'), wijk('voorbereiding')]);
    expect(helps(s)).toBe(false);
    s.do('LEERROUTE_AFGESPROKEN', {
      duur: '12',
      leerroute: 'Niveau 2 in een jaar',
      dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    expect(s.position.active).toEqual([school('welzijnsstage'), wijk('helpt')]);
    expect(helps(s)).toBe(true);
    s.do('KLANTEN_BIJWERKEN', { welzijnsstageKlanten: ['klant-riet'] });
    expect(s.position.active).toEqual([school('welzijnsstage'), wijk('helpt')]);

    s.signPhase()
      .wait(60)
      .do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today(s) });
    // The care placement in the last months, and the three half-days in the wijk go on beside it.
    expect(s.position.active).toEqual([school('zorgstage.startgesprek'), wijk('helpt')]);
    expect(helps(s)).toBe(true);
    expect(s.event('KLANTEN_BIJWERKEN')).toMatchObject({ allowed: true });

    s.do('UITPLANNEN', { inhaalplan: 'Twee middagen opdrachten' });
    expect(s.position.active).toEqual(['uitgepland']);
    expect(helps(s)).toBe(false);
    s.wait(14).do('HERVATTEN', { hervatDatum: today(s) });
    expect(s.position.active).toEqual([school('zorgstage.startgesprek'), wijk('helpt')]);
    s.do('VERLOF_STARTEN', { verlofReden: 'Ziekte' }).wait(7).do('VERLOF_BEEINDIGEN');
    expect(s.position.active).toEqual([school('zorgstage.startgesprek'), wijk('helpt')]);

    s.do('STARTGESPREK_GEVOERD', {
      startgesprekDatum: today(s),
      zorgstageBegeleider: 'Petra Willems',
      tussenevaluatieGepland: today(s),
      eindevaluatieGepland: today(s),
    })
      .wait(100)
      .signPhase()
      .do('DIPLOMA', { diplomaDatum: today(s) });
    // The diploma ends both: the help in the wijk runs until the diploma.
    expect(s.position.active).toEqual(['diploma']);
  });

  it('WW: the help in the wijk ends with the half year, and leaving ends both regions', () => {
    const s = throughIntroduction({ naam: 'Marco Janssen', aanmelder: 'uwv', instroomroute: 'ww' });
    expect(helps(s)).toBe(true);
    s.signPhase().wait(16 * 7 - 1);
    expect(helps(s)).toBe(true);
    s.wait(1);
    expect(s.position.active).toEqual(['opleiding.overstap-werkgever']);
    expect(helps(s)).toBe(false);

    const left = throughIntroduction({ naam: 'Kim Vos', aanmelder: 'uwv', instroomroute: 'gilde' }).do('UITSCHRIJVEN', {
      redenVertrek: 'Verhuisd',
      uitstroom: 'geen',
    });
    expect(left.position).toMatchObject({ active: ['zonder-diploma'], outcome: 'zonder-diploma', done: true });
  });
});

describe('student-traject: running cases of version 1, one phase after the other', () => {
  const v1 = versionOne as unknown as Definition;
  const at = new Date('2027-01-15T09:00:00Z');
  /** A case of version 1 in one of its steps, with the data that step has by then. */
  const onVersionOne = (state: string, data: Record<string, unknown>): PersistedSnapshot => {
    const r = startCase(v1, { naam: 'Oud', aanmelder: 'uwv', instroomroute: data.instroomroute ?? 'gilde' }, at);
    if (!r.ok) throw new Error(r.message.en);
    const keys = state.split('.');
    const value = keys.slice(0, -1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), keys.at(-1));
    return { ...r.snapshot, value: value as PersistedSnapshot['value'], context: { ...r.snapshot.context, data } };
  };

  it('maps the welfare placement onto the school region, and the help in the wijk goes on beside it', () => {
    const map = suggestStateMap(v1, def);
    expect(map).toMatchObject({
      'opleiding.introductie.lopend': 'opleiding.leerbedrijf.school.introductie.lopend',
      'opleiding.welzijnsstage': 'opleiding.leerbedrijf.school.welzijnsstage',
      'opleiding.zorgstage.loopt': 'opleiding.leerbedrijf.school.zorgstage.loopt',
      'opleiding.werkgever': 'opleiding.werkgever',
    });
    const enrolled = { naam: 'Oud', aanmelder: 'uwv', instroomroute: 'gilde' };
    const agreed = { ...enrolled, leerroute: 'Niveau 2', dagdelen: ['ma-ochtend'] };
    const plan = planCaseMigration(v1, def, onVersionOne('opleiding.welzijnsstage', agreed), map);
    expect(plan.to).toEqual(['opleiding.leerbedrijf.school.welzijnsstage', 'opleiding.leerbedrijf.wijk.helpt']);
    expect(plan.problems).toMatchObject([{ path: 'stateMap.opleiding.leerbedrijf.wijk', severity: 'warning' }]);
    expect(plan.problems[0].message.nl).toContain(
      "de casus begint daar bij 'Opleiding Helpende zorg en welzijn › Bij het WijkLeerbedrijf › Hulp in de wijk › Welzijnsstage in de wijk'",
    );
    const moved = migrateSnapshot(def, onVersionOne('opleiding.welzijnsstage', agreed), plan.to!, at);
    expect(position(def, moved.snapshot).active).toEqual(plan.to);
    expect(takesClients(def, position(def, moved.snapshot).active)).toBe(true);

    // Still in the introduction: no route agreed, so the wijk waits with it.
    const intro = planCaseMigration(v1, def, onVersionOne('opleiding.introductie.lopend', enrolled), map);
    expect(intro.to).toEqual([
      'opleiding.leerbedrijf.school.introductie.lopend',
      'opleiding.leerbedrijf.wijk.voorbereiding',
    ]);
    // A WW student at the employer stays outside the parallel step: nothing to start beside it.
    const ww = planCaseMigration(v1, def, onVersionOne('opleiding.werkgever', { ...agreed, instroomroute: 'ww' }), map);
    expect(ww).toMatchObject({ to: ['opleiding.werkgever'], problems: [] });
  });
});

describe('student-traject: Wajong and WIA keep their benefit', () => {
  it.each(['wajong', 'wia'])('%s: recorded at enrolment, then the regular route', (route) => {
    const s = throughIntroduction(
      { naam: 'Lotte Hendriks', aanmelder: 'uwv', instroomroute: route },
      { behoudUitkering: true },
    );
    expect(s.s.context.data).toMatchObject({ instroomroute: route, behoudUitkering: true });
    s.signPhase()
      .wait(300)
      .do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'met-ggz', zorgstageStart: today(s) })
      .do('STARTGESPREK_GEVOERD', {
        startgesprekDatum: '2027-08-01',
        zorgstageBegeleider: 'Petra Willems',
        tussenevaluatieGepland: '2027-08-01',
        eindevaluatieGepland: '2027-08-01',
      });
    s.signPhase()
      .wait(92)
      .do('DIPLOMA', { diplomaDatum: '2028-01-31' })
      .do('UITSTROOM_VASTLEGGEN', { uitstroom: 'vervolgopleiding-3', uitstroomNaar: 'Gilde, Verzorgende IG' });
    followUp(s, 'opleiding', 'opleiding');
    expect(s.position.outcome).toBe('diploma');
  });
});

describe('student-traject: praktijkonderwijs', () => {
  it('does a placement only, no enrolment, and ends with its own outcome', () => {
    const s = throughIntake({
      naam: 'Daan Verbeek',
      aanmelder: 'praktijkonderwijs',
      instroomroute: 'praktijkonderwijs',
    });
    expect(s.state).toBe('praktijkstage.plannen');
    expect(s.event('INGESCHREVEN')).toBeUndefined();
    s.do('STAGE_STARTEN', { stageStart: '2026-09-15', dagdelen: ['di-ochtend', 'do-middag'] }).wait(120);
    s.do('STAGE_AFRONDEN', {
      stageResultaat: 'Goed meegedraaid; wil verder in de zorg',
      uitstroom: 'vervolgopleiding-2',
    });
    expect(s.position).toMatchObject({ state: 'stage-afgerond', outcome: 'stage-afgerond', done: true });
  });

  it('a placement that stops early is not counted as a student without a diploma', () => {
    const s = throughIntake({
      naam: 'Daan Verbeek',
      aanmelder: 'praktijkonderwijs',
      instroomroute: 'praktijkonderwijs',
    });
    expect(s.event('UITSCHRIJVEN')!.label.nl).toBe('Stage voortijdig beëindigen');
    s.do('UITSCHRIJVEN', { redenVertrek: 'Werk gevonden via school' });
    expect(s.position.outcome).toBe('stage-afgebroken');
  });
});

describe('student-traject: not starting, or leaving without a diploma', () => {
  it('a Dutch level below the way to B1 is no match; the reason is recorded', () => {
    const s = new Student(def, { naam: 'Olena Koval', aanmelder: 'gemeente-venray', instroomroute: 'bijstand' }).do(
      'INTAKE_PLANNEN',
      { intakeDatum: '2026-09-03' },
    );
    const r = s.try('MATCH', { taalniveau: 'onder-b1', coach: 'Ans' });
    expect(r).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    s.do('GEEN_MATCH', {
      redenAfwijzing: 'Eerst taalcursus; over een halfjaar opnieuw aanmelden',
      taalniveau: 'onder-b1',
    });
    expect(s.position).toMatchObject({ state: 'afgewezen', outcome: 'afgewezen-bij-intake', done: true });
  });

  it('withdrawing before the start is recorded as such, not as leaving without a diploma', () => {
    const s = new Student(def, { naam: 'Ruud Smits', aanmelder: 'uwv', instroomroute: 'ww' });
    s.do('UITSCHRIJVEN', { redenVertrek: 'Toch een baan gevonden' });
    expect(s.position.outcome).toBe('afgemeld');
  });

  it.each([
    ['in the introduction', (s: Student) => s],
    ['while paused', (s: Student) => s.do('UITPLANNEN', { inhaalplan: 'Rust nemen' })],
    [
      'in the care placement',
      (s: Student) => s.do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'synthese', zorgstageStart: today(s) }),
    ],
  ] as const)('leaves without a diploma %s, with a reason', (_when, to) => {
    let s = throughIntake({ naam: 'Sem Willems', aanmelder: 'gilde', instroomroute: 'gilde' })
      .do('INGESCHREVEN', {
        inschrijfdatum: '2026-09-01',
        niveau: '1',
        startmoment: 'september',
      })
      .wait(5);
    if (_when !== 'in the introduction')
      s = s.wait(70).do('LEERROUTE_AFGESPROKEN', {
        duur: '12',
        leerroute: 'Niveau 1',
        dagdelen: ['ma-ochtend'],
        coach: 'Ans',
        coordinator: 'Mieke',
      });
    to(s);
    expect(s.try('UITSCHRIJVEN', {})).toMatchObject({ ok: false, code: 'INVALID_FORM' });
    s.do('UITSCHRIJVEN', { redenVertrek: 'Psychische klachten; stopt op advies van de huisarts', uitstroom: 'geen' });
    expect(s.position).toMatchObject({ state: 'zonder-diploma', outcome: 'zonder-diploma', done: true });
    expect(s.s.context.data.redenVertrek).toContain('huisarts');
  });

  it('after the diploma, leaving ends with the diploma and the outflow', () => {
    const s = throughIntroduction({ naam: 'Ilse Geurts', aanmelder: 'gilde', instroomroute: 'gilde' });
    s.signPhase()
      .do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'vincent-van-gogh', zorgstageStart: today(s) })
      .signPhase()
      .wait(92)
      .do('DIPLOMA', { diplomaDatum: '2027-12-01' });
    expect(s.event('UITSCHRIJVEN')!.label.nl).toBe('Uitschrijven met diploma');
    s.do('UITSCHRIJVEN', { uitstroom: 'geen', redenVertrek: 'Verhuist naar het buitenland' });
    // Left with a diploma: the follow-up starts, and ends early when there is nobody to ask.
    expect(s.state).toBe('nazorg.wacht-zes');
    expect(s.event('UITSCHRIJVEN')!.label.nl).toBe('Nazorg beëindigen');
    s.do('UITSCHRIJVEN', { nazorgToelichting: 'Woont in het buitenland' });
    expect(s.position).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma', done: true });
  });
});

/** To the diploma on the regular route, enrolled on 1 September 2026 for 18 months. */
function toDiploma(taalniveau = 'op-weg-naar-b1') {
  const s = new Student(def, { naam: 'Ilse Geurts', aanmelder: 'gilde', instroomroute: 'gilde' })
    .do('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' })
    .wait(7)
    .do('MATCH', { taalniveau, taalondersteuning: 'Taallessen bij Gilde, dinsdagmiddag' })
    .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' })
    .wait(5)
    .signPhase()
    .wait(70)
    .do('LEERROUTE_AFGESPROKEN', {
      duur: '18',
      leerroute: 'Niveau 2',
      dagdelen: ['ma-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
  return s;
}

describe('student-traject: follow-up after leaving (chapter 5, "niet terug in de kaartenbakken")', () => {
  const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'coordinator-petra' };
  const time = (s: Walk) => caseTime(def, s.s, s.now);

  it('waits six and twelve months from the diploma, each check the coördinator’s, then ends with the diploma', () => {
    const s = toDiploma('b1').signPhase().wait(360);
    s.do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today(s) })
      .signPhase()
      .wait(107);
    expect(today(s)).toBe('2028-02-20');
    s.do('DIPLOMA', { diplomaDatum: '2028-02-20' }).do('UITSTROOM_VASTLEGGEN', {
      uitstroom: 'werk',
      uitstroomNaar: 'Proteion',
      werkStart: '2028-03-01',
    });
    // Left, not ended: the step waits for its timer (nothing to do yet) and the outcome is not final.
    expect(s.position).toMatchObject({ state: 'nazorg.wacht-zes', done: false });
    expect(s.event('NAZORG_ZES')).toBeUndefined();
    expect(time(s).timers).toMatchObject([
      {
        label: { nl: 'Zes maanden na het diploma' },
        // The start of 20 August in Venray.
        dueAt: '2028-08-19T22:00:00.000Z',
        text: { nl: expect.stringContaining('20 augustus 2028') },
      },
    ]);
    s.wait(180);
    expect(s.state).toBe('nazorg.wacht-zes');
    s.wait(2);
    expect(s.state).toBe('nazorg.zes-maanden');
    expect(s.event('NAZORG_ZES')).toMatchObject({ allowed: true, functions: ['coordinator'] });
    expect(time(s).deadlines).toMatchObject([
      { label: { nl: 'Nazorg na zes maanden' }, functions: ['coordinator'], dueAt: '2028-09-16T22:00:00.000Z' },
    ]);
    // Three weeks late: the twelve months still count from the diploma, not from this check.
    s.wait(21);
    const ilse = { naam: 'Ilse Geurts', aanmelder: 'gilde', instroomroute: 'gilde' };
    const asCoordinator = Object.assign(new Walk(def, ilse, coordinator, s.now), { s: s.s });
    expect(asCoordinator.try('NAZORG_ZES', { nazorgZes: 'werk' }).ok).toBe(true);
    s.do('NAZORG_ZES', { nazorgZes: 'werk', nazorgToelichting: 'Vast contract bij Proteion' });
    expect(s.state).toBe('nazorg.wacht-twaalf');
    expect(time(s).timers).toMatchObject([{ dueAt: '2029-02-19T23:00:00.000Z' }]);
    s.wait(162);
    expect(s.state).toBe('nazorg.wacht-twaalf');
    s.wait(1);
    expect(s.state).toBe('nazorg.twaalf-maanden');
    s.do('NAZORG_TWAALF', { nazorgTwaalf: 'uitkering' });
    expect(s.position).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma', done: true });
    expect(s.s.context.data).toMatchObject({ uitstroom: 'werk', nazorgZes: 'werk', nazorgTwaalf: 'uitkering' });
  });

  it('asks where the former student is at each moment: work, education, back on benefits, neither, not reached', () => {
    const field = def.fields.nazorgZes;
    expect(field.options!.map((o) => o.value)).toEqual(['werk', 'opleiding', 'uitkering', 'anders', 'niet-bereikt']);
    expect(def.fields.nazorgTwaalf.options).toEqual(field.options);
    // Whether someone is back on benefits is personal data.
    expect([field.personal, def.fields.nazorgTwaalf.personal]).toEqual([true, true]);
    expect(def.reports?.followUp).toEqual({
      activeIn: ['nazorg'],
      outcome: 'diploma',
      moments: ['nazorgZes', 'nazorgTwaalf'],
      lasting: ['werk', 'opleiding'],
      returned: ['uitkering'],
    });
  });
});

describe('student-traject: language support (4.8, "extra taalondersteuning")', () => {
  const time = (s: Walk) => caseTime(def, s.s, s.now);
  const language = (s: Walk) => time(s).deadlines.filter((d) => d.event === 'TAALNIVEAU_B1');

  it('admitted on the way to B1: the language support is the docent’s, due before the last half year until B1 is recorded', () => {
    const s = toDiploma();
    expect(s.s.context.data.taalondersteuning).toBe('Taallessen bij Gilde, dinsdagmiddag');
    expect(s.event('TAALNIVEAU_B1')).toMatchObject({ allowed: true, functions: ['docent'] });
    expect(language(s)).toMatchObject([
      {
        label: { nl: 'Taalondersteuning: B1 behalen', en: 'Language support: reach B1' },
        functions: ['docent'],
        dueAt: '2027-08-31T22:00:00.000Z',
        overdue: false,
      },
    ]);
    s.wait(200);
    s.do('TAALNIVEAU_B1', { taalB1Datum: today(s) });
    expect(s.s.context.data).toMatchObject({ taalniveau: 'op-weg-naar-b1', taalB1Datum: today(s) });
    expect(language(s)).toEqual([]);
    // Recorded: nothing more is due, also once the date has passed.
    s.wait(200);
    expect(language(s)).toEqual([]);
  });

  it('at B1 from the intake: no language support, nothing due', () => {
    const s = toDiploma('b1');
    expect(s.event('TAALNIVEAU_B1')).toMatchObject({ allowed: false, blocked: 'rule' });
    expect(language(s)).toEqual([]);
  });
});

describe('student-traject: time', () => {
  const time = (s: Walk) => caseTime(def, s.s, s.now);

  it('WW: 15 weeks of placement, 2 weeks uitgepland, then resumed: the half year ends after the 16th week of placement', () => {
    const s = throughIntroduction({ naam: 'Marco Janssen', aanmelder: 'uwv', instroomroute: 'ww' });
    s.wait(15 * 7).do('UITPLANNEN', { inhaalplan: 'Twee weken opdrachten inhalen' });
    expect(s.state).toBe('uitgepland');
    expect(time(s).timers).toMatchObject([
      {
        paused: true,
        remaining: 7 * day,
        text: {
          nl: 'Half jaar praktijk voorbij (WW): gepauzeerd, nog 7 dagen',
          en: 'Half a year of practice passed (WW): paused, 7 days left',
        },
      },
    ]);
    s.wait(14).do('HERVATTEN', { hervatDatum: today(s) });
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    expect(time(s).timers).toMatchObject([{ paused: false, remaining: 7 * day }]);
    s.wait(6);
    expect(s.state).toBe('opleiding.leerbedrijf.school.welzijnsstage');
    s.wait(1);
    expect(s.state).toBe('opleiding.overstap-werkgever');
  });

  it('enrolled in November: waits for the February start, and the ten weeks count from there', () => {
    const s = new Student(def, { naam: 'Noor Bakker', aanmelder: 'gilde', instroomroute: 'gilde' }, '2026-11-02')
      .do('INTAKE_PLANNEN', { intakeDatum: '2026-11-05' })
      .wait(7)
      .do('MATCH', { taalniveau: 'b1', coach: 'Ans' })
      .do('INGESCHREVEN', { inschrijfdatum: '2026-11-16', niveau: '2', startmoment: 'februari' });
    expect(s.state).toBe('wacht-op-start');
    expect(s.event('LEERROUTE_AFGESPROKEN')).toBeUndefined();
    expect(time(s).timers.map((t) => t.text.nl)).toEqual(['Startmoment op 1 februari 2027, nog 12 weken']);
    s.wait(83);
    expect(s.state).toBe('wacht-op-start');
    s.wait(1);
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
    expect(time(s).timers.map((t) => t.text.nl)).toEqual(['Tien weken voorbij op 12 april 2027, nog 10 weken']);
    s.signPhase().wait(69);
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
    s.wait(1);
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.vaststellen');
    expect(time(s).deadlines).toMatchObject([
      {
        label: { nl: 'Duur en leerroute vaststellen' },
        functions: ['docent'],
        overdue: false,
        text: { nl: 'Duur en leerroute vaststellen: uiterlijk 26 april 2027, nog 13 dagen' },
      },
    ]);
  });

  it('warns the docent when the care placement has not started six months before the planned end', () => {
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' });
    // 18 months from 1 September 2026.
    expect(s.s.context.data.geplandEinde).toBe('2028-03-01');
    const [deadline] = time(s).deadlines;
    expect(deadline).toMatchObject({
      id: 'deadline:opleiding.leerbedrijf.school.welzijnsstage:ZORGSTAGE_STARTEN',
      label: { nl: 'Zorgstage starten', en: 'Start care placement' },
      dueAt: '2027-08-31T22:00:00.000Z',
      functions: ['docent'],
      overdue: false,
      text: { nl: 'Zorgstage starten: uiterlijk 1 september 2027, nog 10 maanden' },
    });
    const before = s.now;
    s.wait(300);
    expect(time(s).deadlines[0]).toMatchObject({ overdue: true, text: { nl: expect.stringMatching(/te laat$/) } });
    // On the way to B1 at the intake: the language support is due by the same day.
    const language = 'deadline:opleiding:TAALNIVEAU_B1';
    expect(passedDeadlines(def, s.s, before, s.now).map((d) => d.id)).toEqual([deadline.id, language]);
    s.do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: today(s) });
    expect(time(s).deadlines.map((d) => d.id)).toEqual([language]);

    // A WW student does not do the care placement, and gets no such deadline.
    const ww = throughIntroduction({ naam: 'Marco Janssen', aanmelder: 'uwv', instroomroute: 'ww' });
    expect(time(ww).deadlines.map((d) => d.id)).toEqual([language]);
  });

  it('the diploma asks for three months of care placement, and says so', () => {
    const s = throughIntroduction({ naam: 'Ilse Geurts', aanmelder: 'gilde', instroomroute: 'gilde' });
    s.signPhase().do('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'vincent-van-gogh', zorgstageStart: today(s) });
    s.signPhase().wait(30);
    expect(s.event('DIPLOMA')).toMatchObject({
      allowed: false,
      reason: {
        nl: 'Nodig: minstens 3 maanden sinds Zorgstage begint op (nu: 30 dagen)',
        en: 'Required: at least 3 months since Care placement starts on (now: 30 days)',
      },
    });
    s.wait(62);
    expect(s.event('DIPLOMA')!.allowed).toBe(true);
  });

  it('re-plans the duration with a reason: the planned end, the deadline and "behind" follow', () => {
    const s = throughIntroduction({ naam: 'Kees Peeters', aanmelder: 'gilde', instroomroute: 'gilde' });
    // A year in, five of thirteen items signed: behind an 18-month plan, not behind a 24-month one.
    const yearIn = new Date('2027-09-01T00:00:00Z');
    expect(progress(def, s.s, yearIn)).toMatchObject({ plannedEnd: '2028-03-01', behind: true });
    const r = s.try('DUUR_WIJZIGEN', { duur: '24', duurReden: 'Meer tijd nodig voor de taal; schema bijgesteld' });
    expect(r).toMatchObject({ ok: true, values: { duur: '24', duurReden: expect.stringContaining('schema') } });
    s.do('DUUR_WIJZIGEN', { duur: '24', duurReden: 'Meer tijd nodig voor de taal; schema bijgesteld' });
    expect(s.s.context.data).toMatchObject({ duur: '24', geplandEinde: '2028-09-01' });
    expect(progress(def, s.s, yearIn)).toMatchObject({ plannedEnd: '2028-09-01', behind: false });
    expect(time(s).deadlines[0].dueAt).toBe('2028-02-29T23:00:00.000Z');
    expect(s.try('DUUR_WIJZIGEN', { duur: '24' })).toMatchObject({ ok: false, code: 'INVALID_FORM' });

    // Before the duration is agreed there is nothing to re-plan.
    const early = throughIntake({ naam: 'Sem Willems', aanmelder: 'gilde', instroomroute: 'gilde' })
      .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '1', startmoment: 'september' })
      .wait(5);
    expect(early.event('DUUR_WIJZIGEN')).toMatchObject({
      allowed: false,
      reason: { nl: 'Persoonlijke leerroute is nog niet ingevuld' },
    });
  });

  it('a leave pauses the plan: the planned end moves on by its length, and the ten weeks wait', () => {
    const s = enrolledOnBenefit().wait(14).do('VERLOF_STARTEN', { verlofReden: 'Ziekenhuisopname' });
    expect(s.state).toBe('verlof');
    expect(time(s).timers.map((t) => t.text.nl)).toEqual(['Tien weken voorbij: gepauzeerd, nog 8 weken']);
    s.wait(21).do('VERLOF_BEEINDIGEN');
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
    s.signPhase().wait(55);
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
    s.wait(1);
    expect(s.state).toBe('opleiding.leerbedrijf.school.introductie.vaststellen');
    s.do('LEERROUTE_AFGESPROKEN', {
      duur: '12',
      leerroute: 'Niveau 2 in een jaar',
      dagdelen: ['ma-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    // Twelve months from 1 September 2026, and the 21 days of leave.
    expect(s.s.context.data.geplandEinde).toBe('2027-09-22');
    expect(progress(def, s.s, s.now)).toMatchObject({ plannedEnd: '2027-09-22', leaveDays: 21 });
  });
});
