import { Type, type Static } from '@sinclair/typebox';
import {
  applyEvent,
  fireTimer,
  position,
  signChecklistItem,
  startCase,
  type Failure,
  type PersistedSnapshot,
  type TimerEffects,
} from './cases';
import { RoleSchema, StaffFunctionSchema, type Definition, type Rule } from './definition';
import { checklistSignEvent, checklistUnsignEvent, startEvent } from './history';
import { ruleFields } from './rules';
import type { Message } from './text';
import { eventLabel, leafPaths, offeredEvents } from './tree';

/**
 * Replaying real cases against a draft: every recorded history of a site's cases, event by event,
 * through the draft with the engine's own step function, as if the draft had been published
 * when each case started. Nothing is stored and no case changes; the answer says per case
 * whether every event would still be allowed, where the case would stand now, and the first
 * event the draft would refuse, with the reason in words.
 *
 * A history is what the server hands out for it (`GET /api/workflows/:key/histories`), screened
 * like every history: personal fields the manager may not see are left out and named in
 * `hidden`. A refusal that hangs on such a field cannot be judged here and is said so.
 */

/** One recorded change of a case, in the order it happened. */
export const RecordedEventSchema = Type.Object({
  /** `START`, an action of the machine, a timer's event, or a sign-off (`checklist.sign`/`.unsign`). */
  event: Type.String(),
  at: Type.String({ description: 'When it happened (ISO 8601)' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  /** Who did it, by role and function as the site knows them now; absent when time did it, or when unknown. */
  by: Type.Optional(
    Type.Object({ role: RoleSchema, function: Type.Optional(StaffFunctionSchema) }, { additionalProperties: false }),
  ),
  /** A timer fired it: no person acted. */
  timer: Type.Optional(Type.Boolean()),
  /** Personal fields of `data` screened from whoever replays. */
  hidden: Type.Optional(Type.Array(Type.String())),
});
export type RecordedEvent = Static<typeof RecordedEventSchema>;

export const RecordedCaseSchema = Type.Object({
  id: Type.String(),
  /** The case's name as the caller may see it. */
  title: Type.String(),
  /** The version it runs on now, where it stands there, and whether it has ended. */
  version: Type.Integer(),
  state: Type.String(),
  stateLabel: Type.String(),
  done: Type.Boolean(),
  events: Type.Array(RecordedEventSchema),
});
export type RecordedCase = Static<typeof RecordedCaseSchema>;

/** The first event the draft would not take. */
export interface Refusal {
  /** Its place in the history (0 is the start). */
  index: number;
  event: string;
  eventLabel: Message;
  at: string;
  /** The step the case stood in when it came. */
  step: string;
  stepLabel: Message;
  reason: Message;
}

export interface CaseReplay {
  id: string;
  title: string;
  /** `ok`: every event would still happen; `refused`: the draft stops it (see `refusal`); `unknown`: that hangs on screened data. */
  status: 'ok' | 'refused' | 'unknown';
  /** How many recorded events the draft took. */
  replayed: number;
  events: number;
  /** Where the case would stand now under the draft; nothing when even the start is refused. */
  state?: string;
  stateLabel?: Message;
  done: boolean;
  refusal?: Refusal;
  /** Where it really stands (in its own version), to set beside the draft's answer. */
  actual: { version: number; state: string; stateLabel: string; done: boolean };
}

const noTimer = (here: Message): Message => ({
  nl: `In het concept gaat in stap '${here.nl}' geen timer af: het dossier zou daar blijven wachten`,
  en: `In the draft no timer fires in step '${here.en}': the case would wait there`,
});
const startLabel: Message = { nl: 'Aangemaakt', en: 'Created' };
const screenedReason: Message = {
  nl: 'Hangt af van afgeschermde persoonsgegevens: hier niet te beoordelen',
  en: 'Depends on screened personal data: cannot be judged here',
};

/**
 * Whether a refusal may come from data screened from the replayer rather than from the draft: the
 * form missed a screened field, or a rule that decides the event reads one.
 */
function onScreened(def: Definition, f: Failure, hidden: ReadonlySet<string>, guards: () => Rule[]): boolean {
  if (!hidden.size) return false;
  if (f.details?.some((d) => hidden.has(d.path.replace(/^data\./, '')))) return true;
  return f.code === 'EVENT_NOT_ALLOWED' && guards().some((g) => [...ruleFields(g)].some((x) => hidden.has(x)));
}

/** The rules that decide an event where the case stands. */
const guardsOf = (def: Definition, snap: PersistedSnapshot, type: string) => () =>
  offeredEvents(def, leafPaths(snap.value))
    .filter((o) => o.type === type)
    .flatMap((o) => o.candidates.flatMap((c) => (c.guard ? [c.guard.params] : [])));

/** One recorded case through the draft, event by event, until the draft refuses one. */
export function replayCase(def: Definition, recorded: RecordedCase): CaseReplay {
  const base = {
    id: recorded.id,
    title: recorded.title,
    events: recorded.events.length,
    actual: { version: recorded.version, state: recorded.state, stateLabel: recorded.stateLabel, done: recorded.done },
  };
  const hidden = new Set<string>();
  let snap: PersistedSnapshot | undefined;
  const timers = new Map<string, { event: string; due: string }>();
  const track = (t: TimerEffects) => {
    t.cancel.forEach((id) => timers.delete(id));
    t.schedule.forEach((x) => timers.set(x.id, { event: x.event, due: x.due }));
  };
  const where = () => (snap ? position(def, snap) : undefined);
  const stop = (index: number, e: RecordedEvent, f: Failure | Message, screened = false): CaseReplay => {
    const here = where();
    return {
      ...base,
      status: screened ? 'unknown' : 'refused',
      replayed: index,
      ...(here ? { state: here.state, stateLabel: here.label } : {}),
      done: here?.done ?? false,
      refusal: {
        index,
        event: e.event,
        eventLabel: e.event === startEvent ? startLabel : (eventLabel(def, e.event) ?? { nl: e.event, en: e.event }),
        at: e.at,
        step: here?.state ?? '',
        stepLabel: here?.label ?? startLabel,
        reason: screened ? screenedReason : 'ok' in f ? f.message : f,
      },
    };
  };

  for (let i = 0; i < recorded.events.length; i++) {
    const e = recorded.events[i];
    e.hidden?.forEach((f) => hidden.add(f));
    const at = new Date(e.at);
    // Someone the site no longer knows is not held to a role: the draft's rules still are.
    const who = { role: e.by?.role ?? ('admin' as const), function: e.by?.function ?? null, username: '' };
    if (!snap) {
      if (e.event !== startEvent) continue;
      const r = startCase(def, e.data, at, who);
      if (!r.ok)
        return stop(
          i,
          e,
          r,
          onScreened(def, r, hidden, () => []),
        );
      snap = r.snapshot;
      track(r.timers);
    } else if (e.event === checklistSignEvent || e.event === checklistUnsignEvent) {
      const signed = e.event === checklistSignEvent;
      const r = signChecklistItem(def, snap, { item: String(e.data.item), signed }, who, at);
      // An item the draft no longer has changes nothing about where the case goes.
      if (r.ok) snap = r.snapshot;
      else if (r.code !== 'UNKNOWN_ITEM') return stop(i, e, r);
    } else if (e.timer) {
      // The draft's own timer of the step fires, even when its period (and so its name) changed.
      const due = [...timers.entries()].sort((a, b) => Date.parse(a[1].due) - Date.parse(b[1].due));
      const [id, timer] = due.find(([, t]) => t.event === e.event) ?? due[0] ?? [];
      if (!id || !timer) return stop(i, e, noTimer(position(def, snap).label));
      timers.delete(id);
      const r = fireTimer(def, snap, timer.event, new Date(Math.max(Date.parse(timer.due), at.getTime())));
      if (!r.ok) return stop(i, e, r);
      snap = r.snapshot;
      track(r.timers);
    } else if (e.event !== startEvent) {
      const r = applyEvent(def, snap, { type: e.event, data: e.data }, who, at);
      if (!r.ok) return stop(i, e, r, onScreened(def, r, hidden, guardsOf(def, snap, e.event)));
      snap = r.snapshot;
      track(r.timers);
    }
  }
  const here = where();
  return {
    ...base,
    status: 'ok',
    replayed: recorded.events.length,
    ...(here ? { state: here.state, stateLabel: here.label } : {}),
    done: here?.done ?? false,
  };
}

/** Where the refused cases stop, counted per step and reason, most first. */
export interface ReplayStop {
  step: string;
  stepLabel: Message;
  reason: Message;
  cases: number;
}

export interface ReplaySummary {
  cases: number;
  ok: number;
  refused: number;
  unknown: number;
  /** Cases whose every event the draft takes, but that would now stand elsewhere than they do. */
  elsewhere: number;
  stops: ReplayStop[];
  /** "Of 47 cases, 5 would have stopped at Inschrijving: …", one sentence per stop. */
  text: Message;
}

export function summarise(results: readonly CaseReplay[]): ReplaySummary {
  const stops = new Map<string, ReplayStop>();
  for (const r of results) {
    if (r.status !== 'refused' || !r.refusal) continue;
    const key = `${r.refusal.step}\n${r.refusal.reason.nl}`;
    const s = stops.get(key) ?? {
      step: r.refusal.step,
      stepLabel: r.refusal.stepLabel,
      reason: r.refusal.reason,
      cases: 0,
    };
    s.cases++;
    stops.set(key, s);
  }
  const list = [...stops.values()].sort((a, b) => b.cases - a.cases || (a.step < b.step ? -1 : 1));
  const count = (s: CaseReplay['status']) => results.filter((r) => r.status === s).length;
  const ok = count('ok');
  const n = results.length;
  const lines = (lang: 'nl' | 'en') =>
    list.length === 0
      ? lang === 'nl'
        ? `Van ${n} ${n === 1 ? 'dossier' : 'dossiers'} zou het concept geen enkele stap weigeren.`
        : `Of ${n} ${n === 1 ? 'case' : 'cases'}, the draft would refuse no step.`
      : list
          .map((s) =>
            lang === 'nl'
              ? `Van ${n} dossiers ${s.cases === 1 ? 'zou er 1' : `zouden er ${s.cases}`} stoppen bij '${s.stepLabel.nl}': ${s.reason.nl}`
              : `Of ${n} cases, ${s.cases} would have stopped at '${s.stepLabel.en}': ${s.reason.en}`,
          )
          .join('\n');
  return {
    cases: n,
    ok,
    refused: count('refused'),
    unknown: count('unknown'),
    elsewhere: results.filter((r) => r.status === 'ok' && r.state !== r.actual.state).length,
    stops: list,
    text: { nl: lines('nl'), en: lines('en') },
  };
}

/** Every case through the draft, and what they add up to. */
export function replayCases(def: Definition, cases: readonly RecordedCase[]) {
  const results = cases.map((c) => replayCase(def, c));
  return { results, summary: summarise(results) };
}
