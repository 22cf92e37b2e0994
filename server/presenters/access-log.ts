import { titleFor, type Definition, type Locale, type Viewer } from '../../engine';
import type { AccessRow } from '../commands/access-log';
import type { AccessEntryViewT } from '../contract';

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
    caseId: row.caseId,
    ...(named ? { title: titleFor(named.def, named, who, locale) } : {}),
  };
}
