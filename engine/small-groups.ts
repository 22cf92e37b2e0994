import { inSteps } from './exclusive';
import type { Figures, OutcomeReport, ReciprocityFigures, Shown, Withheld } from './reports';

/** The smallest group the stuurgroep sees as a number, when a site sets none. */
export const defaultSmallGroupMinimum = 5;
/** Below three, "< n" would say "one person"; above twenty, a site's whole group disappears. */
export const smallGroupMinimumRange = { minimum: 3, maximum: 20 } as const;

/** A withheld figure in words: "< 5" for a small group, "x" for one withheld beside it; undefined for a number. */
export function withheldText(v: Shown, minimum: number): string | undefined {
  if (typeof v === 'number') return undefined;
  return v.withheld === 'small' ? `< ${minimum}` : 'x';
}

type State = 'shown' | Withheld['withheld'];
const quantiles = ['medianDays', 'p25Days', 'p75Days'] as const;

/**
 * The report for a reader who may not see small groups (the stuurgroep). Every count of people
 * from 1 to `minimum - 1` is withheld as `small`; a zero stays, since it points at nobody.
 * Then every published sum is checked: a line of figures that adds up (a total and its cohorts,
 * a cohort's started and its diplomas, without and running, the reasons and the total without,
 * the open cases per step and the running total) with exactly one withheld figure would give it
 * back by subtraction, so the smallest other figure of that line is withheld too (`secondary`),
 * until no line has exactly one. A line counts only where it holds in the figures, as a reader
 * could rely on it only then. Rates are withheld where a count they are made of is, durations
 * where they come from few stays, care hours where they come from few clients. What stays is
 * that a withheld figure lies in a range (a small one is below the minimum, as it says).
 */
export function withoutSmallGroups(r: OutcomeReport, minimum: number): OutcomeReport<Shown> {
  const cells: { value: number; state: State; total: boolean }[] = [];
  const lines: number[][] = [];
  const cell = (value: number) => {
    cells.push({ value, state: value > 0 && value < minimum ? 'small' : 'shown', total: false });
    return cells.length - 1;
  };
  const sum = (ids: readonly number[]) => ids.reduce((n, i) => n + cells[i].value, 0);
  /** A line whose first figure is the sum of the others, where it holds. */
  const line = (total: number | undefined, parts: readonly number[]) => {
    if (total === undefined || !parts.length || cells[total].value !== sum(parts)) return;
    cells[total].total = true;
    lines.push([total, ...parts]);
  };

  const rows = [r.totals, ...r.byCohort, ...r.byGroup];
  const destinationKeys = [...new Set(rows.flatMap((f) => Object.keys(f.destinations)))];
  const reasonKeys = [...new Set(rows.flatMap((f) => f.reasons.map((x) => x.reason)))];
  const momentKeys = r.followUpMoments.map((m) => m.key);
  const followUpColumns = ['checked', 'lasting', 'returned'] as const;
  const columns = ['started', 'diplomas', 'without', 'running', 'toDestination'] as const;
  const figureCells = (f: Figures) => {
    const c = {
      ...(Object.fromEntries(columns.map((k) => [k, cell(f[k])])) as Record<(typeof columns)[number], number>),
      destinations: new Map(destinationKeys.map((k) => [k, cell(f.destinations[k] ?? 0)])),
      reasons: new Map(reasonKeys.map((k) => [k, cell(f.reasons.find((x) => x.reason === k)?.count ?? 0)])),
      followUp: new Map(
        momentKeys.map((k) => [
          k,
          Object.fromEntries(followUpColumns.map((col) => [col, cell(f.followUp[k]?.[col] ?? 0)])) as Record<
            (typeof followUpColumns)[number],
            number
          >,
        ]),
      ),
    };
    line(c.started, [c.diplomas, c.without, c.running]);
    line(c.toDestination, [...c.destinations.values()]);
    line(c.without, [...c.reasons.values()]);
    return c;
  };
  const totals = figureCells(r.totals);
  const cohorts = r.byCohort.map(figureCells);
  const groups = r.byGroup.map(figureCells);
  const columnsOf = (c: ReturnType<typeof figureCells>) => [
    ...columns.map((k) => c[k]),
    ...c.destinations.values(),
    ...c.reasons.values(),
    ...[...c.followUp.values()].flatMap((m) => followUpColumns.map((col) => m[col])),
  ];
  const totalColumns = columnsOf(totals);
  for (const split of [cohorts, groups]) {
    const parts = split.map(columnsOf);
    totalColumns.forEach((t, i) =>
      line(
        t,
        parts.map((p) => p[i]),
      ),
    );
  }

  const exits = r.exits.map((e) => cell(e.count));
  line(totals.without, exits);
  const flow = r.flow.map((f) => ({ open: cell(f.open), stays: cell(f.stays) }));
  const capacity = r.capacity.map((c) => cell(c.now));
  // Cases in follow-up are open in their step but neither running nor taking a place.
  const running = flow.filter((_, i) => !r.flow[i].followUp);
  line(
    totals.running,
    running.map((f) => f.open),
  );
  for (const wf of new Set(r.flow.map((f) => f.workflow))) {
    const open = flow.filter((_, i) => r.flow[i].workflow === wf && !r.flow[i].followUp).map((f) => f.open);
    line(totals.running, open);
    line(capacity[r.capacity.findIndex((c) => c.workflow === wf)], open);
  }
  const clients = r.care.map((c) => cell(c.clients));
  // The wederdienst's own cells: each year's figures add up to the whole, and the kinds of one agreed to those agreed.
  const reciprocityCells = (f: ReciprocityFigures) => {
    const c = {
      agreements: cell(f.agreements),
      agreed: cell(f.agreed),
      gave: cell(f.gave),
      kinds: f.kinds.map((k) => cell(k.count)),
    };
    line(c.agreed, c.kinds);
    return c;
  };
  const reciprocity = r.reciprocity.map((x) => {
    const all = reciprocityCells(x);
    const years = x.byYear.map(reciprocityCells);
    for (const key of ['agreements', 'agreed', 'gave'] as const)
      line(
        all[key],
        years.map((y) => y[key]),
      );
    all.kinds.forEach((k, i) =>
      line(
        k,
        years.map((y) => y.kinds[i]),
      ),
    );
    return { all, years };
  });
  // Those waiting are the open cases of the list's steps in the flow: a figure withheld in one is withheld in the other.
  const waiting = r.waiting.map((w) => {
    const id = cell(w.count);
    line(
      id,
      flow.filter((_, i) => r.flow[i].workflow === w.workflow && inSteps(r.flow[i].state, w.steps)).map((f) => f.open),
    );
    return id;
  });

  for (;;) {
    const leaking = lines.find((l) => l.filter((i) => cells[i].state !== 'shown').length === 1);
    if (!leaking) break;
    // Another of the line's figures, the least telling: a part before the total, a count before a zero, the smallest.
    const [next] = leaking
      .filter((i) => cells[i].state === 'shown')
      .sort(
        (a, b) =>
          Number(cells[a].total) - Number(cells[b].total) ||
          Number(cells[a].value === 0) - Number(cells[b].value === 0) ||
          cells[a].value - cells[b].value,
      );
    cells[next].state = 'secondary';
  }

  const shown = (i: number): Shown => (cells[i].state === 'shown' ? cells[i].value : { withheld: cells[i].state });
  const hidden = (i: number) => cells[i].state !== 'shown';
  const secondary: Withheld = { withheld: 'secondary' };
  const figures = (f: Figures, c: ReturnType<typeof figureCells>): Figures<Shown> => ({
    started: shown(c.started),
    diplomas: shown(c.diplomas),
    ...(f.rate === undefined ? {} : { rate: hidden(c.diplomas) || hidden(c.without) ? secondary : f.rate }),
    destinations: Object.fromEntries(
      [...c.destinations].filter(([, i]) => cells[i].value > 0 || hidden(i)).map(([k, i]) => [k, shown(i)]),
    ),
    toDestination: shown(c.toDestination),
    without: shown(c.without),
    reasons: bySize(
      [...c.reasons].filter(([, i]) => cells[i].value > 0 || hidden(i)).map(([reason, i]) => ({ reason, i })),
      (x) => x.reason,
      (x) => x.i,
    ).map((x) => ({ reason: x.reason, count: shown(x.i) })),
    running: shown(c.running),
    followUp: Object.fromEntries(
      [...c.followUp].map(([k, m]) => [
        k,
        { checked: shown(m.checked), lasting: shown(m.lasting), returned: shown(m.returned) },
      ]),
    ),
  });
  const ofGroup = r.byGroup.map((g, n) => ({ g, c: groups[n] }));

  return {
    ...r,
    totals: figures(r.totals, totals),
    byCohort: r.byCohort.map((g, n) => ({ ...g, ...figures(g, cohorts[n]) })),
    byGroup: bySize(
      ofGroup,
      (x) => x.g.key,
      (x) => x.c.started,
    ).map(({ g, c }) => ({ ...g, ...figures(g, c) })),
    flow: r.flow.map((f, n) => {
      // A median of a few stays is one person's stay.
      const few = hidden(flow[n].stays);
      const days = Object.fromEntries(
        quantiles.filter((k) => f[k] !== undefined).map((k) => [k, few ? secondary : f[k]]),
      );
      return { ...f, ...days, open: shown(flow[n].open), stays: shown(flow[n].stays) };
    }),
    exits: bySize(
      r.exits.map((e, n) => ({ e, i: exits[n] })),
      (x) => `${x.e.workflow} ${x.e.state}`,
      (x) => x.i,
    ).map(({ e, i }) => ({ ...e, count: shown(i) })),
    capacity: r.capacity.map((c, n) => ({ ...c, now: shown(capacity[n]) })),
    // Each day count of the list is one person's wait: the stuurgroep sees how many and the median.
    waiting: r.waiting.map(({ medianDays, ...w }, n) => ({
      ...w,
      count: shown(waiting[n]),
      days: [],
      ...(medianDays === undefined ? {} : { medianDays: hidden(waiting[n]) ? secondary : medianDays }),
    })),
    reciprocity: r.reciprocity.map((x, n) => {
      const { all, years } = reciprocity[n];
      const figures = (f: ReciprocityFigures, c: typeof all): ReciprocityFigures<Shown> => ({
        agreements: shown(c.agreements),
        agreed: shown(c.agreed),
        gave: shown(c.gave),
        kinds: f.kinds.map((k, i) => ({ ...k, count: shown(c.kinds[i]) })),
      });
      return { ...x, ...figures(x, all), byYear: x.byYear.map((y, i) => ({ ...y, ...figures(y, years[i]) })) };
    }),
    care: r.care.map((c, n) => {
      const few = hidden(clients[n]);
      return {
        ...c,
        clients: shown(clients[n]),
        hours: few ? secondary : c.hours,
        plannedHalfDays: few ? secondary : c.plannedHalfDays,
        sessions: few ? secondary : c.sessions,
      };
    }),
  };

  /**
   * Largest first, as the report lists them, but the withheld ones after the rest in the order
   * of their names: ranked by size they would still say which of two small groups is larger.
   */
  function bySize<T>(items: T[], name: (x: T) => string, id: (x: T) => number): T[] {
    return [...items].sort(
      (a, b) =>
        Number(hidden(id(a))) - Number(hidden(id(b))) ||
        (hidden(id(a)) ? 0 : cells[id(b)].value - cells[id(a)].value) ||
        name(a).localeCompare(name(b)),
    );
  }
}
