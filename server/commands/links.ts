import type { EntityManager } from '@mikro-orm/core';
import { exclusivesOf as exclusives, inSteps, type Definition, type Exclusive } from '../../engine';
import { Case, type ICase } from '../db/entities';
import { readCase } from './cases';
import { latestVersions, type DefinitionCache } from './definitions';

/** A case linked to another through a rule across cases, with the definition of its version. */
export interface LinkedCase {
  ex: Exclusive;
  c: ICase;
  def: Definition;
}

export interface CaseLinks {
  c: ICase;
  def: Definition;
  /** The cases this one names in a field of a rule across cases (a client's matched student). */
  references: LinkedCase[];
  /** The running cases that name this one (a student's clients), in a step where the rule holds. */
  referencedBy: LinkedCase[];
}

/**
 * The cases linked to this one through rules across cases: for a client, the matched student and
 * half-days; for a student, the clients helped and on which half-days.
 */
export async function caseLinks(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
): Promise<CaseLinks> {
  const { c, def } = await readCase(em, cache, site, id);
  const data = c.snapshot.context.data;

  const references: LinkedCase[] = [];
  for (const ex of exclusives(def)) {
    const ref =
      typeof data[ex.field] === 'string' ? await em.findOne(Case, { id: data[ex.field] as string, site }) : null;
    if (!ref) continue;
    references.push({ ex, c: ref, def: await cache.get(em, ref.workflow.id) });
  }

  const referencedBy: LinkedCase[] = [];
  const subject = def.subject;
  const latest = await latestVersions(em, site);
  for (const wv of latest) {
    for (const ex of exclusives(wv.definition).filter((e) => e.refersTo === subject)) {
      // Not by name: the links are sorted by the name their reader sees (presenters/links.ts).
      const others = await em.find(Case, { site, workflowKey: wv.key, outcome: null }, { orderBy: { id: 'asc' } });
      for (const o of others) {
        if (o.snapshot.context.data[ex.field] !== c.id || !inSteps(o.state, ex.activeIn)) continue;
        referencedBy.push({ ex, c: o, def: await cache.get(em, o.workflow.id) });
      }
    }
  }
  return { c, def, references, referencedBy };
}
