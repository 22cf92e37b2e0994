import { assign, setup, type AnyStateMachine } from 'xstate';
import { transitionsOf, type Definition, type Rule, type StateConfig, type TransitionConfig } from './definition';
import { evaluate } from './rules';

/** What XState keeps for a case besides the active states: its data and when the step began. */
export interface CaseContext {
  data: Record<string, unknown>;
  enteredAt: string;
}

/** Every event carries its form values and the moment it happened: the clock comes from outside. */
export interface CaseEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
}

function toTransition(t: TransitionConfig) {
  return { ...t, actions: ['record'] };
}

function toState(config: StateConfig): Record<string, unknown> {
  const { states, on, ...rest } = config;
  return {
    ...rest,
    entry: ['enter'],
    ...(states && { states: Object.fromEntries(Object.entries(states).map(([k, s]) => [k, toState(s)])) }),
    ...(on && {
      on: Object.fromEntries(
        Object.entries(on).map(([type, t]) => [type, transitionsOf(t).map(toTransition)]),
      ),
    }),
  };
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
  const root = toState({ initial: def.machine.initial, states: def.machine.states, on: def.machine.on });
  delete root.entry;
  const machine = setup({
    types: {} as { context: CaseContext; events: CaseEvent; input: { data: Record<string, unknown>; at: string } },
    guards: {
      rule: ({ context, event }, params: Rule) => evaluate(params, { ...context.data, ...event.data }) === true,
    },
    actions: {
      record: assign(({ context, event }) =>
        Object.keys(event.data ?? {}).length ? { data: { ...context.data, ...event.data } } : {},
      ),
      enter: assign(({ context, event }) => ({ enteredAt: event.at ?? context.enteredAt })),
    },
  }).createMachine({
    id: def.machine.id,
    context: ({ input }: { input: { data: Record<string, unknown>; at: string } }) => ({ data: { ...input.data }, enteredAt: input.at }),
    ...(root as object),
  } as never);
  // The machine's shape comes from data, so its precise XState types carry nothing for callers.
  const any = machine as unknown as AnyStateMachine;
  machines.set(def, any);
  return any;
}
