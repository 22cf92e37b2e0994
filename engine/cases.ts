import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { compile, type CaseContext } from './compile';
import { roles, type Definition, type Role, type TransitionConfig } from './definition';
import { formSchema, validateForm, type FormSchema } from './forms';
import type { Problem } from './problem';
import { evaluate, explain } from './rules';
import type { Message } from './text';
import { indexStates, kind, leafPaths, offeredEvents, stateLabel, type EventOffer } from './tree';

/** The JSON form of a case's XState snapshot, as stored. */
export interface PersistedSnapshot {
  value: unknown;
  context: CaseContext;
  status: 'active' | 'done' | 'error' | 'stopped';
  [key: string]: unknown;
}

export type Failure = {
  ok: false;
  code: 'UNKNOWN_EVENT' | 'EVENT_NOT_ALLOWED' | 'ROLE_NOT_ALLOWED' | 'INVALID_FORM' | 'CASE_CLOSED' | 'INVALID_SNAPSHOT';
  message: Message;
  details?: Problem[];
};

export type Applied = {
  ok: true;
  snapshot: PersistedSnapshot;
  from: string;
  to: string;
  /** The form values the event stored in the case. */
  values: Record<string, unknown>;
};

const rank: Record<Role, number> = Object.fromEntries(roles.map((r, i) => [r, i])) as Record<Role, number>;

/** A transition's `roles` names who may take it; a higher role may do what a lower one may. */
export function roleAllows(allowed: readonly Role[] | undefined, role: Role): boolean {
  if (!allowed || allowed.length === 0) return true;
  return allowed.includes(role) || rank[role] >= Math.min(...allowed.map((r) => rank[r]));
}

function persist(def: Definition, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return compile(def).getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot;
}

function restore(def: Definition, persisted: PersistedSnapshot): AnyMachineSnapshot {
  return createActor(compile(def), { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
}

/** Where a case is: the active step (innermost), its label, and the outcome once it has ended. */
export interface Position {
  state: string;
  label: Message;
  outcome?: string;
  done: boolean;
  /** Every active atomic step, for parallel regions. */
  active: string[];
}

export function position(def: Definition, snapshot: PersistedSnapshot): Position {
  const index = indexStates(def);
  const active = leafPaths(snapshot.value);
  const state = active[0] ?? '';
  const finalEntry = active.map((p) => index.byPath.get(p)).find((e) => e && kind(e.config) === 'final');
  return {
    state,
    label: stateLabel(def, state),
    outcome: finalEntry?.config.meta?.outcome,
    done: snapshot.status === 'done',
    active,
  };
}

/** Starts a case: checks the start form and returns the first persisted snapshot. */
export function startCase(
  def: Definition,
  data: Record<string, unknown>,
  now: Date,
): { ok: true; snapshot: PersistedSnapshot; values: Record<string, unknown> } | Failure {
  const { values, problems } = validateForm(def, def.startForm, data);
  if (problems.length) return invalidForm(problems);
  const [snapshot] = initialTransition(compile(def), { data: values, at: now.toISOString() });
  return { ok: true, snapshot: persist(def, snapshot), values };
}

function invalidForm(problems: Problem[]): Failure {
  return {
    ok: false,
    code: 'INVALID_FORM',
    message: { nl: 'Het formulier is niet goed ingevuld', en: 'The form is not filled in correctly' },
    details: problems,
  };
}

function firstAllowed(offer: EventOffer, values: Record<string, unknown>): TransitionConfig | undefined {
  return offer.candidates.find((c) => !c.guard || evaluate(c.guard.params, values) === true);
}

function blockedReason(def: Definition, offer: EventOffer, values: Record<string, unknown>, pending?: ReadonlySet<string>): Message {
  const reasons = offer.candidates
    .map((c) => (c.guard ? explain(c.guard.params, values, def.fields, pending) : undefined))
    .filter((m): m is Message => !!m);
  return reasons[0] ?? { nl: 'Niet mogelijk', en: 'Not possible' };
}

function stepName(def: Definition, snapshot: PersistedSnapshot): Message {
  return position(def, snapshot).label;
}

/**
 * Applies one event to a case: pure (snapshot in, snapshot out, clock passed in).
 * Checks, in order: the case is open, the current step offers the event, the role may take it,
 * the form is valid, and a rule lets it through; otherwise says which of these failed and why.
 */
export function applyEvent(
  def: Definition,
  persisted: PersistedSnapshot,
  event: { type: string; data?: Record<string, unknown> },
  who: { role: Role },
  now: Date,
): Applied | Failure {
  let snapshot: AnyMachineSnapshot;
  try {
    snapshot = restore(def, persisted);
  } catch {
    return { ok: false, code: 'INVALID_SNAPSHOT', message: { nl: 'De opgeslagen stand past niet bij deze workflow', en: 'The stored state does not fit this workflow' } };
  }
  const here = stepName(def, persisted);
  if (persisted.status !== 'active') {
    return { ok: false, code: 'CASE_CLOSED', message: { nl: `Deze casus is afgesloten (${here.nl})`, en: `This case is closed (${here.en})` } };
  }
  const offer = offeredEvents(def, leafPaths(persisted.value)).find((o) => o.type === event.type);
  if (!offer) {
    return {
      ok: false,
      code: 'UNKNOWN_EVENT',
      message: { nl: `Actie '${event.type}' kan niet in stap '${here.nl}'`, en: `Action '${event.type}' is not possible in step '${here.en}'` },
      details: [{ path: 'type', message: { nl: `Onbekende actie in stap '${here.nl}'`, en: `Unknown action in step '${here.en}'` }, severity: 'error' }],
    };
  }
  const meta = offer.candidates[0].meta;
  if (!roleAllows(meta?.roles, who.role)) {
    return {
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      message: { nl: `Alleen ${meta?.roles?.join(', ')} mag dit doen`, en: `Only ${meta?.roles?.join(', ')} may do this` },
    };
  }
  const { values, problems } = validateForm(def, meta?.form, event.data ?? {});
  if (problems.length) return invalidForm(problems);
  const all = { ...persisted.context.data, ...values };
  if (!firstAllowed(offer, all)) {
    const reason = blockedReason(def, offer, all);
    return { ok: false, code: 'EVENT_NOT_ALLOWED', message: reason, details: [{ path: 'type', message: reason, severity: 'error' }] };
  }
  const [next] = transition(compile(def), snapshot, { type: event.type, data: values, at: now.toISOString() });
  const nextPersisted = persist(def, next);
  return { ok: true, snapshot: nextPersisted, from: position(def, persisted).state, to: position(def, nextPersisted).state, values };
}

/** One action a person could take now, as a client shows it. */
export interface AvailableEvent {
  type: string;
  label: Message;
  form: FormSchema;
  allowed: boolean;
  reason?: Message;
}

export function availableEvents(def: Definition, persisted: PersistedSnapshot, who: { role: Role }): AvailableEvent[] {
  if (persisted.status !== 'active') return [];
  return offeredEvents(def, leafPaths(persisted.value)).map((offer) => {
    const meta = offer.candidates[0].meta;
    const label = { nl: meta?.label?.nl ?? offer.type, en: meta?.label?.en || meta?.label?.nl || offer.type };
    const form = formSchema(def, meta?.form);
    const base = { type: offer.type, label, form };
    if (!roleAllows(meta?.roles, who.role)) {
      return { ...base, allowed: false, reason: { nl: `Alleen voor: ${meta?.roles?.join(', ')}`, en: `Only for: ${meta?.roles?.join(', ')}` } };
    }
    // Conditions on the event's own form fields are decided when the form is sent.
    const pending = new Set((meta?.form ?? []).map((f) => f.field));
    const values = persisted.context.data;
    const open = offer.candidates.some((c) => !c.guard || evaluate(c.guard.params, values, pending) !== false);
    return open ? { ...base, allowed: true } : { ...base, allowed: false, reason: blockedReason(def, offer, values, pending) };
  });
}
