import {
  caseTime,
  indexStates,
  say,
  stateLabel,
  titleFor,
  type Definition,
  type Locale,
  type TimeOptions,
  type Viewer,
} from '../../engine';
import type { BoardColumn, WorkEntry } from '../commands/worklist';
import type { BoardViewT, WorklistItemT } from '../contract';
import { presentDeadline, presentTimer } from './cases';

function signLabel(count: number, locale: Locale): string {
  if (locale === 'en') return `Sign-off list: ${count} to sign`;
  return `Aftekenlijst: ${count} af te tekenen`;
}

function behindLabel(signed: number, total: number, locale: Locale): string {
  if (locale === 'en') return `Behind schedule: ${signed} of ${total} signed`;
  return `Loopt achter op schema: ${signed} van ${total} afgetekend`;
}

/** `stateLabel` names the step with the phases around it; `label` says what to do: the step's own name, or what is left to sign. */
export function presentWorkItem(e: WorkEntry, who: Viewer, locale: Locale, options: TimeOptions = {}): WorklistItemT {
  const here = say(stateLabel(e.def, e.c.state), locale);
  return {
    caseId: e.c.id,
    caseTitle: titleFor(e.def, e.c, who, locale),
    workflow: { key: e.def.key, title: say(e.def.title, locale) },
    state: e.c.state,
    stateLabel: here,
    kind: e.kind,
    label:
      e.kind === 'action'
        ? say(indexStates(e.def).byPath.get(e.c.state)?.config.meta?.label, locale, here)
        : e.kind === 'behind'
          ? behindLabel(e.progress!.signed, e.progress!.total, locale)
          : e.kind === 'verweesd'
            ? say(e.note, locale, here)
            : signLabel(e.checklist.length, locale),
    since: e.since,
    actions: e.actions.map((a) => ({ type: a.type, label: say(a.label, locale) })),
    ...(e.kind === 'sign' ? { checklist: e.checklist.map((i) => ({ id: i.id, label: say(i.label, locale) })) } : {}),
    functions: e.functions,
    mine: e.mine,
    ...(e.due ? { due: presentDeadline(e.due, locale, options.calendar) } : {}),
  };
}

/** A card shows the case's earliest deadline and its next running timer, on the site's calendar. */
export function presentBoard(
  def: Definition,
  columns: BoardColumn[],
  who: Viewer,
  locale: Locale,
  now: Date,
  options: TimeOptions = {},
): BoardViewT {
  return {
    workflow: { key: def.key, title: say(def.title, locale) },
    columns: columns.map((col) => ({
      state: col.state,
      label: say(stateLabel(col.def, col.state), locale),
      count: col.cards.length,
      cards: col.cards.map((c) => {
        const time = caseTime(col.own.get(c.id) ?? col.def, c.snapshot, now, options);
        const timer = time.timers.find((t) => !t.paused);
        return {
          id: c.id,
          title: titleFor(col.def, c, who, locale),
          since: c.snapshot.context.enteredAt,
          revision: c.revision,
          ...(time.deadlines[0] ? { due: presentDeadline(time.deadlines[0], locale, options.calendar) } : {}),
          ...(timer ? { timer: presentTimer(timer, locale, options.calendar) } : {}),
        };
      }),
    })),
  };
}
