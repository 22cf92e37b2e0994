import type { EntityManager } from '@mikro-orm/core';
import type { Definition } from '../../engine';
import { AccessEntry, Case, type IAccessEntry } from '../db/entities';
import type { DefinitionCache } from './definitions';
import { findCase } from './cases';

export type AccessRow = Pick<IAccessEntry, 'at' | 'actor' | 'route' | 'caseId'>;

const fields = ['at', 'actor', 'route', 'caseId'] as const;

/** Who was shown this case's personal fields, newest first. */
export async function caseAccess(em: EntityManager, site: string, id: string, limit: number): Promise<AccessRow[]> {
  await findCase(em, site, id);
  return em.find(AccessEntry, { site, caseId: id }, { fields, orderBy: { at: 'desc', id: 'desc' }, limit });
}

/** Which cases' personal fields one person was shown, newest first, with each case as it is named now. */
export async function personAccess(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  actor: string,
  limit: number,
): Promise<{ rows: AccessRow[]; cases: Map<string, { id: string; title: string; def: Definition }> }> {
  const rows = await em.find(AccessEntry, { site, actor }, { fields, orderBy: { at: 'desc', id: 'desc' }, limit });
  const ids = [...new Set(rows.map((r) => r.caseId))];
  const found = ids.length
    ? await em.find(Case, { site, id: { $in: ids } }, { fields: ['id', 'title', 'workflow'] })
    : [];
  const cases = new Map<string, { id: string; title: string; def: Definition }>();
  for (const c of found) cases.set(c.id, { id: c.id, title: c.title, def: await cache.get(em, c.workflow.id) });
  return { rows, cases };
}
