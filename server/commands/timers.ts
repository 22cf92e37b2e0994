import type { EntityManager } from '@mikro-orm/core';
import { fireTimer, systemActor, type TimerEffects } from '../../engine';
import { Case, Timer, type ICase } from '../db/entities';
import { storeChange } from './history';
import type { DefinitionCache } from './definitions';

/** The actor named in history when time, not a person, moved a case. */
export const timerActor = systemActor;

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
 * follow are written in the same transaction. Returns whether this call fired it.
 */
export async function fireDueTimer(
  em: EntityManager,
  cache: DefinitionCache,
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
    const r = fireTimer(def, c.snapshot, timer.event, now);
    if (!r.ok || !r.changed) return true; // the case moved on or closed: the timer is spent
    storeChange(tem, c, def, r.snapshot, now, {
      actor: timerActor,
      event: timer.event,
      from: r.from,
      to: r.to,
      data: {},
    });
    await recordTimerEffects(tem, c, r.timers, now);
    return true;
  });
}

/** Every timer due at `now` (oldest first), fired one by one. Returns how many this call fired. */
export async function fireDueTimers(
  em: EntityManager,
  cache: DefinitionCache,
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
    for (const t of due) if (await fireDueTimer(em, cache, t.id, now)) progress++;
    fired += progress;
    if (due.length < batch || progress === 0) return fired;
  }
}
