import { transitionsOf, type Definition, type Exclusive, type StateConfig, type TransitionConfig } from './definition';
import type { Message } from './text';
import { leafPaths, offeredEvents } from './tree';

/** Every rule across cases a definition declares (on any action), e.g. the matched student. */
export function exclusivesOf(def: Definition): Exclusive[] {
  const out: Exclusive[] = [];
  const visit = (states: Record<string, StateConfig>) => {
    for (const s of Object.values(states)) {
      for (const t of Object.values(s.on ?? {}))
        for (const tr of transitionsOf(t)) if (tr.meta?.exclusive) out.push(tr.meta.exclusive);
      if (s.states) visit(s.states);
    }
  };
  visit(def.machine.states);
  return out;
}

/** The rule that binds a client to a student on half-days (the matching), if the workflow has one. */
export function studentExclusive(def: Definition): Exclusive | undefined {
  return exclusivesOf(def).find((e) => e.refersTo === 'student');
}

/** The rule across cases that an event would be checked against in the case's current step. */
export function exclusiveOf(def: Definition, value: unknown, type: string): Exclusive | undefined {
  const offer = offeredEvents(def, leafPaths(value)).find((o) => o.type === type);
  return (offer?.candidates[0] as TransitionConfig | undefined)?.meta?.exclusive;
}

/** Whether a step path is one of (or inside one of) the listed steps. */
export function inSteps(state: string, steps: readonly string[]): boolean {
  return steps.some((s) => state === s || state.startsWith(`${s}.`));
}

export interface OtherCase {
  id: string;
  title: string;
  state: string;
  data: Readonly<Record<string, unknown>>;
  /** When it entered its current step: the order of a waiting list. */
  enteredAt?: string;
}

/**
 * Another case that already holds the same value on an overlapping list (the same student on
 * a half-day that is taken), in words; undefined when there is no clash.
 */
export function exclusiveClash(
  def: Definition,
  ex: Exclusive,
  values: Readonly<Record<string, unknown>>,
  others: readonly OtherCase[],
  refName?: string,
): Message | undefined {
  const key = values[ex.field];
  const mine = values[ex.overlap];
  if (key === undefined || !Array.isArray(mine)) return undefined;
  const option = (v: unknown, lang: 'nl' | 'en') => {
    const o = def.fields[ex.overlap]?.options?.find((x) => x.value === v);
    return o ? (lang === 'en' && o.label.en) || o.label.nl : String(v);
  };
  for (const other of others) {
    if (!inSteps(other.state, ex.activeIn) || other.data[ex.field] !== key) continue;
    const theirs = other.data[ex.overlap];
    const taken = Array.isArray(theirs) ? mine.filter((v) => theirs.includes(v)) : [];
    if (taken.length) {
      const who = refName ?? String(key);
      return {
        nl: `${who} heeft op ${taken.map((v) => option(v, 'nl')).join(', ')} al een klant (${other.title}); kies een ander dagdeel`,
        en: `${who} already has a client on ${taken.map((v) => option(v, 'en')).join(', ')} (${other.title}); choose another half-day`,
      };
    }
  }
  return undefined;
}
