import type { EntityManager } from '@mikro-orm/core';
import { caseDeadlines, type TimerEffects, fireTimer } from '../../engine';
import { Case, Timer, type ICase } from '../db/entities';
import { storeChange, timerActor } from './history';
import type { DefinitionCache } from './definitions';
import type { SiteCalendars } from './calendar';
import { holdTimer, isDeadline, passDeadline, withDeadlines } from './deadlines';

/** Stores what the engine asked for: new timers scheduled, left steps' timers cancelled. */
export function recordTimerEffects(
  em: EntityManager,
  c: ICase,
  effects: TimerEffects,
  now: Date,
): Promise<void> | void {
  const ids = [...effects.cancel, ...effects.schedule.map((s) => s.id)];
  const create = () => {
    for (const s of effects.schedule) {
      em.create(Timer, {
        case: c,
        site: c.site,
        timerId: s.id,
        event: s.event,
        dueAt: new Date(s.due),
        status: 'scheduled',
        createdAt: now,
      });
    }
  };
  if (ids.length === 0) return;
  // A step entered again restarts its timer: the earlier one of the same id is cancelled first.
  return em
    .nativeUpdate(Timer, { case: c.id, timerId: { $in: ids }, status: 'scheduled' }, { status: 'cancelled' })
    .then(create);
}

/**
 * Fires one due timer, exactly once: the conditional UPDATE claims it (only one transaction can
 * change 'scheduled' to 'fired'), and the case's change, its history row and the timers that
 * follow are written in the same transaction. A deadline's row writes the history row that
 * says it passed. Returns whether this call fired it.
 */
export async function fireDueTimer(
  em: EntityManager,
  cache: DefinitionCache,
  calendars: SiteCalendars,
  timerRowId: number,
  now: Date,
): Promise<boolean> {
  return em.fork().transactional(async (tem) => {
    const claimed = await tem.nativeUpdate(
      Timer,
      { id: timerRowId, status: 'scheduled' },
      { status: 'fired', firedAt: now },
    );
    if (claimed !== 1) return false;
    const timer = await tem.findOneOrFail(Timer, { id: timerRowId });
    const c = await tem.findOneOrFail(Case, { id: timer.case.id });
    const def = await cache.get(tem, c.workflow.id);
    const options = await calendars.options(() => tem, c.site.id);
    if (isDeadline(timer.timerId)) {
      const again = await passDeadline(tem, c, def, timer, now, options);
      if (again) await recordTimerEffects(tem, c, again, now);
      return true;
    }
    const before = c.snapshot;
    const r = fireTimer(def, before, timer.event, now, options);
    if (!r.ok) return true; // the case closed: the timer is spent
    if (r.changed)
      storeChange(tem, c, def, r.snapshot, now, {
        actor: timerActor,
        event: timer.event,
        from: r.from,
        to: r.to,
        data: {},
      });
    // A rule held the step back: the case stays, and a timer it showed as due is marked spent.
    else if (!holdTimer(tem, c, def, timer.event, r.snapshot, now, options)) return true;
    await recordTimerEffects(tem, c, withDeadlines(def, before, r.snapshot, r.timers, now, options), now);
    return true;
  });
}

/** Every timer due at `now` (oldest first), fired one by one. Returns how many this call fired. */
export async function fireDueTimers(
  em: EntityManager,
  cache: DefinitionCache,
  calendars: SiteCalendars,
  now: Date,
  batch = 100,
): Promise<number> {
  let fired = 0;
  for (;;) {
    const due = await em
      .fork()
      .find(
        Timer,
        { status: 'scheduled', dueAt: { $lte: now } },
        { orderBy: { dueAt: 'asc', id: 'asc' }, limit: batch, fields: ['id'] },
      );
    if (due.length === 0) return fired;
    let progress = 0;
    for (const t of due) if (await fireDueTimer(em, cache, calendars, t.id, now)) progress++;
    fired += progress;
    if (due.length < batch || progress === 0) return fired;
  }
}

/**
 * Sets the row of every deadline of a running case that has none: a case that was already in its
 * step when deadlines became rows would otherwise never write the row that says one passed. Run
 * at start, in batches of cases; a deadline with a scheduled row is left alone, and one set twice
 * by two processes starting together still passes once (passDeadline). Returns how many it set.
 */
export async function scheduleMissingDeadlines(
  em: EntityManager,
  cache: DefinitionCache,
  calendars: SiteCalendars,
  now: Date,
  batch = 200,
): Promise<number> {
  let set = 0;
  for (let after = ''; ;) {
    const tem = em.fork();
    const cases = await tem.find(Case, { outcome: null, id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: batch });
    if (cases.length === 0) return set;
    after = cases[cases.length - 1].id;
    const rows = await tem.find(
      Timer,
      { case: { $in: cases.map((c) => c.id) }, status: 'scheduled', timerId: { $like: 'deadline:%' } },
      { fields: ['case', 'timerId'] },
    );
    const has = new Set(rows.map((r) => `${r.case.id} ${r.timerId}`));
    for (const c of cases) {
      if (c.snapshot.status !== 'active') continue;
      const def = await cache.get(tem, c.workflow.id);
      const options = await calendars.options(() => tem, c.site.id);
      const missing = caseDeadlines(def, c.snapshot, now, options.calendar).filter(
        (d) => !d.overdue && !has.has(`${c.id} ${d.id}`),
      );
      if (missing.length === 0) continue;
      await recordTimerEffects(
        tem,
        c,
        { schedule: missing.map((d) => ({ id: d.id, event: d.id, due: d.dueAt })), cancel: [] },
        now,
      );
      set += missing.length;
    }
    await tem.flush();
  }
}
