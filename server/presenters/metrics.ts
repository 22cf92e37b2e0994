import { say, withheldText, type Locale, type OutcomeReport, type ReciprocityFigures, type Shown } from '../../engine';
import type { OutcomesResponseT } from '../contract';
import type { csvTables } from '../contract/metrics';
import type { SmallGroups } from '../commands/metrics';

export function presentOutcomes(r: OutcomeReport<Shown>, smallGroups: SmallGroups, locale: Locale): OutcomesResponseT {
  const { groupField, ...rest } = r;
  return {
    ...rest,
    smallGroups,
    byCohort: r.byCohort.map((g) => ({ ...g, label: say(g.label, locale) })),
    byGroup: r.byGroup.map((g) => ({ ...g, label: say(g.label, locale) })),
    ...(groupField ? { groupField: say(groupField, locale) } : {}),
    followUpMoments: r.followUpMoments.map((m) => ({ key: m.key, label: say(m.label, locale) })),
    flow: r.flow.map((f) => ({ ...f, label: say(f.label, locale) })),
    exits: r.exits.map((e) => ({ ...e, label: say(e.label, locale) })),
    capacity: r.capacity.map((c) => ({ ...c, title: say(c.title, locale) })),
    waiting: r.waiting.map((w) => ({ ...w, title: say(w.title, locale) })),
    reciprocity: r.reciprocity.map(({ kindField, ...x }) => {
      const kinds = (k: ReciprocityFigures<Shown>['kinds']) => k.map((y) => ({ ...y, label: say(y.label, locale) }));
      return {
        ...x,
        title: say(x.title, locale),
        ...(kindField ? { kindField: say(kindField, locale) } : {}),
        kinds: kinds(x.kinds),
        byYear: x.byYear.map((y) => ({ ...y, kinds: kinds(y.kinds) })),
      };
    }),
  };
}

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
  // Quote what needs it; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",;\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const words = {
  nl: {
    cohort: 'Cohort',
    group: 'Groep',
    started: 'Gestart',
    diplomas: 'Diploma',
    rate: 'Diplomapercentage',
    to: 'Naar werk of opleiding',
    without: 'Zonder diploma',
    running: 'Lopend',
    workflow: 'Proces',
    step: 'Stap',
    open: 'Nu open',
    stays: 'Afgeronde verblijven',
    median: 'Mediaan dagen',
    p25: 'P25 dagen',
    p75: 'P75 dagen',
    left: 'Vertrokken zonder diploma',
    total: 'Totaal',
    split: 'Indeling',
    name: 'Naam',
    checked: 'nagevraagd',
    lasting: 'nog aan het werk of op school',
    returned: 'terug in een uitkering',
    year: 'Jaar',
    agreements: 'Overeenkomsten',
    agreed: 'Wederdienst afgesproken',
    gave: 'Wederdienst gegeven',
  },
  en: {
    cohort: 'Cohort',
    group: 'Group',
    started: 'Started',
    diplomas: 'Diploma',
    rate: 'Diploma rate',
    to: 'To work or education',
    without: 'Without diploma',
    running: 'Running',
    workflow: 'Process',
    step: 'Step',
    open: 'Open now',
    stays: 'Finished stays',
    median: 'Median days',
    p25: 'P25 days',
    p75: 'P75 days',
    left: 'Left without diploma',
    total: 'Total',
    split: 'Split',
    name: 'Name',
    checked: 'followed up',
    lasting: 'still in work or education',
    returned: 'back on benefits',
    year: 'Year',
    agreements: 'Agreements',
    agreed: 'Service in return agreed',
    gave: 'Service in return given',
  },
};

/** One table of the report as CSV (semicolon-separated, as Dutch spreadsheets expect). */
export function outcomesCsv(r: OutcomesResponseT, table: (typeof csvTables)[number], locale: Locale): string {
  const w = words[locale];
  const rows: unknown[][] = [];
  const n = (v: Shown | undefined) => (v === undefined ? undefined : (withheldText(v, r.smallGroups.minimum) ?? v));
  const rate = (v: Shown | undefined) =>
    v === undefined ? '' : (withheldText(v, r.smallGroups.minimum) ?? `${Math.round((v as number) * 100)}%`);
  if (table === 'cohorts' || table === 'groups') {
    rows.push([
      table === 'cohorts' ? w.cohort : (r.groupField ?? w.group),
      w.started,
      w.diplomas,
      w.rate,
      w.to,
      w.without,
      w.running,
    ]);
    for (const g of table === 'cohorts' ? r.byCohort : r.byGroup)
      rows.push([g.label, n(g.started), n(g.diplomas), rate(g.rate), n(g.toDestination), n(g.without), n(g.running)]);
    const t = r.totals;
    rows.push(['Totaal', n(t.started), n(t.diplomas), rate(t.rate), n(t.toDestination), n(t.without), n(t.running)]);
  } else if (table === 'followUp') {
    const columns = ['checked', 'lasting', 'returned'] as const;
    rows.push([w.split, w.name, ...r.followUpMoments.flatMap((m) => columns.map((c) => `${m.label}: ${w[c]}`))]);
    const row = (split: string, g: OutcomesResponseT['totals'], label: string) =>
      rows.push([split, label, ...r.followUpMoments.flatMap((m) => columns.map((c) => n(g.followUp[m.key]?.[c])))]);
    for (const g of r.byCohort) row(w.cohort, g, g.label);
    for (const g of r.byGroup) row(r.groupField ?? w.group, g, g.label);
    row(w.total, r.totals, '');
  } else if (table === 'reciprocity') {
    // The kinds of every workflow, each its own column, so that one table holds them all.
    const kinds = [...new Set(r.reciprocity.flatMap((x) => x.kinds.map((k) => k.label)))];
    rows.push([w.workflow, w.year, w.agreements, w.agreed, w.gave, ...kinds]);
    for (const x of r.reciprocity)
      for (const [year, f] of [...x.byYear.map((y) => [y.year, y] as const), [w.total, x] as const])
        rows.push([
          x.workflow,
          year,
          n(f.agreements),
          n(f.agreed),
          n(f.gave),
          ...kinds.map((label) => n(f.kinds.find((k) => k.label === label)?.count)),
        ]);
  } else if (table === 'flow') {
    rows.push([w.workflow, w.step, w.open, w.stays, w.median, w.p25, w.p75]);
    for (const f of r.flow)
      rows.push([f.workflow, f.label, n(f.open), n(f.stays), n(f.medianDays), n(f.p25Days), n(f.p75Days)]);
  } else {
    rows.push([w.workflow, w.step, w.left]);
    for (const e of r.exits) rows.push([e.workflow, e.label, n(e.count)]);
  }
  return `${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
