import { assign, raise, setup, type AnyStateMachine } from 'xstate';
import {
  transitionsOf,
  type Definition,
  type RaiseAction,
  type Rule,
  type StateConfig,
  type TransitionConfig,
} from './definition';
import { durationMs } from './duration';
import { evaluate, type Signature } from './rules';
import { stateEvents } from './tree';

/** What XState keeps for a case besides the active states: its data, checklist and step start. */
export interface CaseContext {
  data: Record<string, unknown>;
  checklist: Record<string, Signature>;
  enteredAt: string;
}

/** Every event carries its form values and the moment it happened: the clock comes from outside. */
export interface CaseEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
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

function toState(def: Definition, config: StateConfig): Record<string, unknown> {
  const { states, on, after, always, onDone, entry, exit, ...rest } = config;
  return {
    ...rest,
    entry: ['enter', ...raises(entry)],
    ...(exit && { exit: raises(exit) }),
    ...(states && { states: mapValues(states, (s) => toState(def, s)) }),
    ...(on && { on: Object.fromEntries(stateEvents(def, config).map(([k, t]) => [k, toTransitions(t)])) }),
    ...(after && { after: mapValues(after, toTransitions) }),
    ...(always && { always: toTransitions(always) }),
    ...(onDone && { onDone: toTransitions(onDone) }),
  };
}

/** Every duration a definition's timers use, as XState named delays ("10w" → ms). */
function delaysOf(def: Definition): Record<string, number> {
  const out: Record<string, number> = {};
  const visit = (s: StateConfig) => {
    for (const key of Object.keys(s.after ?? {})) out[key] = durationMs(key);
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
  const root = toState(def, { initial: def.machine.initial, states: def.machine.states, on: def.machine.on });
  delete root.entry;
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
        }) === true,
    },
    actions: {
      record: assign(({ context, event }) =>
        Object.keys(event.data ?? {}).length ? { data: { ...context.data, ...event.data } } : {},
      ),
      enter: assign(({ context, event }) => ({ enteredAt: event.at ?? context.enteredAt })),
      // An internal event carries no form and happens at the moment of the event that raised it.
      raise: raise(({ event }, params: { event: string }) => ({ type: params.event, data: {}, at: event.at })),
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
