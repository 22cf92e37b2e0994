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
