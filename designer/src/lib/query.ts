import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * Query keys per resource, so a mutation invalidates exactly what it changed. A key starts with
 * the resource's name; lists add their filter object, so two filters never share an answer.
 */
export const keys = {
  me: ['me'] as const,
  workflows: ['workflows'] as const,
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
