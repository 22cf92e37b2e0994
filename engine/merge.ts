import { canonicalJson } from './canonical';
import type { Definition } from './definition';
import { diffUnits, type Change } from './diff';
import { enclosingStates, joinUnits, splitUnits, type Unit } from './units';

export type Side = 'upstream' | 'local';

/**
 * One choice for the manager: a piece that changed upstream, locally, or on both sides since the
 * common base. A step added or removed on one side carries everything inside it (`paths`).
 */
export interface MergeItem {
  path: string;
  paths: string[];
  upstream?: Change;
  local?: Change;
  /** Both sides changed the piece, differently: the manager must look. */
  conflict: boolean;
  /** What is taken without a choice: the one side that changed; the local side in a conflict. */
  default: Side;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

interface Split {
  base: Map<string, Unit>;
  local: Map<string, Unit>;
  upstream: Map<string, Unit>;
  localList: Unit[];
  upstreamList: Unit[];
}

function split(base: Definition, local: Definition, upstream: Definition): Split {
  const b = splitUnits(base);
  const l = splitUnits(local);
  const u = splitUnits(upstream);
  const map = (xs: Unit[]) => new Map(xs.map((x) => [x.path, x]));
  return { base: map(b), local: map(l), upstream: map(u), localList: l, upstreamList: u };
}

/**
 * The three-way comparison: every piece changed since `base` (the upstream version this variant
 * was made from) by the newer `upstream` package or by the site itself (`local`), side by side.
 */
export function threeWay(base: Definition, local: Definition, upstream: Definition): MergeItem[] {
  const s = split(base, local, upstream);
  const ups = new Map(diffUnits([base, upstream], [...s.base.values()], s.upstreamList).map((c) => [c.path, c]));
  const locs = new Map(diffUnits([base, local], [...s.base.values()], s.localList).map((c) => [c.path, c]));
  const order = mergedOrder(s);
  const items: MergeItem[] = [];
  const wholeStates = new Map<string, MergeItem>();
  for (const path of order) {
    const b = s.base.get(path)?.value;
    const l = s.local.get(path)?.value;
    const u = s.upstream.get(path)?.value;
    const lc = !same(l, b);
    const uc = !same(u, b);
    if (!lc && !uc) continue;
    if (lc && uc && same(l, u)) continue;
    const owner = enclosingStates(path)
      .map((p) => wholeStates.get(p))
      .find((w) => w);
    if (owner) {
      owner.paths.push(path);
      owner.conflict ||= lc && uc;
      continue;
    }
    const item: MergeItem = {
      path,
      paths: [path],
      ...(uc && ups.get(path) ? { upstream: ups.get(path) } : {}),
      ...(lc && locs.get(path) ? { local: locs.get(path) } : {}),
      conflict: lc && uc,
      default: uc && !lc ? 'upstream' : 'local',
    };
    items.push(item);
    const unit = s.base.get(path) ?? s.local.get(path) ?? s.upstream.get(path)!;
    if (unit.kind === 'state' && (b === undefined || l === undefined || u === undefined)) wholeStates.set(path, item);
  }
  return items;
}

/**
 * Every piece's path once: the local order, with pieces only upstream has placed after the piece
 * that precedes them upstream. A site's own ordering of its steps survives a merge.
 */
function mergedOrder(s: Split): string[] {
  const local = new Set(s.localList.map((u) => u.path));
  // Pieces only upstream has, by the piece they follow upstream ('' for the very start).
  const after = new Map<string, string[]>();
  let previous = '';
  for (const u of s.upstreamList) {
    if (!local.has(u.path)) after.set(previous, [...(after.get(previous) ?? []), u.path]);
    previous = u.path;
  }
  const order: string[] = [];
  // Depth first without recursion: a long run of new pieces would overflow the stack.
  const emit = (path: string) => {
    const stack = [path];
    while (stack.length) {
      const p = stack.pop()!;
      order.push(p);
      stack.push(...(after.get(p) ?? []).slice().reverse());
    }
  };
  for (const next of after.get('') ?? []) emit(next);
  for (const u of s.localList) emit(u.path);
  const seen = new Set(order);
  for (const path of s.base.keys()) if (!seen.has(path)) order.push(path);
  return order;
}

/**
 * The merged definition: for each item the chosen side (or its default), every other piece as
 * both sides agree. Choices name an item by its `path`; unknown paths are ignored by design, so
 * a stale choice cannot break the merge. The result is validated by the caller like any draft.
 */
export function applyMerge(
  base: Definition,
  local: Definition,
  upstream: Definition,
  choices: Readonly<Record<string, Side>> = {},
): Definition {
  const s = split(base, local, upstream);
  const side = new Map<string, Side>();
  for (const item of threeWay(base, local, upstream)) {
    const chosen = choices[item.path] ?? item.default;
    for (const p of item.paths) side.set(p, chosen);
  }
  const units: Unit[] = [];
  for (const path of mergedOrder(s)) {
    const from = side.get(path) === 'upstream' ? s.upstream : s.local;
    const unit = from.get(path);
    if (unit) units.push(unit);
  }
  return joinUnits(units);
}
