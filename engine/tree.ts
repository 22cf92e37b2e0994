import type { Definition, StateConfig, TransitionConfig } from './definition';
import { stateKinds, transitionsOf, type ChecklistItem } from './definition';
import { describeTimer } from './timer-key';

/** A state of a definition, flattened: its dotted path from the root, its config and parent. */
export interface StateEntry {
  path: string;
  key: string;
  config: StateConfig;
  parent: StateEntry | undefined;
  depth: number;
}

/** The machine's root seen as a state, so that root-level `on` is handled like any other. */
export function rootConfig(def: Definition): StateConfig {
  return { id: def.machine.id, initial: def.machine.initial, states: def.machine.states, on: def.machine.on };
}

export type StateKind = (typeof stateKinds)[number];

export function kind(config: StateConfig): StateKind {
  if (config.type) return config.type === 'compound' && !config.states ? 'atomic' : config.type;
  return config.states && Object.keys(config.states).length > 0 ? 'compound' : 'atomic';
}

const indexCache = new WeakMap<Definition, StateIndex>();

export interface StateIndex {
  root: StateEntry;
  /** Every state by dotted path, in document order (parents before children). */
  byPath: Map<string, StateEntry>;
  /** Explicit `id`s and XState's generated ids (`machineId.path`), for `#id` targets. */
  byId: Map<string, StateEntry>;
}

export function indexStates(def: Definition): StateIndex {
  const cached = indexCache.get(def);
  if (cached) return cached;
  const root: StateEntry = { path: '', key: def.machine.id, config: rootConfig(def), parent: undefined, depth: 0 };
  const byPath = new Map<string, StateEntry>();
  const byId = new Map<string, StateEntry>([[def.machine.id, root]]);
  const visit = (entry: StateEntry) => {
    for (const [key, config] of Object.entries(entry.config.states ?? {})) {
      const path = entry.path ? `${entry.path}.${key}` : key;
      const child: StateEntry = { path, key, config, parent: entry, depth: entry.depth + 1 };
      byPath.set(path, child);
      byId.set(`${def.machine.id}.${path}`, child);
      if (config.id) byId.set(config.id, child);
      visit(child);
    }
  };
  visit(root);
  const index = { root, byPath, byId };
  indexCache.set(def, index);
  return index;
}

function byRelativePath(from: StateEntry, path: string): StateEntry | undefined {
  let node: StateEntry | undefined = from;
  for (const key of path.split('.')) {
    const config: StateConfig | undefined = node?.config.states?.[key];
    if (!node || !config) return undefined;
    const childPath: string = node.path ? `${node.path}.${key}` : key;
    node = { path: childPath, key, config, parent: node, depth: node.depth + 1 };
  }
  return node;
}

/** Resolves a transition target the way XState does; undefined when it names no state. */
export function resolveTarget(def: Definition, source: StateEntry, target: string): StateEntry | undefined {
  const index = indexStates(def);
  if (target.startsWith('#')) return index.byId.get(target.slice(1));
  let found: StateEntry | undefined;
  if (target.startsWith('.')) found = byRelativePath(source, target.slice(1));
  else if (source.parent) found = byRelativePath(source.parent, target);
  return found && index.byPath.get(found.path);
}

/** The paths of the active atomic states in an XState state value. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      leafPaths(v, prefix ? `${prefix}.${k}` : k),
    );
  }
  return [];
}

/** Every step a snapshot has active: its leaves and the steps around them, innermost first. */
export function activeEntries(def: Definition, value: unknown): StateEntry[] {
  const index = indexStates(def);
  const seen = new Set<string>();
  const out: StateEntry[] = [];
  for (const leaf of leafPaths(value))
    for (const e of lineage(index.byPath.get(leaf)))
      if (!seen.has(e.path)) {
        seen.add(e.path);
        out.push(e);
      }
  return out;
}

/** A state and its ancestors up to (not including) the root. */
export function lineage(entry: StateEntry | undefined): StateEntry[] {
  const out: StateEntry[] = [];
  for (let e = entry; e && e.path; e = e.parent) out.push(e);
  return out;
}

export interface EventOffer {
  type: string;
  /** The state that declares the transition (innermost first, as XState chooses). */
  source: StateEntry;
  candidates: TransitionConfig[];
}

/** Whether an SCXML event descriptor takes an event by its name: itself, a dotted name under it, or `*` for every event. */
export function descriptorMatches(descriptor: string, name: string): boolean {
  return descriptor === '*' || name === descriptor || name.startsWith(`${descriptor}.`);
}

const eventNameCache = new WeakMap<Definition, string[]>();

/** Every event a definition names, in document order: in its transitions, its raises and its aliases. */
export function eventNames(def: Definition): string[] {
  let names = eventNameCache.get(def);
  if (names) return names;
  const seen = new Set<string>();
  const raises = (xs: readonly { raise: string }[] | undefined) => xs?.forEach((x) => seen.add(x.raise));
  const visit = (c: StateConfig) => {
    raises(c.entry);
    raises(c.exit);
    for (const [type, t] of Object.entries(c.on ?? {})) {
      seen.add(type);
      transitionsOf(t).forEach((tr) => raises(tr.actions));
    }
    for (const t of [...Object.values(c.after ?? {}), c.always, c.onDone])
      if (t) transitionsOf(t).forEach((tr) => raises(tr.actions));
    Object.values(c.states ?? {}).forEach(visit);
  };
  visit(rootConfig(def));
  Object.keys(def.machine.aliases ?? {}).forEach((a) => seen.add(a));
  eventNameCache.set(def, (names = [...seen]));
  return names;
}

/**
 * An event by its name or by the name it had in another tool (`t.done` for T_DONE). An event the
 * document never named (`upload.progress`) is the named one it falls under by SCXML's prefix rule
 * (`upload`), the longest first, else `*`: every step then tries the transitions SCXML would.
 */
export function eventByName(def: Definition, type: string): string {
  const aliases = def.machine.aliases;
  if (!aliases || eventNames(def).includes(type)) return type;
  let best: [string, string] | undefined;
  for (const [name, alias] of Object.entries(aliases)) {
    if (alias === type) return name;
    if (
      descriptorMatches(alias, type) &&
      (!best || best[1] === '*' || (alias !== '*' && alias.length > best[1].length))
    )
      best = [name, alias];
  }
  return best?.[0] ?? type;
}

const stateEventCache = new WeakMap<Definition, WeakMap<StateConfig, [string, TransitionConfig[]][]>>();

/**
 * The events a step takes, each with its transitions in document order. Without `aliases` these
 * are its own `on`. With them (a machine from another statechart tool) they are every event of
 * the workflow that one of the step's event names takes by SCXML's prefix rule: T (`t`) also
 * answers T_DONE (`t.done`), and the step's transitions are tried in the order it declares them,
 * as the W3C algorithm does.
 */
export function stateEvents(def: Definition, config: StateConfig): [string, TransitionConfig[]][] {
  const own = Object.entries(config.on ?? {}).map(([k, t]) => [k, transitionsOf(t)] as [string, TransitionConfig[]]);
  const aliases = def.machine.aliases;
  if (!aliases || !own.length) return own;
  let cache = stateEventCache.get(def);
  if (!cache) stateEventCache.set(def, (cache = new WeakMap()));
  const known = cache.get(config);
  if (known) return known;
  const name = (e: string) => aliases[e] ?? e;
  const out: [string, TransitionConfig[]][] = [];
  for (const event of [...own.map(([k]) => k), ...eventNames(def)]) {
    if (out.some(([k]) => k === event)) continue;
    const candidates = own.filter(([k]) => descriptorMatches(name(k), name(event))).flatMap(([, t]) => t);
    if (candidates.length) out.push([event, candidates]);
  }
  cache.set(config, out);
  return out;
}

/** Every event the given active leaves can take, each with the innermost state declaring it. */
export function offeredEvents(def: Definition, leaves: string[]): EventOffer[] {
  const index = indexStates(def);
  const seen = new Map<string, EventOffer>();
  for (const leaf of leaves) {
    const chain = [...lineage(index.byPath.get(leaf)), index.root];
    for (const entry of chain) {
      for (const [type, t] of stateEvents(def, entry.config)) {
        const offer = seen.get(type);
        // As in XState: when every guarded option of the inner step fails, an outer step's
        // transition for the same event is taken; so the outer options are candidates too.
        if (!offer) seen.set(type, { type, source: entry, candidates: [...t] });
        else if (offer.source !== entry && !offer.candidates.some((c) => !c.guard)) offer.candidates.push(...t);
      }
    }
  }
  return [...seen.values()];
}

/** A step's name with its parents' names, e.g. "Zorgstage › Evaluatie"; the path when unknown. */
export function stateLabel(def: Definition, path: string): { nl: string; en: string } {
  const names = lineage(indexStates(def).byPath.get(path))
    .reverse()
    .map((e) => e.config.meta?.label)
    .filter((l) => !!l);
  const nl = names.map((n) => n.nl).join(' › ');
  const en = names.map((n) => n.en || n.nl).join(' › ');
  return { nl: nl || path, en: en || nl || path };
}

const eventLabels = new WeakMap<Definition, Map<string, { nl: string; en: string } | undefined>>();

/** The label of an event, wherever in the machine it is declared; timers by their `after` entry. */
export function eventLabel(def: Definition, type: string): { nl: string; en: string } | undefined {
  let known = eventLabels.get(def);
  if (!known) eventLabels.set(def, (known = new Map()));
  if (!known.has(type)) known.set(type, findEventLabel(def, type));
  return known.get(type);
}

/**
 * An outcome as people say it: the name of the final step that carries it (the case's own step
 * first); a key no step carries any more reads as words ("afgewezen-bij-intake" → "Afgewezen bij intake").
 */
export function outcomeLabel(def: Definition, outcome: string, state?: string): { nl: string; en: string } {
  const { byPath } = indexStates(def);
  const here = state ? byPath.get(state) : undefined;
  const entry =
    here?.config.meta?.outcome === outcome
      ? here
      : [...byPath.values()].find((e) => e.config.meta?.outcome === outcome && e.config.meta.label);
  if (entry?.config.meta?.label) return stateLabel(def, entry.path);
  const words = outcome.replace(/-/g, ' ');
  const plain = words.charAt(0).toUpperCase() + words.slice(1);
  return { nl: plain, en: plain };
}

/** Whether a step ends the case: a final step directly under the machine. */
export function endsCase(def: Definition, path: string): boolean {
  const entry = indexStates(def).byPath.get(path);
  return !!entry && entry.depth === 1 && kind(entry.config) === 'final';
}

function findEventLabel(def: Definition, type: string): { nl: string; en: string } | undefined {
  const { root, byPath, byId } = indexStates(def);
  const timer = /^xstate\.after\.([^.]+)\.(.+)$/.exec(type);
  if (timer) {
    const t = byId.get(timer[2])?.config.after?.[timer[1]];
    const label = t && transitionsOf(t)[0].meta?.label;
    const d = describeTimer(def, timer[1]);
    const up = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    return label
      ? { nl: `${label.nl} (${d.nl})`, en: `${label.en || label.nl} (${d.en})` }
      : { nl: up(d.nl), en: up(d.en) };
  }
  for (const entry of [root, ...byPath.values()]) {
    const t = entry.config.on?.[type];
    const label = t && transitionsOf(t)[0].meta?.label;
    if (label) return { nl: label.nl, en: label.en || label.nl };
  }
  return undefined;
}

/**
 * The checklist items of a step and every step inside it, in document order; `*` for all.
 * Items are found by the step's dotted path, its explicit id, or its key when that is unique.
 */
export function checklistItems(def: Definition, scope: string): ChecklistItem[] {
  const index = indexStates(def);
  const entries = [...index.byPath.values()];
  let within: (e: StateEntry) => boolean;
  if (scope === '*') within = () => true;
  else {
    const root = index.byPath.get(scope) ?? index.byId.get(scope) ?? entries.find((e) => e.key === scope);
    if (!root) return [];
    within = (e) => e.path === root.path || e.path.startsWith(`${root.path}.`);
  }
  return entries.filter(within).flatMap((e) => e.config.meta?.checklist ?? []);
}

/** Finds a step for a checklist scope, as `checklistItems` does; undefined when none. */
export function checklistScopeExists(def: Definition, scope: string): boolean {
  if (scope === '*') return true;
  const index = indexStates(def);
  return !!(
    index.byPath.get(scope) ??
    index.byId.get(scope) ??
    [...index.byPath.values()].find((e) => e.key === scope)
  );
}

/**
 * Every step that can become active from `starts`, following the transitions (and timers) that
 * `follow` lets through. Entering a step enters its parents, its initial step, all regions of a
 * parallel step, and a history step's default; the machine's root is always active.
 */
export function reachable(
  def: Definition,
  starts: readonly StateEntry[],
  follow: (t: TransitionConfig, source: StateEntry) => boolean = () => true,
): Set<string> {
  const index = indexStates(def);
  const seen = new Set<string>();
  const queue: StateEntry[] = [];
  const visit = (e: StateEntry) => {
    if (seen.has(e.path)) return;
    seen.add(e.path);
    queue.push(e);
  };
  const enter = (e: StateEntry | undefined) => {
    if (!e) return;
    lineage(e).forEach(visit);
    const c = e.config;
    const k = e.path ? kind(c) : 'compound';
    const child = (key: string) => index.byPath.get(e.path ? `${e.path}.${key}` : key);
    if (k === 'compound' && c.initial) enter(child(c.initial));
    if (k === 'parallel') for (const key of Object.keys(c.states ?? {})) enter(child(key));
    if (k === 'history' && c.target) enter(resolveTarget(def, e, c.target));
  };
  visit(index.root);
  starts.forEach(enter);
  while (queue.length) {
    const e = queue.shift()!;
    const c = e.config;
    for (const t of [...Object.values(c.on ?? {}), ...Object.values(c.after ?? {}), c.always ?? [], c.onDone ?? []]) {
      for (const tr of transitionsOf(t)) if (tr.target && follow(tr, e)) enter(resolveTarget(def, e, tr.target));
    }
  }
  return seen;
}
