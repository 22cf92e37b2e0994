import {
  formSchema,
  say,
  stateLabel,
  titleFor,
  type Change,
  type Locale,
  type MergeItem,
  type Problem,
  type Viewer,
} from '../../engine';
import type { MigrationResult, WorkflowListing } from '../commands/workflows';
import type { VersionListing } from '../commands/versions';
import type { IWorkflowDraft, IWorkflowVersion } from '../db/entities';
import type {
  MigrationResponseT,
  PublishResponseT,
  VersionListT,
  WorkflowSummaryT,
  WorkflowVersionViewT,
} from '../contract';

export const presentProblems = (problems: Problem[], locale: Locale) =>
  problems.map((p) => ({ path: p.path, message: say(p.message, locale), severity: p.severity }));

/**
 * A draft with who saved it last by name (`updatedByName`: the caller's when they just saved it)
 * and its problems, as the command that read or saved it found them (off the request thread).
 */
export const presentDraft = (d: IWorkflowDraft, problems: Problem[], locale: Locale, updatedByName: string) => ({
  key: d.key,
  revision: d.revision,
  ...(d.basedOn ? { basedOn: d.basedOn } : {}),
  ...(d.upstream ? { upstream: { site: d.upstream.site, key: d.upstream.key, version: d.upstream.version } } : {}),
  updatedAt: d.updatedAt.toISOString(),
  updatedBy: d.updatedBy,
  updatedByName,
  definition: d.definition,
  problems: presentProblems(problems, locale),
});

export const presentChange = (c: Change, locale: Locale) => ({
  kind: c.kind,
  element: c.element,
  path: c.path,
  text: say(c.text, locale),
  ...(c.parts ? { parts: c.parts.map((p) => say(p, locale)) } : {}),
});

export const presentMergeItem = (i: MergeItem, locale: Locale) => ({
  path: i.path,
  paths: i.paths,
  ...(i.upstream ? { upstream: presentChange(i.upstream, locale) } : {}),
  ...(i.local ? { local: presentChange(i.local, locale) } : {}),
  conflict: i.conflict,
  default: i.default,
});

export const presentWorkflow = ({ latest, versions, hasDraft }: WorkflowListing, locale: Locale): WorkflowSummaryT => ({
  key: latest.key,
  title: say(latest.definition.title, locale),
  subject: latest.subject,
  latestVersion: latest.version,
  versions,
  hasDraft,
  startForm: formSchema(latest.definition, latest.definition.startForm),
});

export const presentVersion = (wv: IWorkflowVersion): WorkflowVersionViewT => ({
  key: wv.key,
  version: wv.version,
  publishedAt: wv.publishedAt.toISOString(),
  definition: wv.definition,
});

/** The version list: who published each version, when and why, and where its open cases stand. */
export const presentVersionList = (key: string, list: VersionListing[], locale: Locale): VersionListT => ({
  key,
  items: list.map(({ wv, publishedByName, steps }) => ({
    version: wv.version,
    publishedAt: wv.publishedAt.toISOString(),
    ...(publishedByName ? { publishedBy: publishedByName } : {}),
    ...(wv.note ? { note: wv.note } : {}),
    running: steps.reduce((n, s) => n + s.cases, 0),
    steps: steps.map((s) => ({ ...s, label: say(stateLabel(wv.definition, s.state), locale) })),
  })),
});

export const presentPublished = (wv: IWorkflowVersion, running: PublishResponseT['running']): PublishResponseT => ({
  key: wv.key,
  version: wv.version,
  publishedAt: wv.publishedAt.toISOString(),
  running,
});

/** Each case of a migration with where it stands, where it would land, and why it cannot. */
export function presentMigration(
  input: { from: number; to: number; dryRun: boolean },
  r: MigrationResult,
  who: Viewer,
  locale: Locale,
): MigrationResponseT {
  const labels = (def: MigrationResult['fromDef'], paths: string[]) =>
    paths.map((p) => say(stateLabel(def, p), locale)).join(', ');
  return {
    ...(r.migrationId ? { migration: r.migrationId } : {}),
    from: input.from,
    to: input.to,
    dryRun: input.dryRun,
    stateMap: r.stateMap,
    moved: r.migrationId ? r.chosen.size : 0,
    cases: r.plans.map(({ c, plan }) => ({
      id: c.id,
      title: titleFor(r.fromDef, c, who, locale),
      from: plan.from.join(', '),
      fromLabel: labels(r.fromDef, plan.from),
      ...(plan.to ? { to: plan.to.join(', '), toLabel: labels(r.toDef, plan.to) } : {}),
      chosen: r.chosen.has(c.id),
      problems: presentProblems(plan.problems, locale),
    })),
  };
}
