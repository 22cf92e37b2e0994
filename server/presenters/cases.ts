import { availableEvents, eventLabel, position, say, stateLabel, type Definition, type Locale, type Role } from '../../engine';
import type { ICase, IHistoryRow } from '../db/entities';
import type { CaseSummaryT, CaseViewT, HistoryEntryT } from '../schemas';

export function presentCaseSummary(c: ICase, def: Definition, locale: Locale): CaseSummaryT {
  const pos = position(def, c.snapshot);
  return {
    id: c.id,
    workflow: { key: def.key, version: def.version ?? 1, title: say(def.title, locale) },
    title: c.title,
    state: c.state,
    stateLabel: say(pos.label, locale),
    ...(c.outcome ? { outcome: c.outcome } : {}),
    done: pos.done,
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

export function presentCase(c: ICase, def: Definition, who: { role: Role }, locale: Locale, now: Date): CaseViewT {
  return {
    ...presentCaseSummary(c, def, locale),
    data: c.snapshot.context.data,
    stepEnteredAt: c.snapshot.context.enteredAt,
    availableEvents: availableEvents(def, c.snapshot, who, now).map((e) => ({
      type: e.type,
      label: say(e.label, locale),
      form: localiseForm(e.form, locale),
      allowed: e.allowed,
      ...(e.reason ? { reason: say(e.reason, locale) } : {}),
    })),
  };
}

export const startEvent = 'START';

function historyEventLabel(def: Definition, event: string, locale: Locale): string {
  if (event === startEvent) return locale === 'nl' ? 'Aangemaakt' : 'Created';
  return say(eventLabel(def, event), locale, event);
}

export function presentHistory(row: IHistoryRow, def: Definition, locale: Locale): HistoryEntryT {
  return {
    revision: row.revision,
    at: row.at.toISOString(),
    actor: row.actor,
    event: row.event,
    eventLabel: historyEventLabel(def, row.event, locale),
    ...(row.fromState ? { from: row.fromState, fromLabel: say(stateLabel(def, row.fromState), locale) } : {}),
    to: row.toState,
    toLabel: say(stateLabel(def, row.toState), locale),
    data: row.data,
  };
}
