import { say, type Locale, type Problem } from '../../engine';
import type { BpmnPreview, ImportPreview } from '../commands/sharing';
import type { ImportResponseT } from '../contract';
import type { IWorkflowDraft } from '../db/entities';
import { presentChange, presentDraft, presentMergeItem, presentProblems } from './workflows';

/** The draft an import made, with its problems and who made it. */
type Made = { draft: IWorkflowDraft; problems: Problem[]; byName: string };

/** What importing a package would change (a dry run), or did: then with the draft it made. */
export function presentImport(p: ImportPreview, locale: Locale, made?: Made): ImportResponseT {
  return {
    key: p.key,
    latestVersion: p.latestVersion,
    hasDraft: p.hasDraft,
    provenance: p.pkg.provenance,
    sha256: p.pkg.sha256,
    title: say(p.pkg.definition.title, locale),
    changes: p.changes.map((c) => presentChange(c, locale)),
    warnings: presentProblems(p.warnings, locale),
    ...(p.merge
      ? {
          merge: {
            base: { site: p.merge.base.site, key: p.merge.base.key, version: p.merge.base.version },
            items: p.merge.items.map((i) => presentMergeItem(i, locale)),
          },
        }
      : {}),
    ...(made ? { draft: presentDraft(made.draft, made.problems, locale, made.byName) } : {}),
  };
}

/** What importing a BPMN process would change (a dry run), or did: then with the draft it made. */
export function presentBpmnImport(p: BpmnPreview, locale: Locale, made?: Made) {
  return {
    key: p.key,
    latestVersion: p.latestVersion,
    hasDraft: p.hasDraft,
    complete: p.complete,
    title: say(p.definition.title, locale),
    changes: p.changes.map((c) => presentChange(c, locale)),
    warnings: presentProblems(p.warnings, locale),
    problems: presentProblems(p.problems, locale),
    ...(made ? { draft: presentDraft(made.draft, made.problems, locale, made.byName) } : {}),
  };
}
