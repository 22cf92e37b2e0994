import type { EntityManager } from '@mikro-orm/core';
import {
  escalationDue,
  helpKind,
  signalAcknowledgedEvent,
  signalClosedEvent,
  signalEscalatedEvent,
  signalEvent,
  signalLate,
  systemActor,
  type Definition,
  type HelpMode,
  type SignalKind,
  type Viewer,
} from '../../engine';
import type { Actor } from '../auth/caller';
import { Case, Signal, SignalChange, Site, type ISignal } from '../db/entities';
import { appError, notFound } from '../errors';
import { recordOnCase, type Recorder, type Store } from './cases';
import type { DefinitionCache } from './definitions';
import { onCallOf, onCallToday } from './oncall';
import { scheduleOf } from './planning';
import { dayOf, runningStudent, timeOf, type StudentOnly } from './presence';

/**
 * Signals (engine/signals.ts): any staff member records that a student is not doing well; the
 * coördinatoren see it at once on their worklist and close it with a note. The signal's row is
 * written first and its history row after, so a signal is never lost between the two: if the
 * history cannot be written, the row goes again and the request fails as a whole.
 */

/** Who closes a signal: a coördinator, or a manager or administrator standing in. */
export const closesSignals = (who: Viewer) => who.role !== 'staff' || who.function === 'coordinator';

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
  await noteChange(em, signal, 'opened', at);
  return (await signalFacts(store.em, store.cache, actor.site, [signal], at))[0];
}

/** What the live pages hear (server/plugins/signal-stream.ts): a row per change, after it is written. */
async function noteChange(em: EntityManager, signal: ISignal, what: string, at: Date) {
  await em.insert(SignalChange, { site: signal.site.id, signal: signal.id, what, at });
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
  await noteChange(em, signal, 'closed', at);
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

/**
 * Whether a signal is on this person's list. A student's call for help goes first to the
 * coördinator on call (to every coördinator when the rota names nobody); unanswered too long,
 * to every coördinator and the projectleider. Every other signal is for everyone on staff.
 */
export function seesSignal(signal: ISignal, who: Viewer & { username: string }): boolean {
  if (signal.kind !== helpKind) return true;
  if (signal.escalatedAt) return closesSignals(who);
  return signal.forUser ? who.username === signal.forUser : who.function === 'coordinator';
}

/** The site's open signals this person is to see, oldest first: the late ones lead. */
export async function openSignals(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { username: string; site: string },
  now: Date,
) {
  const signals = await em
    .fork()
    .find(Signal, { site: who.site, closedAt: null }, { orderBy: { at: 'asc', id: 'asc' } });
  return signalFacts(
    em,
    cache,
    who.site,
    signals.filter((s) => seesSignal(s, who)),
    now,
  );
}

/** A student asking for help: their own running case, by their account. */
export interface Asker extends Recorder {
  caseId: string;
}

const helpOnly: StudentOnly = {
  path: 'caseId',
  notStudent: { nl: 'Hulp vragen kan alleen een student', en: 'Only a student can ask for help' },
  ended: {
    nl: 'Je traject is afgesloten; hulp vragen kan hier niet meer',
    en: 'Your trajectory has ended; you can no longer ask for help here',
  },
};

/**
 * A student's call for help becomes a signal at once, for the coördinator on call, with a history
 * row of their case. A second tap while one is still open answers the open one: one call, not two.
 */
export async function askHelp(
  store: Store,
  asker: Asker,
  input: { mode: HelpMode; text?: string },
  now: () => Date,
): Promise<ISignal> {
  await runningStudent(store.em, store.cache, asker.site, asker.caseId, helpOnly);
  const em = store.em.fork();
  const open = await em.findOne(
    Signal,
    { case: asker.caseId, kind: helpKind, closedAt: null },
    { orderBy: { id: 'desc' } },
  );
  if (open) return open;
  const at = now();
  const text = input.text?.trim() || null;
  const day = dayOf(at);
  const signal = em.create(Signal, {
    site: em.getReference(Site, asker.site),
    case: em.getReference(Case, asker.caseId),
    kind: helpKind,
    mode: input.mode,
    text,
    day,
    by: asker.username,
    at,
    forUser: (await onCallToday(em, asker.site, day)) ?? null,
  });
  await em.flush();
  try {
    await recordOnCase(
      store,
      asker,
      asker.caseId,
      signalEvent,
      { signal: signal.id, kind: helpKind, mode: input.mode, text },
      now,
    );
  } catch (err) {
    await em.nativeDelete(Signal, { id: signal.id });
    throw err;
  }
  await noteChange(em, signal, 'opened', at);
  return signal;
}

/** The student's latest call for help, if they made one today or one is still open. */
export async function currentHelp(em: EntityManager, caseId: string, now: Date): Promise<ISignal | null> {
  const latest = await em.fork().findOne(Signal, { case: caseId, kind: helpKind }, { orderBy: { id: 'desc' } });
  if (!latest || (latest.closedAt && latest.day !== dayOf(now))) return null;
  return latest;
}

/**
 * A coördinator answers a call for help: the student reads who comes or calls. Once (a
 * conditional update): a second answer is 409, naming who answered first.
 */
export async function acknowledgeSignal(store: Store, actor: Actor, id: number, now: () => Date): Promise<SignalFacts> {
  const em = store.em.fork();
  const signal = await em.findOne(Signal, { id, site: actor.site });
  if (!signal) throw signalNotFound();
  if (signal.kind !== helpKind)
    throw appError('BAD_REQUEST', 'Alleen een hulpvraag wordt beantwoord', 'Only a call for help is answered');
  if (!closesSignals(actor))
    throw appError(
      'FORBIDDEN',
      'Een hulpvraag beantwoordt een coördinator',
      'A call for help is answered by a coördinator',
    );
  const at = now();
  const done = await em.nativeUpdate(
    Signal,
    { id, acknowledgedAt: null, closedAt: null },
    { acknowledgedBy: actor.username, acknowledgedAt: at },
  );
  if (!done) {
    await em.refresh(signal);
    const who = signal.acknowledgedBy ?? signal.closedBy;
    throw appError('CONFLICT', `Dit is al opgepakt door ${who}`, `This was taken up already by ${who}`);
  }
  try {
    await recordOnCase(store, actor, signal.case.id, signalAcknowledgedEvent, { signal: id, mode: signal.mode }, now);
  } catch (err) {
    await em.nativeUpdate(Signal, { id }, { acknowledgedBy: null, acknowledgedAt: null });
    throw err;
  }
  await em.refresh(signal);
  await noteChange(em, signal, 'acknowledged', at);
  return (await signalFacts(store.em, store.cache, actor.site, [signal], at))[0];
}

/**
 * Calls for help nobody answered within the site's minutes go to every coördinator and the
 * projectleider: each once (a conditional update, so two processes escalate it once), with a
 * history row by the system. Changes older than a day are let go: the pages read the live ones.
 */
export async function escalateHelp(store: Store, now: Date): Promise<number> {
  const em = store.em.fork();
  const waiting = await em.find(
    Signal,
    { kind: helpKind, acknowledgedAt: null, closedAt: null, escalatedAt: null },
    { orderBy: { id: 'asc' } },
  );
  const minutes = new Map<string, number>();
  let count = 0;
  for (const signal of waiting) {
    const site = signal.site.id;
    if (!minutes.has(site)) minutes.set(site, (await onCallOf(em, site)).escalateAfterMinutes);
    if (!escalationDue(signal.at, now, minutes.get(site)!)) continue;
    if (
      !(await em.nativeUpdate(Signal, { id: signal.id, escalatedAt: null, acknowledgedAt: null }, { escalatedAt: now }))
    )
      continue;
    try {
      await recordOnCase(
        store,
        { username: systemActor, site },
        signal.case.id,
        signalEscalatedEvent,
        { signal: signal.id, minutes: minutes.get(site) },
        () => now,
      );
    } catch (err) {
      await em.nativeUpdate(Signal, { id: signal.id }, { escalatedAt: null });
      throw err;
    }
    await noteChange(em, signal, 'escalated', now);
    count++;
  }
  await em.nativeDelete(SignalChange, { at: { $lt: new Date(now.getTime() - 86_400_000) } });
  return count;
}
