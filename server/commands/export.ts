import type { EntityManager } from '@mikro-orm/core';
import { AccessEntry, Attendance, HelpSession, PresenceCall } from '../db/entities';
import type { DefinitionCache } from './definitions';
import { caseHistory } from './cases';
import { caseLinks } from './links';

/**
 * What the site holds about the person of one case, read in full: the case, its history, its
 * presence and calls, the help sessions it took part in, who looked at it, and its links.
 * Presenting it screens it (presenters/export.ts).
 */
export async function personRecords(em: EntityManager, cache: DefinitionCache, site: string, id: string) {
  const links = await caseLinks(em, cache, site, id);
  const { rows: history } = await caseHistory(em, cache, site, id);
  const [presence, calls, asClient, asStudent, access] = await Promise.all([
    em.find(Attendance, { site, case: id }, { orderBy: { day: 'asc', moment: 'asc' } }),
    em.find(PresenceCall, { site, case: id }, { orderBy: { at: 'asc', id: 'asc' } }),
    em.find(HelpSession, { site, client: id }, { orderBy: { day: 'asc', id: 'asc' } }),
    em.find(HelpSession, { site, student: id }, { orderBy: { day: 'asc', id: 'asc' } }),
    em.find(AccessEntry, { site, caseId: id }, { orderBy: { at: 'asc', id: 'asc' } }),
  ]);
  return { ...links, history, presence, calls, asClient, asStudent, access };
}
