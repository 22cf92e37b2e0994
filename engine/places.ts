import type { Definition, Rule } from './definition';
import { inSteps, type OtherCase } from './exclusive';
import { holdsPlace } from './reports';
import { isPlaceCondition, type Place } from './rules';
import { leafPaths, offeredEvents } from './tree';

/** Whether a rule asks for a free place anywhere in it. */
export function readsPlace(rule: Rule): boolean {
  return (
    isPlaceCondition(rule) ||
    ('not' in rule && readsPlace(rule.not)) ||
    ('all' in rule && rule.all.some(readsPlace)) ||
    ('any' in rule && rule.any.some(readsPlace))
  );
}

/** Whether the case's current step offers an action whose rule asks for a free place: only then are places counted. */
export function asksPlace(def: Definition, value: unknown): boolean {
  return leafPaths(value).some((leaf) => placeEvent(def, leaf) !== undefined);
}

/** The steps whose cases count for places: those that hold one and those that wait for one. */
export function placeSteps(def: Definition): string[] {
  const r = def.reports;
  return [...(r?.activeIn ?? Object.keys(def.machine.states)), ...(r?.waitingIn ?? [])];
}

/** The cases on the waiting list, first come first served: by when they entered it, then by id. */
export function waitingOrder<C extends Pick<OtherCase, 'id' | 'state' | 'enteredAt'>>(
  def: Definition,
  cases: readonly C[],
): C[] {
  const steps = def.reports?.waitingIn ?? [];
  return cases
    .filter((c) => inSteps(c.state, steps))
    .sort((a, b) => (a.enteredAt ?? '').localeCompare(b.enteredAt ?? '') || a.id.localeCompare(b.id));
}

/**
 * The places as they stand for one case (`self`), from the other open cases of its workflow: how
 * many hold one, and how many wait longer than it (every waiting case, for one not on the list).
 * Undefined when the workflow has no number of places, or the case holds a place already.
 */
export function placeFor(
  def: Definition,
  self: Pick<OtherCase, 'id' | 'state' | 'data' | 'enteredAt'>,
  others: readonly OtherCase[],
  places: number | undefined,
): Place | undefined {
  if (places === undefined || holdsPlace(def, self.state, self.data)) return undefined;
  const rest = others.filter((o) => o.id !== self.id);
  const queue = waitingOrder(def, [...rest, self]);
  const mine = queue.indexOf(self);
  return {
    places,
    taken: rest.filter((o) => holdsPlace(def, o.state, o.data)).length,
    ahead: mine < 0 ? queue.length : mine,
  };
}

/** The action of a step (its dotted path) that asks for a free place, e.g. the waiting list's offer of a place. */
export function placeEvent(def: Definition, state: string): string | undefined {
  return offeredEvents(def, [state]).find((o) =>
    o.candidates.some((c) => c.guard && readsPlace(c.guard.params as Rule)),
  )?.type;
}
