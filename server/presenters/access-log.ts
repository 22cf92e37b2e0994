import { titleFor, type Definition, type Locale, type Viewer } from '../../engine';
import type { AccessRow } from '../commands/access-log';
import type { AccessEntryViewT } from '../contract';

/** What each logged route showed, as a privacy officer reads it; a route not named here shows as it is. */
const shownBy: Record<string, { nl: string; en: string }> = {
  'GET /api/cases/:id': { nl: 'Dossier geopend', en: 'Opened the dossier' },
  'GET /api/cases/:id/history': { nl: 'Geschiedenis bekeken', en: 'Read the history' },
  'GET /api/cases/:id/export': { nl: 'Export gemaakt', en: 'Made an export' },
  'GET /api/cases': { nl: 'Gevonden bij zoeken', en: 'Found in a search' },
};

export function presentAccess(
  row: AccessRow,
  who: Viewer,
  locale: Locale,
  named?: { id: string; title: string; def: Definition },
): AccessEntryViewT {
  return {
    at: row.at.toISOString(),
    actor: row.actor,
    route: row.route,
    what: shownBy[row.route]?.[locale] ?? row.route,
    caseId: row.caseId,
    ...(named ? { title: titleFor(named.def, named, who, locale) } : {}),
  };
}
