import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * Query keys per resource, so a mutation invalidates exactly what it changed. A key starts with
 * the resource's name; lists add their filter object, so two filters never share an answer.
 */
export const keys = {
  me: ['me'] as const,
  workflows: ['workflows'] as const,
  /** One workflow in the process designer: everything of it starts with `workflow.all(key)`. */
  workflow: {
    all: (key: string) => ['workflow', key] as const,
    /** The latest published version. */
    latest: (key: string) => ['workflow', key, 'latest'] as const,
    version: (key: string, version: number) => ['workflow', key, 'version', version] as const,
    /** The draft (null when there is none). */
    draft: (key: string) => ['workflow', key, 'draft'] as const,
    /** How many running cases each version has. */
    running: (key: string) => ['workflow', key, 'running'] as const,
    /** A migration's dry run: where each case would land with this mapping. */
    migrations: (key: string) => ['workflow', key, 'migration'] as const,
    migration: (key: string, plan: { from: number; to: number; stateMap?: Record<string, string> }) =>
      ['workflow', key, 'migration', plan] as const,
  },
};

/** The session ended (expired, logged out elsewhere): the app shows the login page. */
const endedSession = (err: unknown) =>
  err instanceof ApiError && err.status === 401 && err.code !== 'INVALID_CREDENTIALS';

function onError(err: unknown) {
  if (endedSession(err)) queryClient.setQueryData(keys.me, null);
}

/**
 * The app's one store of server state. A 401 anywhere sends the person to the login page; a
 * client's mistake (4xx) is not retried, a passing server failure is, once.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 1,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
    mutations: { retry: false },
  },
});
