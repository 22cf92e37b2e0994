import {
  availableEvents,
  caseTime,
  checklistItems,
  deadlinePassedEvent,
  timerHeldEvent,
  correctionEvent,
  voidEvent,
  pseudonymisedEvent,
  voidOutcome,
  checklistSignEvent,
  checklistUnsignEvent,
  noteEvent,
  signalAcknowledgedEvent,
  signalClosedEvent,
  signalEscalatedEvent,
  signalEvent,
  groupActivityEvent,
  groupActivityCorrectedEvent,
  groupActivityKinds,
  type GroupActivityKind,
  helpModes,
  type HelpMode,
  signalKinds,
  type SignalKind,
  outcomeLabel,
  ownerEvent,
  functionNames,
  refusalFor,
  startEvent,
  titleFor,
  titleHidden,
  visibleData,
  visibleHistoryData,
  endsCase,
  eventLabel,
  indexStates,
  localDate,
  openChecklist,
  progress,
  relevantItems,
  say,
  stateLabel,
  type CaseDeadline,
  type CaseTimer,
  type Definition,
  type Locale,
  type Message,
  type SiteCalendar,
  type StaffFunction,
  type TimeOptions,
  type Viewer,
} from '../../engine';
import type { CaseRecord, HistoryRecord } from '../db/case-store';
import type { CaseDeadlineViewT, CaseSummaryT, CaseTimerViewT, CaseViewT, HistoryEntryT } from '../contract';
import { nameOf, type Names } from './users';

/** What presenting a case reads; a MikroORM entity and a case store record both have it. */
type Summarisable = Pick<CaseRecord, 'id' | 'title' | 'state' | 'revision' | 'createdAt' | 'updatedAt'> & {
  outcome?: string | null;
  /** On an entity and on a case store's record alike, so an answer after a change says it too. */
  pseudonymisedAt: Date | null | undefined;
};
type Presentable = Summarisable & Pick<CaseRecord, 'snapshot'>;

/** A case in a list: read from its columns only, so lists need not load snapshots. */
export function presentCaseSummary(c: Summarisable, def: Definition, who: Viewer, locale: Locale): CaseSummaryT {
  return {
    id: c.id,
    workflow: { key: def.key, version: def.version ?? 1, title: say(def.title, locale) },
    title: titleFor(def, c, who, locale),
    state: c.state,
    stateLabel: say(stateLabel(def, c.state), locale),
    ...(c.outcome ? { outcome: c.outcome, outcomeLabel: say(outcomeLabel(def, c.outcome, c.state), locale) } : {}),
    done: endsCase(def, c.state),
    ...(c.outcome === voidOutcome ? { voided: true } : {}),
    ...(c.pseudonymisedAt ? { pseudonymised: true } : {}),
    ...(titleHidden(def, who) ? { hidden: [def.titleField] } : {}),
    revision: c.revision,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The JSON Schema of a form, with titles in the caller's language. */
function localiseForm(form: ReturnType<typeof availableEvents>[number]['form'], locale: Locale) {
  if (locale === 'nl') return form;
  const properties = Object.fromEntries(
    Object.entries(form.properties).map(([k, p]) => {
      const label = p['x-label'] as { nl: string; en?: string } | undefined;
      return [k, { ...p, title: say(label, locale, String(p.title)) }];
    }),
  );
  return { ...form, properties };
}

/**
 * Every item of the aftekenlijst, by step, with who signed it (by name) and when; the current
 * steps' items marked, and whether this person may sign each (else who may).
 */
function presentChecklist(
  def: Definition,
  c: Presentable,
  relevantIds: ReadonlySet<string>,
  who: Viewer,
  locale: Locale,
  names: Names,
): CaseViewT['checklist'] {
  const current = new Set(openChecklist(def, c.snapshot).map((i) => i.id));
  const signed = c.snapshot.context.checklist ?? {};
  const out: CaseViewT['checklist'] = [];
  for (const entry of indexStates(def).byPath.values()) {
    for (const item of entry.config.meta?.checklist ?? []) {
      const s = signed[item.id];
      const refused = refusalFor(item, who, 'sign');
      out.push({
        id: item.id,
        label: say(item.label, locale),
        step: entry.path,
        stepLabel: say(stateLabel(def, entry.path), locale),
        current: current.has(item.id),
        relevant: relevantIds.has(item.id),
        ...(s ? { signed: { by: s.by, byName: nameOf(names, s.by, locale), at: s.at } } : {}),
        maySign: !refused,
        ...(refused ? { signers: say(refused.who, locale) } : {}),
      });
    }
  }
  return out;
}

/** The site's own day of a moment: a date shown without the time is the site's, not the browser's. */
const dayOf = (iso: string, calendar?: SiteCalendar) => localDate(Date.parse(iso), calendar);

export function presentTimer(t: CaseTimer, locale: Locale, calendar?: SiteCalendar): CaseTimerViewT {
  return {
    id: t.id,
    event: t.event,
    label: say(t.label, locale),
    ...(t.dueAt ? { dueAt: t.dueAt, day: dayOf(t.dueAt, calendar) } : {}),
    paused: t.paused,
    remaining: t.remaining,
    text: say(t.text, locale),
  };
}

export function presentDeadline(d: CaseDeadline, locale: Locale, calendar?: SiteCalendar): CaseDeadlineViewT {
  return {
    id: d.id,
    label: say(d.label, locale),
    dueAt: d.dueAt,
    day: dayOf(d.dueAt, calendar),
    functions: [...d.functions],
    overdue: d.overdue,
    soon: d.soon,
    step: d.step,
    ...(d.event ? { event: d.event } : {}),
    text: say(d.text, locale),
  };
}

/** `names` shows people by name; `options` carries the site's calendar: timers, deadlines, rules over time and the plan count on it. */
export function presentCase(
  c: Presentable,
  def: Definition,
  who: Viewer,
  locale: Locale,
  now: Date,
  names: Names,
  options: TimeOptions = {},
): CaseViewT {
  // One walk of the machine serves both the sign-off list and the progress.
  const relevant = relevantItems(def, c.snapshot);
  const { data, hidden } = visibleData(def, c.snapshot.context.data, who);
  const voided = c.outcome === voidOutcome;
  // A voided case takes no changes: nothing is possible or due any more.
  const time = voided ? { timers: [], deadlines: [] } : caseTime(def, c.snapshot, now, options);
  return {
    ...presentCaseSummary(c, def, who, locale),
    ...(hidden.length ? { hidden } : {}),
    data,
    stepEnteredAt: c.snapshot.context.enteredAt,
    checklist: presentChecklist(def, c, new Set(relevant.map((i) => i.id)), who, locale, names),
    progress: progress(def, c.snapshot, now, relevant, options.calendar),
    availableEvents: (voided ? [] : availableEvents(def, c.snapshot, who, now, options)).map((e) => ({
      type: e.type,
      label: say(e.label, locale),
      form: localiseForm(e.form, locale),
      allowed: e.allowed,
      ...(e.reason ? { reason: say(e.reason, locale) } : {}),
      ...(e.blocked ? { blocked: e.blocked } : {}),
      ends: e.ends,
    })),
    timers: time.timers.map((t) => presentTimer(t, locale, options.calendar)),
    deadlines: time.deadlines.map((d) => presentDeadline(d, locale, options.calendar)),
  };
}

const isMessage = (v: unknown): v is Message => typeof v === 'object' && v !== null && 'nl' in v;

/** What the scheduler recorded about time: a deadline that passed, a timer a rule held back. */
function timeEventLabel(def: Definition, row: HistoryRecord, locale: Locale): string {
  if (row.event === deadlinePassedEvent) {
    const label = isMessage(row.data.label) ? say(row.data.label, locale) : String(row.data.deadline);
    return locale === 'nl' ? `Termijn verstreken: ${label}` : `Deadline passed: ${label}`;
  }
  const timer = say(eventLabel(def, String(row.data.timer)), locale, String(row.data.timer));
  const reason = isMessage(row.data.reason) ? ` (${say(row.data.reason, locale)})` : '';
  return locale === 'nl' ? `${timer}: tegengehouden door een regel${reason}` : `${timer}: held back by a rule${reason}`;
}

/** A calendar day as people write it: 14-10-2026 in Dutch, 2026-10-14 otherwise. */
function dayInWords(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-');
  return locale === 'nl' && d ? `${Number(d)}-${Number(m)}-${y}` : day;
}

function historyEventLabel(def: Definition, row: HistoryRecord, locale: Locale, names: Names): string {
  const event = row.event;
  if (event === startEvent) return locale === 'nl' ? 'Aangemaakt' : 'Created';
  if (event === ownerEvent) {
    const fn = say(functionNames[row.data.function as StaffFunction], locale, String(row.data.function));
    const person = (u: unknown) => (typeof u === 'string' ? nameOf(names, u, locale) : '');
    const was = row.data.previous ? person(row.data.previous) : '';
    if (row.data.user)
      return locale === 'nl'
        ? `Verantwoordelijke ${fn}: ${person(row.data.user)}${was ? ` (was ${was})` : ''}`
        : `Responsible ${fn}: ${person(row.data.user)}${was ? ` (was ${was})` : ''}`;
    return locale === 'nl'
      ? `Geen verantwoordelijke ${fn} meer (was ${was})`
      : `No responsible ${fn} any more (was ${was})`;
  }
  if (event === correctionEvent) {
    const field = say(def.fields[String(row.data.field)]?.label, locale, String(row.data.field));
    // A corrected date moves the timers and deadlines that read it: the row says how many.
    const n = Array.isArray(row.data.rescheduled) ? row.data.rescheduled.length : 0;
    const moved = !n
      ? ''
      : locale === 'nl'
        ? `; ${n} ${n === 1 ? 'termijn' : 'termijnen'} opnieuw berekend`
        : `; ${n} ${n === 1 ? 'timer or deadline' : 'timers and deadlines'} worked out again`;
    return locale === 'nl' ? `Gecorrigeerd: ${field}${moved}` : `Corrected: ${field}${moved}`;
  }
  if (event === voidEvent)
    return locale === 'nl' ? 'Vervallen (aangemaakt bij vergissing)' : 'Voided (created by mistake)';
  if (event === pseudonymisedEvent)
    return locale === 'nl' ? 'Persoonsgegevens gepseudonimiseerd' : 'Personal data pseudonymised';
  if (event === deadlinePassedEvent || event === timerHeldEvent) return timeEventLabel(def, row, locale);
  if (event === noteEvent) {
    const meeting = row.data.meeting === true;
    return locale === 'nl'
      ? meeting
        ? 'Notitie voortgangsoverleg'
        : 'Notitie'
      : meeting
        ? 'Progress meeting note'
        : 'Note';
  }
  if (event === signalEvent) {
    const kind = signalKinds[row.data.kind as SignalKind];
    return locale === 'nl' ? `Signaal: ${say(kind, 'nl', 'signaal')}` : `Signal: ${say(kind, 'en', 'signal')}`;
  }
  if (event === signalClosedEvent) return locale === 'nl' ? 'Signaal afgesloten' : 'Signal closed';
  if (event === groupActivityEvent || event === groupActivityCorrectedEvent) {
    const kind = say(groupActivityKinds[row.data.kind as GroupActivityKind], locale, String(row.data.kind));
    const what = `${kind}: ${String(row.data.title)} (${dayInWords(String(row.data.date), locale)})`;
    if (event === groupActivityEvent) return what;
    if (row.data.removed)
      return locale === 'nl' ? `Niet meegedaan aan ${what} (correctie)` : `Did not take part in ${what} (correction)`;
    return locale === 'nl' ? `Gecorrigeerd: ${what}` : `Corrected: ${what}`;
  }
  if (event === signalAcknowledgedEvent) {
    const mode = say(helpModes[row.data.mode as HelpMode], locale, String(row.data.mode));
    return locale === 'nl'
      ? `Hulpvraag opgepakt (${mode.toLowerCase()})`
      : `Call for help answered (${mode.toLowerCase()})`;
  }
  if (event === signalEscalatedEvent)
    return locale === 'nl'
      ? 'Hulpvraag niet op tijd opgepakt: naar alle coördinatoren en de projectleider'
      : 'Call for help not answered in time: to every coördinator and the projectleider';
  if (event === checklistSignEvent || event === checklistUnsignEvent) {
    const item = checklistItems(def, '*').find((i) => i.id === row.data.item);
    const name = item ? say(item.label, locale) : String(row.data.item);
    const verb =
      event === checklistSignEvent
        ? locale === 'nl'
          ? 'Afgetekend'
          : 'Signed'
        : locale === 'nl'
          ? 'Aftekening ingetrokken'
          : 'Signature withdrawn';
    return `${verb}: ${name}`;
  }
  return say(eventLabel(def, event), locale, event);
}

export function presentHistory(
  row: HistoryRecord,
  def: Definition,
  who: Viewer,
  locale: Locale,
  names: Names,
): HistoryEntryT {
  const { data, hidden } = visibleHistoryData(def, row, who);
  return {
    revision: row.revision,
    at: row.at.toISOString(),
    actor: row.actor,
    actorName: nameOf(names, row.actor, locale),
    event: row.event,
    eventLabel: historyEventLabel(def, row, locale, names),
    ...(row.fromState ? { from: row.fromState, fromLabel: say(stateLabel(def, row.fromState), locale) } : {}),
    to: row.toState,
    toLabel: say(stateLabel(def, row.toState), locale),
    data,
    ...(hidden.length ? { hidden } : {}),
  };
}
