import { compile, type TimerState } from './compile';
import type { Definition } from './definition';
import type { PersistedSnapshot, TimeOptions } from './cases';
import { timerDue, timerId, timerOf, type TimerEffects } from './timers';
import { problem, type Problem } from './problem';
import { checklistItems, indexStates, kind, leafPaths, lineage, stateLabel, type StateEntry } from './tree';

/**
 * A default mapping from the old version's steps to the new one's: the same path if it still
 * exists, otherwise a step with the same Dutch name; unmapped otherwise.
 */
export function suggestStateMap(from: Definition, to: Definition): Record<string, string> {
  const target = indexStates(to);
  const byLabel = new Map<string, string>();
  for (const e of target.byPath.values()) {
    const label = e.config.meta?.label?.nl?.toLowerCase();
    if (label && kind(e.config) !== 'history' && !byLabel.has(label)) byLabel.set(label, e.path);
  }
  const map: Record<string, string> = {};
  for (const e of indexStates(from).byPath.values()) {
    if (kind(e.config) !== 'atomic' && kind(e.config) !== 'final') continue;
    const same = target.byPath.get(e.path);
    const sameLabel = byLabel.get(e.config.meta?.label?.nl?.toLowerCase() ?? '');
    if (same && kind(same.config) !== 'history') map[e.path] = e.path;
    else if (sameLabel) map[e.path] = sameLabel;
  }
  return map;
}

/** The atomic steps a target path stands for: itself, or the initial steps down from it. */
function settle(def: Definition, entry: StateEntry): StateEntry[] {
  const index = indexStates(def);
  const k = kind(entry.config);
  if (k === 'compound' && entry.config.initial)
    return settle(def, index.byPath.get(`${entry.path}.${entry.config.initial}`)!);
  if (k === 'parallel')
    return Object.keys(entry.config.states ?? {}).flatMap((key) =>
      settle(def, index.byPath.get(`${entry.path}.${key}`)!),
    );
  return [entry];
}

function toStateValue(paths: string[]): unknown {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = node[p] ?? {};
      else node = (node[p] = (node[p] as Record<string, unknown>) ?? {}) as Record<string, unknown>;
    });
  }
  const collapse = (n: Record<string, unknown>): unknown => {
    const keys = Object.keys(n);
    if (keys.length === 1 && Object.keys(n[keys[0]] as object).length === 0) return keys[0];
    return Object.fromEntries(
      keys.map((k) => [k, Object.keys(n[k] as object).length ? collapse(n[k] as Record<string, unknown>) : {}]),
    );
  };
  return collapse(root);
}

export interface CasePlan {
  from: string[];
  to?: string[];
  problems: Problem[];
}

/** What migrating one case would do: where it lands and what is wrong or lost on the way. */
export function planCaseMigration(
  from: Definition,
  to: Definition,
  snapshot: PersistedSnapshot,
  stateMap: Record<string, string>,
): CasePlan {
  const problems: Problem[] = [];
  const active = leafPaths(snapshot.value);
  const target = indexStates(to);
  const landing: string[] = [];
  for (const path of active) {
    const mapped = stateMap[path];
    const entry = mapped ? target.byPath.get(mapped) : undefined;
    if (!mapped) {
      problems.push(
        problem(
          `stateMap.${path}`,
          `Stap '${stateLabel(from, path).nl}' heeft geen plek in de nieuwe versie`,
          `Step '${path}' is not mapped to the new version`,
        ),
      );
    } else if (!entry) {
      problems.push(
        problem(
          `stateMap.${path}`,
          `Stap '${mapped}' bestaat niet in de nieuwe versie`,
          `Step '${mapped}' does not exist in the new version`,
        ),
      );
    } else if (kind(entry.config) === 'final' || kind(entry.config) === 'history') {
      problems.push(
        problem(
          `stateMap.${path}`,
          `'${stateLabel(to, mapped).nl}' is een eindstap; een lopende casus kan daar niet heen`,
          `'${mapped}' is a final step; a running case cannot move there`,
        ),
      );
    } else {
      landing.push(...settle(to, entry).map((e) => e.path));
    }
  }
  const data = snapshot.context.data;
  for (const name of Object.keys(data)) {
    if (!to.fields[name]) {
      problems.push(
        problem(
          `data.${name}`,
          `Veld '${from.fields[name]?.label.nl ?? name}' bestaat niet meer; de waarde blijft bewaard maar wordt niet meer gebruikt`,
          `Field '${name}' no longer exists; its value is kept but no longer used`,
          'warning',
        ),
      );
    } else if (from.fields[name] && from.fields[name].type !== to.fields[name].type) {
      problems.push(
        problem(
          `data.${name}`,
          `Veld '${to.fields[name].label.nl}' heeft een ander type gekregen`,
          `Field '${name}' changed its type`,
          'warning',
        ),
      );
    }
  }
  for (const f of to.startForm.filter((x) => x.required)) {
    if (data[f.field] === undefined) {
      problems.push(
        problem(
          `data.${f.field}`,
          `Verplicht veld '${to.fields[f.field]?.label.nl ?? f.field}' ontbreekt bij deze casus`,
          `Required field '${f.field}' is missing for this case`,
          'warning',
        ),
      );
    }
  }
  const items = new Set(checklistItems(to, '*').map((i) => i.id));
  for (const id of Object.keys(snapshot.context.checklist ?? {})) {
    if (!items.has(id)) {
      problems.push(
        problem(
          `checklist.${id}`,
          `Afgetekend punt '${id}' staat niet meer op de aftekenlijst`,
          `Signed item '${id}' is no longer on the checklist`,
          'warning',
        ),
      );
    }
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { from: active, ...(ok ? { to: [...new Set(landing)] } : {}), problems };
}

/**
 * The case's snapshot on the new version, in the mapped steps, with its data and signatures.
 * Timers of the new steps count from when the case entered its step, so waiting time is kept;
 * a timer held while the case is away from its step keeps its time if the new version has it.
 */
export function migrateSnapshot(
  to: Definition,
  snapshot: PersistedSnapshot,
  landing: string[],
  now: Date,
  options: TimeOptions = {},
): { snapshot: PersistedSnapshot; timers: TimerEffects } {
  const machine = compile(to);
  const resolved = machine.resolveState({ value: toStateValue(landing) as never, context: snapshot.context });
  const next = machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;
  const index = indexStates(to);
  const schedule: TimerEffects['schedule'] = [];
  const { enteredAt, entered: before = {}, timers: kept = {}, data } = snapshot.context;
  const entered: Record<string, string> = {};
  const timers: Record<string, TimerState> = {};
  for (const [id, state] of Object.entries(kept)) if ('left' in state && timerOf(to, id)) timers[id] = state;
  for (const leaf of landing) {
    for (const e of lineage(index.byPath.get(leaf))) {
      if (entered[e.path]) continue;
      entered[e.path] = before[e.path] ?? enteredAt;
      for (const key of Object.keys(e.config.after ?? {})) {
        const timer = timerOf(to, timerId(to, e, key));
        const due = timer && timerDue(timer.spec, timer.settings, data, Date.parse(entered[e.path]), options.calendar);
        if (!timer || due === undefined) continue;
        const at = new Date(Math.max(due, now.getTime())).toISOString();
        timers[timer.id] = { due: at };
        schedule.push({ id: timer.id, event: timer.id, due: at });
      }
    }
  }
  return { snapshot: { ...next, context: { ...next.context, entered, timers } }, timers: { schedule, cancel: [] } };
}
