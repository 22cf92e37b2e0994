import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { endsCase, indexStates } from '../../engine';
import { Case, User, WorkflowVersion, type IWorkflowVersion } from '../db/entities';
import { notFound } from '../errors';

/** A published version with what the workflow page shows of it: who published it, and what still runs on it. */
export interface VersionListing {
  wv: IWorkflowVersion;
  publishedByName?: string;
  /** Open cases per step, in the order the definition lists its steps. */
  steps: { state: string; cases: number }[];
}

/**
 * Open cases of a workflow counted per version and step, read from the cases' columns only (a
 * group-by, never the snapshots), so the count costs the same with a thousand cases as with ten.
 */
async function openPerStep(em: EntityManager, site: string, key: string) {
  const rows: { workflow: number; state: string; cases: number | string }[] = await (em as SqlEntityManager)
    .createQueryBuilder(Case)
    .select(['workflow', 'state', raw('count(*) as cases')])
    .where({ site, workflowKey: key, outcome: null })
    .groupBy(['workflow', 'state'])
    .execute('all');
  return rows.map((r) => ({ workflowId: Number(r.workflow), state: r.state, cases: Number(r.cases) }));
}

/** The site's published versions of a workflow, newest first; 404 when it has none. */
export async function versionList(em: EntityManager, site: string, key: string): Promise<VersionListing[]> {
  const versions = await em.find(WorkflowVersion, { site, key }, { orderBy: { version: 'desc' } });
  if (!versions.length) throw notFound({ nl: `Workflow '${key}'`, en: `Workflow '${key}'` });
  const counts = await openPerStep(em, site, key);
  const publishers = [...new Set(versions.map((v) => v.publishedBy).filter((u): u is string => !!u))];
  const users = publishers.length
    ? await em.find(User, { site, username: { $in: publishers } }, { fields: ['username', 'displayName'] })
    : [];
  const names = new Map(users.map((u) => [u.username, u.displayName]));
  return versions.map((wv) => {
    // A case in a final step without an outcome has ended too: its step says so.
    const here = counts.filter((c) => c.workflowId === wv.id && !endsCase(wv.definition, c.state));
    const order = [...indexStates(wv.definition).byPath.keys()];
    const rank = (state: string) => (order.includes(state) ? order.indexOf(state) : order.length);
    const steps = here
      .map(({ state, cases }) => ({ state, cases }))
      .sort((a, b) => rank(a.state) - rank(b.state) || (a.state < b.state ? -1 : 1));
    const name = wv.publishedBy ? (names.get(wv.publishedBy) ?? wv.publishedBy) : undefined;
    return { wv, ...(name ? { publishedByName: name } : {}), steps };
  });
}
