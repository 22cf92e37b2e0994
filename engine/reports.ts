import type { Definition, Field } from './definition';
import { evaluate } from './rules';
import type { Message } from './text';
import { inSteps } from './exclusive';
import { endsCase, stateLabel } from './tree';

/** One case as the reports read it: its data now, where it is, and every step it went through. */
export interface ReportCase {
  def: Definition;
  data: Readonly<Record<string, unknown>>;
  state: string;
  outcome: string | null;
  createdAt: Date;
  /** History rows oldest first: when, from which step, to which step. */
  history: readonly { at: Date; from: string | null; to: string }[];
}

/**
 * A figure a reader is not shown (the stuurgroep, under the site's small-group minimum): `small`
 * counts fewer people than the minimum; `secondary` is withheld so that a small one beside it
 * cannot be worked back out (a total minus the rest, a rate, a duration of a few stays).
 */
export interface Withheld {
  withheld: 'small' | 'secondary';
}
/** A figure as a report's reader gets it: the number, or withheld. */
export type Shown = number | Withheld;

/** The figures of one group of students; `N` is a number, or `Shown` for a report with groups withheld. */
export interface Figures<N = number> {
  started: N;
  diplomas: N;
  /** Diplomas over those who have finished or left; undefined while nobody has. */
  rate?: N;
  /** Per destination group (e.g. werk, vervolgopleiding), and their sum. */
  destinations: Record<string, N>;
  toDestination: N;
  without: N;
  reasons: { reason: string; count: N }[];
  running: N;
  /**
   * The follow-up after leaving, per moment (its field, e.g. nazorgZes): of those to a
   * destination, how many were checked, still in work or education (lasting), back on benefits.
   */
  followUp: Record<string, FollowUpFigures<N>>;
}

/** One follow-up moment of a group: checked, lasting outflow, back on benefits. */
export interface FollowUpFigures<N = number> {
  checked: N;
  lasting: N;
  returned: N;
}

export interface Group<N = number> extends Figures<N> {
  key: string;
  label: Message;
}

export interface StepFlow<N = number> {
  workflow: string;
  state: string;
  label: Message;
  open: N;
  /** Finished stays in the step, in days. */
  stays: N;
  /** A follow-up step: its open cases have their outcome and are not among those running. */
  followUp?: true;
  medianDays?: N;
  p25Days?: N;
  p75Days?: N;
}

export interface OutcomeReport<N = number> {
  period: { from?: string; to?: string };
  target?: number;
  totals: Figures<N>;
  byCohort: Group<N>[];
  byGroup: Group<N>[];
  groupField?: Message;
  /** The follow-up moments the figures hold, in order, by field and label. */
  followUpMoments: { key: string; label: Message }[];
  flow: StepFlow<N>[];
  exits: { workflow: string; state: string; label: Message; count: N }[];
  capacity: { workflow: string; title: Message; now: N; places?: number; minimum?: number; warning: boolean }[];
  /**
   * Who waits for a place now, per workflow with a waiting list: how many, each one's days on the
   * list in the order they came (the first is offered the next free place), and the median.
   */
  waiting: { workflow: string; title: Message; steps: string[]; count: N; days: number[]; medianDays?: N }[];
  care: {
    /** Hours of the help sessions recorded as done in the period. */
    hours: N;
    /** The half-days the plan promised while the help ran (pauses left out); no hours are assumed for them. */
    plannedHalfDays: N;
    target?: number;
    from: string;
    to: string;
    /** Clients helped in a session done in the period. */
    clients: N;
    sessions: N;
  }[];
  reciprocity: Reciprocity<N>[];
}

/** The wederdienst of the agreements signed in a period: agreed, given, and by kind. */
export interface ReciprocityFigures<N = number> {
  /** Agreements signed (their date in the period). */
  agreements: N;
  /** Of them, with a wederdienst agreed. */
  agreed: N;
  /** Of them, clients who recorded one given. */
  gave: N;
  /** The agreed ones by kind, in the order of the kind field's options; '' for no kind recorded. */
  kinds: { kind: string; label: Message; count: N }[];
}

/** One workflow's wederdienst (report 3.2 *Wederkerigheid*): in all, and per year of the agreement. */
export interface Reciprocity<N = number> extends ReciprocityFigures<N> {
  workflow: string;
  title: Message;
  /** The kind field's label, when the definition splits by kind. */
  kindField?: Message;
  byYear: ({ year: string } & ReciprocityFigures<N>)[];
}

/** A help session recorded as done: a client's visit on a day, with its hours. */
export interface CareSession {
  workflow: string;
  client: string;
  day: string;
  hours: number;
}

const day = 86_400_000;

function empty(): Figures {
  return {
    started: 0,
    diplomas: 0,
    destinations: {},
    toDestination: 0,
    without: 0,
    reasons: [],
    running: 0,
    followUp: {},
  };
}

/**
 * The outcome a report counts: the final step's, or the follow-up's while the case is in a
 * follow-up step (left with a diploma, still checked on at six and twelve months).
 */
export function reportedOutcome(c: Pick<ReportCase, 'def' | 'state' | 'outcome'>): string | null {
  const f = c.def.reports?.followUp;
  if (c.outcome) return c.outcome;
  return f && inSteps(c.state, f.activeIn) ? f.outcome : null;
}

function optionLabel(field: Field | undefined, value: unknown): Message {
  const o = field?.options?.find((x) => x.value === value);
  const text = value === undefined || value === null || value === '' ? '–' : String(value);
  return o ? { nl: o.label.nl, en: o.label.en || o.label.nl } : { nl: text, en: text };
}

function add(f: Figures, c: ReportCase) {
  const r = c.def.reports!;
  const outcome = reportedOutcome(c);
  f.started++;
  if (outcome && r.success?.includes(outcome)) {
    f.diplomas++;
    const went = r.destinationField ? c.data[r.destinationField] : undefined;
    const groups = Object.entries(r.destinations ?? {}).filter(([, values]) => values.includes(String(went)));
    for (const [group] of groups) {
      f.destinations[group] = (f.destinations[group] ?? 0) + 1;
      f.toDestination++;
    }
    // The municipality's check is of those who went to work or further education (chapter 5).
    if (groups.length && r.followUp)
      for (const moment of r.followUp.moments) {
        const m = (f.followUp[moment] ??= { checked: 0, lasting: 0, returned: 0 });
        const v = c.data[moment];
        if (typeof v !== 'string' || !v) continue;
        m.checked++;
        if (r.followUp.lasting.includes(v)) m.lasting++;
        if (r.followUp.returned?.includes(v)) m.returned++;
      }
  } else if (outcome && r.without?.includes(outcome)) {
    f.without++;
    const reason = String((r.reasonField && c.data[r.reasonField]) || '–');
    const known = f.reasons.find((x) => x.reason === reason);
    if (known) known.count++;
    else f.reasons.push({ reason, count: 1 });
  } else if (!outcome) f.running++;
}

function finish(f: Figures): Figures {
  const ended = f.diplomas + f.without;
  f.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return ended ? { ...f, rate: f.diplomas / ended } : f;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

/**
 * Whether a case in a step holds one of its workflow's places: in the steps that take one
 * (`activeIn`), or without them, open and counted as started; never in follow-up.
 */
export function holdsPlace(def: Definition, state: string, data: Readonly<Record<string, unknown>>): boolean {
  const r = def.reports;
  if (!r || endsCase(def, state)) return false;
  // Left with a diploma and checked on for a year: the place is free for someone else.
  if (r.followUp && inSteps(state, r.followUp.activeIn)) return false;
  if (r.activeIn) return inSteps(state, r.activeIn);
  return !r.started || evaluate(def, r.started, { values: data }) === true;
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length);

/**
 * The wederdienst of a workflow's agreements whose date passes `inPeriod`, per year of that date
 * and in all. The kinds are every option of the kind field (a zero too, so years line up), and
 * those agreed without a kind recorded under ''.
 */
function reciprocityOf(def: Definition, cases: readonly ReportCase[], inPeriod: (d: unknown) => boolean): Reciprocity {
  const r = def.reports!.reciprocity!;
  const kindField = r.kindField ? def.fields[r.kindField] : undefined;
  const kinds = (kindField?.options ?? []).map((o) => ({ kind: o.value, label: optionLabel(kindField, o.value) }));
  const none = { kind: '', label: { nl: 'Geen soort vastgelegd', en: 'No kind recorded' } };
  const blank = (): ReciprocityFigures => ({
    agreements: 0,
    agreed: 0,
    gave: 0,
    kinds: kindField ? kinds.map((k) => ({ ...k, count: 0 })) : [],
  });
  const all = blank();
  const years = new Map<string, ReciprocityFigures>();
  for (const c of cases) {
    const rec = c.def.reports?.reciprocity;
    const date = rec ? c.data[rec.dateField] : undefined;
    if (!rec || typeof date !== 'string' || !inPeriod(date)) continue;
    const year = date.slice(0, 4);
    if (!years.has(year)) years.set(year, blank());
    const agreed = filled(c.data[rec.agreedField]);
    const recorded = rec.kindField ? [c.data[rec.kindField]].flat() : [];
    for (const f of [all, years.get(year)!]) {
      f.agreements++;
      if (filled(c.data[rec.givenField])) f.gave++;
      if (!agreed) continue;
      f.agreed++;
      if (!kindField) continue;
      const known = recorded.filter((k) => kinds.some((x) => x.kind === k));
      if (!known.length) {
        let other = f.kinds.find((k) => k.kind === '');
        if (!other) f.kinds.push((other = { ...none, count: 0 }));
        other.count++;
      }
      for (const k of known) f.kinds.find((x) => x.kind === k)!.count++;
    }
  }
  // Every year lists what the whole does, so that a table's columns line up.
  const byYear = [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, f]) => ({
      year,
      ...f,
      kinds: all.kinds.map((k) => ({ ...k, count: f.kinds.find((x) => x.kind === k.kind)?.count ?? 0 })),
    }));
  return {
    workflow: def.key,
    title: { nl: def.title.nl, en: def.title.en || def.title.nl },
    ...(kindField ? { kindField: { nl: kindField.label.nl, en: kindField.label.en || kindField.label.nl } } : {}),
    ...all,
    byYear,
  };
}

/** When a waiting case came onto the list: the start of its last unbroken run of stays in the list's steps. */
function waitingSince(c: ReportCase, steps: readonly string[]): number {
  const list = stays(c);
  let i = list.length;
  while (i > 0 && inSteps(list[i - 1].state, steps)) i--;
  return (list[i] ?? { from: c.createdAt }).from.getTime();
}

/** The stays of a case in each step: entered when a row's step differs from the one before. */
function stays(c: ReportCase): { state: string; from: Date; to?: Date }[] {
  const out: { state: string; from: Date; to?: Date }[] = [];
  let current: { state: string; from: Date; to?: Date } | undefined;
  for (const h of c.history) {
    if (current && current.state === h.to) continue;
    if (current) current.to = h.at;
    current = { state: h.to, from: h.at };
    out.push(current);
  }
  return out;
}

/**
 * The figures a projectleider reports to the stuurgroep, computed from the cases and their
 * histories (never typed in): outcomes per cohort and per group against the target, the flow
 * through the steps, where people leave, capacity, and the informal care delivered. `workflows`
 * are the current versions, whose targets count even before they have cases; `sessions` the help
 * sessions recorded as done, whose hours are the care given.
 */
export function outcomeReport(
  cases: readonly ReportCase[],
  period: { from?: string; to?: string },
  now: Date,
  workflows: readonly Definition[] = [],
  sessions: readonly CareSession[] = [],
  options: { places?: Readonly<Record<string, number>> } = {},
): OutcomeReport {
  const inPeriod = (d: unknown) =>
    typeof d === 'string' && (!period.from || d >= period.from) && (!period.to || d <= period.to);
  const students = cases.filter((c) => {
    const r = c.def.reports;
    if (!r?.started || evaluate(c.def, r.started, { values: c.data }) !== true) return false;
    return !r.startDate || !(period.from || period.to) || inPeriod(c.data[r.startDate]);
  });
  const totals = empty();
  const cohorts = new Map<string, Group>();
  const groups = new Map<string, Group>();
  let target: number | undefined;
  let groupField: Message | undefined;
  for (const c of students) {
    const r = c.def.reports!;
    target ??= r.target;
    add(totals, c);
    const date = r.startDate ? String(c.data[r.startDate] ?? '') : c.createdAt.toISOString().slice(0, 10);
    const cohortValue = r.cohortField ? c.data[r.cohortField] : undefined;
    const cohortLabel = optionLabel(r.cohortField ? c.def.fields[r.cohortField] : undefined, cohortValue);
    const key = `${date.slice(0, 4)}${cohortValue ? ` ${cohortValue}` : ''}`;
    if (!cohorts.has(key))
      cohorts.set(key, {
        key,
        label: {
          nl: `${date.slice(0, 4)} ${cohortValue ? cohortLabel.nl : ''}`.trim(),
          en: `${date.slice(0, 4)} ${cohortValue ? cohortLabel.en : ''}`.trim(),
        },
        ...empty(),
      });
    add(cohorts.get(key)!, c);
    if (r.groupField) {
      const field = c.def.fields[r.groupField];
      groupField ??= { nl: field?.label.nl ?? r.groupField, en: field?.label.en || field?.label.nl || r.groupField };
      const value = String(c.data[r.groupField] ?? '–');
      if (!groups.has(value))
        groups.set(value, { key: value, label: optionLabel(field, c.data[r.groupField]), ...empty() });
      add(groups.get(value)!, c);
    }
  }
  // Cohorts in time order: a year's February start comes before its September start.
  const cohortOrder = (k: string) => k.replace('februari', '1').replace('september', '2');
  const byCohort = [...cohorts.values()]
    .map((g) => ({ ...g, ...finish(g) }))
    .sort((a, b) => cohortOrder(a.key).localeCompare(cohortOrder(b.key)));
  const byGroup = [...groups.values()]
    .map((g) => ({ ...g, ...finish(g) }))
    .sort((a, b) => b.started - a.started || a.key.localeCompare(b.key));

  // Flow: open cases per step now, and how long finished stays lasted, per workflow and step.
  const flow = new Map<string, StepFlow & { days: number[] }>();
  const step = (c: ReportCase, state: string) => {
    const key = `${c.def.key} ${state}`;
    if (!flow.has(key)) {
      const followUp = c.def.reports?.followUp && inSteps(state, c.def.reports.followUp.activeIn);
      flow.set(key, {
        workflow: c.def.key,
        state,
        label: stateLabel(c.def, state),
        open: 0,
        stays: 0,
        days: [],
        ...(followUp ? { followUp: true as const } : {}),
      });
    }
    return flow.get(key)!;
  };
  const exits = new Map<string, { workflow: string; state: string; label: Message; count: number }>();
  for (const c of cases) {
    if (!c.outcome && !endsCase(c.def, c.state)) step(c, c.state).open++;
    for (const s of stays(c))
      if (s.to && !endsCase(c.def, s.state)) step(c, s.state).days.push((s.to.getTime() - s.from.getTime()) / day);
    if (c.outcome && c.def.reports?.without?.includes(c.outcome)) {
      const last = [...c.history].reverse().find((h) => h.from && h.from !== h.to);
      const from = last?.from ?? c.state;
      const key = `${c.def.key} ${from}`;
      if (!exits.has(key))
        exits.set(key, { workflow: c.def.key, state: from, label: stateLabel(c.def, from), count: 0 });
      exits.get(key)!.count++;
    }
  }
  const flowOut = [...flow.values()].map(({ days, ...f }) => {
    const sorted = days.sort((a, b) => a - b);
    return sorted.length
      ? {
          ...f,
          stays: sorted.length,
          medianDays: quantile(sorted, 0.5),
          p25Days: quantile(sorted, 0.25),
          p75Days: quantile(sorted, 0.75),
        }
      : f;
  });

  // Capacity and informal care, per workflow that declares them (also when it has no cases yet).
  const defs = new Map<string, Definition>();
  for (const d of workflows) if (d.reports) defs.set(d.key, d);
  for (const c of cases) if (c.def.reports && !defs.has(c.def.key)) defs.set(c.def.key, c.def);
  const capacity: OutcomeReport['capacity'] = [];
  const waiting: OutcomeReport['waiting'] = [];
  const care: OutcomeReport['care'] = [];
  const reciprocity: OutcomeReport['reciprocity'] = [];
  const end = period.to ? new Date(`${period.to}T23:59:59Z`) : now;
  const careFrom = period.from ? new Date(`${period.from}T00:00:00Z`) : new Date(end.getTime() - 365 * day);
  // A period that starts after today (with no end given) is empty, not negative.
  const careTo = period.to ? end : new Date(Math.max(now.getTime(), careFrom.getTime()));
  for (const def of defs.values()) {
    const r = def.reports!;
    // A student in follow-up has left: no place is theirs any more.
    const mine = cases.filter((c) => c.def.key === def.key && !reportedOutcome(c) && !endsCase(c.def, c.state));
    const occupying = mine.filter((c) => holdsPlace(c.def, c.state, c.data));
    const title = { nl: def.title.nl, en: def.title.en || def.title.nl };
    if (r.capacity || r.minimum) {
      const places = options.places?.[def.key] ?? r.capacity;
      capacity.push({
        workflow: def.key,
        title,
        now: occupying.length,
        places,
        minimum: r.minimum,
        warning: r.minimum !== undefined && occupying.length < r.minimum,
      });
    }
    if (r.waitingIn) {
      // First come, first served: the order is when each entered the list.
      const since = mine
        .filter((c) => inSteps(c.state, r.waitingIn!))
        .map((c) => waitingSince(c, r.waitingIn!))
        .sort((a, b) => a - b);
      const days = since.map((t) => Math.max(0, Math.floor((now.getTime() - t) / day)));
      waiting.push({
        workflow: def.key,
        title,
        steps: r.waitingIn,
        count: days.length,
        days,
        ...(days.length ? { medianDays: quantile(days, 0.5) } : {}),
      });
    }
    if (r.reciprocity)
      reciprocity.push(
        reciprocityOf(
          def,
          cases.filter((c) => c.def.key === def.key),
          inPeriod,
        ),
      );
    if (r.care) {
      let planned = 0;
      const helpIn = r.care.activeIn ?? r.activeIn;
      for (const c of cases.filter((x) => x.def.key === def.key)) {
        const halfDays = c.data[r.care.halfDaysField];
        const perWeek = Array.isArray(halfDays) ? halfDays.length : 0;
        for (const s of stays(c)) {
          if (!inSteps(s.state, helpIn ?? [s.state]) || !perWeek) continue;
          const from = Math.max(s.from.getTime(), careFrom.getTime());
          const to = Math.min((s.to ?? now).getTime(), careTo.getTime());
          if (to <= from) continue;
          planned += ((to - from) / (7 * day)) * perWeek;
        }
      }
      const [first, last] = [careFrom.toISOString().slice(0, 10), careTo.toISOString().slice(0, 10)];
      const done = sessions.filter((x) => x.workflow === def.key && x.day >= first && x.day <= last);
      const years = (careTo.getTime() - careFrom.getTime()) / (365 * day);
      care.push({
        hours: Math.round(done.reduce((n, x) => n + x.hours, 0) * 100) / 100,
        plannedHalfDays: Math.round(planned),
        target: Math.round(r.care.yearlyTarget * years),
        from: first,
        to: last,
        clients: new Set(done.map((x) => x.client)).size,
        sessions: done.length,
      });
    }
  }

  const followUpMoments: OutcomeReport['followUpMoments'] = [];
  for (const def of defs.values())
    for (const key of def.reports?.followUp?.moments ?? []) {
      if (followUpMoments.some((m) => m.key === key)) continue;
      const label = def.fields[key]?.label;
      followUpMoments.push({ key, label: { nl: label?.nl ?? key, en: label?.en || label?.nl || key } });
    }
  // Every group lists every moment, a zero too, so that a table's columns line up.
  for (const f of [totals, ...byCohort, ...byGroup])
    for (const m of followUpMoments) f.followUp[m.key] ??= { checked: 0, lasting: 0, returned: 0 };

  return {
    period,
    target,
    totals: finish(totals),
    byCohort,
    byGroup,
    groupField,
    followUpMoments,
    flow: flowOut,
    exits: [...exits.values()].sort((a, b) => b.count - a.count),
    capacity,
    waiting,
    care,
    reciprocity,
  };
}
