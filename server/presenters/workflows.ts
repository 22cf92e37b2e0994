import { say, validateDefinition, type Change, type Locale, type MergeItem, type Problem } from '../../engine';
import type { IWorkflowDraft } from '../db/entities';

export const presentProblems = (problems: Problem[], locale: Locale) =>
  problems.map((p) => ({ path: p.path, message: say(p.message, locale), severity: p.severity }));

export const presentDraft = (d: IWorkflowDraft, locale: Locale) => ({
  key: d.key,
  revision: d.revision,
  ...(d.basedOn ? { basedOn: d.basedOn } : {}),
  ...(d.upstream ? { upstream: { site: d.upstream.site, key: d.upstream.key, version: d.upstream.version } } : {}),
  updatedAt: d.updatedAt.toISOString(),
  updatedBy: d.updatedBy,
  definition: d.definition,
  problems: presentProblems(validateDefinition(d.definition), locale),
});

export const presentChange = (c: Change, locale: Locale) => ({
  kind: c.kind,
  element: c.element,
  path: c.path,
  text: say(c.text, locale),
});

export const presentMergeItem = (i: MergeItem, locale: Locale) => ({
  path: i.path,
  paths: i.paths,
  ...(i.upstream ? { upstream: presentChange(i.upstream, locale) } : {}),
  ...(i.local ? { local: presentChange(i.local, locale) } : {}),
  conflict: i.conflict,
  default: i.default,
});
