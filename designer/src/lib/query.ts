import {
  MutationCache,
  QueryCache,
  QueryClient,
  queryOptions,
  skipToken,
  type InvalidateQueryFilters,
} from '@tanstack/react-query';
import type { subjects } from '../../../engine/definition';
import { api, ApiError, type BoardQuery, type CaseQuery, type OutcomesQuery, type WorklistQuery } from './api';

type Subject = (typeof subjects)[number];

/**
 * Query keys per resource, so a mutation invalidates exactly what it changed. A key starts with
 * the resource's name; lists add their filter object, so two filters never share an answer. A
 * case's own key is the prefix of its history's, so invalidating a case covers both.
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
    /** Every published version: who, when, why, and its running cases per step. */
    versions: (key: string) => ['workflow', key, 'versions'] as const,
    /** A page of the recorded histories of the cases started in a period, to replay. */
    histories: (key: string, page: { from?: string; to?: string; offset: number; limit: number }) =>
      ['workflow', key, 'histories', page] as const,
    /** A migration's dry run: where each case would land with this mapping. */
    migrations: (key: string) => ['workflow', key, 'migration'] as const,
    migration: (key: string, plan: { from: number; to: number; stateMap?: Record<string, string> }) =>
      ['workflow', key, 'migration', plan] as const,
  },
  casesAll: ['cases'] as const,
  cases: (filter: CaseQuery) => ['cases', filter] as const,
  /** The running cases of one subject, offered by a form's case picker. */
  caseChoices: (subject: Subject) => ['cases', { subject, open: true }] as const,
  case: (id: string) => ['case', id] as const,
  history: (id: string) => ['case', id, 'history'] as const,
  owners: (id: string) => ['case', id, 'owners'] as const,
  /** Links have two ends: a change on one case can change the links another shows. */
  linksAll: ['links'] as const,
  links: (id: string) => ['links', id] as const,
  worklistAll: ['worklist'] as const,
  worklist: (filter: WorklistQuery) => ['worklist', filter] as const,
  boardAll: ['board'] as const,
  board: (filter: BoardQuery) => ['board', filter] as const,
  meeting: ['meeting'] as const,
  waitingList: ['waiting-list'] as const,
  signals: ['signals'] as const,
  /** A student's own pages: their portfolio, their week, their call for help. */
  portfolio: ['own', 'portfolio'] as const,
  myWeek: ['own', 'week'] as const,
  myHelp: ['own', 'help'] as const,
  onCall: ['on-call'] as const,
  activities: ['activities'] as const,
  /** The same day can be asked for as "today" and by its date: both sit below this prefix. */
  presenceAll: ['presence'] as const,
  presence: (day: string | undefined, moment?: string) => ['presence', day ?? 'today', moment ?? 'now'] as const,
  /** A week of the planning board; help sessions and absences change it. */
  weekAll: ['week'] as const,
  week: (week: string | undefined) => ['week', week ?? 'this'] as const,
  outcomesAll: ['outcomes'] as const,
  outcomes: (period: OutcomesQuery) => ['outcomes', period] as const,
  users: ['users'] as const,
  /** Below the accounts: a change to one is a row in the record too (the site's, or one account's). */
  accountChanges: (user?: number) => ['users', 'changes', user ?? 'all'] as const,
  /** The site's calendar (its time zone and closed periods). */
  calendar: ['calendar'] as const,
  /** Every case's own answers, for a change that moves every date shown. */
  casesOwn: ['case'] as const,
};

/** Each resource's key with the request that answers it: pages and prefetches ask the same way. */
export const queries = {
  /** Who is logged in; not logged in is an answer (the login page), not an error. */
  me: () =>
    queryOptions({
      queryKey: keys.me,
      queryFn: () =>
        api.me().catch((err: unknown) => (err instanceof ApiError && err.status === 401 ? null : Promise.reject(err))),
      staleTime: Infinity,
    }),
  workflows: () => queryOptions({ queryKey: keys.workflows, queryFn: api.workflows, select: (r) => r.items }),
  /** A published version never changes: it is asked for once (and not before it is known). */
  workflowVersion: (ref: { key: string; version: number } | undefined) =>
    queryOptions({
      queryKey: keys.workflow.version(ref?.key ?? '', ref?.version ?? 0),
      queryFn: ref ? () => api.workflowVersion(ref.key, ref.version) : skipToken,
      staleTime: Infinity,
    }),
  cases: (filter: CaseQuery) => queryOptions({ queryKey: keys.cases(filter), queryFn: () => api.cases(filter) }),
  caseChoices: (subject: Subject) =>
    queryOptions({
      queryKey: keys.caseChoices(subject),
      queryFn: async () => {
        const workflows = (await queryClient.fetchQuery(queries.workflows())).items;
        const lists = await Promise.all(
          workflows
            .filter((w) => w.subject === subject)
            .map((w) => api.cases({ workflow: w.key, open: true, limit: 200 })),
        );
        return lists.flatMap((l) => l.items).sort((a, b) => a.title.localeCompare(b.title));
      },
      // Every form that picks a case opens on this one answer; the app's own changes invalidate it.
      staleTime: 60_000,
    }),
  case: (id: string) => queryOptions({ queryKey: keys.case(id), queryFn: () => api.getCase(id) }),
  history: (id: string) =>
    queryOptions({ queryKey: keys.history(id), queryFn: () => api.history(id), select: (r) => r.items }),
  links: (id: string) => queryOptions({ queryKey: keys.links(id), queryFn: () => api.links(id) }),
  worklist: (filter: WorklistQuery) =>
    queryOptions({ queryKey: keys.worklist(filter), queryFn: () => api.worklist(filter) }),
  board: (filter: BoardQuery) => queryOptions({ queryKey: keys.board(filter), queryFn: () => api.board(filter) }),
  meeting: () => queryOptions({ queryKey: keys.meeting, queryFn: api.meeting, select: (r) => r.items }),
  waitingList: () => queryOptions({ queryKey: keys.waitingList, queryFn: api.waitingList }),
  signals: () => queryOptions({ queryKey: keys.signals, queryFn: api.signals, select: (r) => r.items }),
  portfolio: () => queryOptions({ queryKey: keys.portfolio, queryFn: api.portfolio }),
  myWeek: () => queryOptions({ queryKey: keys.myWeek, queryFn: () => api.myWeek() }),
  myHelp: () => queryOptions({ queryKey: keys.myHelp, queryFn: api.myHelp, select: (r) => r.current }),
  onCall: () => queryOptions({ queryKey: keys.onCall, queryFn: api.onCall }),
  activities: () => queryOptions({ queryKey: keys.activities, queryFn: api.activities }),
  presence: (day: string | undefined, moment?: string) =>
    queryOptions({ queryKey: keys.presence(day, moment), queryFn: () => api.presence(day, moment) }),
  week: (week: string | undefined) => queryOptions({ queryKey: keys.week(week), queryFn: () => api.week(week) }),
  outcomes: (period: OutcomesQuery) =>
    queryOptions({ queryKey: keys.outcomes(period), queryFn: () => api.outcomes(period) }),
  owners: (id: string) => queryOptions({ queryKey: keys.owners(id), queryFn: () => api.owners(id) }),
  users: () => queryOptions({ queryKey: keys.users, queryFn: api.users, select: (r) => r.items }),
  accountChanges: (user?: number) =>
    queryOptions({
      queryKey: keys.accountChanges(user),
      queryFn: () => api.accountChanges(user),
      select: (r) => r.items,
    }),
  calendar: () => queryOptions({ queryKey: keys.calendar, queryFn: api.calendar }),
};

const stale = (...filters: InvalidateQueryFilters[]) =>
  Promise.all(filters.map((f) => queryClient.invalidateQueries(f)));

/**
 * What each kind of change on the server makes stale; every mutation names its kind. `fresh`: the
 * page took the case's own answers from the server together already, they need no second asking.
 */
export const changed = {
  /**
   * A case was made or took a step: its data and history, the links on both ends, and every page
   * that lists cases by their step (lists, pickers, worklist, board, meeting, presence, reports).
   */
  caseMoved: (id?: string, { fresh = false } = {}) =>
    stale(
      ...(id && !fresh ? [{ queryKey: keys.case(id) }] : []),
      { queryKey: keys.linksAll, predicate: (q) => !fresh || q.queryKey[1] !== id },
      { queryKey: keys.casesAll },
      { queryKey: keys.worklistAll },
      { queryKey: keys.boardAll },
      { queryKey: keys.meeting },
      { queryKey: keys.presenceAll },
      { queryKey: keys.weekAll },
      { queryKey: keys.outcomesAll },
      { queryKey: keys.waitingList },
    ),
  /** An item was signed off: the case, its history, what waits to be signed and the progress shown. */
  caseSigned: (id: string, { fresh = false } = {}) =>
    stale(
      ...(fresh ? [] : [{ queryKey: keys.case(id) }]),
      { queryKey: keys.casesAll },
      { queryKey: keys.worklistAll },
      { queryKey: keys.boardAll },
      { queryKey: keys.meeting },
    ),
  /** A note was added: the case's history and the meeting's last note; lists show the new revision. */
  caseNoted: (id: string) =>
    stale(
      { queryKey: keys.case(id) },
      { queryKey: keys.casesAll },
      { queryKey: keys.boardAll },
      { queryKey: keys.meeting },
    ),
  /** A signal was given or closed: the open signals, and the student's history. */
  signal: (caseId: string) => stale({ queryKey: keys.signals }, { queryKey: keys.case(caseId) }),
  /** Someone else became responsible for a case: its history says so, and whose cases come first. */
  caseOwned: (id: string) =>
    stale(
      // Its revision moved too: the case's own key covers the history.
      { queryKey: keys.case(id), predicate: (q) => q.queryKey[2] !== 'owners' },
      { queryKey: keys.casesAll },
      { queryKey: keys.worklistAll },
      { queryKey: keys.boardAll },
    ),
  /** Presence or a call: the day's lists, and the week whose board shows absences. */
  presence: () => stale({ queryKey: keys.presenceAll }, { queryKey: keys.weekAll }),
  /** A help session: the board that shows it, the day's residents waiting, and the report's hours. */
  session: () => stale({ queryKey: keys.weekAll }, { queryKey: keys.presenceAll }, { queryKey: keys.outcomesAll }),
  /** An account changed; when it is the person's own, so are their session and their worklist. */
  user: (own: boolean) =>
    stale({ queryKey: keys.users }, ...(own ? [{ queryKey: keys.me }, { queryKey: keys.worklistAll }] : [])),
  /**
   * The site's calendar changed: every date that counts open days may move, so the calendar, each
   * case (its timers, deadlines and plan), and what shows deadlines or progress.
   */
  calendar: () =>
    stale(
      { queryKey: keys.calendar },
      { queryKey: keys.casesOwn },
      { queryKey: keys.worklistAll },
      { queryKey: keys.boardAll },
      { queryKey: keys.meeting },
    ),
  /** The stuurgroep's small-group minimum changed: the report says it. */
  smallGroups: () => stale({ queryKey: keys.outcomesAll }),
  /** A workflow's places changed: the report, the waiting list and whose turn it is on the worklist. */
  places: () => stale({ queryKey: keys.outcomesAll }, { queryKey: keys.waitingList }, { queryKey: keys.worklistAll }),
  /** A workflow got a new draft or version: the list (versions, draft flags) and its own answers. */
  workflow: (key: string) => stale({ queryKey: keys.workflows }, { queryKey: keys.workflow.all(key) }),
};

/** The session ended (expired, logged out elsewhere): the app shows the login page. */
const endedSession = (err: unknown) =>
  err instanceof ApiError && err.status === 401 && err.code !== 'INVALID_CREDENTIALS';

/** Another person may log in next on this tablet: nothing of the last one stays cached. */
export function endSession() {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  queryClient.setQueryData(keys.me, null);
}

function onError(err: unknown) {
  if (endedSession(err)) endSession();
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
