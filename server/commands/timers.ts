import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { caseDeadlines, fireTimer, voidOutcome } from '../../engine';
import { Case, Timer, type ITimer } from '../db/entities';
import { lockCaseRow, recordTimerEffects } from '../db/orm-store';
import { storeChange, timerActor } from './history';
import type { DefinitionCache } from './definitions';
import type { SiteCalendars } from './calendar';
import { holdTimer, isDeadline, passDeadline, withDeadlines } from './deadlines';

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
 * follow are written in the same transaction. A deadline's row writes the history row that
 * says it passed. Returns whether this call claimed it; a timer of a case that fired too often
 * this minute is postponed instead.
 */
export async function fireDueTimer(
  em: EntityManager,
  cache: DefinitionCache,
  calendars: SiteCalendars,
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
    if (c.outcome === voidOutcome) return 'claimed'; // a voided case takes no changes: the timer is spent
    const def = await cache.get(tem, c.workflow.id);
    const options = await calendars.options(() => tem, c.site.id);
    if (isDeadline(timer.timerId)) {
      const again = await passDeadline(tem, c, def, timer, now, options);
      if (again) await recordTimerEffects(tem, c, again, now);
      return 'claimed';
    }
    const before = c.snapshot;
    const r = fireTimer(def, before, timer.event, now, options);
    if (!r.ok) return 'claimed'; // the case closed: the timer is spent
    if (r.changed)
      storeChange(tem, c, def, r.snapshot, now, {
        actor: timerActor,
        event: timer.event,
        from: r.from,
        to: r.to,
        data: {},
      });
    // A rule held the step back: the case stays, and a timer it showed as due is marked spent.
    else if (!holdTimer(tem, c, def, timer.event, r.snapshot, now, options)) return 'claimed';
    await recordTimerEffects(tem, c, withDeadlines(def, before, r.snapshot, r.timers, now, options), now);
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
  calendars: SiteCalendars,
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
        if ((await fireDueTimer(em, cache, calendars, t, now)) === 'claimed') fired++;
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
