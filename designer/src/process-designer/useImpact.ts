import { useDeferredValue, useMemo } from 'react';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { Definition } from '../../../engine';
import type { WorkflowVersion } from '../lib/api';
import { publishImpact, type Impact, type RunningStep } from './model/impact';
import { versionQuery, versionsQuery } from './queries';

/** The definitions by version once every one has come; a stable function, so its answer is kept between renders. */
const definitionsByVersion = (answers: UseQueryResult<WorkflowVersion>[]) =>
  answers.every((a) => a.data)
    ? new Map(answers.map((a) => [a.data!.version, a.data!.definition] as const))
    : undefined;

/**
 * What publishing the draft would do to the running cases (see `model/impact.ts`), from the
 * version list's counts and the definitions of the versions that still have cases. Nothing until
 * both are there, or without a draft.
 */
export function useImpact(workflowKey: string, published: Definition | undefined, edited: Definition | undefined) {
  // Comparing with every version that has cases takes a moment on a large workflow: never in an edit's frame.
  const draft = useDeferredValue(edited);
  const versions = useQuery({ ...versionsQuery(workflowKey), enabled: !!draft });
  const withCases = (versions.data?.items ?? []).filter((v) => v.running > 0).map((v) => v.version);
  const defs = useQueries({
    queries: withCases.map((v) => versionQuery(workflowKey, v)),
    combine: definitionsByVersion,
  });
  const impact = useMemo((): Impact | undefined => {
    if (!published || !draft || !versions.data || !defs) return undefined;
    const running: RunningStep[] = versions.data.items.flatMap((v) =>
      v.steps.map((s) => ({ version: v.version, ...s })),
    );
    return publishImpact(published, draft, running, defs);
  }, [published, draft, versions.data, defs]);
  return { impact, versions: versions.data, error: versions.error };
}
