import { describe, expect, it } from 'vitest';
import { applyEvent, fireTimer, openChecklist, position, signChecklistItem, startCase, type PersistedSnapshot } from '../engine';
import { shippedWorkflows } from '.';

/*
 * The report (chapter 5): from 2016 to 2020, 47 students, 39 with a diploma (83%, target 80%),
 * 34 of those to work or further education, 8 left without a diploma. The report gives only
 * these totals; how they spread over entry routes, start moments, outflow kinds and the step
 * where someone left is made up here, plausibly, to drive real cases through the engine.
 * A few people who never became students (no match, a praktijkonderwijs placement, a
 * withdrawal) are added to show that they do not count among the 47.
 */

const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const staff = { role: 'staff' as const, username: 'docent' };
const day = 86_400_000;

type Route = 'gilde' | 'bijstand' | 'wajong' | 'wia' | 'ww' | 'praktijkonderwijs';
type Ending =
  | { kind: 'diploma'; uitstroom: 'werk' | 'vervolgopleiding-2' | 'vervolgopleiding-3' | 'geen' }
  | { kind: 'zonder-diploma'; at: 'introductie' | 'welzijnsstage' | 'uitgepland' | 'zorgstage' }
  | { kind: 'geen-match' | 'praktijkstage' | 'afgemeld' };

interface Person {
  name: string;
  route: Route;
  start: string;
  ending: Ending;
}

const startMoments = ['2016-09-01', '2017-02-01', '2017-09-01', '2018-02-01', '2018-09-01', '2019-02-01', '2019-09-01', '2020-02-01'];
const benefitRoutes: Route[] = ['bijstand', 'bijstand', 'gilde', 'wajong', 'bijstand', 'gilde', 'wia', 'gilde'];

function cohort(): Person[] {
  const people: Person[] = [];
  const add = (route: Route, ending: Ending) =>
    people.push({ name: `Student ${people.length + 1}`, route, start: startMoments[people.length % startMoments.length], ending });
  // 39 diplomas: 5 WW students finish at their employer, in paid work.
  for (let i = 0; i < 5; i++) add('ww', { kind: 'diploma', uitstroom: 'werk' });
  // 34 on the regular route: 19 to work, 6 and 4 to further education at level 2 and 3, 5 neither.
  const outflow = [...Array(19).fill('werk'), ...Array(6).fill('vervolgopleiding-2'), ...Array(4).fill('vervolgopleiding-3'), ...Array(5).fill('geen')];
  outflow.forEach((uitstroom, i) => add(benefitRoutes[i % benefitRoutes.length], { kind: 'diploma', uitstroom }));
  // 8 without a diploma, at different steps.
  for (const at of ['introductie', 'introductie', 'introductie', 'welzijnsstage', 'welzijnsstage', 'uitgepland', 'uitgepland', 'zorgstage'] as const) {
    add(benefitRoutes[people.length % benefitRoutes.length], { kind: 'zonder-diploma', at });
  }
  // Not students of the programme: not among the 47.
  add('bijstand', { kind: 'geen-match' });
  add('wajong', { kind: 'geen-match' });
  add('praktijkonderwijs', { kind: 'praktijkstage' });
  add('praktijkonderwijs', { kind: 'praktijkstage' });
  add('ww', { kind: 'afgemeld' });
  return people;
}

/** Replays one person's trajectory through the engine, firing timers as they come due. */
function replay(p: Person): PersistedSnapshot {
  let now = new Date(Date.parse(p.start) - 30 * day);
  const started = startCase(def, { naam: p.name, aanmelder: p.route === 'ww' || p.route === 'wia' ? 'uwv' : p.route === 'gilde' || p.route === 'praktijkonderwijs' ? 'gilde' : 'gemeente-venray', instroomroute: p.route }, now);
  if (!started.ok) throw new Error(started.message.en);
  let s = started.snapshot;
  let timers: { event: string; due: string }[] = [];
  const keep = (t: { schedule: { event: string; due: string }[] }) => (timers = [...timers, ...t.schedule]);
  const wait = (days: number) => {
    now = new Date(now.getTime() + days * day);
    for (const t of timers.filter((x) => Date.parse(x.due) <= now.getTime())) {
      timers = timers.filter((x) => x !== t);
      const r = fireTimer(def, s, t.event, new Date(t.due));
      if (!r.ok) throw new Error(r.message.en);
      s = r.snapshot;
      keep(r.timers);
    }
  };
  const act = (type: string, data: Record<string, unknown>) => {
    const r = applyEvent(def, s, { type, data }, staff, now);
    if (!r.ok) throw new Error(`${p.name} ${type} in ${position(def, s).state}: ${r.message.en}`);
    s = r.snapshot;
    keep(r.timers);
  };
  const signPhase = () => {
    for (const item of openChecklist(def, s)) {
      const r = signChecklistItem(def, s, { item: item.id, signed: true }, staff, now);
      if (!r.ok) throw new Error(r.message.en);
      s = r.snapshot;
    }
  };
  const leave = () => act('UITSCHRIJVEN', { redenVertrek: 'Persoonlijke omstandigheden', uitstroom: 'geen' });

  act('INTAKE_PLANNEN', { intakeDatum: new Date(now.getTime() + 7 * day).toISOString().slice(0, 10) });
  wait(7);
  if (p.ending.kind === 'afgemeld') {
    act('UITSCHRIJVEN', { redenVertrek: 'Werk gevonden voor de start' });
    return s;
  }
  if (p.ending.kind === 'geen-match') {
    act('GEEN_MATCH', { redenAfwijzing: 'Taalniveau nog niet op weg naar B1', taalniveau: 'onder-b1' });
    return s;
  }
  act('MATCH', { taalniveau: 'b1', coach: 'Ans', belemmeringen: ['financieel'] });
  if (p.ending.kind === 'praktijkstage') {
    act('STAGE_STARTEN', { stageStart: p.start, dagdelen: ['di-ochtend', 'do-ochtend'] });
    wait(150);
    act('STAGE_AFRONDEN', { stageResultaat: 'Afgerond' });
    return s;
  }
  wait(23);
  const benefit = ['bijstand', 'wajong', 'wia'].includes(p.route) ? { behoudUitkering: true } : {};
  act('INGESCHREVEN', { inschrijfdatum: p.start, niveau: '2', startmoment: p.start.slice(5, 7) === '09' ? 'september' : 'februari', ...benefit });
  signPhase();
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'introductie') {
    wait(40);
    leave();
    return s;
  }
  wait(70);
  act('LEERROUTE_AFGESPROKEN', { duur: '18', leerroute: 'Persoonlijke leerroute', dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'] });
  signPhase();
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'welzijnsstage') {
    wait(90);
    leave();
    return s;
  }
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'uitgepland') {
    wait(60);
    act('UITPLANNEN', { inhaalplan: 'Opdrachten inhalen' });
    wait(30);
    leave();
    return s;
  }
  if (p.route === 'ww') {
    wait(112);
    act('NAAR_WERKGEVER', { werkgever: 'De Zorggroep', werkgeverStart: now.toISOString().slice(0, 10) });
  } else {
    wait(300);
    act('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion' });
    act('STARTGESPREK_GEVOERD', { startgesprekDatum: now.toISOString().slice(0, 10) });
  }
  if (p.ending.kind === 'zonder-diploma') {
    wait(30);
    leave();
    return s;
  }
  if (p.ending.kind !== 'diploma') throw new Error(`${p.name}: unexpected ending ${p.ending.kind}`);
  const { uitstroom } = p.ending;
  wait(120);
  signPhase();
  act('DIPLOMA', { diplomaDatum: now.toISOString().slice(0, 10) });
  act('UITSTROOM_VASTLEGGEN', { uitstroom });
  return s;
}

/** The stuurgroep's figures, read from the cases: enrolled students and how they ended. */
function outcomeFigures(cases: PersistedSnapshot[]) {
  const ended = cases.map((s) => ({ outcome: position(def, s).outcome, data: s.context.data }));
  const students = ended.filter((c) => c.data.inschrijfdatum !== undefined);
  const diplomas = students.filter((c) => c.outcome === 'diploma');
  return {
    students: students.length,
    diplomas: diplomas.length,
    diplomaRate: Math.round((100 * diplomas.length) / students.length),
    toWorkOrEducation: diplomas.filter((c) => ['werk', 'vervolgopleiding-2', 'vervolgopleiding-3'].includes(c.data.uitstroom as string)).length,
    withoutDiploma: students.filter((c) => c.outcome === 'zonder-diploma').length,
    stillRunning: students.filter((c) => c.outcome === undefined).length,
  };
}

describe("the report's cohort, 2016–2020", () => {
  const people = cohort();
  const cases = people.map(replay);

  it('ends every case, each with the outcome of its trajectory', () => {
    expect(cases.every((s) => position(def, s).done)).toBe(true);
    const count = (o: string) => cases.filter((s) => position(def, s).outcome === o).length;
    expect({ diploma: count('diploma'), zonder: count('zonder-diploma'), afgewezen: count('afgewezen-bij-intake'), stage: count('stage-afgerond'), afgemeld: count('afgemeld') }).toEqual({
      diploma: 39,
      zonder: 8,
      afgewezen: 2,
      stage: 2,
      afgemeld: 1,
    });
  });

  it('gives the figures of chapter 5: 47 students, 39 diplomas (83%, above the 80% target), 34 to work or further education, 8 without a diploma', () => {
    const figures = outcomeFigures(cases);
    expect(figures).toEqual({ students: 47, diplomas: 39, diplomaRate: 83, toWorkOrEducation: 34, withoutDiploma: 8, stillRunning: 0 });
    expect(figures.diplomaRate).toBeGreaterThanOrEqual(80);
  });

  it('every diploma had a fully signed portfolio, signed by a docent with a date', () => {
    for (const s of cases.filter((c) => position(def, c).outcome === 'diploma')) {
      const signatures = Object.values(s.context.checklist);
      expect(signatures.length).toBeGreaterThanOrEqual(12);
      for (const sig of signatures) expect(sig).toEqual({ by: 'docent', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    }
  });
});
