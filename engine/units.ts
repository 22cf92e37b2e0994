import type { Definition, StateConfig } from './definition';

/**
 * A definition cut into the pieces people change one at a time: the workflow's own settings, each
 * field, each step (without its children), each action, each timer, each step's sign-off list.
 * Comparing and merging work on these pieces; `joinUnits(splitUnits(d))` gives `d` back.
 */
export type UnitKind = 'workflow' | 'field' | 'state' | 'transition' | 'timer' | 'checklist';

export interface Unit {
  /** The dotted path in the definition, e.g. `machine.states.intake.on.MATCH`. */
  path: string;
  kind: UnitKind;
  value: unknown;
}

/** Where a piece sits: the step path (`intake.gesprek`, '' for the machine) and its own key. */
export interface UnitPlace {
  state: string;
  key: string;
}

const topOwn = [
  'key',
  'title',
  'description',
  'subject',
  'titleField',
  'startForm',
  'reports',
  'privacy',
  'planning',
  'layout',
  'scenarios',
] as const;

function statePathToDoc(statePath: string): string {
  return statePath ? `machine.states.${statePath.split('.').join('.states.')}` : 'machine';
}

export function splitUnits(def: Definition): Unit[] {
  const out: Unit[] = [];
  for (const key of Object.keys(def) as (keyof Definition)[]) {
    if ((topOwn as readonly string[]).includes(key) && def[key] !== undefined)
      out.push({ path: key, kind: 'workflow', value: def[key] });
  }
  for (const [name, field] of Object.entries(def.fields))
    out.push({ path: `fields.${name}`, kind: 'field', value: field });
  const { states: _s, on: _o, ...machineOwn } = def.machine;
  out.push({ path: 'machine', kind: 'workflow', value: machineOwn });
  const visit = (config: StateConfig, statePath: string) => {
    const at = statePathToDoc(statePath);
    if (statePath) {
      const { states: _st, on: _on, after: _af, meta, ...own } = config;
      const { checklist, ...metaOwn } = meta ?? {};
      out.push({ path: at, kind: 'state', value: meta ? { ...own, meta: metaOwn } : own });
      if (checklist) out.push({ path: `${at}.meta.checklist`, kind: 'checklist', value: checklist });
    }
    for (const [event, t] of Object.entries(config.on ?? {}))
      out.push({ path: `${at}.on.${event}`, kind: 'transition', value: t });
    for (const [delay, t] of Object.entries(config.after ?? {}))
      out.push({ path: `${at}.after.${delay}`, kind: 'timer', value: t });
    for (const [key, child] of Object.entries(config.states ?? {}))
      visit(child, statePath ? `${statePath}.${key}` : key);
  };
  visit({ states: def.machine.states, on: def.machine.on } as StateConfig, '');
  return out;
}

/** The step a unit belongs to and its own key; for a step, the step itself. */
export function unitPlace(unit: Pick<Unit, 'path' | 'kind'>): UnitPlace {
  const parts = unit.path.split('.');
  const statePath = (upTo: number) =>
    parts
      .slice(1, upTo)
      .filter((_, i) => i % 2 === 1)
      .join('.');
  switch (unit.kind) {
    case 'state':
      return { state: statePath(parts.length), key: parts[parts.length - 1] };
    case 'transition':
    case 'timer':
      return { state: statePath(parts.length - 2), key: parts[parts.length - 1] };
    case 'checklist':
      return { state: statePath(parts.length - 2), key: 'checklist' };
    default:
      return { state: '', key: parts.slice(1).join('.') || parts[0] };
  }
}

/**
 * Builds a definition from pieces, in their order: a step, action or field appears where its
 * piece first appears. A piece whose step is missing gets that step created without settings
 * (a merge may keep an action of a step the other side removed: the validator then says so).
 */
export function joinUnits(units: readonly Unit[]): Definition {
  const def: Record<string, unknown> = { fields: {} };
  const machine: Record<string, unknown> = {};
  const stateAt = (statePath: string): Record<string, unknown> => {
    let node = machine;
    for (const key of statePath ? statePath.split('.') : []) {
      const states = (node.states ??= {}) as Record<string, Record<string, unknown>>;
      node = states[key] ??= {};
    }
    return node;
  };
  for (const u of units) {
    const place = unitPlace(u);
    switch (u.kind) {
      case 'workflow':
        if (u.path === 'machine') Object.assign(machine, u.value);
        else def[u.path] = u.value;
        break;
      case 'field':
        (def.fields as Record<string, unknown>)[place.key] = u.value;
        break;
      case 'state': {
        const node = stateAt(place.state);
        const { meta, ...own } = u.value as StateConfig;
        Object.assign(node, own);
        if (meta) node.meta = { ...meta, ...(node.meta as object | undefined) };
        break;
      }
      case 'checklist': {
        const node = stateAt(place.state);
        node.meta = { ...(node.meta as object | undefined), checklist: u.value };
        break;
      }
      case 'transition':
      case 'timer': {
        const node = stateAt(place.state);
        const slot = u.kind === 'transition' ? 'on' : 'after';
        ((node[slot] ??= {}) as Record<string, unknown>)[place.key] = u.value;
        break;
      }
    }
  }
  const { id, initial, description, states, on, ...rest } = machine;
  def.machine = {
    id,
    initial,
    ...(description !== undefined ? { description } : {}),
    states: states ?? {},
    ...(on ? { on } : {}),
    ...rest,
  };
  const ordered: Record<string, unknown> = {};
  for (const key of [
    'key',
    'subject',
    'title',
    'description',
    'titleField',
    'fields',
    'startForm',
    'reports',
    'privacy',
    'planning',
    'layout',
    'machine',
  ]) {
    if (def[key] !== undefined) ordered[key] = def[key];
  }
  return ordered as unknown as Definition;
}

/** The paths of the steps a piece lies inside, innermost last: `machine.states.a`, `machine.states.a.states.b`. */
export function enclosingStates(path: string): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  for (let len = 3; len < parts.length; len += 2) {
    if (parts[0] !== 'machine' || parts[len - 2] !== 'states') break;
    out.push(parts.slice(0, len).join('.'));
  }
  return out;
}
