import { compile, type TimerState } from './compile';
import { transitionsOf, type Definition } from './definition';
import { evaluate } from './rules';
import type { PersistedSnapshot, TimeOptions } from './cases';
import { timerDue, timerId, timerOf, type TimerEffects } from './timers';
import { problem, type Problem } from './problem';
import {
  checklistItems,
  indexStates,
  kind,
  leafPaths,
  lineage,
  resolveTarget,
  stateLabel,
  type StateEntry,
} from './tree';

/**
 * A step's path as it would read without the parallel steps around it: `opleiding.leerbedrijf.
 * school.welzijnsstage` is `opleiding.welzijnsstage` once the parallel step `leerbedrijf` and its
 * region `school` are left out. A step that a new version moved into a region keeps this path.
 */
function pathOutsideRegions(entry: StateEntry): string {
  const keys: string[] = [];
  for (let e: StateEntry | undefined = entry; e?.path; e = e.parent) {
    const parallel = (x: StateEntry | undefined) => !!x?.path && kind(x.config) === 'parallel';
    if (parallel(e) || parallel(e.parent)) continue;
    keys.unshift(e.key);
  }
  return keys.join('.');
}

/**
 * A default mapping from the old version's steps to the new one's: the same path if it still
 * exists, or the step that path now stands for inside a region of a parallel step, otherwise a
 * step with the same Dutch name; unmapped otherwise.
 */
export function suggestStateMap(from: Definition, to: Definition): Record<string, string> {
  const target = indexStates(to);
  const byLabel = new Map<string, string>();
  const inRegion = new Map<string, string>();
  for (const e of target.byPath.values()) {
    const label = e.config.meta?.label?.nl?.toLowerCase();
    if (label && kind(e.config) !== 'history' && !byLabel.has(label)) byLabel.set(label, e.path);
    const outside = pathOutsideRegions(e);
    if (outside !== e.path && kind(e.config) !== 'history' && !inRegion.has(outside)) inRegion.set(outside, e.path);
  }
  const map: Record<string, string> = {};
  for (const e of indexStates(from).byPath.values()) {
    if (kind(e.config) !== 'atomic' && kind(e.config) !== 'final') continue;
    const same = target.byPath.get(e.path);
    const moved = inRegion.get(e.path);
    const sameLabel = byLabel.get(e.config.meta?.label?.nl?.toLowerCase() ?? '');
    if (same && kind(same.config) !== 'history') map[e.path] = e.path;
    else if (moved) map[e.path] = moved;
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
    return Object.keys(entry.config.states ?? {})
      .map((key) => index.byPath.get(`${entry.path}.${key}`)!)
      .filter((region) => kind(region.config) !== 'history')
      .flatMap((region) => settle(def, region));
  return [entry];
}

/**
 * Where a region starts that no mapped step lies in: its initial steps, then the eventless moves
 * (`always`) its rules allow on the case's data and signatures, as a case entering it would take
 * them (the help in the wijk of a student whose route was agreed is already under way).
 */
function startRegion(def: Definition, region: StateEntry, context: PersistedSnapshot['context']): StateEntry[] {
  const ctx = { values: context.data, checklist: context.checklist ?? {}, enteredAt: context.enteredAt };
  const inside = (e: StateEntry) => e.path.startsWith(`${region.path}.`);
  return settle(def, region).map((leaf) => {
    let at = leaf;
    // A ring of eventless moves never ends in XState either; the validator refuses one.
    for (const seen = new Set<string>(); !seen.has(at.path);) {
      seen.add(at.path);
      const t = (at.config.always ? transitionsOf(at.config.always) : []).find(
        (x) => x.target !== undefined && (!x.guard || evaluate(def, x.guard.params, ctx) === true),
      );
      const next = t && resolveTarget(def, at, t.target!);
      if (!next || !inside(next)) break;
      at = settle(def, next)[0];
    }
    return at;
  });
}

/**
 * The regions of the parallel steps around the landing steps that none of them lies in, each
 * started as a case entering it would start it, with the region's name.
 */
function completeRegions(def: Definition, landing: readonly string[], context: PersistedSnapshot['context']) {
  const index = indexStates(def);
  const added: { region: StateEntry; steps: StateEntry[] }[] = [];
  const all = new Set(landing);
  for (const path of landing)
    for (const e of lineage(index.byPath.get(path)))
      if (kind(e.config) === 'parallel')
        for (const key of Object.keys(e.config.states ?? {})) {
          const region = index.byPath.get(`${e.path}.${key}`)!;
          if (kind(region.config) === 'history' || [...all].some((p) => p.startsWith(`${region.path}.`))) continue;
          const steps = startRegion(def, region, context);
          steps.forEach((s) => all.add(s.path));
          added.push({ region, steps });
        }
  return added;
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
  for (const { region, steps } of problems.length ? [] : completeRegions(to, landing, snapshot.context)) {
    landing.push(...steps.map((e) => e.path));
    const where = steps.map((e) => stateLabel(to, e.path));
    problems.push(
      problem(
        `stateMap.${region.path}`,
        `'${stateLabel(to, region.path).nl}' loopt nu naast de stap van de casus; de casus begint daar bij ${where.map((w) => `'${w.nl}'`).join(', ')}`,
        `'${stateLabel(to, region.path).en}' now runs beside the case's step; the case starts it at ${where.map((w) => `'${w.en}'`).join(', ')}`,
        'warning',
      ),
    );
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
