import { hiddenFields, privacyAudience, seesPersonal, type Viewer } from './audience';
import type { Definition } from './definition';
import { correctionEvent, freeTextEvents, voidEvent } from './history';
import { problem, type Problem } from './problem';
import type { Locale, Message } from './text';

/**
 * Personal data (AVG) screened on the server, so no answer carries what the caller may not see
 * (the definition's `privacy` says who may). Every answer, message, filter, sort and note that
 * touches a case's personal data goes through here. A case whose title field is screened is
 * named by the start of its id instead, so lists stay usable without the name.
 */
export function screenedTitle(id: string, locale: Locale): string {
  return `${locale === 'en' ? 'screened' : 'afgeschermd'} · ${id.slice(0, 8)}`;
}

export function titleHidden(def: Definition, who: Viewer): boolean {
  return hiddenFields(def, who).has(def.titleField);
}

/** A case's name as this caller may see it. */
export function titleFor(def: Definition, c: { id: string; title: string }, who: Viewer, locale: Locale): string {
  return titleHidden(def, who) ? screenedTitle(c.id, locale) : c.title;
}

/**
 * A case as a message names it, one text for both of its languages: its name, or `#` and the
 * start of its id for whoever may not see the name.
 */
export function nameInMessage(def: Definition, c: { id: string; title: string }, who: Viewer): string {
  return titleHidden(def, who) ? `#${c.id.slice(0, 8)}` : c.title;
}

/**
 * Rows sorted by the name the caller sees. Sorting by the real name where it is screened would
 * tell its order (the first row starts with an A); ties keep the id order, so a list is stable.
 */
export function sortByShownName<T>(rows: T[], key: (row: T) => { name: string; id: string }, locale: Locale): T[] {
  return rows
    .map((row) => ({ row, ...key(row) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.row);
}

/** The values the caller may see, and the names of those left out (only fields that have a value). */
export function visibleData(
  def: Definition,
  data: Record<string, unknown>,
  who: Viewer,
): { data: Record<string, unknown>; hidden: string[] } {
  const screened = hiddenFields(def, who);
  if (!screened.size) return { data, hidden: [] };
  const out: Record<string, unknown> = {};
  const hidden: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (screened.has(k)) hidden.push(k);
    else out[k] = v;
  }
  return { data: out, hidden };
}

/**
 * A note (in the dossier, from the progress meeting, with a day's presence) is free text about
 * the case's person: personal data, whatever the definition's fields say, so it is shown to
 * whoever may see the case's personal fields (its `privacy`) and to nobody else.
 */
export function noteHidden(def: Definition, who: Viewer): boolean {
  return !seesPersonal(def, who);
}

/**
 * What of one history row the caller may see: its fields screened, a note's text, and a
 * correction's values when its field is screened; the reason of a correction or a void is free
 * text about the person, screened like a note.
 */
export function visibleHistoryData(
  def: Definition,
  row: { event: string; data: Record<string, unknown> },
  who: Viewer,
): { data: Record<string, unknown>; hidden: string[] } {
  if (row.event === correctionEvent || row.event === voidEvent) {
    const hidden: string[] = [];
    const data = { ...row.data };
    const field = String(row.data.field ?? '');
    if (row.event === correctionEvent && hiddenFields(def, who).has(field)) {
      delete data.from;
      delete data.to;
      hidden.push(field);
    }
    if (noteHidden(def, who) && 'reason' in data) {
      delete data.reason;
      hidden.push('reason');
    }
    return { data, hidden };
  }
  const seen = visibleData(def, row.data, who);
  if (!freeTextEvents.has(row.event) || !('text' in seen.data) || !noteHidden(def, who)) return seen;
  const { text: _screened, ...data } = seen.data;
  return { data, hidden: [...seen.hidden, 'text'] };
}

/** A screened field in a refusal's details: named by its label, never with its value. */
export function screenedDetail(def: Definition, field: string, path: string): Problem {
  const label = def.fields[field].label;
  return problem(path, `${label.nl}: afgeschermd`, `${label.en || label.nl}: screened`);
}

/**
 * Why a list may not be filtered (or sorted) by these fields for this caller: a filter on a value
 * one may not see tells that value by the rows that remain. Undefined when all may be used.
 */
export function screenedFilter(
  def: Definition,
  fields: readonly string[],
  who: Viewer,
  pathOf: (field: string) => string,
): { message: Message; details: Problem[] } | undefined {
  const hidden = hiddenFields(def, who);
  const refused = fields.filter((f) => hidden.has(f));
  if (!refused.length) return undefined;
  const labels = (locale: Locale) =>
    refused.map((f) => (locale === 'en' && def.fields[f].label.en) || def.fields[f].label.nl).join(', ');
  const audience = privacyAudience(def);
  return {
    message: {
      nl: `Filteren op afgeschermde persoonsgegevens (${labels('nl')}) kan niet; alleen ${audience.nl} mag die zien`,
      en: `Filtering by screened personal data (${labels('en')}) is not possible; only ${audience.en} may see it`,
    },
    details: refused.map((f) => screenedDetail(def, f, pathOf(f))),
  };
}

/** The fields the definition keeps from the case's own person (`staffOnly`): staff's assessment, notes about them. */
export function staffOnlyFields(def: Definition): Set<string> {
  return new Set(
    Object.entries(def.fields)
      .filter(([, f]) => f.staffOnly)
      .map(([name]) => name),
  );
}

/**
 * A case's data as its own person (the student) sees it: all of it, their personal data too,
 * except the fields marked `staffOnly`. Notes and signals' texts are never part of it.
 */
export function ownData(def: Definition, data: Record<string, unknown>): Record<string, unknown> {
  const kept = staffOnlyFields(def);
  return Object.fromEntries(Object.entries(data).filter(([k]) => !kept.has(k)));
}
