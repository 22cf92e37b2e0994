import { describe, expect, it } from 'vitest';
import type { Definition } from './definition';
import { outcomeReport, type OutcomeReport, type ReportCase, type Shown } from './reports';
import { withheldText, withoutSmallGroups } from './small-groups';

const def: Definition = {
  key: 'test-rapport',
  subject: 'student',
  title: { nl: 'Rapport (test)' },
  titleField: 'groep',
  startForm: [{ field: 'start', required: true }],
  fields: {
    start: { type: 'date', label: { nl: 'Start' } },
    groep: { type: 'string', label: { nl: 'Instroomroute' } },
    reden: { type: 'string', label: { nl: 'Reden' } },
  },
  machine: {
    id: 'test-rapport',
    initial: 'bezig',
    states: {
      bezig: { meta: { label: { nl: 'Bezig' } } },
      diploma: { type: 'final', meta: { label: { nl: 'Diploma' }, outcome: 'diploma' } },
      gestopt: { type: 'final', meta: { label: { nl: 'Gestopt' }, outcome: 'zonder' } },
    },
  },
  reports: {
    started: { field: 'start', op: 'exists' },
    startDate: 'start',
    groupField: 'groep',
    success: ['diploma'],
    without: ['zonder'],
    reasonField: 'reden',
  },
};

type Person = { year: number; groep: string; end: 'diploma' | 'gestopt' | 'bezig'; reden?: string };

function report(people: Person[]): OutcomeReport {
  const cases: ReportCase[] = people.map((p, i) => {
    const at = new Date(Date.UTC(p.year, 8, 1 + i));
    const ended = new Date(at.getTime() + (30 + i) * 86_400_000);
    return {
      def,
      data: { start: at.toISOString().slice(0, 10), groep: p.groep, ...(p.reden ? { reden: p.reden } : {}) },
      state: p.end,
      outcome: p.end === 'diploma' ? 'diploma' : p.end === 'gestopt' ? 'zonder' : null,
      createdAt: at,
      history: [
        { at, from: null, to: 'bezig' },
        ...(p.end === 'bezig' ? [] : [{ at: ended, from: 'bezig', to: p.end }]),
      ],
    };
  });
  return outcomeReport(cases, {}, new Date('2026-12-01T00:00:00Z'));
}

const many = (n: number, p: Person) => Array.from({ length: n }, () => ({ ...p }));

/** Every figure of the report that a reader can add and subtract, by its place in the answer. */
function figures(r: OutcomeReport<Shown>): Map<string, Shown> {
  const out = new Map<string, Shown>();
  const rows = { totals: [r.totals], cohort: r.byCohort, group: r.byGroup };
  for (const [name, list] of Object.entries(rows))
    list.forEach((f, i) => {
      const key = 'key' in f ? String(f.key) : String(i);
      for (const col of ['started', 'diplomas', 'without', 'running', 'toDestination'] as const)
        out.set(`${name}:${key}:${col}`, f[col]);
      for (const x of f.reasons) out.set(`${name}:${key}:reason:${x.reason}`, x.count);
    });
  r.exits.forEach((e) => out.set(`exit:${e.state}`, e.count));
  r.flow.forEach((f) => out.set(`open:${f.state}`, f.open));
  return out;
}

/**
 * Works out every withheld figure the way a reader could, independent of how they were chosen:
 * each sum the report shows (the totals over cohorts and over groups, started over its parts, the
 * total without over the reasons and over the exits) with one unknown gives it. Answers those found.
 */
function workedOut(r: OutcomeReport<Shown>, truth: OutcomeReport): string[] {
  const shown = figures(r);
  const real = figures(truth as OutcomeReport<Shown>);
  const known = new Map<string, number>();
  for (const [k, v] of shown) if (typeof v === 'number') known.set(k, v);
  const keys = (prefix: string) => [...shown.keys()].filter((k) => k.startsWith(prefix));
  const sums: string[][] = [];
  for (const col of ['started', 'diplomas', 'without', 'running', 'toDestination']) {
    sums.push([`totals:0:${col}`, ...keys('cohort:').filter((k) => k.endsWith(`:${col}`))]);
    sums.push([`totals:0:${col}`, ...keys('group:').filter((k) => k.endsWith(`:${col}`))]);
  }
  for (const row of [
    'totals:0',
    ...r.byCohort.map((g) => `cohort:${g.key}`),
    ...r.byGroup.map((g) => `group:${g.key}`),
  ]) {
    sums.push([`${row}:started`, `${row}:diplomas`, `${row}:without`, `${row}:running`]);
    sums.push([`${row}:without`, ...keys(`${row}:reason:`)]);
  }
  sums.push(['totals:0:without', ...keys('exit:')]);
  sums.push(['totals:0:running', ...keys('open:')]);
  const found: string[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const [total, ...parts] of sums) {
      const unknown = [total, ...parts].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [k] = unknown;
      const value =
        k === total
          ? parts.reduce((n, p) => n + known.get(p)!, 0)
          : known.get(total)! - parts.filter((p) => p !== k).reduce((n, p) => n + known.get(p)!, 0);
      // Only a sum that holds tells the truth; the engine may treat one that does not hold as no sum.
      if (value !== real.get(k)) continue;
      known.set(k, value);
      found.push(k);
      progress = true;
    }
  }
  return found;
}

describe('the stuurgroep’s report, without small groups', () => {
  const people = [
    ...many(12, { year: 2019, groep: 'bijstand', end: 'diploma' }),
    ...many(3, { year: 2019, groep: 'wia', end: 'diploma' }),
    ...many(6, { year: 2020, groep: 'ww', end: 'diploma' }),
    ...many(2, { year: 2020, groep: 'bijstand', end: 'gestopt', reden: 'Verhuisd' }),
    ...many(5, { year: 2020, groep: 'bijstand', end: 'bezig' }),
  ];
  const truth = report(people);
  const r = withoutSmallGroups(truth, 5);

  it('shows a group of fewer than five as small, and a zero and the larger ones as they are', () => {
    const wia = r.byGroup.find((g) => g.key === 'wia')!;
    expect(wia.started).toEqual({ withheld: 'small' });
    expect(wia.diplomas).toEqual({ withheld: 'small' });
    expect(wia.without).toBe(0);
    expect(r.byGroup.find((g) => g.key === 'bijstand')!.started).toBe(19);
    expect(r.totals.started).toBe(28);
    expect(r.totals.without).toEqual({ withheld: 'small' });
    expect(withheldText(wia.started, 5)).toBe('< 5');
    expect(withheldText({ withheld: 'secondary' }, 5)).toBe('x');
    expect(withheldText(7, 5)).toBeUndefined();
  });

  it('withholds a second figure wherever a sum would give a small one back', () => {
    // 28 = 19 + wia + ww: with wia withheld alone, 28 − 19 − 6 would be it.
    expect(r.byGroup.find((g) => g.key === 'ww')!.started).toEqual({ withheld: 'secondary' });
    expect(workedOut(r, truth)).toEqual([]);
  });

  it('withholds a rate made from a withheld count, and the durations of a few stays', () => {
    expect(r.byGroup.find((g) => g.key === 'bijstand')!.rate).toEqual({ withheld: 'secondary' });
    expect(r.byGroup.find((g) => g.key === 'wia')!.rate).toEqual({ withheld: 'secondary' });
    const bezig = truth.flow.find((f) => f.state === 'bezig')!;
    expect(bezig.stays).toBeGreaterThanOrEqual(5);
    expect(r.flow.find((f) => f.state === 'bezig')!.medianDays).toBe(bezig.medianDays);
    const few = withoutSmallGroups(report(many(2, { year: 2020, groep: 'ww', end: 'diploma' })), 5);
    expect(few.flow[0]).toMatchObject({ stays: { withheld: 'small' }, medianDays: { withheld: 'secondary' } });
  });

  it('lists withheld groups after the others by name, so their order says nothing of their size', () => {
    const r2 = withoutSmallGroups(
      report([
        ...many(9, { year: 2020, groep: 'bijstand', end: 'diploma' }),
        ...many(1, { year: 2020, groep: 'ab', end: 'diploma' }),
        ...many(4, { year: 2020, groep: 'zz', end: 'diploma' }),
      ]),
      5,
    );
    expect(r2.byGroup.map((g) => g.key)).toEqual(['bijstand', 'ab', 'zz']);
  });

  it('lets no withheld figure be worked out from the sums, whatever the groups', () => {
    // A small deterministic generator: the same cases every run.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 120; round++) {
      const people: Person[] = [];
      for (let i = 0, n = 1 + next(40); i < n; i++)
        people.push({
          year: 2018 + next(3),
          groep: ['bijstand', 'wia', 'ww', 'wajong'][next(4)],
          end: (['diploma', 'gestopt', 'bezig'] as const)[next(3)],
          reden: ['Verhuisd', 'Ziek', 'Werk'][next(3)],
        });
      const truth = report(people);
      for (const minimum of [3, 5, 10]) {
        const shown = withoutSmallGroups(truth, minimum);
        expect(workedOut(shown, truth), JSON.stringify(people)).toEqual([]);
        for (const [k, v] of figures(shown)) {
          const real = figures(truth as OutcomeReport<Shown>).get(k) as number;
          if (typeof v === 'number') expect(v, k).toBe(real);
          if (real > 0 && real < minimum) expect(v, k).toEqual({ withheld: 'small' });
        }
      }
    }
  });

  it('leaves the report whole under a minimum of one', () => {
    expect(withoutSmallGroups(truth, 1)).toEqual(truth);
  });
});

/** The same report with a follow-up after leaving: a diploma to work, then checked at twelve months. */
const followed: Definition = {
  ...def,
  fields: {
    ...def.fields,
    uit: { type: 'enum', label: { nl: 'Uitstroom' }, options: [{ value: 'werk', label: { nl: 'Werk' } }] },
    na12: {
      type: 'enum',
      label: { nl: 'Na twaalf maanden' },
      options: [
        { value: 'werk', label: { nl: 'Werk' } },
        { value: 'uitkering', label: { nl: 'Uitkering' } },
      ],
    },
  },
  machine: {
    ...def.machine,
    states: { ...def.machine.states, nazorg: { meta: { label: { nl: 'Nazorg' } } } },
  },
  reports: {
    ...def.reports,
    destinationField: 'uit',
    destinations: { werk: ['werk'] },
    followUp: {
      activeIn: ['nazorg'],
      outcome: 'diploma',
      moments: ['na12'],
      lasting: ['werk'],
      returned: ['uitkering'],
    },
  },
};

type Leaver = { year: number; groep: string; end: 'nazorg' | 'diploma' | 'bezig'; na12?: 'werk' | 'uitkering' };

const leavers = (n: number, p: Leaver) => Array.from({ length: n }, () => ({ ...p }));

function followedReport(people: Leaver[]): OutcomeReport {
  const cases: ReportCase[] = people.map((p, i) => {
    const at = new Date(Date.UTC(p.year, 8, 1 + i));
    return {
      def: followed,
      data: { start: at.toISOString().slice(0, 10), groep: p.groep, uit: 'werk', ...(p.na12 ? { na12: p.na12 } : {}) },
      state: p.end,
      outcome: p.end === 'diploma' ? 'diploma' : null,
      createdAt: at,
      history: [
        { at, from: null, to: 'bezig' },
        ...(p.end === 'bezig' ? [] : [{ at: new Date(at.getTime() + 40 * 86_400_000), from: 'bezig', to: p.end }]),
      ],
    };
  });
  return outcomeReport(cases, {}, new Date('2026-12-01T00:00:00Z'), [followed]);
}

/**
 * The sums a reader has for the follow-up, each of which holds: a moment's total over its cohorts
 * and over its groups, and running over the open steps that are not follow-up. Names each sum
 * with exactly one figure withheld, which would give it back.
 */
function followUpLeaks(r: OutcomeReport<Shown>): string[] {
  const sums: [string, Shown[]][] = [];
  for (const col of ['checked', 'lasting', 'returned'] as const)
    for (const split of ['byCohort', 'byGroup'] as const)
      sums.push([`${split} ${col}`, [r.totals.followUp.na12[col], ...r[split].map((g) => g.followUp.na12[col])]]);
  sums.push(['running', [r.totals.running, ...r.flow.filter((f) => !f.followUp).map((f) => f.open)]]);
  return sums.filter(([, figures]) => figures.filter((v) => typeof v !== 'number').length === 1).map(([n]) => n);
}

describe('the stuurgroep’s report: the follow-up after leaving', () => {
  it('counts a student in follow-up as a diploma, not running, and withholds a small lasting or returned group', () => {
    const truth = followedReport([
      ...leavers(8, { year: 2019, groep: 'bijstand', end: 'diploma', na12: 'werk' }),
      ...leavers(2, { year: 2019, groep: 'bijstand', end: 'diploma', na12: 'uitkering' }),
      ...leavers(6, { year: 2020, groep: 'ww', end: 'nazorg' }),
      ...leavers(5, { year: 2020, groep: 'ww', end: 'bezig' }),
    ]);
    expect(truth.totals).toMatchObject({ started: 21, diplomas: 16, toDestination: 16, running: 5 });
    expect(truth.totals.followUp).toEqual({ na12: { checked: 10, lasting: 8, returned: 2 } });
    expect(truth.flow.find((f) => f.state === 'nazorg')).toMatchObject({ open: 6, followUp: true });
    const r = withoutSmallGroups(truth, 5);
    expect(r.totals.followUp.na12).toEqual({ checked: 10, lasting: 8, returned: { withheld: 'small' } });
    expect(r.totals.running).toBe(5);
    expect(followUpLeaks(r)).toEqual([]);
  });

  it('lets no follow-up figure be worked out from the sums, whatever the groups', () => {
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 80; round++) {
      const people: Leaver[] = [];
      for (let i = 0, n = 1 + next(40); i < n; i++) {
        const end = (['nazorg', 'diploma', 'bezig'] as const)[next(3)];
        people.push({
          year: 2018 + next(3),
          groep: ['bijstand', 'wia', 'ww'][next(3)],
          end,
          ...(end === 'bezig' ? {} : { na12: (['werk', 'uitkering', undefined] as const)[next(3)] }),
        });
      }
      const truth = followedReport(people);
      for (const minimum of [3, 5, 10]) {
        const shown = withoutSmallGroups(truth, minimum);
        expect(followUpLeaks(shown), JSON.stringify(people)).toEqual([]);
        for (const f of [shown.totals, ...shown.byCohort, ...shown.byGroup])
          for (const v of Object.values(f.followUp.na12))
            if (typeof v === 'number') expect(v === 0 || v >= minimum).toBe(true);
      }
    }
  });
});

/** A client workflow whose agreement names a wederdienst, agreed and later given, of a kind. */
const reciprocal: Definition = {
  key: 'test-klant',
  subject: 'client',
  title: { nl: 'Hulpvraag (test)' },
  titleField: 'naam',
  startForm: [{ field: 'naam', required: true }],
  fields: {
    naam: { type: 'string', label: { nl: 'Naam' }, personal: true },
    getekend: { type: 'date', label: { nl: 'Overeenkomst getekend op' } },
    afgesproken: { type: 'text', label: { nl: 'Wederdienst (afgesproken)' } },
    gegeven: { type: 'text', label: { nl: 'Wederdienst gegeven' } },
    soort: {
      type: 'enum',
      label: { nl: 'Soort wederdienst' },
      options: [
        { value: 'taal', label: { nl: 'Nederlands oefenen' } },
        { value: 'fietsen', label: { nl: 'Leren fietsen' } },
      ],
    },
  },
  machine: {
    id: 'test-klant',
    initial: 'actief',
    states: { actief: { meta: { label: { nl: 'Actief' } } } },
  },
  reports: {
    reciprocity: { dateField: 'getekend', agreedField: 'afgesproken', givenField: 'gegeven', kindField: 'soort' },
  },
};

type Agreement = { year: number; agreed?: boolean; gave?: boolean; soort?: 'taal' | 'fietsen' };

function reciprocityReport(agreements: Agreement[], period: { from?: string; to?: string } = {}): OutcomeReport {
  const cases: ReportCase[] = agreements.map((a, i) => {
    const at = new Date(Date.UTC(a.year, 2, 1 + i));
    return {
      def: reciprocal,
      data: {
        naam: `Klant ${i}`,
        getekend: at.toISOString().slice(0, 10),
        ...(a.agreed === false ? {} : { afgesproken: 'Samen Nederlands oefenen' }),
        ...(a.gave ? { gegeven: 'Oefende een uur Nederlands' } : {}),
        ...(a.soort ? { soort: a.soort } : {}),
      },
      state: 'actief',
      outcome: null,
      createdAt: at,
      history: [{ at, from: null, to: 'actief' }],
    };
  });
  return outcomeReport(cases, period, new Date('2026-12-01T00:00:00Z'), [reciprocal]);
}

const agreements = (n: number, a: Agreement) => Array.from({ length: n }, () => ({ ...a }));

/** Each sum a reader has of the wederdienst with exactly one figure withheld, which would give it back. */
function reciprocityLeaks(r: OutcomeReport<Shown>): string[] {
  const sums: [string, Shown[]][] = [];
  for (const x of r.reciprocity) {
    for (const col of ['agreements', 'agreed', 'gave'] as const)
      sums.push([`years ${col}`, [x[col], ...x.byYear.map((y) => y[col])]]);
    x.kinds.forEach((k, i) => sums.push([`years ${k.kind}`, [k.count, ...x.byYear.map((y) => y.kinds[i].count)]]));
    for (const row of [x, ...x.byYear])
      sums.push([`kinds of ${'year' in row ? row.year : 'all'}`, [row.agreed, ...row.kinds.map((k) => k.count)]]);
  }
  return sums.filter(([, figures]) => figures.filter((v) => typeof v !== 'number').length === 1).map(([n]) => n);
}

describe('the wederdienst in the report (3.2 Wederkerigheid)', () => {
  const truth = reciprocityReport([
    ...agreements(7, { year: 2025, gave: true, soort: 'taal' }),
    ...agreements(2, { year: 2025, soort: 'fietsen' }),
    ...agreements(6, { year: 2026, gave: true, soort: 'taal' }),
    ...agreements(1, { year: 2026, agreed: false }),
    ...agreements(5, { year: 2026 }),
  ]);

  it('counts per year the agreements, those with a wederdienst agreed and the clients who gave one, by kind', () => {
    expect(truth.reciprocity).toEqual([
      {
        workflow: 'test-klant',
        title: { nl: 'Hulpvraag (test)', en: 'Hulpvraag (test)' },
        kindField: { nl: 'Soort wederdienst', en: 'Soort wederdienst' },
        agreements: 21,
        agreed: 20,
        gave: 13,
        kinds: [
          { kind: 'taal', label: { nl: 'Nederlands oefenen', en: 'Nederlands oefenen' }, count: 13 },
          { kind: 'fietsen', label: { nl: 'Leren fietsen', en: 'Leren fietsen' }, count: 2 },
          { kind: '', label: { nl: 'Geen soort vastgelegd', en: 'No kind recorded' }, count: 5 },
        ],
        byYear: [
          expect.objectContaining({ year: '2025', agreements: 9, agreed: 9, gave: 7 }),
          expect.objectContaining({ year: '2026', agreements: 12, agreed: 11, gave: 6 }),
        ],
      },
    ]);
    expect(truth.reciprocity[0].byYear[1].kinds.map((k) => k.count)).toEqual([6, 0, 5]);
  });

  it('counts the agreements signed in the period only', () => {
    const [x] = reciprocityReport([...agreements(3, { year: 2025, gave: true }), ...agreements(4, { year: 2026 })], {
      from: '2026-01-01',
      to: '2026-12-31',
    }).reciprocity;
    expect(x).toMatchObject({ agreements: 4, agreed: 4, gave: 0 });
    expect(x.byYear.map((y) => y.year)).toEqual(['2026']);
  });

  it('withholds a small kind or year from the stuurgroep, and what would give it back', () => {
    const [x] = withoutSmallGroups(truth, 5).reciprocity;
    expect(x.agreements).toBe(21);
    expect(x.kinds.map((k) => k.count)).toEqual([13, { withheld: 'small' }, { withheld: 'secondary' }]);
    expect(x.byYear[0]).toMatchObject({ agreements: 9, agreed: 9, gave: 7 });
    expect(x.byYear[0].kinds[1].count).toEqual({ withheld: 'small' });
    expect(reciprocityLeaks(withoutSmallGroups(truth, 5))).toEqual([]);
  });

  it('lets no wederdienst figure be worked out from the sums, whatever the agreements', () => {
    let seed = 23;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 80; round++) {
      const people: Agreement[] = [];
      for (let i = 0, n = 1 + next(40); i < n; i++)
        people.push({
          year: 2024 + next(3),
          agreed: next(5) > 0,
          gave: next(2) > 0,
          soort: (['taal', 'fietsen', undefined] as const)[next(3)],
        });
      const truth = reciprocityReport(people);
      for (const minimum of [3, 5, 10]) {
        const shown = withoutSmallGroups(truth, minimum);
        expect(reciprocityLeaks(shown), JSON.stringify(people)).toEqual([]);
        for (const row of [...shown.reciprocity, ...shown.reciprocity.flatMap((x) => x.byYear)])
          for (const v of [row.agreements, row.agreed, row.gave, ...row.kinds.map((k) => k.count)])
            if (typeof v === 'number') expect(v === 0 || v >= minimum).toBe(true);
      }
    }
  });
});
