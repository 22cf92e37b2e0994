import { queryOptions } from '@tanstack/react-query';
import type { Definition } from '../../../engine';
import { api, ApiError } from '../lib/api';
import { keys } from '../lib/query';

/** The latest published version of a workflow: what the designer shows until editing starts. */
export const latestQuery = (key: string) =>
  queryOptions({ queryKey: keys.workflow.latest(key), queryFn: () => api.workflow(key) });

/** A published version; it never changes, so it is asked for once. */
export const versionQuery = (key: string, version: number) =>
  queryOptions({
    queryKey: keys.workflow.version(key, version),
    queryFn: () => api.workflowVersion(key, version),
    staleTime: Infinity,
  });

/**
 * The draft; no draft yet is an answer (null), not an error. Always asked anew when editing
 * starts, so a reload after a conflict gets what the other person saved.
 */
export const draftQuery = (key: string) =>
  queryOptions({
    queryKey: keys.workflow.draft(key),
    queryFn: () =>
      api.draft(key).catch((err) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err))),
    staleTime: 0,
  });

/** Every published version with who, when and why, and its running cases per step (newest first). */
export const versionsQuery = (key: string) =>
  queryOptions({ queryKey: keys.workflow.versions(key), queryFn: () => api.versions(key) });

/** Where each running case would land with this mapping of steps: a dry run, which changes nothing. */
export const migrationPlanQuery = (
  key: string,
  plan: { from: number; to: number; stateMap?: Record<string, string> },
) =>
  queryOptions({
    queryKey: keys.workflow.migration(key, plan),
    queryFn: () => api.migrate(key, { ...plan, dryRun: true }),
  });

/** Where editing starts without a draft: the published version, whose number publishing sets anew. */
export function unversioned(def: Definition): Definition {
  const { version: _v, ...rest } = def;
  return rest as Definition;
}

/**
 * A page of recorded histories to replay. Histories only grow, and a replay asks for them again
 * when run again: a minute is recent enough, and spares the server while a draft is tried out.
 */
export const historiesQuery = (key: string, page: { from?: string; to?: string; offset: number; limit: number }) =>
  queryOptions({
    queryKey: keys.workflow.histories(key, page),
    queryFn: () => api.histories(key, page),
    staleTime: 60_000,
  });
