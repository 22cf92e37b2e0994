/*
 * The report (chapter 5): from 2016 to 2020, 47 students, 39 with a diploma (83%, target 80%),
 * 34 of those to work or further education, 8 left without a diploma. The report gives only
 * these totals; how they spread over entry routes, start moments, outflow kinds and the step
 * where someone left is made up here, plausibly, to drive real cases. A few people who never
 * became students (no match, a praktijkonderwijs placement, a withdrawal) are added to show that
 * they do not count among the 47. The same script drives the engine (workflows/cohort.test.ts)
 * and the real server (test/metrics.test.ts).
 *
 * The municipality's check (chapter 5): those who left for work or further education were not
 * back "in de kaartenbakken". So the follow-up at six and twelve months finds each of the 34
 * still in work or education (two who went on to school at level 2 work after a year), and the
 * five who left with a diploma for neither are followed up too, outside that figure.
 */

const day = 86_400_000;

export type Route = 'gilde' | 'bijstand' | 'wajong' | 'wia' | 'ww' | 'praktijkonderwijs';
export type Ending =
  | {
      kind: 'diploma';
      uitstroom: 'werk' | 'vervolgopleiding-2' | 'vervolgopleiding-3' | 'geen';
      /** Where the follow-up finds them after six and after twelve months; none: not followed up yet. */
      nazorg?: [FollowUp, FollowUp];
    }
  | { kind: 'zonder-diploma'; at: 'introductie' | 'welzijnsstage' | 'uitgepland' | 'zorgstage' }
  | { kind: 'geen-match' | 'praktijkstage' | 'afgemeld' };

/** A follow-up's answer (the options of `nazorgZes` and `nazorgTwaalf`). */
export type FollowUp = 'werk' | 'opleiding' | 'uitkering' | 'anders' | 'niet-bereikt';

export interface Person {
  name: string;
  route: Route;
  start: string;
  ending: Ending;
}

const startMoments = [
  '2016-09-01',
  '2017-02-01',
  '2017-09-01',
  '2018-02-01',
  '2018-09-01',
  '2019-02-01',
  '2019-09-01',
  '2020-02-01',
];
const benefitRoutes: Route[] = ['bijstand', 'bijstand', 'gilde', 'wajong', 'bijstand', 'gilde', 'wia', 'gilde'];

export function cohort(): Person[] {
  const people: Person[] = [];
  const add = (route: Route, ending: Ending) =>
    people.push({
      name: `Student ${people.length + 1}`,
      route,
      start: startMoments[people.length % startMoments.length],
      ending,
    });
  // 39 diplomas: 5 WW students finish at their employer, in paid work.
  for (let i = 0; i < 5; i++) add('ww', { kind: 'diploma', uitstroom: 'werk', nazorg: ['werk', 'werk'] });
  // 34 on the regular route: 19 to work, 6 and 4 to further education at level 2 and 3, 5 neither.
  const outflow = [
    ...Array(19).fill('werk'),
    ...Array(6).fill('vervolgopleiding-2'),
    ...Array(4).fill('vervolgopleiding-3'),
    ...Array(5).fill('geen'),
  ];
  const found: Record<string, FollowUp[][]> = {
    werk: [['werk', 'werk']],
    'vervolgopleiding-2': [
      ['opleiding', 'werk'],
      ['opleiding', 'werk'],
      ['opleiding', 'opleiding'],
    ],
    'vervolgopleiding-3': [['opleiding', 'opleiding']],
    geen: [
      ['anders', 'werk'],
      ['anders', 'anders'],
    ],
  };
  const seen: Record<string, number> = {};
  outflow.forEach((uitstroom, i) => {
    const n = (seen[uitstroom] = (seen[uitstroom] ?? -1) + 1);
    const options = found[uitstroom];
    const nazorg = options[Math.min(n, options.length - 1)] as [FollowUp, FollowUp];
    add(benefitRoutes[i % benefitRoutes.length], { kind: 'diploma', uitstroom, nazorg });
  });
  // 8 without a diploma, at different steps.
  for (const at of [
    'introductie',
    'introductie',
    'introductie',
    'welzijnsstage',
    'welzijnsstage',
    'uitgepland',
    'uitgepland',
    'zorgstage',
  ] as const) {
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

/** What the script needs from whatever runs it: the engine directly, or the API with a clock. */
export interface Driver {
  start(data: Record<string, unknown>, at: Date): Promise<void> | void;
  act(type: string, data: Record<string, unknown>): Promise<void> | void;
  /** Lets days pass on the site's calendar (the same time of day across summer time), firing the timers that come due. */
  wait(days: number): Promise<void> | void;
  /** Signs every item of the sign-off list of the current steps. */
  signPhase(): Promise<void> | void;
  /** The student is in the wijk on these half-days now (a driver may give them a client). */
  inWijk?(dagdelen: string[]): Promise<void> | void;
  now(): Date;
}

/** Who registers a student of each entry route (report 2.2): the pupils of practical education come from their school, not from Gilde. */
const registeredBy: Record<Route, string> = {
  gilde: 'gilde',
  bijstand: 'gemeente-venray',
  wajong: 'gemeente-venray',
  wia: 'uwv',
  ww: 'uwv',
  praktijkonderwijs: 'praktijkonderwijs',
};

/** One person's trajectory, from registration to how it ended. */
export async function replay(p: Person, d: Driver): Promise<void> {
  await d.start(
    {
      naam: p.name,
      aanmelder: registeredBy[p.route],
      instroomroute: p.route,
    },
    new Date(Date.parse(p.start) - 30 * day),
  );
  const leave = () => d.act('UITSCHRIJVEN', { redenVertrek: 'Persoonlijke omstandigheden', uitstroom: 'geen' });

  await d.act('INTAKE_PLANNEN', { intakeDatum: new Date(d.now().getTime() + 7 * day).toISOString().slice(0, 10) });
  await d.wait(7);
  if (p.ending.kind === 'afgemeld') {
    await d.act('UITSCHRIJVEN', { redenVertrek: 'Werk gevonden voor de start' });
    return;
  }
  if (p.ending.kind === 'geen-match') {
    await d.act('GEEN_MATCH', { redenAfwijzing: 'Taalniveau nog niet op weg naar B1', taalniveau: 'onder-b1' });
    return;
  }
  await d.act('MATCH', { taalniveau: 'b1', coach: 'Ans', belemmeringen: ['financieel'] });
  if (p.ending.kind === 'praktijkstage') {
    await d.act('STAGE_STARTEN', { stageStart: p.start, dagdelen: ['di-ochtend', 'do-ochtend'] });
    await d.wait(150);
    await d.act('STAGE_AFRONDEN', { stageResultaat: 'Afgerond' });
    return;
  }
  await d.wait(23);
  const benefit = ['bijstand', 'wajong', 'wia'].includes(p.route) ? { behoudUitkering: true } : {};
  await d.act('INGESCHREVEN', {
    inschrijfdatum: p.start,
    niveau: '2',
    startmoment: p.start.slice(5, 7) === '09' ? 'september' : 'februari',
    ...benefit,
  });
  // Enrolled on the day of the start moment: the introduction begins once the scheduler runs.
  await d.wait(0);
  await d.signPhase();
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'introductie') {
    await d.wait(40);
    await leave();
    return;
  }
  await d.wait(70);
  await d.act('LEERROUTE_AFGESPROKEN', {
    duur: '18',
    leerroute: 'Persoonlijke leerroute',
    dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
    coach: 'Ans',
    coordinator: 'Mieke',
  });
  await d.inWijk?.(['ma-ochtend', 'wo-middag', 'do-ochtend']);
  await d.signPhase();
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'welzijnsstage') {
    await d.wait(90);
    await leave();
    return;
  }
  if (p.ending.kind === 'zonder-diploma' && p.ending.at === 'uitgepland') {
    await d.wait(60);
    await d.act('UITPLANNEN', { inhaalplan: 'Opdrachten inhalen' });
    await d.wait(30);
    await leave();
    return;
  }
  if (p.route === 'ww') {
    await d.wait(112);
    await d.act('NAAR_WERKGEVER', {
      werkgever: 'De Zorggroep',
      diplomaGarantie: true,
      werkgeverStart: d.now().toISOString().slice(0, 10),
    });
  } else {
    await d.wait(300);
    await d.act('ZORGSTAGE_STARTEN', {
      zorgstageInstelling: 'proteion',
      zorgstageStart: d.now().toISOString().slice(0, 10),
    });
    await d.act('STARTGESPREK_GEVOERD', {
      startgesprekDatum: d.now().toISOString().slice(0, 10),
      zorgstageBegeleider: 'Petra Willems',
      tussenevaluatieGepland: d.now().toISOString().slice(0, 10),
      eindevaluatieGepland: d.now().toISOString().slice(0, 10),
    });
  }
  if (p.ending.kind === 'zonder-diploma') {
    await d.wait(30);
    await leave();
    return;
  }
  if (p.ending.kind !== 'diploma') throw new Error(`${p.name}: unexpected ending ${p.ending.kind}`);
  const { uitstroom, nazorg } = p.ending;
  await d.wait(120);
  await d.signPhase();
  await d.act('DIPLOMA', { diplomaDatum: d.now().toISOString().slice(0, 10) });
  await d.act('UITSTROOM_VASTLEGGEN', {
    uitstroom,
    // To work: a start date (the warm transfer's); a WW student's employer is already their work.
    ...(uitstroom === 'werk' && p.route !== 'ww' ? { werkStart: d.now().toISOString().slice(0, 10) } : {}),
  });
  if (!nazorg) return;
  // Six months after the diploma (at most 184 days), then twelve (at most 366).
  await d.wait(184);
  await d.act('NAZORG_ZES', { nazorgZes: nazorg[0] });
  await d.wait(182);
  await d.act('NAZORG_TWAALF', { nazorgTwaalf: nazorg[1] });
}
