import type { EntityManager } from '@mikro-orm/core';
import {
  applyMerge,
  makePackage,
  onWorkflow,
  toBpmn,
  toScxml,
  threeWay,
  type Change,
  type Definition,
  type MergeItem,
  type Problem,
  type Side,
  type Upstream,
  type WorkflowPackage,
} from '../../engine';
import { WorkflowDraft, WorkflowVersion, type IWorkflowVersion } from '../db/entities';
import { appError, fromProblems, notFound } from '../errors';
import { offload } from '../offload';
import type { Actor } from '../auth/caller';
import { findDraft, latestVersionOf, publishedVersion, saveDraft } from './workflows';

/** A published version of the caller's site as a package, with its upstream as `basedOn`. */
export async function exportPackage(
  em: EntityManager,
  site: string,
  key: string,
  version: number | undefined,
  now: Date,
): Promise<WorkflowPackage> {
  const wv = await publishedVersion(em, site, key, version);
  const up = wv.upstream;
  return makePackage(wv.definition, {
    site,
    version: wv.version,
    exportedAt: now.toISOString(),
    basedOn: up ? { site: up.site, key: up.key, version: up.version } : null,
  });
}

/** The package's text read and checked by the engine, or a 422 naming every problem and its path. */
export async function packageFrom(text: string): Promise<{ pkg: WorkflowPackage; warnings: Problem[] }> {
  const read = await offload.run('readPackage', text);
  if (!read.ok) {
    throw fromProblems(
      'INVALID_PACKAGE',
      { nl: 'Dit pakket kan niet worden ingelezen', en: 'This package cannot be imported' },
      read.problems,
    );
  }
  return { pkg: read.package, warnings: read.warnings };
}

const upstreamOf = (pkg: WorkflowPackage): Upstream => ({
  site: pkg.provenance.site,
  key: pkg.provenance.key,
  version: pkg.provenance.version,
  sha256: pkg.sha256,
  definition: pkg.definition,
});

interface Local {
  key: string;
  latest: IWorkflowVersion | null;
  /** What the site has now: its draft, else its latest version. */
  definition: Definition | null;
  upstream: Upstream | null;
  hasDraft: boolean;
}

/**
 * The local workflow a package lands on: the one that follows the same upstream (a variant may
 * have renamed its key), else the one with the package's key.
 */
async function localFor(em: EntityManager, site: string, pkg: WorkflowPackage): Promise<Local> {
  const follows = (u: Upstream | null | undefined) =>
    !!u && u.site === pkg.provenance.site && u.key === pkg.provenance.key;
  const drafts = await em.find(WorkflowDraft, { site });
  const versions = await em.find(
    WorkflowVersion,
    { site },
    { orderBy: { version: 'desc' }, fields: ['key', 'version', 'upstream'] },
  );
  const latestKeys = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latestKeys.has(v.key)) latestKeys.set(v.key, v);
  const key =
    drafts.find((d) => follows(d.upstream))?.key ??
    [...latestKeys.values()].find((v) => follows(v.upstream))?.key ??
    pkg.definition.key;
  const latest = await latestVersionOf(em, site, key);
  const draft = drafts.find((d) => d.key === key);
  return {
    key,
    latest,
    definition: draft?.definition ?? (latest ? { ...latest.definition } : null),
    upstream: draft?.upstream ?? latest?.upstream ?? null,
    hasDraft: !!draft,
  };
}

export interface ImportPreview {
  pkg: WorkflowPackage;
  warnings: Problem[];
  key: string;
  latestVersion: number | null;
  hasDraft: boolean;
  /** From the site's current workflow (draft, else latest version) to the package. */
  changes: Change[];
  /** When the package is a newer version of the site's upstream: the three-way comparison. */
  merge?: { base: Upstream; items: MergeItem[] };
}

export async function previewImport(em: EntityManager, actor: Actor, text: string): Promise<ImportPreview> {
  const { pkg, warnings } = await packageFrom(text);
  const local = await localFor(em, actor.site, pkg);
  const newer =
    local.upstream &&
    local.upstream.site === pkg.provenance.site &&
    local.upstream.key === pkg.provenance.key &&
    local.upstream.sha256 !== pkg.sha256;
  return {
    pkg,
    warnings,
    key: local.key,
    latestVersion: local.latest?.version ?? null,
    hasDraft: local.hasDraft,
    changes: local.definition ? await offload.run('diffDefinitions', local.definition, pkg.definition) : [],
    ...(newer && local.definition
      ? {
          merge: {
            base: local.upstream!,
            items: threeWay(local.upstream!.definition, local.definition, pkg.definition),
          },
        }
      : {}),
  };
}

function checkSubject(local: Local, def: Definition) {
  if (local.latest && local.latest.subject !== def.subject) {
    throw appError(
      'INVALID_PACKAGE',
      `Het onderwerp van '${local.key}' is '${local.latest.subject}' en kan niet veranderen`,
      `The subject of '${local.key}' is '${local.latest.subject}' and cannot change`,
      [
        {
          path: 'definition.subject',
          message: { nl: `Moet '${local.latest.subject}' zijn`, en: `Must be '${local.latest.subject}'` },
        },
      ],
    );
  }
}

/**
 * The package becomes the draft of its workflow; published versions stay as they are. Refused
 * while a draft exists, so a manager's unpublished work is never replaced unseen.
 */
export async function importPackage(em: EntityManager, actor: Actor, text: string, now: Date) {
  const preview = await previewImport(em, actor, text);
  const { pkg } = preview;
  const local = await localFor(em, actor.site, pkg);
  if (local.hasDraft) {
    throw appError(
      'CONFLICT',
      `Er is al een concept van '${local.key}'; publiceer het of gooi het weg, of voeg samen`,
      `'${local.key}' already has a draft; publish or discard it, or merge`,
      [
        {
          path: 'definition.key',
          message: { nl: `Concept van '${local.key}' bestaat al`, en: `A draft of '${local.key}' exists` },
        },
      ],
    );
  }
  checkSubject(local, pkg.definition);
  // A site re-importing its own export keeps following whatever it followed.
  const upstream = pkg.provenance.site === actor.site ? local.upstream : upstreamOf(pkg);
  const { draft, problems } = await saveDraft(
    em,
    actor,
    local.key,
    { definition: { ...pkg.definition, key: local.key }, upstream },
    now,
  );
  return { preview, draft, problems };
}

/**
 * The three-way merge: the site's draft (or latest version) and a newer package of its upstream,
 * with the manager's choice per item; the result is the new draft, following the new upstream.
 */
export async function mergePackage(
  em: EntityManager,
  actor: Actor,
  key: string,
  input: { package: string; choices?: Record<string, Side> },
  now: Date,
) {
  const { pkg } = await packageFrom(input.package);
  const local = await localFor(em, actor.site, pkg);
  if (local.key !== key || !local.definition)
    throw notFound({ nl: `Workflow '${key}' die dit pakket volgt`, en: `Workflow '${key}' that follows this package` });
  if (!local.upstream) {
    throw appError(
      'NO_UPSTREAM',
      `'${key}' volgt geen bron; importeer het pakket in plaats van samen te voegen`,
      `'${key}' follows no upstream; import the package instead of merging`,
    );
  }
  checkSubject(local, pkg.definition);
  const items = threeWay(local.upstream.definition, local.definition, pkg.definition);
  const merged = applyMerge(local.upstream.definition, local.definition, pkg.definition, input.choices);
  const { draft, problems } = await saveDraft(
    em,
    actor,
    key,
    { definition: { ...merged, key }, upstream: upstreamOf(pkg) },
    now,
  );
  return { draft, items, problems };
}

/** The machine of a published version (latest unless given) in W3C SCXML. */
export async function exportScxml(
  em: EntityManager,
  site: string,
  key: string,
  version: number | undefined,
): Promise<string> {
  return toScxml((await publishedVersion(em, site, key, version)).definition);
}

/** A published version (latest unless given) as BPMN 2.0 with its diagram, for Camunda Modeler and bpmn.io. */
export async function exportBpmn(
  em: EntityManager,
  site: string,
  key: string,
  version: number | undefined,
): Promise<string> {
  return toBpmn((await publishedVersion(em, site, key, version)).definition);
}

/**
 * A machine drawn in another statechart tool replaces the machine of the workflow's draft (or of
 * a new draft from the latest version); fields, forms and reports stay. Refused with paths when
 * the SCXML holds what the engine cannot carry out; `warnings` say where the engine runs the
 * document differently from SCXML. A dry run stores nothing.
 */
export async function importScxml(
  em: EntityManager,
  actor: Actor,
  key: string,
  xml: string,
  now: Date,
  dryRun = false,
) {
  const read = await offload.run('fromScxml', xml);
  if (!read.ok)
    throw fromProblems(
      'INVALID_SCXML',
      { nl: 'Dit SCXML-bestand kan niet worden ingelezen', en: 'This SCXML file cannot be imported' },
      read.problems,
    );
  const draft = await findDraft(em, actor.site, key);
  const latest = await latestVersionOf(em, actor.site, key);
  const current = draft?.definition ?? latest?.definition;
  if (!current) throw notFound({ nl: `Workflow '${key}'`, en: `Workflow '${key}'` });
  const next = { ...current, machine: read.machine };
  const changes = await offload.run('diffDefinitions', current, next);
  if (dryRun) return { changes, warnings: read.warnings, problems: await offload.run('validateDefinition', next) };
  const saved = await saveDraft(em, actor, key, { definition: next }, now);
  return { ...saved, changes, warnings: read.warnings };
}

export interface BpmnPreview {
  key: string;
  latestVersion: number | null;
  hasDraft: boolean;
  /** Whether the file carried the whole workflow (our own export) or only its process. */
  complete: boolean;
  definition: Definition;
  /** From the site's draft (else latest version) to what the file gives. */
  changes: Change[];
  warnings: Problem[];
  /** What the draft would still lack before it can be published. */
  problems: Problem[];
}

/**
 * A BPMN file as the definition it would give: the workflow it lands on is the one of `key` (else
 * of the process's name); what BPMN cannot say comes from that workflow, or for a new one the
 * defaults (a name field, the given subject).
 */
export async function previewBpmn(
  em: EntityManager,
  actor: Actor,
  xml: string,
  options: { key?: string; subject?: Definition['subject'] },
): Promise<BpmnPreview> {
  const read = await offload.run('fromBpmn', xml);
  if (!read.ok)
    throw fromProblems(
      'INVALID_BPMN',
      { nl: 'Dit BPMN-bestand kan niet worden ingelezen', en: 'This BPMN file cannot be imported' },
      read.problems,
    );
  const key = options.key ?? read.definition.key;
  const draft = await findDraft(em, actor.site, key);
  const latest = await latestVersionOf(em, actor.site, key);
  const current = draft?.definition ?? latest?.definition ?? null;
  const definition = {
    ...(read.complete ? read.definition : onWorkflow(read.definition, current, options.subject)),
    key,
  };
  const problems = await offload.run('validateDefinition', definition);
  return {
    key,
    latestVersion: latest?.version ?? null,
    hasDraft: !!draft,
    complete: read.complete,
    definition,
    changes: current ? await offload.run('diffDefinitions', current, definition) : [],
    warnings: [...read.warnings, ...problems.filter((p) => p.severity === 'warning')],
    problems: problems.filter((p) => p.severity === 'error'),
  };
}

/** The BPMN file becomes the draft of its workflow, as a package does; refused while a draft exists. */
export async function importBpmn(
  em: EntityManager,
  actor: Actor,
  xml: string,
  options: { key?: string; subject?: Definition['subject'] },
  now: Date,
) {
  const preview = await previewBpmn(em, actor, xml, options);
  // As with a package: a new workflow comes in without errors (the designer opens a workflow once
  // it has a published version); an existing one may take a draft that still has some.
  if (preview.latestVersion === null && preview.problems.length)
    throw fromProblems(
      'INVALID_BPMN',
      {
        nl: 'Deze nieuwe workflow heeft nog fouten; los ze op in het bestand, of lees het proces in op een bestaande workflow',
        en: 'This new workflow still has errors; fix them in the file, or read the process in on an existing workflow',
      },
      preview.problems,
    );
  if (preview.hasDraft) {
    throw appError(
      'CONFLICT',
      `Er is al een concept van '${preview.key}'; publiceer het of gooi het weg`,
      `'${preview.key}' already has a draft; publish or discard it`,
      [
        {
          path: 'key',
          message: { nl: `Concept van '${preview.key}' bestaat al`, en: `A draft of '${preview.key}' exists` },
        },
      ],
    );
  }
  const { draft, problems } = await saveDraft(em, actor, preview.key, { definition: preview.definition }, now);
  return { preview, draft, problems };
}
