import {
  advanceOpen,
  clampMs,
  formatDate,
  fromWall,
  isDate,
  localDate,
  openBetween,
  startOfDate,
  toWall,
  type SiteCalendar,
} from './calendar';
import type { CaseContext, TimerState } from './compile';
import { transitionsOf, type Definition, type TransitionConfig } from './definition';
import { addDuration, describeSpan } from './duration';
import { evaluate } from './rules';
import { describeTimer, parseTimerKey, type TimerSpec } from './timer-key';
import type { Message } from './text';
import { activeEntries, indexStates, type StateEntry } from './tree';

/** The settings of a timer, read from its first transition. */
export interface TimerSettings {
  resume: 'remaining' | 'restart';
  openDays: boolean;
}

export function timerSettings(t: TransitionConfig | TransitionConfig[]): TimerSettings {
  const meta = transitionsOf(t)[0]?.meta;
  return { resume: meta?.resume ?? 'restart', openDays: meta?.openDays ?? false };
}

/** A timer of a definition, as the engine finds it from its id (XState's `xstate.after.<key>.<state id>`). */
export interface TimerOf {
  id: string;
  key: string;
  spec: TimerSpec;
  entry: StateEntry;
  transitions: TransitionConfig[];
  settings: TimerSettings;
}

/** The XState id of a step: its own `id`, or the machine's id and its path. */
function stateId(def: Definition, entry: StateEntry): string {
  return entry.config.id ?? `${def.machine.id}.${entry.path}`;
}

export function timerId(def: Definition, entry: StateEntry, key: string): string {
  return `xstate.after.${key}.${stateId(def, entry)}`;
}

const timerCache = new WeakMap<Definition, Map<string, TimerOf | undefined>>();

/** A definition's timer by id; cached, since every step of a case looks its timers up. */
export function timerOf(def: Definition, id: string): TimerOf | undefined {
  let known = timerCache.get(def);
  if (!known) timerCache.set(def, (known = new Map()));
  if (!known.has(id)) known.set(id, findTimer(def, id));
  return known.get(id);
}

function findTimer(def: Definition, id: string): TimerOf | undefined {
  const m = /^xstate\.after\.([^.]+)\.(.+)$/.exec(id);
  if (!m) return undefined;
  const entry = indexStates(def).byId.get(m[2]);
  const t = entry?.config.after?.[m[1]];
  const spec = parseTimerKey(m[1]);
  if (!entry || !t || !spec) return undefined;
  return { id, key: m[1], spec, entry, transitions: transitionsOf(t), settings: timerSettings(t) };
}

const fieldTimerCache = new WeakMap<Definition, Map<string, TimerOf[]>>();

/** The timers until a date field, by the path of their step: the ones that follow the data. */
function fieldTimers(def: Definition): Map<string, TimerOf[]> {
  let known = fieldTimerCache.get(def);
  if (!known) {
    known = new Map();
    for (const entry of indexStates(def).byPath.values()) {
      const list = Object.keys(entry.config.after ?? {})
        .map((key) => timerOf(def, timerId(def, entry, key)))
        .filter((t): t is TimerOf => t?.spec.kind === 'field');
      if (list.length) known.set(entry.path, list);
    }
    fieldTimerCache.set(def, known);
  }
  return known;
}

/** The next day of the year among `dates` (mm-dd), on or after the local date of `ms`. */
function nextDate(dates: string[], ms: number, calendar?: SiteCalendar): string | undefined {
  const today = localDate(ms, calendar);
  const year = Number(today.slice(0, 4));
  const candidates = [year, year + 1, year + 2, year + 3, year + 4]
    .flatMap((y) => dates.map((d) => `${String(y).padStart(4, '0')}-${d}`))
    .filter((d) => isDate(d) && d >= today)
    .sort();
  return candidates[0];
}

/**
 * When a timer set at `from` is due, on the site's calendar; undefined when it waits for a
 * date that is not filled in. A date is due at the start of that day (00:00 on the site's clock).
 */
export function timerDue(
  spec: TimerSpec,
  settings: Pick<TimerSettings, 'openDays'>,
  data: Readonly<Record<string, unknown>>,
  from: number,
  calendar?: SiteCalendar,
): number | undefined {
  if (spec.kind === 'duration') return addDuration(from, spec.duration, calendar, { openDays: settings.openDays });
  if (spec.kind === 'dates') {
    const next = nextDate(spec.dates, from, calendar);
    return next ? startOfDate(next, calendar) : undefined;
  }
  const date = data[spec.field];
  if (!isDate(date)) return undefined;
  const start = clampMs(startOfDate(date, calendar));
  if (!spec.offset) return start;
  return addDuration(start, spec.offset.duration, calendar, {
    openDays: settings.openDays,
    sign: spec.offset.sign,
  });
}

/** The time a timer has left at `now`, as time on the site's clock (open time only, with `openDays`). */
function timeLeft(due: number, now: number, openDays: boolean, calendar?: SiteCalendar): number {
  const [a, b] = [toWall(now, calendar), toWall(due, calendar)];
  return openDays ? openBetween(a, b, calendar) : Math.max(0, b - a);
}

/** When a timer held with `left` is due again, set going at `now`. */
function resumeDue(left: number, now: number, openDays: boolean, calendar?: SiteCalendar): number {
  const start = toWall(now, calendar);
  return clampMs(fromWall(openDays ? advanceOpen(start, left, calendar) : start + left, calendar));
}

/**
 * What the caller must do besides storing the snapshot: timers to schedule (the event to send
 * and when) and timers to cancel, by id. The engine never keeps time itself.
 */
export interface TimerEffects {
  schedule: { id: string; event: string; due: string }[];
  cancel: string[];
}

/** An action XState collected while taking a step: its delayed raises and cancels are timers. */
export type Executed = { type: string; params?: unknown };

/**
 * Keeps the case's timers through one step and says what the caller must schedule and cancel.
 * A timer set going is due on the calendar; one with `resume: "remaining"` that had time left
 * when its step was left goes on with that time. A timer until a date field follows the field:
 * when the data changes its date, it is set again (or cancelled when the date is emptied).
 */
export function keepTimers(
  def: Definition,
  before: CaseContext['timers'],
  actions: readonly Executed[],
  next: { value: unknown; status: string; context: CaseContext },
  now: Date,
  calendar?: SiteCalendar,
  fired?: string,
): { timers: Record<string, TimerState>; effects: TimerEffects } {
  const timers: Record<string, TimerState> = { ...(before ?? {}) };
  const at = now.getTime();
  const schedule = new Map<string, number>();
  const cancel = new Set<string>();
  const data = next.context.data;
  if (fired && timers[fired] && 'due' in timers[fired]) timers[fired] = { ...timers[fired], fired: true };
  const set = (id: string, due: number) => {
    timers[id] = { due: new Date(due).toISOString() };
    schedule.set(id, due);
    cancel.delete(id);
  };
  for (const a of actions) {
    const p = a.params as { event?: { type: string }; id?: string; delay?: number; sendId?: string } | undefined;
    if (a.type === 'xstate.cancel' && p?.sendId) {
      const id = p.sendId;
      const state = timers[id];
      const timer = timerOf(def, id);
      delete timers[id];
      schedule.delete(id);
      cancel.add(id);
      if (state && 'due' in state && !state.fired && timer?.settings.resume === 'remaining') {
        const left = timeLeft(Date.parse(state.due), at, timer.settings.openDays, calendar);
        if (left > 0) timers[id] = { left };
      }
    } else if (a.type === 'xstate.raise' && p?.delay !== undefined && p.event && p.id) {
      const timer = timerOf(def, p.id);
      if (!timer) continue;
      const state = timers[p.id];
      const due =
        state && 'left' in state
          ? resumeDue(state.left, at, timer.settings.openDays, calendar)
          : timerDue(timer.spec, timer.settings, data, at, calendar);
      if (due === undefined) delete timers[p.id];
      else set(p.id, due);
    }
  }
  if (next.status !== 'active') {
    for (const [id, s] of Object.entries(timers)) if ('due' in s && !schedule.has(id) && !s.fired) cancel.add(id);
    return { timers: {}, effects: { schedule: [], cancel: [...cancel] } };
  }
  // Timers until a date field follow the field while their step is active.
  const following = fieldTimers(def);
  for (const entry of following.size ? activeEntries(def, next.value) : []) {
    for (const timer of following.get(entry.path) ?? []) {
      const id = timer.id;
      if (schedule.has(id)) continue;
      const state = timers[id];
      const due = timerDue(timer.spec, timer.settings, data, at, calendar);
      const current = state && 'due' in state ? Date.parse(state.due) : undefined;
      if (due === current) continue;
      if (due === undefined) {
        delete timers[id];
        cancel.add(id);
      } else set(id, due);
    }
  }
  return {
    timers,
    effects: {
      schedule: [...schedule].map(([id, due]) => ({ id, event: id, due: new Date(due).toISOString() })),
      cancel: [...cancel],
    },
  };
}

/** One of a case's timers as a person sees it: when it fires, or that it is held and how much is left. */
export interface CaseTimer {
  id: string;
  /** The event the scheduler sends when it is due. */
  event: string;
  label: Message;
  /** When it fires (ISO); absent while it is held. */
  dueAt?: string;
  /** Held: the case is away from the timer's step and comes back to the time left. */
  paused: boolean;
  /** Time left in ms (on the site's clock: open time only for a timer counting open days). */
  remaining: number;
  /** "Tien weken voorbij op 9 februari 2027, nog 6 weken". */
  text: Message;
}

function capitalise(m: Message): Message {
  const up = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { nl: up(m.nl), en: up(m.en) };
}

/** Whether a timer's rules can still let it move the case, judged on the data alone. */
function mayMove(def: Definition, timer: TimerOf, data: Readonly<Record<string, unknown>>): boolean {
  return timer.transitions.some(
    (t) => !t.guard || evaluate(def, t.guard.params, { values: data, ahead: true }) !== false,
  );
}

function timerLabel(def: Definition, timer: TimerOf): Message {
  const label = timer.transitions[0]?.meta?.label;
  return label ? { nl: label.nl, en: label.en || label.nl } : capitalise(describeTimer(def, timer.key));
}

/**
 * The timers a snapshot keeps; for one stored before the engine kept them, its running timers
 * as the steps it is in set them, from when they were entered.
 */
export function timersOf(
  def: Definition,
  snapshot: { value: unknown; context: CaseContext },
  calendar?: SiteCalendar,
): Record<string, TimerState> {
  const { context, value } = snapshot;
  if (context.timers) return context.timers;
  const out: Record<string, TimerState> = {};
  for (const entry of activeEntries(def, value)) {
    const since = Date.parse(context.entered?.[entry.path] ?? context.enteredAt);
    for (const key of Object.keys(entry.config.after ?? {})) {
      const timer = timerOf(def, timerId(def, entry, key));
      const due = timer && timerDue(timer.spec, timer.settings, context.data, since, calendar);
      if (timer && due !== undefined) out[timer.id] = { due: new Date(due).toISOString() };
    }
  }
  return out;
}

/**
 * The case's timers: those running in its current steps and those held while it is away from
 * their step, leaving out timers whose rules cannot let them move this case (a WW-only timer
 * for a student who is not WW), in the order they come due.
 */
export function caseTimers(
  def: Definition,
  snapshot: { value: unknown; status: string; context: CaseContext },
  now: Date,
  calendar?: SiteCalendar,
): CaseTimer[] {
  if (snapshot.status !== 'active') return [];
  const states = timersOf(def, snapshot, calendar);
  const out: CaseTimer[] = [];
  const timeOfDay = (t: TimerOf) => t.spec.kind === 'duration' && (t.spec.duration.h > 0 || t.spec.duration.m > 0);
  for (const [id, state] of Object.entries(states)) {
    const timer = timerOf(def, id);
    if (!timer || ('due' in state && state.fired) || !mayMove(def, timer, snapshot.context.data)) continue;
    const label = timerLabel(def, timer);
    if ('left' in state) {
      const span = describeSpan(state.left);
      out.push({
        id,
        event: id,
        label,
        paused: true,
        remaining: state.left,
        text: { nl: `${label.nl}: gepauzeerd, nog ${span.nl}`, en: `${label.en}: paused, ${span.en} left` },
      });
      continue;
    }
    const due = Date.parse(state.due);
    const remaining = Math.max(0, due - now.getTime());
    const date = {
      nl: formatDate(due, 'nl', calendar, timeOfDay(timer)),
      en: formatDate(due, 'en', calendar, timeOfDay(timer)),
    };
    const span = describeSpan(remaining);
    out.push({
      id,
      event: id,
      label,
      dueAt: state.due,
      paused: false,
      remaining,
      text: remaining
        ? { nl: `${label.nl} op ${date.nl}, nog ${span.nl}`, en: `${label.en} on ${date.en}, ${span.en} left` }
        : { nl: `${label.nl} op ${date.nl}: nu aan de beurt`, en: `${label.en} on ${date.en}: due now` },
    });
  }
  return out.sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~') || a.remaining - b.remaining);
}
