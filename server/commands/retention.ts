import type { EntityManager } from '@mikro-orm/core';
import { addDuration, retentionMonths, voidEvent, type Definition } from '../../engine';
import { Case, HistoryRow, type ICase } from '../db/entities';
import type { DefinitionCache } from './definitions';
import { pseudonymiseCase } from './erasure';
import { timerActor } from './history';

/** An ended case whose personal fields are still kept, and when the retention period ends. */
export interface RetentionDue {
  c: Pick<ICase, 'id' | 'title' | 'site' | 'workflowKey' | 'outcome'>;
  def: Definition;
  endedAt: Date;
  dueAt: Date;
}

/**
 * Ended (or voided) cases not yet pseudonymised whose retention period ends before `until`, on
 * every site, earliest first. A case ended with its last move (a correction or a note after the
 * end moves nothing), or when it was voided.
 */
export async function retentionDue(
  em: EntityManager,
  cache: DefinitionCache,
  until: Date,
  site?: string,
): Promise<RetentionDue[]> {
  const cases = await em.find(
    Case,
    { outcome: { $ne: null }, pseudonymisedAt: null, ...(site ? { site } : {}) },
    { fields: ['id', 'title', 'site', 'workflow', 'workflowKey', 'outcome'], orderBy: { id: 'asc' } },
  );
  if (!cases.length) return [];
  const ended = new Map<string, Date>();
  for (let i = 0; i < cases.length; i += 500) {
    const ids = cases.slice(i, i + 500).map((c) => c.id);
    const rows = await em.find(
      HistoryRow,
      { case: { $in: ids } },
      { fields: ['case', 'at', 'event', 'fromState', 'toState'] },
    );
    for (const r of rows) {
      const moved = r.fromState !== r.toState || r.event === voidEvent;
      const last = ended.get(r.case.id);
      if (moved && (!last || r.at > last)) ended.set(r.case.id, r.at);
    }
  }
  const due: RetentionDue[] = [];
  for (const c of cases) {
    const endedAt = ended.get(c.id);
    if (!endedAt) continue;
    const def = await cache.get(em, c.workflow.id);
    const dueAt = new Date(addDuration(endedAt.getTime(), `${retentionMonths(def)}mo`));
    if (dueAt <= until) due.push({ c, def, endedAt, dueAt });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The daily retention job: pseudonymises every case whose period has ended, each once
 * (`pseudonymisedAt`, set under the case's row lock, so two processes or a restart never do it
 * twice). Returns how many it did.
 */
export async function runRetention(em: EntityManager, cache: DefinitionCache, now: Date): Promise<number> {
  let done = 0;
  for (const d of await retentionDue(em, cache, now)) {
    if (await pseudonymiseCase(em, cache, d.c.site.id, d.c.id, timerActor, 'bewaartermijn', now)) done++;
  }
  return done;
}
