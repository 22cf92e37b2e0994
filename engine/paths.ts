/**
 * "Alle paden": every path a definition allows, walked with @xstate/graph over the compiled
 * machine, to tell a manager before publishing where a case could get stuck, which steps no case
 * can reach, which actions never do anything and which rules can never pass.
 *
 * The machine's guards read the event's form data and the case's checklist, so each snapshot is
 * offered every event its active steps declare (and their timers' events), with form data that
 * enumerates every value a rule can tell apart (each option of a choice, yes and no, filled in or
 * not) and a sample value for the other fields. Data that only the start form sets (the entry
 * route) is enumerated by one walk per value. Signatures are made outside the machine: the walk
 * takes the aftekenlijst as signed (a rule asking for them can pass), or, with `signed: false`, as
 * empty. A rule on time in the step is offered its event at once and years later, so both "within"
 * and "after" can hold; time since a date is counted from the sample dates to `now`.
 */
import { getAdjacencyMap } from '@xstate/graph';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { compile, type CaseContext } from './compile';
import { startCase, type PersistedSnapshot } from './cases';
import { sampleValue } from './forms';
import { evaluate, isTimeCondition, ruleFields, type Place } from './rules';
import { readsPlace } from './places';
import { checklistItems, indexStates, kind, leafPaths, offeredEvents, type StateEntry } from './tree';
import { transitionsOf } from './definition';
import type { Definition, Field, Rule } from './definition';
import type { Message } from './text';

/** An event as the walk sends it: its form data, its moment, and for a rule on places, whether one is free. */
export interface PathEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
  place?: Place;
}

/** The walk's two sites for a rule on places: one with every place taken, one with a place free. */
export const pathPlaces: readonly Place[] = [
  { places: 1, taken: 1, ahead: 0 },
  { places: 1, taken: 0, ahead: 0 },
];

/** One start of the walk: the start form's data (one per value a rule reads) and the signatures. */
export interface PathStart {
  data: Record<string, unknown>;
  /** The part of `data` that tells this start from the others. */
  chosen: Record<string, unknown>;
  signed: boolean;
}

/** How a case gets somewhere: the start's answers that rules read, and the events after it, shortest first. */
export interface PathTo {
  start: Record<string, unknown>;
  events: { type: string; data: Record<string, unknown> }[];
}

/** A guarded option of an action or an automatic step that no case can take. */
export interface NeverPasses {
  /** The step that declares it. */
  state: string;
  /** The action's event, or `always` / the timer's key. */
  event: string;
  target?: string;
  rule: Rule;
}

export interface PathsReport {
  /** Distinct places a case can be in (step, what it remembers, the data rules read). */
  vertices: number;
  moves: number;
  /** Each final step reached, with the shortest way there. */
  endings: { state: string; path: PathTo }[];
  /** Places from which no end can be reached any more, with the shortest way into them. */
  stuck: { states: string[]; path: PathTo }[];
  /** Steps no case can enter. */
  unreachable: string[];
  /** Declared actions that never change the case. */
  deadActions: string[];
  /** Guarded options that never pass where they are offered (their step is reached). */
  neverPasses: NeverPasses[];
}

/** Beyond this many places the walk stops: a draft that large is better judged by parts. */
export const pathsLimit = 60_000;

/** The walk met more places than its limit. */
export class TooManyPaths extends Error {
  // Named by hand: a minified bundle renames classes, and the designer's worker reports errors by name.
  override name = 'TooManyPaths';
  constructor(readonly limit: number) {
    super(`more than ${limit} places`);
  }
}

const yearsLater = 5 * 366 * 86_400_000;

/** Every field a guard of the definition reads: their values are what the walk tells apart. */
export function guardFields(def: Definition): Set<string> {
  const out = new Set<string>();
  for (const { guard } of guarded(def)) ruleFields(guard, out);
  return out;
}

interface Guarded {
  entry: StateEntry;
  event: string;
  target?: string;
  guard: Rule;
}

function guarded(def: Definition): Guarded[] {
  const index = indexStates(def);
  const out: Guarded[] = [];
  for (const entry of [index.root, ...index.byPath.values()]) {
    const c = entry.config;
    const groups: [string, unknown][] = [
      ...Object.entries(c.on ?? {}),
      ...Object.entries(c.after ?? {}).map(([k, t]) => [`after ${k}`, t] as [string, unknown]),
      ...(c.always ? [['always', c.always] as [string, unknown]] : []),
      ...(c.onDone ? [['onDone', c.onDone] as [string, unknown]] : []),
    ];
    for (const [event, t] of groups)
      for (const tr of transitionsOf(t as never))
        if (tr.guard) out.push({ entry, event, target: tr.target, guard: tr.guard.params as Rule });
  }
  return out;
}

/** Every value of a field that a rule can tell apart, `undefined` meaning "not filled in". */
export function distinguishable(field: Field): unknown[] {
  if (field.type === 'boolean') return [undefined, true, false];
  if (field.type === 'enum') return [undefined, ...field.options!.map((o) => o.value)];
  if (field.type === 'list' && field.options) return [undefined, ...field.options.map((o) => [o.value])];
  return [undefined, sampleValue(field)];
}

function product(choices: [string, unknown[]][]): Record<string, unknown>[] {
  return choices.reduce<Record<string, unknown>[]>(
    (acc, [name, values]) =>
      acc.flatMap((partial) => values.map((v) => (v === undefined ? partial : { ...partial, [name]: v }))),
    [{}],
  );
}

const readsTimeInStep = (rule: Rule): boolean =>
  isTimeCondition(rule) ||
  ('not' in rule && readsTimeInStep(rule.not)) ||
  ('all' in rule && rule.all.some(readsTimeInStep)) ||
  ('any' in rule && rule.any.some(readsTimeInStep));

/** The events to try in a snapshot: declared events with rule-covering data, and the timers. */
export function pathEvents(def: Definition, decisive: Set<string>, at: string) {
  const index = indexStates(def);
  const later = new Date(Date.parse(at) + yearsLater).toISOString();
  return (snapshot: AnyMachineSnapshot): PathEvent[] => {
    if (snapshot.status !== 'active') return [];
    const leaves = leafPaths(snapshot.value);
    const events: PathEvent[] = [];
    for (const offer of offeredEvents(def, leaves)) {
      const form = offer.candidates[0].meta?.form ?? [];
      const fixed = Object.fromEntries(
        form.filter((f) => !decisive.has(f.field)).map((f) => [f.field, sampleValue(def.fields[f.field])]),
      );
      const varied = form
        .filter((f) => decisive.has(f.field))
        .map(
          (f) =>
            [f.field, distinguishable(def.fields[f.field]).filter((v) => !f.required || v !== undefined)] as [
              string,
              unknown[],
            ],
        );
      const moments = offer.candidates.some((c) => c.guard && readsTimeInStep(c.guard.params as Rule))
        ? [at, later]
        : [at];
      const places = offer.candidates.some((c) => c.guard && readsPlace(c.guard.params as Rule))
        ? pathPlaces
        : [undefined];
      for (const data of product(varied))
        for (const moment of moments)
          for (const place of places)
            events.push({ type: offer.type, data: { ...fixed, ...data }, at: moment, ...(place && { place }) });
    }
    const timers = new Set<string>();
    for (const leaf of leaves) {
      const parts = leaf.split('.');
      for (let i = parts.length; i >= 1; i--) {
        const path = parts.slice(0, i).join('.');
        for (const key of Object.keys(index.byPath.get(path)?.config.after ?? {}))
          timers.add(`xstate.after.${key}.${def.machine.id}.${path}`);
      }
    }
    for (const type of timers) events.push({ type, data: {}, at });
    return events;
  };
}

/** A place of the walk: where the case is, what it remembers (history) and the data rules read. */
export function placeKey(decisive: Set<string>) {
  return (snapshot: AnyMachineSnapshot) => {
    const history = Object.fromEntries(
      Object.entries((snapshot.historyValue ?? {}) as Record<string, { id: string }[]>).map(([k, v]) => [
        k,
        // What a history step remembers is a set of steps: XState lists a parallel step's leaves
        // in the order they were entered, which differs by path but restores the same place.
        v.map((n) => n.id).sort(),
      ]),
    );
    const data = snapshot.context.data as Record<string, unknown>;
    const read = Object.fromEntries([...decisive].sort().map((k) => [k, data[k]]));
    return JSON.stringify([snapshot.status, snapshot.value, history, read]);
  };
}

/** The draft cannot start a case with the sample answers: the walk has nowhere to begin. */
export class CannotStart extends Error {
  override name = 'CannotStart';
  constructor(readonly detail: Message) {
    super(detail.en);
  }
}

export function startSnapshot(def: Definition, start: PathStart, now: Date): PersistedSnapshot {
  const r = startCase(def, start.data, now);
  if (!r.ok) throw new CannotStart(r.message);
  if (!start.signed) return r.snapshot;
  const at = now.toISOString();
  const checklist = Object.fromEntries(checklistItems(def, '*').map((i) => [i.id, { by: 'docent', at }]));
  return { ...r.snapshot, context: { ...r.snapshot.context, checklist } };
}

/** One start per combination of start-form values that rules read (e.g. each entry route). */
export function pathStarts(def: Definition, signed: boolean, decisive = guardFields(def)): PathStart[] {
  const base = Object.fromEntries(def.startForm.map((f) => [f.field, sampleValue(def.fields[f.field])]));
  const varied = def.startForm
    .filter((f) => decisive.has(f.field))
    .map((f) => [f.field, distinguishable(def.fields[f.field]).filter((v) => v !== undefined)] as [string, unknown[]]);
  return product(varied).map((chosen) => ({ data: { ...base, ...chosen }, chosen, signed }));
}

/** The walk from one start: the machine it ran and every place with its moves. */
export function walk(
  def: Definition,
  start: PathStart,
  now: Date,
  machine: AnyStateMachine = compile(def),
  limit = pathsLimit,
  decisive = guardFields(def),
) {
  const fromState = createActor(machine, {
    snapshot: startSnapshot(def, start, now) as never,
  }).getSnapshot() as AnyMachineSnapshot;
  const options = {
    fromState,
    events: pathEvents(def, decisive, now.toISOString()),
    serializeState: placeKey(decisive),
    limit,
  };
  try {
    return { machine, options, adjacency: getAdjacencyMap(machine, options as never) };
  } catch (err) {
    if (err instanceof Error && err.message === 'Traversal limit exceeded') throw new TooManyPaths(limit);
    throw err;
  }
}

type Move = { event: PathEvent; state: AnyMachineSnapshot };

/** Every state a snapshot has active: its leaves and their ancestors. */
export function activeStates(snapshot: AnyMachineSnapshot): string[] {
  return leafPaths(snapshot.value).flatMap((leaf) =>
    leaf.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  );
}

const moved = (from: AnyMachineSnapshot, to: AnyMachineSnapshot) =>
  JSON.stringify(to.value) !== JSON.stringify(from.value) ||
  JSON.stringify(to.context.data) !== JSON.stringify(from.context.data);

/**
 * Walks every path of the definition from every start and reports what a manager should fix:
 * places without a way to an end, steps out of reach, actions and rules that never do anything.
 * `now` stands after the sample dates so that rules on time since a date can hold.
 */
export function explorePaths(
  def: Definition,
  options: { now?: Date; signed?: boolean; limit?: number } = {},
): PathsReport {
  const now = options.now ?? new Date('2027-03-01T09:00:00.000Z');
  const signed = options.signed ?? true;
  const decisive = guardFields(def);
  const key = placeKey(decisive);
  // Which guarded options passed at least once: the machine's own guard, watched.
  const guards = guarded(def);
  const passed = new Set<Rule>();
  const base = compile(def);
  const machine = base.provide({
    guards: {
      rule: ({ context, event }: { context: CaseContext; event: PathEvent }, params: Rule) => {
        const ok =
          evaluate(def, params, {
            values: { ...context.data, ...event.data },
            checklist: context.checklist,
            enteredAt: context.enteredAt,
            now: event.at,
            place: event.place,
          }) === true;
        if (ok) passed.add(params);
        return ok;
      },
    },
  } as never) as AnyStateMachine;

  const reached = new Set<string>();
  const changedBy = new Set<string>();
  const endings = new Map<string, PathTo>();
  const stuck = new Map<string, { states: string[]; path: PathTo }>();
  let vertices = 0;
  let moves = 0;
  for (const start of pathStarts(def, signed, decisive)) {
    const { adjacency, options: o } = walk(def, start, now, machine, options.limit, decisive);
    const places = adjacency as Record<string, { state: AnyMachineSnapshot; transitions: Record<string, Move> }>;
    const keys = Object.keys(places);
    vertices += keys.length;
    // Shortest ways in, breadth first from the start (the map's own order is breadth first too).
    const first = key(o.fromState);
    const via = new Map<string, { from: string; event: PathEvent } | null>([[first, null]]);
    const queue = [first];
    const into = new Map<string, string[]>();
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i];
      const place = places[at];
      for (const move of Object.values(place.transitions)) {
        moves++;
        const next = key(move.state);
        if (moved(place.state, move.state))
          changedBy.add(move.event.type.startsWith('xstate.after.') ? 'timer' : move.event.type);
        (into.get(next) ?? into.set(next, []).get(next)!).push(at);
        if (!via.has(next)) {
          via.set(next, { from: at, event: move.event });
          queue.push(next);
        }
      }
    }
    const pathTo = (k: string): PathTo => {
      const events: PathTo['events'] = [];
      for (let step = via.get(k); step; step = via.get(step.from))
        events.unshift({ type: step.event.type, data: step.event.data });
      return { start: start.chosen, events };
    };
    // Places from which an end is reachable: backwards from every ended place.
    const canEnd = new Set(keys.filter((k) => places[k].state.status === 'done'));
    const back = [...canEnd];
    for (let i = 0; i < back.length; i++)
      for (const prev of into.get(back[i]) ?? [])
        if (!canEnd.has(prev)) {
          canEnd.add(prev);
          back.push(prev);
        }
    for (const k of queue) {
      const snapshot = places[k].state;
      activeStates(snapshot).forEach((s) => reached.add(s));
      const leaves = leafPaths(snapshot.value);
      if (snapshot.status === 'done') {
        for (const leaf of leaves) if (!endings.has(leaf)) endings.set(leaf, pathTo(k));
      } else if (!canEnd.has(k)) {
        const where = leaves.join(' + ');
        if (!stuck.has(where)) stuck.set(where, { states: leaves, path: pathTo(k) });
      }
    }
  }
  const real = [...indexStates(def).byPath.values()].filter((e) => kind(e.config) !== 'history');
  const declared = new Set(
    [indexStates(def).root, ...indexStates(def).byPath.values()].flatMap((e) => Object.keys(e.config.on ?? {})),
  );
  return {
    vertices,
    moves,
    endings: [...endings].map(([state, path]) => ({ state, path })),
    stuck: [...stuck.values()],
    unreachable: real.map((e) => e.path).filter((p) => !reached.has(p)),
    deadActions: [...declared].filter((e) => !changedBy.has(e)),
    neverPasses: guards
      .filter((g) => (g.entry.path === '' || reached.has(g.entry.path)) && !passed.has(g.guard))
      .map((g) => ({
        state: g.entry.path,
        event: g.event,
        ...(g.target ? { target: g.target } : {}),
        rule: g.guard,
      })),
  };
}
