import { assign, raise, setup, type AnyStateMachine } from 'xstate';
import type { SiteCalendar } from './calendar';
import {
  transitionsOf,
  type Definition,
  type RaiseAction,
  type Rule,
  type StateConfig,
  type TransitionConfig,
} from './definition';
import { durationMs } from './duration';
import { evaluate, type Place, type Signature } from './rules';
import { stateEvents } from './tree';

/** A timer of the case: running (with its due time) or held while the case is elsewhere (the time left). */
export type TimerState = { due: string; fired?: true } | { left: number };

/** What XState keeps for a case besides the active states: its data, checklist and step start. */
export interface CaseContext {
  data: Record<string, unknown>;
  checklist: Record<string, Signature>;
  enteredAt: string;
  /** When each active step was entered, by path (absent in snapshots made before it was kept). */
  entered?: Record<string, string>;
  /** The case's timers by id, kept by the engine around each step (engine/timers.ts). */
  timers?: Record<string, TimerState>;
  /** Whole days spent in steps that pause the plan (a leave), and since when the current one runs. */
  leave?: { days: number; since?: string };
}

/**
 * Every event carries its form values and the moment it happened, the site's calendar for rules
 * on time and the site's places for rules on a free place: the clock, the calendar and the
 * counts of other cases come from outside.
 */
export interface CaseEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
  calendar?: SiteCalendar;
  place?: Place;
}

/** A definition's raises as the engine's one parameterised `raise` action. */
const raises = (xs: readonly RaiseAction[] | undefined) =>
  (xs ?? []).map((x) => ({ type: 'raise', params: { event: x.raise } }));

function toTransitions(t: TransitionConfig | TransitionConfig[]) {
  return transitionsOf(t).map(({ actions, ...x }) => ({ ...x, actions: ['record', ...raises(actions)] }));
}

function mapValues<T, U>(o: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v)]));
}

function toState(def: Definition, config: StateConfig, path: string): Record<string, unknown> {
  const { states, on, after, always, onDone, entry, exit, ...rest } = config;
  return {
    ...rest,
    entry: ['enter', { type: 'entered', params: { path } }, ...raises(entry)],
    exit: [...raises(exit), { type: 'left', params: { path } }],
    ...(states && {
      states: Object.fromEntries(
        Object.entries(states).map(([k, v]) => [k, toState(def, v, path ? `${path}.${k}` : k)]),
      ),
    }),
    ...(on && { on: Object.fromEntries(stateEvents(def, config).map(([k, t]) => [k, toTransitions(t)])) }),
    ...(after && { after: mapValues(after, toTransitions) }),
    ...(always && { always: toTransitions(always) }),
    ...(onDone && { onDone: toTransitions(onDone) }),
  };
}

/**
 * Every timer key as an XState named delay. XState only needs a number to treat the event as
 * delayed (without one it would raise it at once); when a timer is due is the engine's answer
 * (engine/timers.ts), from the calendar, so a date timer gets a token minute here; a timer in
 * seconds or milliseconds from another tool keeps its own.
 */
function delaysOf(def: Definition): Record<string, number> {
  const out: Record<string, number> = {};
  const visit = (s: StateConfig) => {
    for (const key of Object.keys(s.after ?? {})) out[key] = durationMs(key) || 60_000;
    Object.values(s.states ?? {}).forEach(visit);
  };
  Object.values(def.machine.states).forEach(visit);
  return out;
}

const machines = new WeakMap<Definition, AnyStateMachine>();

/**
 * Turns a definition (data) into an XState machine. Guards and actions are the engine's named,
 * generic implementations, parameterised from the definition: nothing in a definition is code.
 * Cached per definition object, so a server keeps one compiled machine per workflow version.
 */
export function compile(def: Definition): AnyStateMachine {
  const cached = machines.get(def);
  if (cached) return cached;
  const root = toState(def, { initial: def.machine.initial, states: def.machine.states, on: def.machine.on }, '');
  delete root.entry;
  delete root.exit;
  const machine = setup({
    types: {} as { context: CaseContext; events: CaseEvent; input: { data: Record<string, unknown>; at: string } },
    delays: delaysOf(def),
    guards: {
      rule: ({ context, event }, params: Rule) =>
        evaluate(def, params, {
          values: { ...context.data, ...event.data },
          checklist: context.checklist,
          enteredAt: context.enteredAt,
          now: event.at,
          calendar: event.calendar,
          place: event.place,
        }) === true,
    },
    actions: {
      record: assign(({ context, event }) =>
        Object.keys(event.data ?? {}).length ? { data: { ...context.data, ...event.data } } : {},
      ),
      enter: assign(({ context, event }) => ({ enteredAt: event.at ?? context.enteredAt })),
      // An internal event carries no form and happens at the moment of the event that raised it.
      raise: raise(({ event }, params: { event: string }) => ({ type: params.event, data: {}, at: event.at })),
      // Markers the engine reads from the actions a step collects (which steps were entered and
      // left) to keep `entered`: cheaper than an assign per step, and they do nothing themselves.
      entered: () => {},
      left: () => {},
    },
  }).createMachine({
    id: def.machine.id,
    context: ({ input }: { input: { data: Record<string, unknown>; at: string } }) => ({
      data: { ...input.data },
      checklist: {},
      enteredAt: input.at,
    }),
    ...(root as object),
  } as never);
  // The machine's shape comes from data, so its precise XState types carry nothing for callers.
  const any = machine as unknown as AnyStateMachine;
  machines.set(def, any);
  return any;
}
