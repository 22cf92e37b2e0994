import { hiddenFields, type Viewer } from './audience';
import type { Definition } from './definition';
import type { Locale } from './text';

/**
 * Personal fields (AVG) screened on the server, so no answer carries what the caller may not see
 * (the definition's `privacy` says who may). A case whose title field is screened is named by
 * the start of its id instead, so lists stay usable without the name.
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
