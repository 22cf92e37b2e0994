import type { EntityManager } from '@mikro-orm/core';
import type { Definition } from '../../engine';
import { WorkflowVersion } from '../db/entities';

/**
 * Published versions never change, so their parsed definitions (and with them the compiled
 * XState machines, cached per definition object) are kept for the life of the process.
 */
export class DefinitionCache {
  private byId = new Map<number, Definition>();

  async get(em: EntityManager, workflowVersionId: number): Promise<Definition> {
    const hit = this.byId.get(workflowVersionId);
    if (hit) return hit;
    const wv = await em.findOneOrFail(WorkflowVersion, { id: workflowVersionId });
    this.byId.set(workflowVersionId, wv.definition);
    return wv.definition;
  }

  remember(workflowVersionId: number, def: Definition) {
    if (!this.byId.has(workflowVersionId)) this.byId.set(workflowVersionId, def);
  }
}
