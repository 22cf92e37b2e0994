import type { EntityManager } from '@mikro-orm/core';
import type { Definition } from '../../engine';
import { WorkflowVersion } from '../db/entities';

/**
 * Published versions never change, so their parsed definitions (and with them the compiled
 * XState machines, cached per definition object) are kept for the life of the process.
 */
export class DefinitionCache {
  private byId = new Map<number, Definition>();

  get(em: EntityManager, workflowVersionId: number): Promise<Definition> {
    return this.getWith(workflowVersionId, async (id) => (await em.findOneOrFail(WorkflowVersion, { id })).definition);
  }

  /** The same, reading a missing definition through the given loader (e.g. a fast case store's connection). */
  async getWith(workflowVersionId: number, load: (id: number) => Promise<Definition>): Promise<Definition> {
    const hit = this.byId.get(workflowVersionId);
    if (hit) return hit;
    const def = await load(workflowVersionId);
    this.byId.set(workflowVersionId, def);
    return def;
  }

  remember(workflowVersionId: number, def: Definition) {
    if (!this.byId.has(workflowVersionId)) this.byId.set(workflowVersionId, def);
  }
}

/** The latest published version of each of a site's workflows, by key. */
export async function latestVersions(em: EntityManager, site: string) {
  const versions = await em.find(WorkflowVersion, { site }, { orderBy: { key: 'asc', version: 'desc' } });
  return versions.filter((v, i) => i === 0 || versions[i - 1].key !== v.key);
}
