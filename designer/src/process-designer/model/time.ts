/**
 * Time in the designer, plain TypeScript: a timer's key as the choices a manager makes (after a
 * period, on a date of the case ± a period, on the next of some dates in the year), and a test
 * run's clock moved on with the engine's own steps, so a manager sees ten weeks end and a
 * deadline pass without waiting.
 */
import {
  eventLabel,
  fireTimer,
  parseTimerKey,
  passedDeadlines,
  type Definition,
  type Failure,
  type PersistedSnapshot,
  type TimeOptions,
  type TimerEffects,
} from '../../../../engine';
import type { Message } from '../../../../engine/text';

/** A timer's key as the editor shows it. */
export type TimerForm =
  | { kind: 'duration'; duration: string }
  | { kind: 'field'; field: string; shift: 'on' | 'before' | 'after'; duration: string }
  | { kind: 'dates'; dates: string[] };

export function timerForm(key: string): TimerForm | undefined {
  const spec = parseTimerKey(key);
  if (!spec) return undefined;
  if (spec.kind === 'duration') return { kind: 'duration', duration: key };
  if (spec.kind === 'dates') return { kind: 'dates', dates: spec.dates };
  if (!spec.offset) return { kind: 'field', field: spec.field, shift: 'on', duration: '1w' };
  const shift = spec.offset.sign < 0 ? 'before' : 'after';
  return { kind: 'field', field: spec.field, shift, duration: spec.offset.duration };
}

export function timerKey(form: TimerForm): string {
  if (form.kind === 'duration') return form.duration;
  if (form.kind === 'dates') return `@${[...new Set(form.dates)].sort().join(',')}`;
  if (form.shift === 'on') return `@${form.field}`;
  return `@${form.field}${form.shift === 'before' ? '-' : '+'}${form.duration}`;
}

/** The timers a test run keeps, after a step's effects. */
export type SimTimer = { id: string; event: string; due: string };

export function nextTimers(before: SimTimer[], effects: TimerEffects): SimTimer[] {
  return [
    ...before.filter((t) => !effects.cancel.includes(t.id) && !effects.schedule.some((s) => s.id === t.id)),
    ...effects.schedule,
  ];
}

/** Where a test run stands: its snapshot, its timers and its clock. */
export interface SimClock {
  snapshot: PersistedSnapshot;
  timers: SimTimer[];
  now: Date;
}

/** What happened while time passed: a timer that fired, or a deadline that passed. */
export interface Passed {
  at: string;
  kind: 'timer' | 'deadline';
  label: Message;
}

/**
 * Moves a test run's clock on to `until`: every timer that comes due on the way fires at its due
 * time, earliest first, as the server's scheduler would fire it, and every deadline that passes
 * on the way is noted (the server writes a history row for each). Stops at a timer that fails.
 */
export function passTime(
  def: Definition,
  from: SimClock,
  until: Date,
  options: TimeOptions = {},
): { ok: true; clock: SimClock; passed: Passed[] } | Failure {
  let { snapshot, timers } = from;
  let cursor = from.now;
  const passed: Passed[] = [];
  const deadlinesUpTo = (to: Date) => {
    for (const d of passedDeadlines(def, snapshot, cursor, to, options.calendar))
      passed.push({ at: d.dueAt, kind: 'deadline', label: d.label });
  };
  for (let fired = 0; fired < 1000; fired++) {
    const [next] = timers
      .filter((t) => Date.parse(t.due) <= until.getTime())
      .sort((a, b) => a.due.localeCompare(b.due));
    if (!next) break;
    const at = new Date(Math.max(Date.parse(next.due), cursor.getTime()));
    deadlinesUpTo(at);
    const r = fireTimer(def, snapshot, next.event, at, options);
    if (!r.ok) return r;
    if (r.changed)
      passed.push({
        at: at.toISOString(),
        kind: 'timer',
        label: eventLabel(def, next.event) ?? { nl: next.event, en: next.event },
      });
    snapshot = r.snapshot;
    timers = nextTimers(
      timers.filter((t) => t.id !== next.id),
      r.timers,
    );
    cursor = at;
  }
  if (until > cursor) deadlinesUpTo(until);
  return { ok: true, clock: { snapshot, timers, now: until > cursor ? until : cursor }, passed };
}

/** The running timer that fires first, if any. */
export function nextTimer(clock: SimClock): SimTimer | undefined {
  return [...clock.timers].sort((a, b) => a.due.localeCompare(b.due))[0];
}
