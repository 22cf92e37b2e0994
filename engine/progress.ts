import { day, type SiteCalendar } from './calendar';
import type { PersistedSnapshot } from './cases';
import { planOf } from './plan';
import type { ChecklistItem, Definition } from './definition';
import { evaluate, ruleChecklists } from './rules';
import { checklistItems, indexStates, leafPaths, reachable } from './tree';

/**
 * The sign-off items that count for this case: the ones already signed, those of the steps it is
 * in or can still reach with the data it has (a WW student will not do the zorgstage, a Gilde
 * student not the employer's part), and those that a reachable rule asks for (the diploma asks
 * for the introduction's items too). Rules on a step's own form are assumed to pass.
 */
export function relevantItems(def: Definition, snapshot: PersistedSnapshot): ChecklistItem[] {
  const index = indexStates(def);
  const values = snapshot.context.data;
  const scopes: string[] = [];
  const seen = reachable(
    def,
    leafPaths(snapshot.value).flatMap((leaf) => index.byPath.get(leaf) ?? []),
    (tr) => {
      const pending = new Set((tr.meta?.form ?? []).map((f) => f.field));
      if (tr.guard && evaluate(def, tr.guard.params, { values, ahead: true }, pending) === false) return false;
      if (tr.guard) ruleChecklists(tr.guard.params, scopes);
      return true;
    },
  );
  const signed = snapshot.context.checklist ?? {};
  const asked = new Set(scopes.flatMap((scope) => checklistItems(def, scope).map((i) => i.id)));
  return [...index.byPath.values()].flatMap((e) =>
    (e.config.meta?.checklist ?? []).filter((i) => seen.has(e.path) || asked.has(i.id) || signed[i.id]),
  );
}

/** Where a student stands against the plan: the sign-off list against the time gone by. */
export interface Progress {
  start?: string;
  plannedEnd?: string;
  signed: number;
  total: number;
  /** Share of the planned time gone by, 0–1; absent without a plan. */
  elapsed?: number;
  /** Signed clearly less than the time gone by (more than the margin behind). */
  behind: boolean;
  /** Days of leave that moved the planned end (absent without leave). */
  leaveDays?: number;
}

/** How far behind the signed share may lag the time share before a case is flagged. */
export const behindMargin = 0.15;

/** `items` are the case's relevant sign-off items, when the caller has them already. */
export function progress(
  def: Definition,
  snapshot: PersistedSnapshot,
  now: Date,
  items = relevantItems(def, snapshot),
  calendar?: SiteCalendar,
): Progress {
  const signedIds = snapshot.context.checklist ?? {};
  const signed = items.filter((i) => signedIds[i.id]).length;
  const base: Progress = { signed, total: items.length, behind: false };
  const startField = def.reports?.plan?.startField;
  const start = startField ? snapshot.context.data[startField] : undefined;
  const plan = planOf(def, snapshot.context, now, calendar);
  if (!plan) return typeof start === 'string' ? { ...base, start } : base;
  // The plan's clock stands still during a leave: those days count neither as time gone by nor as planned time.
  const span = Date.parse(plan.agreedEnd) - Date.parse(plan.start);
  const gone = now.getTime() - Date.parse(plan.start) - plan.leaveDays * day;
  const elapsed = Math.min(1, Math.max(0, gone / span));
  const share = items.length ? signed / items.length : 1;
  return {
    ...base,
    start: plan.start,
    plannedEnd: plan.end,
    elapsed,
    behind: snapshot.status === 'active' && share < elapsed - behindMargin,
    ...(plan.leaveDays ? { leaveDays: plan.leaveDays } : {}),
  };
}
