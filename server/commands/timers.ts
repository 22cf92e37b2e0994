import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { fireTimer, systemActor } from '../../engine';
import { Case, Timer, type ITimer } from '../db/entities';
import { lockCaseRow, recordTimerEffects } from '../db/orm-store';
import { storeChange } from './history';
import type { DefinitionCache } from './definitions';

/** The actor named in history when time, not a person, moved a case. */
export const timerActor = systemActor;

/** Failed firings after which a timer is given up: marked `failed`, and logged as an error. */
export const timerAttempts = 5;

/**
 * At most this many firings per case in a minute. Two steps with short timers to each other
 * would otherwise fire for ever (178 firings a second with 151 cases, about 6 GB of history a
 * day); the rest are postponed until the minute has room again.
 */
export const firingsPerCaseMinute = 10;
const minute = 60_000;

/** A due timer as the scheduler finds it. */
type Due = Pick<ITimer, 'id' | 'dueAt' | 'case' | 'site'>;

/** A firing that failed: the timer stays scheduled for the next pass, or is given up. */
export interface TimerFailure {
  timerId: number;
  caseId: string;
  attempts: number;
  /** Whether this was the last attempt: the timer is now `failed`. */
  failed: boolean;
  error: unknown;
}

/**
 * Fires one due timer, exactly once: the conditional UPDATE claims it (only one transaction can
 * change 'scheduled' to 'fired'), and the case's change, its history row and the timers that
 * follow are written in the same transaction. Returns whether this call claimed it; a timer of
 * a case that fired too often this minute is postponed instead.
 */
export async function fireDueTimer(
  em: EntityManager,
  cache: DefinitionCache,
  due: Due,
  now: Date,
): Promise<'claimed' | 'postponed' | 'gone'> {
  return em.fork().transactional(async (tem) => {
    // The case's row first, as every writer of a case takes it: one case's firings and events
    // take turns, also across processes, so the count below holds.
    await lockCaseRow(tem, due.site.id, due.case.id);
    const recent = await tem.find(
      Timer,
      { case: due.case.id, status: 'fired', firedAt: { $gt: new Date(now.getTime() - minute), $lte: now } },
      { fields: ['firedAt'], orderBy: { firedAt: 'desc' }, limit: firingsPerCaseMinute },
    );
    if (recent.length >= firingsPerCaseMinute) {
      const room = new Date(recent.at(-1)!.firedAt!.getTime() + minute);
      await tem.nativeUpdate(Timer, { id: due.id, status: 'scheduled' }, { dueAt: room });
      return 'postponed';
    }
    const claimed = await tem.nativeUpdate(
      Timer,
      { id: due.id, status: 'scheduled' },
      { status: 'fired', firedAt: now },
    );
    if (claimed !== 1) return 'gone';
    const timer = await tem.findOneOrFail(Timer, { id: due.id });
    const c = await tem.findOneOrFail(Case, { id: due.case.id });
    const def = await cache.get(tem, c.workflow.id);
    const r = fireTimer(def, c.snapshot, timer.event, now);
    if (!r.ok || !r.changed) return 'claimed'; // the case moved on or closed: the timer is spent
    storeChange(tem, c, def, r.snapshot, now, {
      actor: timerActor,
      event: timer.event,
      from: r.from,
      to: r.to,
      data: {},
    });
    await recordTimerEffects(tem, c, r.timers, now);
    return 'claimed';
  });
}

/**
 * Every timer due at `now` (oldest first), fired one by one, each in a transaction of its own:
 * one that fails is counted (`onFailure` hears of it) and the pass goes on with the next. Each
 * timer is tried at most once per pass. Returns how many this call fired.
 */
export async function fireDueTimers(
  em: EntityManager,
  cache: DefinitionCache,
  now: Date,
  onFailure: (f: TimerFailure) => void = () => undefined,
  batch = 100,
): Promise<number> {
  let fired = 0;
  let after: Due | undefined;
  for (;;) {
    const where: FilterQuery<ITimer> = { status: 'scheduled', dueAt: { $lte: now } };
    if (after) where.$or = [{ dueAt: { $gt: after.dueAt } }, { dueAt: after.dueAt, id: { $gt: after.id } }];
    const due = await em.fork().find(Timer, where, {
      orderBy: { dueAt: 'asc', id: 'asc' },
      limit: batch,
      fields: ['id', 'dueAt', 'case', 'site'],
    });
    for (const t of due) {
      try {
        if ((await fireDueTimer(em, cache, t, now)) === 'claimed') fired++;
      } catch (error) {
        onFailure(await recordFailure(em, t.id, error));
      }
    }
    if (due.length < batch) return fired;
    after = due.at(-1);
  }
}

/** Counts a failed firing in the timer's row; at the last attempt it is given up as `failed`. */
async function recordFailure(em: EntityManager, timerId: number, error: unknown): Promise<TimerFailure> {
  const fem = em.fork();
  const t = await fem.findOneOrFail(Timer, { id: timerId });
  const attempts = t.attempts + 1;
  const failed = attempts >= timerAttempts;
  await fem.nativeUpdate(
    Timer,
    { id: timerId, status: 'scheduled', attempts: t.attempts },
    {
      attempts,
      lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      ...(failed ? { status: 'failed' } : {}),
    },
  );
  return { timerId, caseId: t.case.id, attempts, failed, error };
}
