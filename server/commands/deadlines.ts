import type { EntityManager } from '@mikro-orm/core';
import {
  caseDeadlines,
  caseTimers,
  deadlinePassedEvent,
  explain,
  ruleFields,
  timerHeldEvent,
  timerOf,
  type Definition,
  type Message,
  type PersistedSnapshot,
  type TimeOptions,
  type TimerEffects,
} from '../../engine';
import { HistoryRow, type ICase, type ITimer } from '../db/entities';
import { storeChange, timerActor } from './history';

/** A deadline's row in the timer table carries the engine's deadline id (`deadline:<step>[:<EVENT>]`). */
export const isDeadline = (timerId: string) => timerId.startsWith('deadline:');

/**
 * The timer rows a change asks for, with the rows of its deadlines added: a deadline that a
 * change sets (entering its step, offering its action, moving its date) becomes a row due when
 * it passes, and one the change ends or moves is cancelled. A deadline already passed when it
 * appears gets no row: it never passed while the case ran under it.
 */
export function withDeadlines(
  def: Definition,
  before: PersistedSnapshot | undefined,
  after: PersistedSnapshot,
  timers: TimerEffects,
  now: Date,
  options: TimeOptions,
): TimerEffects {
  const was = new Map((before ? caseDeadlines(def, before, now, options.calendar) : []).map((d) => [d.id, d.dueAt]));
  const is = caseDeadlines(def, after, now, options.calendar);
  const schedule = is
    .filter((d) => !d.overdue && was.get(d.id) !== d.dueAt)
    .map((d) => ({ id: d.id, event: d.id, due: d.dueAt }));
  const kept = new Set(is.map((d) => `${d.id}@${d.dueAt}`));
  // A deadline scheduled again replaces its row; one that ends, or moved into the past, is cancelled.
  const cancel = [...was]
    .filter(([id, dueAt]) => !kept.has(`${id}@${dueAt}`) && !schedule.some((s) => s.id === id))
    .map(([id]) => id);
  if (!schedule.length && !cancel.length) return timers;
  return { schedule: [...timers.schedule, ...schedule], cancel: [...timers.cancel, ...cancel] };
}

/**
 * A deadline's row came due: one history row says it passed, if it still holds as it was
 * planned and no row said so yet (two processes starting together may both have set its row). A
 * deadline that has since moved later (the site closed more days) is set again; one whose step
 * the case left, or whose action is no longer offered, is spent. Returns the rows to schedule.
 */
export async function passDeadline(
  em: EntityManager,
  c: ICase,
  def: Definition,
  row: ITimer,
  now: Date,
  options: TimeOptions,
): Promise<TimerEffects | undefined> {
  const d = caseDeadlines(def, c.snapshot, now, options.calendar).find((x) => x.id === row.timerId);
  if (!d) return undefined;
  if (!d.overdue) return { schedule: [{ id: d.id, event: d.id, due: d.dueAt }], cancel: [] };
  const written = await em.find(HistoryRow, { case: c.id, event: deadlinePassedEvent }, { fields: ['data'] });
  if (written.some((h) => h.data.deadline === d.id && h.data.dueAt === d.dueAt)) return undefined;
  storeChange(em, c, def, c.snapshot, now, {
    actor: timerActor,
    event: deadlinePassedEvent,
    from: c.state,
    data: { deadline: d.id, dueAt: d.dueAt, label: d.label, ...(d.event ? { action: d.event } : {}) },
  });
  return undefined;
}

/**
 * A timer came due but its rule held the step back (the case stays where it is). When the case
 * showed it as due, the snapshot that marks it spent is stored with one history row saying so,
 * with the rule's reason unless that reason reads personal data; a timer the case never showed
 * (its rule cannot let this case go, like a WW-only timer for another student) is spent silently.
 * Returns whether anything was written.
 */
export function holdTimer(
  em: EntityManager,
  c: ICase,
  def: Definition,
  event: string,
  next: PersistedSnapshot,
  now: Date,
  options: TimeOptions,
): boolean {
  const before = c.snapshot;
  if (!caseTimers(def, before, now, options.calendar).some((t) => t.id === event && !t.paused)) return false;
  const ctx = {
    values: before.context.data,
    checklist: before.context.checklist ?? {},
    enteredAt: before.context.enteredAt,
    now: now.toISOString(),
    calendar: options.calendar,
  };
  const rules = (timerOf(def, event)?.transitions ?? []).flatMap((t) => (t.guard ? [t.guard.params] : []));
  const personal = rules.some((r) => [...ruleFields(r)].some((f) => def.fields[f]?.personal));
  const reason = personal ? undefined : rules.map((r) => explain(def, r, ctx)).find((m): m is Message => !!m);
  storeChange(em, c, def, next, now, {
    actor: timerActor,
    event: timerHeldEvent,
    from: c.state,
    data: { timer: event, ...(reason ? { reason } : {}) },
  });
  return true;
}
