import { createActor, type AnyActorRef, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { SiteCalendar } from './calendar';
import { compile, type CaseContext } from './compile';
import type { ChecklistItem, Definition, Exclusive, FormField, StaffFunction, TransitionConfig } from './definition';
import { formAccess, hiddenFields, refusal, type Viewer } from './audience';
import { refusalFor, whoseWork } from './people';
import { screenedDetail } from './screening';
import { formSchema, validateForm, type FormSchema } from './forms';
import type { Problem } from './problem';
import { evaluate, explain, ruleFields, type Place, type RuleContext } from './rules';
import type { Message } from './text';
import { keepPlan } from './plan';
import { keepTimers, timersOf, type Executed, type TimerEffects } from './timers';
import {
  checklistItems,
  endsCase,
  eventByName,
  indexStates,
  kind,
  leafPaths,
  offeredEvents,
  resolveTarget,
  stateLabel,
  type EventOffer,
} from './tree';

export type { TimerEffects } from './timers';

/**
 * What besides the clock the engine needs to know from outside: the site's calendar (its time
 * zone and closed periods), passed in like the clock (without it: Europe/Amsterdam, never
 * closed), and for a workflow with places, the places as counted for this case (without them,
 * one is free).
 */
export interface TimeOptions {
  calendar?: SiteCalendar;
  place?: Place;
}

/** The JSON form of a case's XState snapshot, as stored. */
export interface PersistedSnapshot {
  value: unknown;
  context: CaseContext;
  status: 'active' | 'done' | 'error' | 'stopped';
  [key: string]: unknown;
}

export type Failure = {
  ok: false;
  code:
    | 'UNKNOWN_EVENT'
    | 'EVENT_NOT_ALLOWED'
    | 'ROLE_NOT_ALLOWED'
    | 'FUNCTION_NOT_ALLOWED'
    | 'PERSONAL_DATA_HIDDEN'
    | 'INVALID_FORM'
    | 'CASE_CLOSED'
    | 'INVALID_SNAPSHOT'
    | 'UNKNOWN_ITEM';
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
  timers: TimerEffects;
};

function persist(def: Definition, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return compile(def).getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot;
}

const inertActors = new WeakMap<AnyStateMachine, AnyActorRef>();

/**
 * What XState's own `transition()` builds on every call (an inert actor scope that runs no
 * actions but collects them), built once per machine: creating it costs more than the step.
 * Our machines spawn no children, so one never-started actor can stand as `self` for all calls.
 */
function scope(machine: AnyStateMachine, executed: Executed[]) {
  let self = inertActors.get(machine);
  if (!self) inertActors.set(machine, (self = createActor(machine)));
  return {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    defer: () => {},
    logger: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action: Executed) => executed.push(action),
  } as never;
}

function restore(def: Definition, persisted: PersistedSnapshot): AnyMachineSnapshot {
  const machine = compile(def);
  return machine.restoreSnapshot(persisted as never, scope(machine, [])) as AnyMachineSnapshot;
}

function initialTransition(machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, Executed[]] {
  const executed: Executed[] = [];
  return [machine.getInitialSnapshot(scope(machine, executed), input) as AnyMachineSnapshot, executed];
}

function transition(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: unknown,
): [AnyMachineSnapshot, Executed[]] {
  const executed: Executed[] = [];
  return [machine.transition(snapshot, event as never, scope(machine, executed)) as AnyMachineSnapshot, executed];
}

/** When each active step was entered, kept from the steps a transition left and entered. */
function enteredSteps(before: Record<string, string> | undefined, actions: Executed[], now: Date) {
  const entered = { ...before };
  for (const a of actions) {
    const path = (a.params as { path?: string } | undefined)?.path;
    if (path === undefined) continue;
    if (a.type === 'left') delete entered[path];
    else if (a.type === 'entered') entered[path] = now.toISOString();
  }
  return entered;
}

/**
 * What the engine keeps besides XState's snapshot after a step: the plan's clock (leave, the
 * planned end) and the case's timers, whose effects (schedule, cancel) the caller carries out.
 * A correction settles with no actions: only what reads the data moves (the planned end, timers
 * until a date field).
 */
export function settle(
  def: Definition,
  before: PersistedSnapshot | undefined,
  next: PersistedSnapshot,
  actions: Executed[],
  now: Date,
  options: TimeOptions,
  fired?: string,
): { snapshot: PersistedSnapshot; timers: TimerEffects } {
  const context = keepPlan(
    def,
    before?.value,
    { ...next.context, entered: enteredSteps(before?.context.entered, actions, now) },
    next.value,
    now,
    options.calendar,
  );
  const kept = keepTimers(
    def,
    before && timersOf(def, before, options.calendar),
    actions,
    { ...next, context },
    now,
    options.calendar,
    fired,
  );
  return { snapshot: { ...next, context: { ...context, timers: kept.timers } }, timers: kept.effects };
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

/**
 * Starts a case: checks the start form and returns the first persisted snapshot and its timers.
 * Given who starts it, a start form with personal fields they may not see is refused.
 */
export function startCase(
  def: Definition,
  data: Record<string, unknown>,
  now: Date,
  who?: Viewer,
  options: TimeOptions = {},
): { ok: true; snapshot: PersistedSnapshot; values: Record<string, unknown>; timers: TimerEffects } | Failure {
  const access = who ? personalAccess(def, def.startForm, data, who) : { form: def.startForm };
  if ('ok' in access) return access;
  const { values, problems } = validateForm(def, access.form, data);
  if (problems.length) return invalidForm(problems);
  const [snapshot, actions] = initialTransition(compile(def), { data: values, at: now.toISOString() });
  return { ok: true, values, ...settle(def, undefined, persist(def, snapshot), actions, now, options) };
}

/** The part of a form this person may fill in, or why they may not send what they sent. */
function personalAccess(
  def: Definition,
  form: readonly FormField[] | undefined,
  data: Record<string, unknown>,
  who: Viewer,
): { form: readonly FormField[] } | Failure {
  const access = formAccess(def, form, who);
  const hidden = hiddenFields(def, who);
  const sent = Object.keys(data).filter((k) => hidden.has(k));
  const refused = access.refusal ?? (sent.length ? refusal(def, sent) : undefined);
  if (!refused) return access;
  const details = refused.fields.map((f) => screenedDetail(def, f, `data.${f}`));
  return { ok: false, code: 'PERSONAL_DATA_HIDDEN', message: refused.message, details };
}

function invalidForm(problems: Problem[]): Failure {
  return {
    ok: false,
    code: 'INVALID_FORM',
    message: { nl: 'Het formulier is niet goed ingevuld', en: 'The form is not filled in correctly' },
    details: problems,
  };
}

function ruleContext(
  persisted: PersistedSnapshot,
  values: Record<string, unknown>,
  now: Date,
  options: TimeOptions,
): RuleContext {
  const c = persisted.context;
  return {
    values,
    checklist: c.checklist ?? {},
    enteredAt: c.enteredAt,
    now: now.toISOString(),
    calendar: options.calendar,
    place: options.place,
  };
}

function firstAllowed(def: Definition, offer: EventOffer, ctx: RuleContext): TransitionConfig | undefined {
  return offer.candidates.find((c) => !c.guard || evaluate(def, c.guard.params, ctx) === true);
}

/** Said instead of a rule's reason when the rule reads data the viewer may not see: its value stays screened. */
const screenedReason: Message = {
  nl: 'Een regel over afgeschermde gegevens houdt dit nu tegen',
  en: 'A rule on screened data blocks this now',
};

function blockedReason(
  def: Definition,
  offer: EventOffer,
  ctx: RuleContext,
  who: Viewer,
  pending?: ReadonlySet<string>,
): Message {
  const hidden = hiddenFields(def, who);
  if (
    hidden.size &&
    offer.candidates.some((c) => c.guard && [...ruleFields(c.guard.params)].some((f) => hidden.has(f)))
  )
    return screenedReason;
  const reasons = offer.candidates
    .map((c) => (c.guard ? explain(def, c.guard.params, ctx, pending) : undefined))
    .filter((m): m is Message => !!m);
  return reasons[0] ?? { nl: 'Niet mogelijk', en: 'Not possible' };
}

function restoreOrFail(def: Definition, persisted: PersistedSnapshot): AnyMachineSnapshot | Failure {
  try {
    return restore(def, persisted);
  } catch {
    return {
      ok: false,
      code: 'INVALID_SNAPSHOT',
      message: {
        nl: 'De opgeslagen stand past niet bij deze workflow',
        en: 'The stored state does not fit this workflow',
      },
    };
  }
}

function closed(def: Definition, persisted: PersistedSnapshot): Failure | undefined {
  if (persisted.status === 'active') return undefined;
  const here = position(def, persisted).label;
  return {
    ok: false,
    code: 'CASE_CLOSED',
    message: { nl: `Deze casus is afgesloten (${here.nl})`, en: `This case is closed (${here.en})` },
  };
}

function step(
  def: Definition,
  persisted: PersistedSnapshot,
  snapshot: AnyMachineSnapshot,
  event: { type: string; data: Record<string, unknown> },
  now: Date,
  options: TimeOptions,
  fired?: string,
): Applied {
  const [next, actions] = transition(compile(def), snapshot, {
    ...event,
    at: now.toISOString(),
    calendar: options.calendar,
    place: options.place,
  });
  const settled = settle(def, persisted, persist(def, next), actions, now, options, fired);
  return {
    ok: true,
    snapshot: settled.snapshot,
    from: leafPaths(persisted.value)[0] ?? '',
    to: leafPaths(settled.snapshot.value)[0] ?? '',
    values: event.data,
    timers: settled.timers,
  };
}

/**
 * Applies one event to a case: pure (snapshot in, snapshot and effects out, clock passed in).
 * Checks, in order: the case is open, the current step offers the event, the role may take it,
 * the form is valid, and a rule lets it through; otherwise says which of these failed and why.
 */
export function applyEvent(
  def: Definition,
  persisted: PersistedSnapshot,
  event: { type: string; data?: Record<string, unknown> },
  who: Viewer,
  now: Date,
  options: TimeOptions = {},
): Applied | Failure {
  const snapshot = restoreOrFail(def, persisted);
  if ('ok' in snapshot) return snapshot;
  const isClosed = closed(def, persisted);
  if (isClosed) return isClosed;
  // A machine from another tool also takes its events by the names they had there.
  event = { ...event, type: eventByName(def, event.type) };
  const offer = offeredEvents(def, leafPaths(persisted.value)).find((o) => o.type === event.type);
  if (!offer) {
    const here = position(def, persisted).label;
    return {
      ok: false,
      code: 'UNKNOWN_EVENT',
      message: {
        nl: `Actie '${event.type}' kan niet in stap '${here.nl}'`,
        en: `Action '${event.type}' is not possible in step '${here.en}'`,
      },
      details: [
        {
          path: 'type',
          message: { nl: `Onbekende actie in stap '${here.nl}'`, en: `Unknown action in step '${here.en}'` },
          severity: 'error',
        },
      ],
    };
  }
  const meta = offer.candidates[0].meta;
  const refused = refusalFor(meta, who, 'do');
  if (refused) return { ok: false, code: refused.code, message: refused.message };
  const access = personalAccess(def, meta?.form, event.data ?? {}, who);
  if ('ok' in access) return access;
  const { values, problems } = validateForm(def, access.form, event.data ?? {});
  if (problems.length) return invalidForm(problems);
  const ctx = ruleContext(persisted, { ...persisted.context.data, ...values }, now, options);
  if (!firstAllowed(def, offer, ctx)) {
    const reason = blockedReason(def, offer, ctx, who);
    return {
      ok: false,
      code: 'EVENT_NOT_ALLOWED',
      message: reason,
      details: [{ path: 'type', message: reason, severity: 'error' }],
    };
  }
  return step(def, persisted, snapshot, { type: event.type, data: values }, now, options);
}

/**
 * Fires a durable timer that came due. No role or form: time itself is the actor. A timer of a
 * step the case has since left changes nothing (XState ignores it) and says so with `changed`.
 */
export function fireTimer(
  def: Definition,
  persisted: PersistedSnapshot,
  eventType: string,
  now: Date,
  options: TimeOptions = {},
): (Applied & { changed: boolean }) | Failure {
  const snapshot = restoreOrFail(def, persisted);
  if ('ok' in snapshot) return snapshot;
  const isClosed = closed(def, persisted);
  if (isClosed) return isClosed;
  const applied = step(def, persisted, snapshot, { type: eventType, data: {} }, now, options, eventType);
  const changed = JSON.stringify(applied.snapshot.value) !== JSON.stringify(persisted.value);
  return { ...applied, changed };
}

/** The checklist items a person can sign in the case's current steps (and the steps around them). */
export function openChecklist(def: Definition, persisted: PersistedSnapshot): ChecklistItem[] {
  const seen = new Set<string>();
  const out: ChecklistItem[] = [];
  for (const leaf of leafPaths(persisted.value)) {
    const parts = leaf.split('.');
    for (let i = parts.length; i >= 1; i--) {
      for (const item of indexStates(def).byPath.get(parts.slice(0, i).join('.'))?.config.meta?.checklist ?? []) {
        if (!seen.has(item.id)) {
          seen.add(item.id);
          out.push(item);
        }
      }
    }
  }
  return out;
}

/**
 * Signs (or, to correct a mistake, unsigns) one checklist item: who and when are recorded in the
 * case. Any item of the workflow may be signed while the case is open, so work done ahead or
 * caught up later counts; `roles` on the item limits who may sign it.
 */
export function signChecklistItem(
  def: Definition,
  persisted: PersistedSnapshot,
  input: { item: string; signed: boolean },
  who: Viewer & { username: string },
  now: Date,
): { ok: true; snapshot: PersistedSnapshot } | Failure {
  const isClosed = closed(def, persisted);
  if (isClosed) return isClosed;
  const item = checklistItems(def, '*').find((i) => i.id === input.item);
  if (!item) {
    return {
      ok: false,
      code: 'UNKNOWN_ITEM',
      message: { nl: `Onbekend punt '${input.item}' op de aftekenlijst`, en: `Unknown sign-off item '${input.item}'` },
    };
  }
  const refused = refusalFor(item, who, 'sign');
  if (refused) return { ok: false, code: refused.code, message: refused.message };
  const checklist = { ...(persisted.context.checklist ?? {}) };
  if (input.signed) checklist[item.id] = { by: who.username, at: now.toISOString() };
  else delete checklist[item.id];
  return { ok: true, snapshot: { ...persisted, context: { ...persisted.context, checklist } } };
}

/** A field that names another case says which kind, so a client can offer a choice of cases. */
function refersTo(form: FormSchema, ex: Exclusive | undefined): FormSchema {
  if (!ex?.refersTo || !form.properties[ex.field]) return form;
  return {
    ...form,
    properties: { ...form.properties, [ex.field]: { ...form.properties[ex.field], 'x-case-of': ex.refersTo } },
  };
}

/** One action a person could take now, as a client shows it. */
export interface AvailableEvent {
  type: string;
  label: Message;
  form: FormSchema;
  allowed: boolean;
  reason?: Message;
  /** Whose work it is (the worklist splits by it); empty: everyone's. */
  functions: readonly StaffFunction[];
  /** Why it is not allowed: this person's role or function may not (not theirs to do), or a rule or screened data blocks it now. */
  blocked?: 'role' | 'function' | 'personal' | 'rule';
  /** It can end the case (a final step of the machine): a client asks before sending it. */
  ends: boolean;
}

/** Whether one of an offer's options ends the case. */
function offerEnds(def: Definition, offer: EventOffer): boolean {
  return offer.candidates.some((c) => {
    const to = c.target === undefined ? undefined : resolveTarget(def, offer.source, c.target);
    return !!to && endsCase(def, to.path);
  });
}

export function availableEvents(
  def: Definition,
  persisted: PersistedSnapshot,
  who: Viewer,
  now: Date,
  options: TimeOptions = {},
): AvailableEvent[] {
  if (persisted.status !== 'active') return [];
  return offeredEvents(def, leafPaths(persisted.value)).map((offer) => {
    const meta = offer.candidates[0].meta;
    const label = { nl: meta?.label?.nl ?? offer.type, en: meta?.label?.en || meta?.label?.nl || offer.type };
    const access = formAccess(def, meta?.form, who);
    const form = refersTo(formSchema(def, access.form), meta?.exclusive);
    const base = { type: offer.type, label, form, functions: whoseWork(meta), ends: offerEnds(def, offer) };
    const refused = refusalFor(meta, who, 'do');
    if (refused)
      return {
        ...base,
        allowed: false,
        blocked: refused.code === 'ROLE_NOT_ALLOWED' ? ('role' as const) : ('function' as const),
        reason: refused.message,
      };
    if (access.refusal)
      return { ...base, allowed: false, blocked: 'personal' as const, reason: access.refusal.message };
    // Conditions on the event's own form fields are decided when the form is sent.
    const pending = new Set((meta?.form ?? []).map((f) => f.field));
    const ctx = ruleContext(persisted, persisted.context.data, now, options);
    const open = offer.candidates.some((c) => !c.guard || evaluate(def, c.guard.params, ctx, pending) !== false);
    return open
      ? { ...base, allowed: true }
      : { ...base, allowed: false, blocked: 'rule' as const, reason: blockedReason(def, offer, ctx, who, pending) };
  });
}
