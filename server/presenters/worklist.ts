import { indexStates, say, stateLabel, titleFor, type Definition, type Locale, type Viewer } from '../../engine';
import type { BoardColumn, WorkEntry } from '../commands/worklist';
import type { BoardViewT, WorklistItemT } from '../contract';

function signLabel(count: number, locale: Locale): string {
  if (locale === 'en') return `Sign-off list: ${count} to sign`;
  return `Aftekenlijst: ${count} af te tekenen`;
}

function behindLabel(signed: number, total: number, locale: Locale): string {
  if (locale === 'en') return `Behind schedule: ${signed} of ${total} signed`;
  return `Loopt achter op schema: ${signed} van ${total} afgetekend`;
}

/** `stateLabel` names the step with the phases around it; `label` says what to do: the step's own name, or what is left to sign. */
export function presentWorkItem(e: WorkEntry, who: Viewer, locale: Locale): WorklistItemT {
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
          : signLabel(e.checklist.length, locale),
    since: e.since,
    actions: e.actions.map((a) => ({ type: a.type, label: say(a.label, locale) })),
    ...(e.kind === 'sign' ? { checklist: e.checklist.map((i) => ({ id: i.id, label: say(i.label, locale) })) } : {}),
    functions: e.functions,
    mine: e.mine,
  };
}

export function presentBoard(def: Definition, columns: BoardColumn[], who: Viewer, locale: Locale): BoardViewT {
  return {
    workflow: { key: def.key, title: say(def.title, locale) },
    columns: columns.map((col) => ({
      state: col.state,
      label: say(stateLabel(col.def, col.state), locale),
      count: col.cards.length,
      cards: col.cards.map((c) => ({
        id: c.id,
        title: titleFor(col.def, c, who, locale),
        since: c.snapshot.context.enteredAt,
        revision: c.revision,
      })),
    })),
  };
}
