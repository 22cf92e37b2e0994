/**
 * The designer's model, plain TypeScript: a definition drawn as a graph, edits as data applied
 * to a definition, and an undo history. The React views only render this and dispatch edits.
 */
import {
  describe,
  describeTimer,
  eventFor,
  keyFor,
  indexStates,
  kind,
  resolveTarget,
  transitionsOf,
  type ChecklistItem,
  type Deadline,
  type Definition,
  type Field,
  type Privacy,
  type Scenario,
  type StaffFunction,
  type FormField,
  type Role,
  type Rule,
  type StateConfig,
  type Text,
  type TransitionConfig,
} from '../../../../engine';
import type { Message } from '../../../../engine/text';

/**
 * Where a transition lives: the declaring state ('' for the machine itself) and its slot: `on`
 * (an action), `after` (a timer), `always` (taken by itself) or `onDone` (when the step is done).
 */
export type Slot = 'on' | 'after' | 'always' | 'onDone';
export interface TransitionRef {
  source: string;
  on: Slot;
  /** The event name, or the timer's key (a duration, a date field ± a duration, dates in the year); '' for `always` and `onDone`, which hold one list. */
  key: string;
  index: number;
}

export type Position = { x: number; y: number };

export type Edit =
  | {
      kind: 'addState';
      parent: string;
      key: string;
      label: Text;
      final?: boolean;
      positions?: Record<string, Position>;
    }
  | {
      kind: 'updateState';
      path: string;
      label?: Text;
      description?: Text | null;
      outcome?: string | null;
      final?: boolean;
      checklist?: ChecklistItem[];
      /** By when the step should be left; null: no deadline. */
      due?: Deadline | null;
    }
  | { kind: 'deleteState'; path: string }
  | { kind: 'nestState'; path: string; parent: string }
  | { kind: 'setInitial'; parent: string; key: string }
  | { kind: 'addTransition'; source: string; event: string; target: string; label: Text }
  | { kind: 'addTimer'; source: string; duration: string; target: string; label: Text }
  | {
      kind: 'updateTransition';
      ref: TransitionRef;
      /** The target as a state path; null stores the form and stays. */
      target?: string | null;
      label?: Text;
      roles?: Role[] | null;
      /** Whose work the action is (docent, coördinator): what the worklist shows them. */
      functions?: StaffFunction[] | null;
      /** The functions that alone may take it (a role above staff may too); null: any function. */
      restrictedTo?: StaffFunction[] | null;
      form?: FormField[];
      guard?: Rule | null;
      /** For timers: a new key, when it fires ("10w", "@geplandEinde-6mo", "@09-01,02-01"). */
      duration?: string;
      /** For timers: go on with the time left after a pause (`remaining`), or start again (null). */
      resume?: 'remaining' | null;
      /** For timers: count only the site's open days. */
      openDays?: boolean;
      /** For actions: by when it should be taken; null: no deadline. */
      due?: Deadline | null;
    }
  | { kind: 'deleteTransition'; ref: TransitionRef }
  | { kind: 'move'; positions: Record<string, Position> }
  /** Adds a field of the case's data, or changes one. */
  | { kind: 'setField'; name: string; field: Field }
  /** Removes a field and every form that asks for it; a rule that still reads it is a problem the validator names. */
  | { kind: 'deleteField'; name: string }
  /** Who may see the fields marked personal; null is the default (coördinatoren and the projectleider). */
  | { kind: 'setPrivacy'; privacy: Privacy | null }
  /** The simulator's saved test cases, as a whole list (saving one, removing one). */
  | { kind: 'setScenarios'; scenarios: Scenario[] };

export const refId = (r: TransitionRef) => `${r.source}|${r.on}|${r.key}|${r.index}`;
export function parseRefId(id: string): TransitionRef | undefined {
  const m = /^([^|]*)\|(on|after|always|onDone)\|([^|]*)\|(\d+)$/.exec(id);
  return m ? { source: m[1], on: m[2] as Slot, key: m[3], index: Number(m[4]) } : undefined;
}

const single = (on: Slot): on is 'always' | 'onDone' => on === 'always' || on === 'onDone';

/** The transitions of one slot of a state under one key. */
function slotValue(state: StateConfig | undefined, on: Slot, key: string) {
  return single(on) ? state?.[on] : state?.[on]?.[key];
}

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const keyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);
const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);
const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/** The config of a state by dotted path, '' being the machine itself (same object, mutable). */
function stateAt(def: Definition, path: string): StateConfig | undefined {
  if (!path) return def.machine as StateConfig;
  let node: StateConfig | undefined = def.machine as StateConfig;
  for (const k of path.split('.')) node = node?.states?.[k];
  return node;
}

/** The keys of a state's children ('' for the machine's own steps). */
export function childKeys(def: Definition, path: string): string[] {
  return Object.keys(stateAt(def, path)?.states ?? {});
}

/**
 * An edit the definition cannot take (its step is gone, a name is taken), in words for the
 * manager: the page shows it instead of dropping the edit without a word.
 */
export class EditRefused extends Error {
  constructor(readonly text: Message) {
    super(text.en);
  }
}

const theState = (path: string): Message => ({ nl: `De stap '${path}'`, en: `State '${path}'` });
const theTransition = (ref: TransitionRef): Message => ({
  nl: `De actie '${ref.key}' van ${ref.source ? `stap '${ref.source}'` : 'elke stap'}`,
  en: `Transition ${refId(ref)}`,
});

function must<T>(v: T | undefined, what: Message): T {
  if (v === undefined) throw new EditRefused({ nl: `${what.nl} bestaat niet (meer)`, en: `${what.en} does not exist` });
  return v;
}

export { keyFor, eventFor };

/**
 * How a transition declared on `source` names `target` so that XState resolves it: a sibling by
 * key, a descendant with a leading dot, anything else by the machine-generated id.
 */
export function targetFor(def: Definition, source: string, target: string): string {
  if (source && parentOf(source) === parentOf(target)) return keyOf(target);
  if (!source && !target.includes('.')) return `.${target}`;
  if (source ? target.startsWith(`${source}.`) : true) return `.${source ? target.slice(source.length + 1) : target}`;
  return `#${def.machine.id}.${target}`;
}

/** Every transition of a definition with where it is and the path of the state it goes to. */
export interface TransitionInfo {
  ref: TransitionRef;
  config: TransitionConfig;
  /** The resolved target state path; undefined when it stays or when the target is unknown. */
  target?: string;
  /** The target as written, when it names no state. */
  unknownTarget?: string;
}

export function transitionsOfDefinition(def: Definition): TransitionInfo[] {
  const index = indexStates(def);
  const out: TransitionInfo[] = [];
  const entries = [index.root, ...index.byPath.values()];
  for (const entry of entries) {
    for (const on of ['on', 'after', 'always', 'onDone'] as const) {
      const c = entry.config;
      const slot = single(on) ? (c[on] ? { '': c[on] } : {}) : (c[on] ?? {});
      for (const [key, value] of Object.entries(slot)) {
        transitionsOf(value).forEach((config, i) => {
          const ref = { source: entry.path, on, key, index: i };
          if (config.target === undefined) return out.push({ ref, config });
          const resolved = resolveTarget(def, entry, config.target);
          out.push(resolved ? { ref, config, target: resolved.path } : { ref, config, unknownTarget: config.target });
        });
      }
    }
  }
  return out;
}

export function transitionAt(def: Definition, ref: TransitionRef): TransitionConfig | undefined {
  const value = slotValue(stateAt(def, ref.source), ref.on, ref.key);
  return value === undefined ? undefined : transitionsOf(value)[ref.index];
}

function setTransitions(state: StateConfig, on: Slot, key: string, list: TransitionConfig[]) {
  if (single(on)) {
    if (list.length) state[on] = list.length === 1 ? list[0] : list;
    else delete state[on];
    return;
  }
  const record = { ...(state[on] ?? {}) } as Record<string, TransitionConfig | TransitionConfig[]>;
  if (list.length === 0) delete record[key];
  else record[key] = list.length === 1 ? list[0] : list;
  if (Object.keys(record).length) state[on] = record as never;
  else delete state[on];
}

/** Rewrites every transition target (and history default) so it still resolves after a move. */
function retarget(def: Definition, resolvedBefore: TransitionInfo[], rename: (path: string) => string | undefined) {
  for (const t of resolvedBefore) {
    if (!t.target) continue;
    const source = rename(t.ref.source === '' ? '' : t.ref.source);
    const target = rename(t.target);
    if (source === undefined || target === undefined) continue;
    const state = stateAt(def, source);
    const value = slotValue(state, t.ref.on, t.ref.key);
    if (!state || value === undefined) continue;
    const list = transitionsOf(value).map((c) => ({ ...c }));
    list[t.ref.index] = { ...list[t.ref.index], target: targetFor(def, source, target) };
    setTransitions(state, t.ref.on, t.ref.key, list);
  }
}

/**
 * Step paths named outside transitions (the steps a place counts in, for reports and for a rule
 * across cases; the step a sign-off rule reads) follow a moved step, and forget a removed one.
 */
function renameStepReferences(def: Definition, rename: (path: string) => string | null) {
  const list = (paths: string[]) => paths.map(rename).filter((p): p is string => p !== null);
  for (const key of ['activeIn', 'waitingIn'] as const) {
    const steps = def.reports?.[key];
    if (!steps) continue;
    const kept = list(steps);
    def.reports = { ...def.reports, [key]: kept.length ? kept : steps };
  }
  const rule = (r: Rule): Rule => {
    if ('checklist' in r) return r.checklist === '*' ? r : { checklist: rename(r.checklist) ?? r.checklist };
    if ('all' in r) return { all: r.all.map(rule) };
    if ('any' in r) return { any: r.any.map(rule) };
    if ('not' in r) return { not: rule(r.not) };
    return r;
  };
  for (const t of transitionsOfDefinition(def)) {
    const ex = t.config.meta?.exclusive;
    if (!ex && !t.config.guard) continue;
    const state = stateAt(def, t.ref.source)!;
    const items = transitionsOf(slotValue(state, t.ref.on, t.ref.key)!).map((c) => ({ ...c }));
    const c = items[t.ref.index];
    if (c.guard) c.guard = { ...c.guard, params: rule(c.guard.params) };
    if (ex) {
      const kept = list(ex.activeIn);
      c.meta = { ...c.meta, exclusive: { ...ex, activeIn: kept.length ? kept : ex.activeIn } };
    }
    setTransitions(state, t.ref.on, t.ref.key, items);
  }
}

function cleanMeta(state: StateConfig) {
  if (state.meta && Object.keys(state.meta).length === 0) delete state.meta;
}

/** Applies one edit to a copy of the definition; the given definition is never changed. */
export function applyEdit(current: Definition, edit: Edit): Definition {
  const def = structuredClone(current) as Definition;
  switch (edit.kind) {
    case 'addState': {
      const parent = must(stateAt(def, edit.parent), theState(edit.parent));
      if (parent.states?.[edit.key]) {
        const path = join(edit.parent, edit.key);
        throw new EditRefused({ nl: `De stap '${path}' bestaat al`, en: `State '${path}' exists` });
      }
      const state: StateConfig = { meta: { label: edit.label } };
      if (edit.final) state.type = 'final';
      // A step with children needs an initial child; a new first child becomes it.
      const first = !parent.states || Object.keys(parent.states).length === 0;
      parent.states = { ...(parent.states ?? {}), [edit.key]: state };
      if (first && edit.parent) parent.initial = edit.key;
      if (edit.positions) def.layout = { positions: { ...(def.layout?.positions ?? {}), ...edit.positions } };
      return def;
    }
    case 'updateState': {
      const state = must(stateAt(def, edit.path), theState(edit.path));
      state.meta = { ...(state.meta ?? {}) };
      if (edit.label) state.meta.label = edit.label;
      if (edit.description === null) delete state.meta.description;
      else if (edit.description) state.meta.description = edit.description;
      if (edit.outcome === null) delete state.meta.outcome;
      else if (edit.outcome !== undefined) state.meta.outcome = edit.outcome;
      if (edit.checklist) {
        if (edit.checklist.length) state.meta.checklist = edit.checklist;
        else delete state.meta.checklist;
      }
      if (edit.due === null) delete state.meta.due;
      else if (edit.due) state.meta.due = edit.due;
      if (edit.final === true) {
        state.type = 'final';
        delete state.on;
        delete state.after;
      } else if (edit.final === false && state.type === 'final') {
        delete state.type;
        delete state.meta.outcome;
      }
      cleanMeta(state);
      return def;
    }
    case 'deleteState': {
      const parent = must(stateAt(def, parentOf(edit.path)), theState(parentOf(edit.path)));
      must(parent.states?.[keyOf(edit.path)], theState(edit.path));
      // Transitions into the removed step go with it, as a connector goes with its shape.
      const doomed = new Map<string, Set<number>>();
      for (const t of transitionsOfDefinition(current)) {
        if (!t.target || !within(t.target, edit.path) || within(t.ref.source, edit.path)) continue;
        const k = `${t.ref.source}|${t.ref.on}|${t.ref.key}`;
        doomed.set(k, (doomed.get(k) ?? new Set()).add(t.ref.index));
      }
      for (const [k, indexes] of doomed) {
        const [source, on, key] = k.split('|') as [string, Slot, string];
        const state = stateAt(def, source)!;
        setTransitions(
          state,
          on,
          key,
          transitionsOf(slotValue(state, on, key)!).filter((_, i) => !indexes.has(i)),
        );
      }
      const { [keyOf(edit.path)]: _gone, ...rest } = parent.states!;
      parent.states = rest;
      if (parent.initial === keyOf(edit.path)) {
        const next = Object.keys(rest)[0];
        if (next) parent.initial = next;
        else delete parent.initial;
      }
      if (Object.keys(rest).length === 0 && parentOf(edit.path) !== '') delete parent.states;
      if (def.layout) {
        def.layout = {
          positions: Object.fromEntries(Object.entries(def.layout.positions).filter(([p]) => !within(p, edit.path))),
        };
      }
      renameStepReferences(def, (p) => (within(p, edit.path) ? null : p));
      return def;
    }
    case 'nestState': {
      const from = edit.path;
      if (within(edit.parent, from))
        throw new EditRefused({ nl: 'Een stap kan niet in zichzelf', en: 'A state cannot go inside itself' });
      const oldParent = must(stateAt(def, parentOf(from)), theState(parentOf(from)));
      const config = must(oldParent.states?.[keyOf(from)], theState(from));
      const newParent = must(stateAt(def, edit.parent), theState(edit.parent));
      const key = keyFor(keyOf(from), Object.keys(newParent.states ?? {}));
      const to = join(edit.parent, key);
      const before = transitionsOfDefinition(current);
      const { [keyOf(from)]: _moved, ...rest } = oldParent.states!;
      oldParent.states = rest;
      if (oldParent.initial === keyOf(from)) {
        const next = Object.keys(rest)[0];
        if (next) oldParent.initial = next;
        else delete oldParent.initial;
      }
      if (Object.keys(rest).length === 0 && parentOf(from) !== '') delete oldParent.states;
      const first = !newParent.states || Object.keys(newParent.states).length === 0;
      newParent.states = { ...(newParent.states ?? {}), [key]: config };
      if (first && edit.parent) newParent.initial = key;
      const rename = (p: string) => (within(p, from) ? to + p.slice(from.length) : p);
      retarget(def, before, rename);
      renameStepReferences(def, rename);
      if (def.layout) {
        def.layout = {
          positions: Object.fromEntries(
            Object.entries(def.layout.positions)
              .filter(([p]) => p !== from)
              .map(([p, v]) => [rename(p), v]),
          ),
        };
      }
      return def;
    }
    case 'setInitial': {
      const parent = must(stateAt(def, edit.parent), theState(edit.parent));
      must(parent.states?.[edit.key], theState(join(edit.parent, edit.key)));
      if (edit.parent) parent.initial = edit.key;
      else def.machine.initial = edit.key;
      return def;
    }
    case 'addTransition':
    case 'addTimer': {
      const source = must(stateAt(def, edit.source), theState(edit.source));
      const on = edit.kind === 'addTimer' ? 'after' : 'on';
      const key = edit.kind === 'addTimer' ? edit.duration : edit.event;
      const list = transitionsOf(source[on]?.[key] ?? []);
      setTransitions(source, on, key, [
        ...list,
        { target: targetFor(def, edit.source, edit.target), meta: { label: edit.label } },
      ]);
      return def;
    }
    case 'updateTransition': {
      const source = must(stateAt(def, edit.ref.source), theState(edit.ref.source));
      const list = transitionsOf(must(slotValue(source, edit.ref.on, edit.ref.key), theTransition(edit.ref))).map(
        (c) => ({ ...c }),
      );
      const t = must(list[edit.ref.index], theTransition(edit.ref));
      // An action's ways (a free place, the waiting list) are one action to whoever takes it:
      // its name, form and whose work it is change on every way; rule and target per way.
      const actionWide = (m: NonNullable<TransitionConfig['meta']>) => {
        if (edit.label) m.label = edit.label;
        if (edit.roles === null) delete m.roles;
        else if (edit.roles) m.roles = edit.roles;
        if (edit.functions === null) delete m.functions;
        else if (edit.functions) m.functions = edit.functions;
        if (edit.restrictedTo === null) delete m.restrictedTo;
        else if (edit.restrictedTo) m.restrictedTo = edit.restrictedTo;
        if (edit.form) {
          if (edit.form.length) m.form = edit.form;
          else delete m.form;
        }
        return m;
      };
      if (edit.ref.on === 'on')
        list.forEach((other, i) => {
          if (i !== edit.ref.index) list[i] = { ...other, meta: actionWide({ ...(other.meta ?? {}) }) };
        });
      const meta = actionWide({ ...(t.meta ?? {}) });
      if (edit.target === null) delete t.target;
      else if (edit.target !== undefined) t.target = targetFor(def, edit.ref.source, edit.target);
      if (edit.guard === null) delete t.guard;
      else if (edit.guard) t.guard = { type: 'rule', params: edit.guard };
      if (edit.resume === null) delete meta.resume;
      else if (edit.resume) meta.resume = edit.resume;
      if (edit.openDays === false) delete meta.openDays;
      else if (edit.openDays) meta.openDays = true;
      // An action's deadline is held by its first way (validate-time); a timer's ways each have their own.
      const dueHere = edit.ref.on !== 'on' || edit.ref.index === 0;
      if (dueHere && edit.due === null) delete meta.due;
      else if (dueHere && edit.due) meta.due = edit.due;
      else if (edit.due !== undefined) {
        const { due: _d, ...firstMeta } = list[0].meta ?? {};
        list[0] = { ...list[0], meta: edit.due ? { ...firstMeta, due: edit.due } : firstMeta };
      }
      if (Object.keys(meta).length) t.meta = meta;
      else delete t.meta;
      list[edit.ref.index] = t;
      if (edit.duration && edit.ref.on === 'after' && edit.duration !== edit.ref.key) {
        setTransitions(
          source,
          'after',
          edit.ref.key,
          list.filter((_, i) => i !== edit.ref.index),
        );
        setTransitions(source, 'after', edit.duration, [...transitionsOf(source.after?.[edit.duration] ?? []), t]);
      } else {
        setTransitions(source, edit.ref.on, edit.ref.key, list);
      }
      return def;
    }
    case 'deleteTransition': {
      const source = must(stateAt(def, edit.ref.source), theState(edit.ref.source));
      const list = transitionsOf(must(slotValue(source, edit.ref.on, edit.ref.key), theTransition(edit.ref)));
      setTransitions(
        source,
        edit.ref.on,
        edit.ref.key,
        list.filter((_, i) => i !== edit.ref.index),
      );
      return def;
    }
    case 'move':
      def.layout = { positions: { ...(def.layout?.positions ?? {}), ...edit.positions } };
      return def;
    case 'setPrivacy':
      if (edit.privacy) def.privacy = edit.privacy;
      else delete def.privacy;
      return def;
    case 'setScenarios':
      if (edit.scenarios.length) def.scenarios = edit.scenarios;
      else delete def.scenarios;
      return def;
    case 'setField':
      def.fields = { ...def.fields, [edit.name]: edit.field };
      return def;
    case 'deleteField': {
      must(def.fields[edit.name], { nl: `Het veld '${edit.name}'`, en: `Field '${edit.name}'` });
      const { [edit.name]: _gone, ...rest } = def.fields;
      def.fields = rest;
      def.startForm = def.startForm.filter((f) => f.field !== edit.name);
      for (const t of transitionsOfDefinition(def)) {
        if (!t.config.meta?.form?.some((f) => f.field === edit.name)) continue;
        const state = stateAt(def, t.ref.source)!;
        const list = transitionsOf(slotValue(state, t.ref.on, t.ref.key)!).map((c) => ({ ...c }));
        const form = list[t.ref.index].meta!.form!.filter((f) => f.field !== edit.name);
        const { form: _f, ...meta } = list[t.ref.index].meta!;
        list[t.ref.index] = { ...list[t.ref.index], meta: form.length ? { ...meta, form } : meta };
        setTransitions(state, t.ref.on, t.ref.key, list);
      }
      return def;
    }
  }
}

/** Undo and redo over edits: each step keeps the edit (data) and the definition before it. */
export interface EditHistory {
  current: Definition;
  past: { edit: Edit; before: Definition }[];
  future: { edit: Edit; after: Definition }[];
}

export const startHistory = (def: Definition): EditHistory => ({ current: def, past: [], future: [] });

export function record(h: EditHistory, edit: Edit): EditHistory {
  const next = applyEdit(h.current, edit);
  // Dragging a step is many small moves: one undo step per drag, not per pixel.
  const last = h.past[h.past.length - 1];
  if (edit.kind === 'move' && last?.edit.kind === 'move' && sameKeys(last.edit.positions, edit.positions)) {
    return { current: next, past: [...h.past.slice(0, -1), { edit, before: last.before }], future: [] };
  }
  return { current: next, past: [...h.past, { edit, before: h.current }].slice(-200), future: [] };
}

const sameKeys = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b);
};

export function undo(h: EditHistory): EditHistory {
  const last = h.past[h.past.length - 1];
  if (!last) return h;
  return {
    current: last.before,
    past: h.past.slice(0, -1),
    future: [{ edit: last.edit, after: h.current }, ...h.future],
  };
}

export function redo(h: EditHistory): EditHistory {
  const [next, ...rest] = h.future;
  if (!next) return h;
  return { current: next.after, past: [...h.past, { edit: next.edit, before: h.current }], future: rest };
}

/** What a problem's path points at, so clicking a problem can select it. */
export type Selection = { state: string } | { transition: TransitionRef } | { global: true } | null;

export function selectionOfPath(def: Definition, path: string): Selection {
  const parts = path.replace(/^definition\./, '').split('.');
  if (parts[0] !== 'machine') return null;
  const keys: string[] = [];
  let i = 1;
  while (parts[i] === 'states' && parts[i + 1] !== undefined) {
    keys.push(parts[i + 1]);
    i += 2;
  }
  const source = keys.join('.');
  if ((parts[i] === 'on' || parts[i] === 'after') && parts[i + 1] !== undefined) {
    const on = parts[i] as 'on' | 'after';
    const index = /^\d+$/.test(parts[i + 2] ?? '') ? Number(parts[i + 2]) : 0;
    const ref = { source, on, key: parts[i + 1], index };
    if (transitionAt(def, ref)) return { transition: ref };
  }
  if (parts[i] === 'always' || parts[i] === 'onDone') {
    const ref = {
      source,
      on: parts[i] as Slot,
      key: '',
      index: /^\d+$/.test(parts[i + 1] ?? '') ? Number(parts[i + 1]) : 0,
    };
    if (transitionAt(def, ref)) return { transition: ref };
  }
  if (source && stateAt(def, source)) return { state: source };
  return source === '' && parts[i] === 'on' ? { global: true } : null;
}

/** A step's path in the definition: `opleiding.zorgstage` is `machine.states.opleiding.states.zorgstage`. */
const definitionStatePath = (p: string) =>
  [
    'machine',
    ...p
      .split('.')
      .filter(Boolean)
      .flatMap((k) => ['states', k]),
  ].join('.');

/** The definition path of a selection, to match problems back to the element they are about. */
export function pathOfSelection(sel: Selection): string | undefined {
  if (!sel) return undefined;
  if ('global' in sel) return 'machine.on';
  if ('state' in sel) return definitionStatePath(sel.state);
  const r = sel.transition;
  return single(r.on)
    ? `${definitionStatePath(r.source)}.${r.on}`
    : `${definitionStatePath(r.source)}.${r.on}.${r.key}`;
}

/**
 * The exact path in the definition of a step or action, as the validator names it (an action's
 * option by its index when the action has several), so a problem finds its way back to it.
 */
export function definitionPath(def: Definition, sel: NonNullable<Selection>): string {
  if (!('transition' in sel)) return pathOfSelection(sel)!;
  const r = sel.transition;
  const listed = Array.isArray(slotValue(stateAt(def, r.source), r.on, r.key));
  return `${pathOfSelection(sel)}${listed ? `.${r.index}` : ''}`;
}

/**
 * Of the places a panel shows (each input's path in the definition), the one a problem at `path`
 * is about: that path itself, or else the closest piece that holds it.
 */
export function placeFor(places: Iterable<string>, path: string): string | undefined {
  const wanted = path.replace(/^definition\./, '');
  let best: string | undefined;
  for (const place of places) {
    const holds = wanted === place || wanted.startsWith(`${place}.`);
    if (holds && (!best || place.length > best.length)) best = place;
  }
  return best;
}

/** The field a problem is about, when it is about the case's data rather than a step. */
export function fieldOfPath(def: Definition, path: string): string | undefined {
  const [top, name] = path.replace(/^definition\./, '').split('.');
  return top === 'fields' && name !== undefined && name in def.fields ? name : undefined;
}

/** The edit that removes the chosen step (with the arrows into it) or arrow; "from every step" stays. */
export function removalOf(sel: Selection): Edit | undefined {
  if (!sel || 'global' in sel) return undefined;
  return 'state' in sel ? { kind: 'deleteState', path: sel.state } : { kind: 'deleteTransition', ref: sel.transition };
}

// ---------------------------------------------------------------------------------------------
// The graph: what React Flow draws, derived from the definition (never stored separately).

export interface StepNode {
  id: string;
  parent?: string;
  label: Text;
  kind: ReturnType<typeof kind>;
  outcome?: string;
  initial: boolean;
  checklist: number;
  /** Actions that store a form and stay in the step. */
  staying: number;
  depth: number;
}

export interface TransitionEdge {
  id: string;
  ref: TransitionRef;
  source: string;
  target: string;
  label: Text;
  timer?: Text;
  guard?: Text;
}

export const GLOBAL_NODE = '*';

export function toGraph(def: Definition): { nodes: StepNode[]; edges: TransitionEdge[] } {
  const index = indexStates(def);
  const transitions = transitionsOfDefinition(def);
  const nodes: StepNode[] = [...index.byPath.values()].map((e) => ({
    id: e.path,
    ...(e.parent?.path ? { parent: e.parent.path } : {}),
    label: e.config.meta?.label ?? { nl: e.key, en: e.key },
    kind: kind(e.config),
    ...(e.config.meta?.outcome ? { outcome: e.config.meta.outcome } : {}),
    initial: (e.parent?.path ? e.parent.config.initial : def.machine.initial) === e.key,
    checklist: e.config.meta?.checklist?.length ?? 0,
    staying: transitions.filter((t) => t.ref.source === e.path && t.config.target === undefined).length,
    depth: e.depth,
  }));
  if (def.machine.on && Object.keys(def.machine.on).length) {
    nodes.push({
      id: GLOBAL_NODE,
      label: { nl: 'Vanuit elke stap', en: 'From every step' },
      kind: 'atomic',
      initial: false,
      checklist: 0,
      staying: 0,
      depth: 1,
    });
  }
  const edges: TransitionEdge[] = transitions
    .filter((t) => t.target !== undefined)
    .map((t) => ({
      id: refId(t.ref),
      ref: t.ref,
      source: t.ref.source || GLOBAL_NODE,
      target: t.target!,
      label: t.config.meta?.label ?? automaticWords[t.ref.on as 'always'] ?? { nl: t.ref.key, en: t.ref.key },
      ...(t.ref.on === 'after' ? { timer: describeTimer(def, t.ref.key) } : {}),
      ...(t.config.guard ? { guard: describe(def, t.config.guard.params) } : {}),
    }));
  return { nodes, edges };
}

/** What an edge that moves by itself says, when it has no label of its own. */
const automaticWords: Partial<Record<Slot, Text>> = {
  always: { nl: 'vanzelf', en: 'by itself' },
  onDone: { nl: 'als klaar', en: 'when done' },
};

/** A structural fingerprint: the layout only needs redoing when states come, go or move. */
export function structureKey(def: Definition): string {
  return [...indexStates(def).byPath.keys()].join('\n') + (def.machine.on ? '\n*' : '');
}
