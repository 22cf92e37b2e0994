import { day, isDate, localDate, type SiteCalendar } from './calendar';
import type { CaseContext } from './compile';
import type { Definition } from './definition';
import { addCalendar } from './duration';
import { indexStates, leafPaths, lineage } from './tree';

/**
 * A student's plan (`reports.plan`): a start date and a duration in months (e.g. duur 12, 18
 * or 24), moved on by the days spent in steps that pause the plan (a leave). Re-planning the
 * duration is an action that changes the months field; the planned end and "behind" follow.
 */
export interface Plan {
  start: string;
  months: number;
  /** Days of leave so far, the current leave included up to the day asked about. */
  leaveDays: number;
  /** Start plus months, without leave. */
  agreedEnd: string;
  /** Start plus months plus the leave: when the student is now expected to finish. */
  end: string;
  /** On leave now, since this moment. */
  onLeaveSince?: string;
}

function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * day).toISOString().slice(0, 10);
}

/** Whole local days from one moment's date to another's. */
function daysBetween(from: number, to: number, calendar?: SiteCalendar): number {
  return Math.max(0, Math.round((Date.parse(localDate(to, calendar)) - Date.parse(localDate(from, calendar))) / day));
}

export function planOf(def: Definition, context: CaseContext, now: Date, calendar?: SiteCalendar): Plan | undefined {
  const plan = def.reports?.plan;
  if (!plan) return undefined;
  const start = context.data[plan.startField];
  const months = Number(context.data[plan.monthsField]);
  if (!isDate(start) || !Number.isInteger(months) || months <= 0 || months > 120) return undefined;
  const since = context.leave?.since;
  const leaveDays = (context.leave?.days ?? 0) + (since ? daysBetween(Date.parse(since), now.getTime(), calendar) : 0);
  const agreedEnd = new Date(addCalendar(Date.parse(`${start}T00:00:00Z`), { mo: months, w: 0, d: 0, h: 0, m: 0 }))
    .toISOString()
    .slice(0, 10);
  return { start, months, leaveDays, agreedEnd, end: addDaysToDate(agreedEnd, leaveDays), onLeaveSince: since };
}

const pauseCache = new WeakMap<Definition, boolean>();

function hasPauses(def: Definition): boolean {
  let known = pauseCache.get(def);
  if (known === undefined)
    pauseCache.set(def, (known = [...indexStates(def).byPath.values()].some((e) => e.config.meta?.pausesPlan)));
  return known;
}

/** Whether the case is in a step that pauses the plan. */
export function pausesPlan(def: Definition, value: unknown): boolean {
  if (!hasPauses(def)) return false;
  const index = indexStates(def);
  return leafPaths(value).some((leaf) => lineage(index.byPath.get(leaf)).some((e) => e.config.meta?.pausesPlan));
}

/**
 * Keeps the plan's clock through one step: entering a step that pauses the plan starts a
 * leave, leaving it adds the leave's days; the planned end field (`reports.plan.endField`)
 * is then set to the planned end.
 */
export function keepPlan(
  def: Definition,
  beforeValue: unknown,
  context: CaseContext,
  nextValue: unknown,
  now: Date,
  calendar?: SiteCalendar,
): CaseContext {
  const was = beforeValue !== undefined && pausesPlan(def, beforeValue);
  const is = pausesPlan(def, nextValue);
  let leave = context.leave;
  if (!was && is) leave = { days: leave?.days ?? 0, since: now.toISOString() };
  else if (was && !is && leave?.since)
    leave = { days: leave.days + daysBetween(Date.parse(leave.since), now.getTime(), calendar) };
  const next = leave === context.leave ? context : { ...context, leave };
  const endField = def.reports?.plan?.endField;
  const plan = endField ? planOf(def, next, now, calendar) : undefined;
  if (!endField || !plan || next.data[endField] === plan.end) return next;
  return { ...next, data: { ...next.data, [endField]: plan.end } };
}
