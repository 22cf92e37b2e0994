import { randomUUID } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import {
  definitionLimitProblems,
  errorsOnly,
  migrateSnapshot,
  migrationEvent,
  planCaseMigration,
  structureProblems,
  suggestStateMap,
  type Definition,
  type TimeOptions,
  type Upstream,
} from '../../engine';
import {
  Case,
  Site,
  Timer,
  WorkflowDraft,
  WorkflowMigration,
  WorkflowVersion,
  type IWorkflowDraft,
  type IWorkflowVersion,
} from '../db/entities';
import { appError, fromProblems, notFound } from '../errors';
import { offload } from '../offload';
import type { Actor } from '../auth/caller';
import type { DefinitionCache } from './definitions';
import { recordTimerEffects } from '../db/orm-store';
import { withDeadlines } from './deadlines';
import { storeChange } from './history';

export async function findDraft(em: EntityManager, site: string, key: string): Promise<IWorkflowDraft | null> {
  return em.findOne(WorkflowDraft, { site, key });
}

export async function latestVersionOf(em: EntityManager, site: string, key: string) {
  return em.findOne(WorkflowVersion, { site, key }, { orderBy: { version: 'desc' } });
}

/** The latest version of a workflow of the site; 404 when the site has no such workflow. */
export async function latestVersion(em: EntityManager, site: string, key: string) {
  const wv = await latestVersionOf(em, site, key);
  if (!wv) throw notFound({ nl: `Workflow '${key}'`, en: `Workflow '${key}'` });
  return wv;
}

/** One published version of a workflow of the site; 404 when it does not exist. */
export async function findVersion(em: EntityManager, site: string, key: string, version: number) {
  const wv = await em.findOne(WorkflowVersion, { site, key, version });
  if (!wv) throw notFound({ nl: `Versie ${version} van '${key}'`, en: `Version ${version} of '${key}'` });
  return wv;
}

/** A published version: the one asked for, or the latest when none is. */
export function publishedVersion(em: EntityManager, site: string, key: string, version: number | undefined) {
  return version === undefined ? latestVersion(em, site, key) : findVersion(em, site, key, version);
}

/** A workflow of the site as its list shows it: the latest version, every version number, and whether a draft waits. */
export interface WorkflowListing {
  latest: IWorkflowVersion;
  versions: number[];
  hasDraft: boolean;
}

/** The site's workflows by key, each with its latest version first. */
export async function listWorkflows(em: EntityManager, site: string): Promise<WorkflowListing[]> {
  const all = await em.find(WorkflowVersion, { site }, { orderBy: { key: 'asc', version: 'desc' } });
  const drafts = new Set((await em.find(WorkflowDraft, { site }, { fields: ['key'] })).map((d) => d.key));
  const byKey = new Map<string, IWorkflowVersion[]>();
  for (const wv of all) byKey.set(wv.key, [...(byKey.get(wv.key) ?? []), wv]);
  return [...byKey.values()].map((versions) => ({
    latest: versions[0],
    versions: versions.map((v) => v.version),
    hasDraft: drafts.has(versions[0].key),
  }));
}

/** The draft of a workflow; 404 when it has none. */
export async function draftOf(em: EntityManager, site: string, key: string): Promise<IWorkflowDraft> {
  const draft = await findDraft(em, site, key);
  if (!draft) throw notFound({ nl: `Concept van '${key}'`, en: `Draft of '${key}'` });
  return draft;
}

/** Throws the draft away; the published versions stay as they are. */
export async function discardDraft(em: EntityManager, site: string, key: string): Promise<void> {
  await em.remove(await draftOf(em, site, key)).flush();
}

/**
 * Saves the manager's draft. A draft may still have problems (it is work in progress), but it
 * must be a workflow definition at all, with the key of its address; every problem is returned.
 */
export async function saveDraft(
  em: EntityManager,
  actor: Actor,
  key: string,
  input: { definition: unknown; revision?: number; upstream?: Upstream | null },
  now: Date,
) {
  const limits = definitionLimitProblems(input.definition);
  if (limits.length)
    throw fromProblems(
      'INVALID_DEFINITION',
      { nl: 'Deze workflow wordt niet gelezen', en: 'This workflow is not read' },
      limits,
    );
  const shape = structureProblems(input.definition);
  if (shape.length) {
    throw fromProblems(
      'INVALID_DEFINITION',
      { nl: 'Dit is geen geldige workflow', en: 'This is not a valid workflow definition' },
      shape.map((p) => ({ ...p, path: `definition.${p.path}` })),
    );
  }
  const def = input.definition as Definition;
  const problems = await offload.run('validateDefinition', def);
  if (def.key !== key) {
    throw appError(
      'INVALID_DEFINITION',
      `De sleutel '${def.key}' hoort niet bij '${key}'`,
      `Key '${def.key}' does not match '${key}'`,
      [{ path: 'definition.key', message: { nl: `Moet '${key}' zijn`, en: `Must be '${key}'` } }],
    );
  }
  const latest = await latestVersionOf(em, actor.site, key);
  if (latest && latest.subject !== def.subject) {
    throw appError(
      'INVALID_DEFINITION',
      'Het onderwerp van een workflow kan niet veranderen',
      'The subject of a workflow cannot change',
      [
        {
          path: 'definition.subject',
          message: { nl: `Moet '${latest.subject}' blijven`, en: `Must stay '${latest.subject}'` },
        },
      ],
    );
  }
  const { version: _v, ...body } = def;
  let draft = await findDraft(em, actor.site, key);
  if (draft && input.revision !== undefined && input.revision !== draft.revision) {
    throw appError(
      'STALE_REVISION',
      'Het concept is intussen door iemand anders opgeslagen',
      'The draft was saved by someone else meanwhile',
      [
        {
          path: 'revision',
          message: {
            nl: `Het concept is nu bij revisie ${draft.revision}`,
            en: `The draft is now at revision ${draft.revision}`,
          },
        },
      ],
    );
  }
  // Editing a draft that was published or thrown away meanwhile would bring it back unseen.
  if (!draft && input.revision) throw draftGone();
  if (draft) {
    draft.definition = body as Definition;
    if (input.upstream !== undefined) draft.upstream = input.upstream;
    draft.updatedAt = now;
    draft.updatedBy = actor.username;
  } else {
    draft = em.create(WorkflowDraft, {
      site: em.getReference(Site, actor.site),
      key,
      definition: body as Definition,
      basedOn: latest?.version ?? null,
      // A draft edited from a variant keeps following the variant's upstream.
      upstream: input.upstream !== undefined ? input.upstream : (latest?.upstream ?? null),
      updatedAt: now,
      updatedBy: actor.username,
    });
  }
  try {
    await em.flush();
  } catch (err) {
    // A draft made by another tab between reading and writing: the unique key refuses the second.
    if (err instanceof OptimisticLockError || err instanceof UniqueConstraintViolationException)
      throw appError(
        'STALE_REVISION',
        'Het concept is intussen door iemand anders opgeslagen',
        'The draft was saved by someone else meanwhile',
      );
    throw err;
  }
  return { draft, problems };
}

const draftGone = () =>
  appError(
    'STALE_REVISION',
    'Het concept is intussen gepubliceerd of weggegooid',
    'The draft was published or discarded meanwhile',
    [
      {
        path: 'revision',
        message: { nl: 'Er is nu geen concept', en: 'There is no draft now' },
      },
    ],
  );

/** The draft becomes version N+1, frozen; the draft is gone. Refused while it has errors. */
export async function publish(
  em: EntityManager,
  actor: Actor,
  key: string,
  { revision, note }: { revision?: number; note?: string },
  now: Date,
) {
  return em.fork().transactional(async (tem) => {
    const draft = await draftOf(tem, actor.site, key);
    if (revision !== undefined && revision !== draft.revision) {
      throw appError('STALE_REVISION', 'Het concept is intussen gewijzigd', 'The draft changed meanwhile');
    }
    const errors = errorsOnly(await offload.run('validateDefinition', draft.definition));
    if (errors.length) {
      throw fromProblems(
        'INVALID_DEFINITION',
        { nl: `Het concept heeft nog ${errors.length} fout(en)`, en: `The draft still has ${errors.length} error(s)` },
        errors,
      );
    }
    const latest = await latestVersionOf(tem, actor.site, key);
    const version = (latest?.version ?? 0) + 1;
    const wv = tem.create(WorkflowVersion, {
      site: tem.getReference(Site, actor.site),
      key,
      version,
      subject: draft.definition.subject,
      definition: { ...draft.definition, version },
      publishedAt: now,
      publishedBy: actor.username,
      note: note?.trim() || null,
      upstream: draft.upstream ?? null,
    });
    tem.remove(draft);
    await tem.flush();
    const running = await runningByVersion(tem, actor.site, key);
    return { wv, running };
  });
}

/** The latest version of a workflow and its open cases per version (404 for a workflow the site lacks). */
export async function runningOf(em: EntityManager, site: string, key: string) {
  const latest = await latestVersion(em, site, key);
  return { latestVersion: latest.version, running: await runningByVersion(em, site, key) };
}

/** Open cases per version of a workflow: what a new version leaves behind, to migrate. */
export async function runningByVersion(
  em: EntityManager,
  site: string,
  key: string,
): Promise<{ version: number; cases: number }[]> {
  const open = await em.find(
    Case,
    { site, workflowKey: key, outcome: null },
    { populate: ['workflow'], fields: ['id', 'snapshot', 'workflow.version'] },
  );
  const counts = new Map<number, number>();
  for (const c of open)
    if (c.snapshot.status === 'active') counts.set(c.workflow.version, (counts.get(c.workflow.version) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([version, cases]) => ({ version, cases }));
}

export interface MigrationInput {
  from: number;
  to: number;
  stateMap?: Record<string, string>;
  dryRun: boolean;
  /** The cases the manager approved; all cases without errors when left out. */
  cases?: string[];
}

/**
 * Moves running cases of one version to another with a state mapping. The dry run lists every
 * affected case with where it would land and its problems; applying is one transaction, with
 * one history row per case naming the migration.
 */
export async function migrateCases(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  key: string,
  input: MigrationInput,
  now: Date,
  options: TimeOptions = {},
) {
  const versions = await em.find(WorkflowVersion, { site: actor.site, key, version: { $in: [input.from, input.to] } });
  const fromV = versions.find((v) => v.version === input.from);
  const toV = versions.find((v) => v.version === input.to);
  if (!fromV || !toV) {
    throw notFound({
      nl: `Versie ${!fromV ? input.from : input.to} van '${key}'`,
      en: `Version ${!fromV ? input.from : input.to} of '${key}'`,
    });
  }
  if (input.from === input.to)
    throw appError('BAD_REQUEST', 'Van- en naar-versie zijn gelijk', 'From and to are the same version');
  const fromDef = await cache.get(em, fromV.id);
  const toDef = await cache.get(em, toV.id);
  const stateMap = { ...suggestStateMap(fromDef, toDef), ...(input.stateMap ?? {}) };

  const run = async (tem: EntityManager) => {
    const open = await tem.find(
      Case,
      { site: actor.site, workflow: fromV.id, outcome: null },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const cases = open.filter((c) => c.snapshot.status === 'active');
    const plans = cases.map((c) => ({ c, plan: planCaseMigration(fromDef, toDef, c.snapshot, stateMap) }));
    const approved = input.cases ? new Set(input.cases) : undefined;
    if (approved) {
      const unknown = [...approved].filter((id) => !cases.some((c) => c.id === id));
      if (unknown.length) {
        throw appError(
          'BAD_REQUEST',
          'Niet elke gekozen casus loopt op deze versie',
          'Not every chosen case runs on this version',
          unknown.map((id) => ({
            path: `cases.${id}`,
            message: { nl: 'Niet op deze versie of al afgesloten', en: 'Not on this version or already closed' },
          })),
        );
      }
    }
    const chosen = plans.filter(({ c, plan }) => (approved ? approved.has(c.id) : !!plan.to));
    if (!input.dryRun) {
      const blocked = chosen.filter(({ plan }) => !plan.to);
      if (blocked.length) {
        throw fromProblems(
          'INVALID_FORM',
          {
            nl: `${blocked.length} gekozen casus(sen) kunnen niet over: hun stap heeft geen plek`,
            en: `${blocked.length} chosen case(s) cannot move: their step is not mapped`,
          },
          blocked.flatMap(({ c, plan }) =>
            plan.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, path: `cases.${c.id}.${p.path}` })),
          ),
        );
      }
    }
    let migrationId: string | undefined;
    if (!input.dryRun && chosen.length) {
      migrationId = randomUUID();
      tem.create(WorkflowMigration, {
        id: migrationId,
        site: tem.getReference(Site, actor.site),
        key,
        fromVersion: input.from,
        toVersion: input.to,
        stateMap,
        caseCount: chosen.length,
        by: actor.username,
        at: now,
      });
      for (const { c, plan } of chosen) {
        const moved = migrateSnapshot(toDef, c.snapshot, plan.to!, now, options);
        const fromState = c.state;
        c.workflow = toV;
        storeChange(tem, c, toDef, moved.snapshot, now, {
          actor: actor.username,
          event: migrationEvent,
          from: fromState,
          data: { migration: migrationId, fromVersion: input.from, toVersion: input.to },
        });
        await tem.nativeUpdate(Timer, { case: c.id, status: 'scheduled' }, { status: 'cancelled' });
        await recordTimerEffects(
          tem,
          c,
          withDeadlines(toDef, undefined, moved.snapshot, moved.timers, now, options),
          now,
        );
      }
    }
    return {
      migrationId,
      stateMap,
      plans,
      chosen: new Set(chosen.map(({ c }) => c.id)),
      fromDef,
      toDef,
    };
  };
  return input.dryRun ? run(em) : em.fork().transactional(run);
}

/** What a migration (or its dry run) found and did, for presenting. */
export type MigrationResult = Awaited<ReturnType<typeof migrateCases>>;
