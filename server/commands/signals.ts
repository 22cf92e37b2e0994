import type { EntityManager } from '@mikro-orm/core';
import { signalClosedEvent, signalEvent, signalLate, type Definition, type SignalKind } from '../../engine';
import type { Actor } from '../auth/caller';
import { Case, Signal, Site, type ISignal } from '../db/entities';
import { appError, notFound } from '../errors';
import { recordOnCase, type Store } from './cases';
import type { DefinitionCache } from './definitions';
import { scheduleOf } from './planning';
import { dayOf, runningStudent, timeOf, type StudentOnly } from './presence';

/**
 * Signals (engine/signals.ts): any staff member records that a student is not doing well; the
 * coördinatoren see it at once on their worklist and close it with a note. The signal's row is
 * written first and its history row after, so a signal is never lost between the two: if the
 * history cannot be written, the row goes again and the request fails as a whole.
 */

/** Who closes a signal: a coördinator, or a manager or administrator standing in. */
export const closesSignals = (who: Actor) => who.role !== 'staff' || who.function === 'coordinator';

const signalOnly: StudentOnly = {
  path: 'params.id',
  notStudent: { nl: 'Een signaal gaat over een student', en: 'A signal is about a student' },
  ended: {
    nl: 'Dit traject is afgesloten; een signaal doorgeven kan niet meer',
    en: 'This trajectory has ended; a signal can no longer be given',
  },
};

export async function recordSignal(
  store: Store,
  actor: Actor,
  caseId: string,
  input: { kind: SignalKind; text?: string },
  now: () => Date,
): Promise<SignalFacts> {
  await runningStudent(store.em, store.cache, actor.site, caseId, signalOnly);
  const em = store.em.fork();
  const at = now();
  const text = input.text?.trim() || null;
  const signal = em.create(Signal, {
    site: em.getReference(Site, actor.site),
    case: em.getReference(Case, caseId),
    kind: input.kind,
    text,
    day: dayOf(at),
    by: actor.username,
    at,
  });
  await em.flush();
  try {
    await recordOnCase(store, actor, caseId, signalEvent, { signal: signal.id, kind: input.kind, text }, now);
  } catch (err) {
    await em.nativeDelete(Signal, { id: signal.id });
    throw err;
  }
  return (await signalFacts(store.em, store.cache, actor.site, [signal], at))[0];
}

const signalNotFound = () => notFound({ nl: 'Signaal', en: 'Signal' });

/** Closes an open signal once (a conditional update): a second close is 409, naming who closed it. */
export async function closeSignal(
  store: Store,
  actor: Actor,
  id: number,
  input: { text: string },
  now: () => Date,
): Promise<SignalFacts> {
  const em = store.em.fork();
  const signal = await em.findOne(Signal, { id, site: actor.site });
  if (!signal) throw signalNotFound();
  if (!closesSignals(actor))
    throw appError('FORBIDDEN', 'Een signaal sluit een coördinator af', 'A signal is closed by a coördinator');
  const at = now();
  const text = input.text.trim();
  const closed = await em.nativeUpdate(
    Signal,
    { id, closedAt: null },
    { closedBy: actor.username, closedAt: at, closedText: text },
  );
  if (!closed) {
    await em.refresh(signal);
    throw appError(
      'CONFLICT',
      `Dit signaal is al afgesloten door ${signal.closedBy}`,
      `This signal was already closed by ${signal.closedBy}`,
    );
  }
  try {
    await recordOnCase(store, actor, signal.case.id, signalClosedEvent, { signal: id, text }, now);
  } catch (err) {
    await em.nativeUpdate(Signal, { id }, { closedBy: null, closedAt: null, closedText: null });
    throw err;
  }
  await em.refresh(signal);
  return (await signalFacts(store.em, store.cache, actor.site, [signal], at))[0];
}

/** A signal with what showing it needs: its student's name and workflow (for the screening), and whether it is late. */
export interface SignalFacts {
  signal: ISignal;
  title: string;
  def: Definition;
  late: boolean;
}

/** Signals with their facts at `now`, on the site's schedule (whose last moment ends the day). */
export async function signalFacts(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  signals: ISignal[],
  now: Date,
): Promise<SignalFacts[]> {
  if (!signals.length) return [];
  const f = em.fork();
  const schedule = await scheduleOf(f, site);
  const cases = await f.find(
    Case,
    { id: { $in: [...new Set(signals.map((s) => s.case.id))] }, site },
    { fields: ['id', 'title', 'workflow'] },
  );
  const byId = new Map(cases.map((c) => [c.id, c]));
  const today = dayOf(now);
  const time = timeOf(now);
  return Promise.all(
    signals.map(async (signal) => {
      const c = byId.get(signal.case.id)!;
      return {
        signal,
        title: c.title,
        def: await cache.get(em, c.workflow.id),
        late: !signal.closedAt && signalLate(schedule, signal.day, today, time),
      };
    }),
  );
}

/** The site's open signals, oldest first: the late ones lead. */
export async function openSignals(em: EntityManager, cache: DefinitionCache, site: string, now: Date) {
  const signals = await em.fork().find(Signal, { site, closedAt: null }, { orderBy: { at: 'asc', id: 'asc' } });
  return signalFacts(em, cache, site, signals, now);
}
