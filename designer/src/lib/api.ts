import type { Static } from '@sinclair/typebox';
import type { Locale } from '../../../engine/text';
import type { Definition, StaffFunction } from '../../../engine/definition';
import type * as C from '../../../server/contract';

// Every request and answer below is typed by the contract's schemas (server/contract/), the ones
// the server validates and serializes with; nothing here restates a shape of its own.

/** The codes of the server's error catalog. */
export type ErrorCode = C.ErrorResponseBody['error']['code'];
export type ErrorDetail = NonNullable<C.ErrorResponseBody['error']['details']>[number];

/** An answer the server gave with an error body: its code, message and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

const failures = {
  nl: {
    offline: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    status: (status: number) => `De server antwoordde met fout ${status}.`,
    unexpected: 'Er ging iets mis',
  },
  en: {
    offline: 'The server cannot be reached. Check the connection and try again.',
    status: (status: number) => `The server answered with error ${status}.`,
    unexpected: 'Something went wrong',
  },
};

let locale: Locale = 'nl';
export function setApiLocale(l: Locale) {
  locale = l;
}

/**
 * An error as a person reads it: the server's message (in the language the app asked for) and
 * where each detail points. What did not come from the server is said in the app's language too.
 */
export function describeError(err: unknown, l: Locale = locale): { message: string; details: ErrorDetail[] } {
  if (err instanceof ApiError) return { message: err.message, details: err.details };
  // fetch rejects with a TypeError when no answer came at all.
  if (err instanceof TypeError) return { message: failures[l].offline, details: [] };
  return { message: `${failures[l].unexpected}: ${err instanceof Error ? err.message : String(err)}`, details: [] };
}

/** An error in one line: the message and where each detail points. */
export function errorText(err: unknown): string {
  const { message, details } = describeError(err);
  return [message, ...details.map((d) => `${d.path}: ${d.message}`)].join(' · ');
}

/** `asText`: the body goes as it is, JSON (true) or of the type named (an SCXML or BPMN file). */
async function call<T>(method: string, url: string, body?: unknown, asText: boolean | string = false): Promise<T> {
  const type = typeof asText === 'string' ? asText : 'application/json';
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'accept-language': locale, ...(body !== undefined ? { 'content-type': type } : {}) },
    // A package file goes as it is: the server judges its text (size, nesting, JSON) itself.
    body: body !== undefined ? (asText ? String(body) : JSON.stringify(body)) : undefined,
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (json as C.ErrorResponseBody | undefined)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'INTERNAL',
      e?.message ?? failures[locale].status(res.status),
      e?.details,
    );
  }
  return json as T;
}

/** A query string of the values that are set. */
function query(q: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  );
  return params.size ? `?${params}` : '';
}

const at = (...parts: (string | number)[]) => `/api/${parts.map((p) => encodeURIComponent(p)).join('/')}`;

// The contract leaves a definition (and the start form) as unknown JSON: their own schemas are
// the engine's. The app reads them as the engine's types.
type WithDefinition<T> = Omit<T, 'definition'> & { definition: Definition };

export type User = C.UserViewT;
export type WorkflowSummary = C.WorkflowSummaryT;
export type WorkflowVersion = WithDefinition<Static<typeof C.WorkflowVersionView>>;
export type Draft = WithDefinition<C.DraftViewT>;
export type CaseView = C.CaseViewT;
export type CaseList = C.CaseListT;
export type CaseQuery = Partial<Static<typeof C.CaseQuery>>;
export type HistoryEntry = C.HistoryEntryT;
export type Links = C.CaseLinksT;
export type WorklistItem = C.WorklistItemT;
export type WorklistQuery = Partial<Static<typeof C.WorklistQuery>>;
export type Board = C.BoardViewT;
export type BoardQuery = C.BoardQueryT;
export type MeetingRow = C.MeetingRowT;
export type Outcomes = C.OutcomesResponseT;
export type OutcomesQuery = Static<typeof C.OutcomesQuery>;
export type PresenceView = C.PresenceViewT;
export type PresenceEntry = C.PresenceEntryT;
export type PresenceStatus = C.PresenceStatusT;
export type AbsenceReason = C.AbsenceReasonT;
export type CallOutcome = C.CallOutcomeT;
export type CallEntry = C.CallEntryT;
export type WeekView = C.WeekViewT;
export type SessionStatus = C.SessionStatusT;
export type NewUser = Static<typeof C.CreateUserBody>;
export type Account = C.AccountViewT;
export type AccountChange = C.AccountChangeViewT;
export type AccountUpdate = C.UpdateUserBodyT;
export type CaseOwners = C.CaseOwnersViewT;
export type CaseTimer = C.CaseTimerViewT;
export type CaseDeadline = C.CaseDeadlineViewT;
export type CalendarView = C.CalendarViewT;
export type SignalView = C.SignalViewT;
export type Portfolio = C.PortfolioViewT;
export type StudentWeek = C.StudentWeekT;
export type HelpView = C.HelpViewT;
export type OnCallView = C.OnCallViewT;
export type GroupActivityList = C.GroupActivityListT;
export type SiteCalendar = CalendarView['calendar'];

/** The request bodies, each as its route's schema says. */
interface Body {
  login: Static<typeof C.LoginBody>;
  draft: Static<typeof C.SaveDraftBody>;
  publish: Static<typeof C.PublishBody>;
  merge: Static<typeof C.MergeBody>;
  newCase: Static<typeof C.CreateCaseBody>;
  event: Static<typeof C.EventBody>;
  sign: Static<typeof C.SignBody>;
  note: Static<typeof C.NoteBody>;
  signal: Static<typeof C.SignalBody>;
  closeSignal: Static<typeof C.CloseSignalBody>;
  redeem: Static<typeof C.RedeemBody>;
  help: Static<typeof C.HelpBody>;
  onCall: Static<typeof C.OnCallSchema>;
  activity: C.GroupActivityBodyT;
  activityCorrection: C.GroupActivityCorrectionT;
  correction: Static<typeof C.CorrectionBody>;
  void: Static<typeof C.VoidBody>;
  smallGroups: Static<typeof C.SmallGroupsBody>;
  places: Static<typeof C.PlacesBody>;
  presence: C.PresenceBodyT;
  user: C.UpdateUserBodyT;
  ownPassword: Static<typeof C.ChangeOwnPasswordBody>;
  owner: Static<typeof C.OwnerBody>;
  call: C.CallBodyT;
  session: C.SessionBodyT;
}

const presenceUrl = (caseId: string, day: string) => at('presence', caseId, day);

/** The server's HTTP API, one function per route the app uses. */
export const api = {
  me: () => call<User>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    call<C.LoginResponseT>('POST', '/api/auth/login', { username, password } satisfies Body['login']),
  logout: () => call<void>('POST', '/api/auth/logout'),

  workflows: () => call<{ items: WorkflowSummary[] }>('GET', '/api/workflows'),
  workflow: (key: string) => call<WorkflowVersion>('GET', at('workflows', key)),
  workflowVersion: (key: string, version: number) =>
    call<WorkflowVersion>('GET', at('workflows', key, 'versions', version)),
  draft: (key: string) => call<Draft>('GET', at('workflows', key, 'draft')),
  saveDraft: (key: string, definition: Definition, revision?: number) =>
    call<Draft>('PUT', at('workflows', key, 'draft'), { definition, revision } satisfies Body['draft']),
  discardDraft: (key: string) => call<void>('DELETE', at('workflows', key, 'draft')),
  publish: (key: string, revision?: number, note?: string) =>
    call<C.PublishResponseT>('POST', at('workflows', key, 'publish'), {
      ...(revision !== undefined ? { revision } : {}),
      ...(note ? { note } : {}),
    } satisfies Body['publish']),
  versions: (key: string) => call<C.VersionListT>('GET', at('workflows', key, 'versions')),
  histories: (key: string, q: Partial<C.HistoriesQueryT>) =>
    call<C.HistoriesPageT>('GET', `${at('workflows', key, 'histories')}${query(q)}`),
  migrate: (key: string, body: C.MigrationBodyT) =>
    call<C.MigrationResponseT>('POST', at('workflows', key, 'migrations'), body),
  importPackage: (text: string, dryRun: boolean) =>
    call<C.ImportResponseT>('POST', `/api/workflows/import${query({ dryRun: dryRun || undefined })}`, text, true),
  mergePackage: (key: string, text: string, choices: Body['merge']['choices']) =>
    call<C.MergeResponseT>('POST', at('workflows', key, 'merge'), { package: text, choices } satisfies Body['merge']),
  importBpmn: (text: string, dryRun: boolean, key?: string) =>
    call<C.BpmnImportResponseT>(
      'POST',
      `/api/workflows/import/bpmn${query({ dryRun: dryRun || undefined, key })}`,
      text,
      'application/bpmn+xml',
    ),
  importScxml: (key: string, text: string, dryRun: boolean) =>
    call<C.ScxmlImportResponseT>(
      'POST',
      `${at('workflows', key, 'scxml')}${query({ dryRun: dryRun || undefined })}`,
      text,
      'application/scxml+xml',
    ),

  cases: (q: CaseQuery) => call<CaseList>('GET', `/api/cases${query(q)}`),
  createCase: (workflow: string, data: Record<string, unknown>) =>
    call<CaseView>('POST', '/api/cases', { workflow, data } satisfies Body['newCase']),
  getCase: (id: string) => call<CaseView>('GET', at('cases', id)),
  sendEvent: (id: string, type: string, data: Record<string, unknown>, revision: number) =>
    call<CaseView>('POST', at('cases', id, 'events'), { type, data, revision } satisfies Body['event']),
  sign: (id: string, item: string, signed: boolean, revision: number) =>
    call<CaseView>('POST', at('cases', id, 'checklist'), { item, signed, revision } satisfies Body['sign']),
  note: (id: string, text: string, meeting: boolean) =>
    call<CaseView>('POST', at('cases', id, 'notes'), { text, meeting } satisfies Body['note']),
  history: (id: string) => call<Static<typeof C.HistoryList>>('GET', at('cases', id, 'history')),
  signals: () => call<Static<typeof C.SignalList>>('GET', '/api/signals'),
  signal: (caseId: string, s: Body['signal']) =>
    call<C.SignalViewT>('POST', at('cases', caseId, 'signals'), s satisfies Body['signal']),
  closeSignal: (id: number, text: string) =>
    call<C.SignalViewT>('POST', at('signals', id, 'close'), { text } satisfies Body['closeSignal']),
  acknowledgeSignal: (id: number) => call<C.SignalViewT>('POST', at('signals', id, 'acknowledge')),
  invite: (caseId: string) => call<C.InvitationViewT>('POST', at('cases', caseId, 'invitation')),
  redeemInvitation: (code: string, password: string) =>
    call<C.LoginResponseT>('POST', '/api/auth/invitation', { code, password } satisfies Body['redeem']),
  portfolio: () => call<C.PortfolioViewT>('GET', '/api/me/portfolio'),
  myWeek: (week?: string) => call<C.StudentWeekT>('GET', `/api/me/week${query({ week })}`),
  myHelp: () => call<Static<typeof C.HelpState>>('GET', '/api/me/help'),
  askHelp: (body: Body['help']) => call<C.HelpViewT>('POST', '/api/me/help', body),
  onCall: () => call<C.OnCallViewT>('GET', '/api/sites/current/on-call'),
  activities: () => call<C.GroupActivityListT>('GET', '/api/activities'),
  recordActivity: (body: Body['activity']) => call<C.GroupActivityViewT>('POST', '/api/activities', body),
  correctActivity: (id: number, body: Body['activityCorrection']) =>
    call<C.GroupActivityViewT>('PUT', `/api/activities/${id}`, body),
  saveOnCall: (body: Body['onCall']) => call<C.OnCallViewT>('PUT', '/api/sites/current/on-call', body),
  correct: (id: string, body: Body['correction']) => call<CaseView>('POST', at('cases', id, 'corrections'), body),
  voidCase: (id: string, body: Body['void']) => call<CaseView>('POST', at('cases', id, 'void'), body),
  caseAccess: (id: string) => call<C.AccessLogListT>('GET', at('cases', id, 'access')),
  personAccess: (user?: string) => call<C.AccessLogListT>('GET', `/api/access-log${query({ user })}`),
  exportCase: (id: string) => call<C.PersonExportT>('GET', at('cases', id, 'export')),
  erase: (id: string) => call<CaseView>('POST', at('cases', id, 'erase')),
  retention: () => call<C.RetentionListT>('GET', '/api/retention/upcoming'),
  links: (id: string) => call<Links>('GET', at('cases', id, 'links')),
  owners: (id: string) => call<CaseOwners>('GET', at('cases', id, 'owners')),
  setOwner: (id: string, fn: StaffFunction, user: number | null) =>
    call<CaseOwners>('PUT', at('cases', id, 'owners', fn), { user } satisfies Body['owner']),

  worklist: (q: WorklistQuery) => call<Static<typeof C.Worklist>>('GET', `/api/worklist${query(q)}`),
  board: (q: BoardQuery) => call<Board>('GET', `/api/board${query(q)}`),
  meeting: () => call<Static<typeof C.MeetingList>>('GET', '/api/meeting'),
  outcomes: (period: OutcomesQuery) => call<Outcomes>('GET', `/api/metrics/outcomes${query(period)}`),
  setSmallGroups: (minimum: number) =>
    call<Body['smallGroups']>('PUT', '/api/metrics/small-groups', { minimum } satisfies Body['smallGroups']),
  setPlaces: (workflow: string, places: number | null) =>
    call<Static<typeof C.PlacesResponse>>('PUT', '/api/metrics/places', { workflow, places } satisfies Body['places']),
  waitingList: () => call<C.WaitingListsResponseT>('GET', '/api/waiting-list'),
  presence: (day?: string, moment?: string) => call<PresenceView>('GET', `/api/presence${query({ day, moment })}`),
  setPresence: (
    caseId: string,
    day: string,
    p: { status: PresenceStatus; moment?: string; reason?: AbsenceReason; note?: string },
  ) => call<PresenceEntry>('PUT', presenceUrl(caseId, day), p satisfies Body['presence']),
  recordCall: (caseId: string, day: string, moment: string, outcome: CallOutcome) =>
    call<C.CallRecordT>('POST', `${presenceUrl(caseId, day)}/calls`, { moment, outcome } satisfies Body['call']),
  undoCall: (id: number) => call<C.CallRecordT>('POST', at('presence', 'calls', id, 'undo')),
  week: (week?: string) => call<WeekView>('GET', `/api/planning/week${query({ week })}`),
  recordSession: (clientId: string, day: string, halfDay: string, status: SessionStatus, hours?: number) =>
    call<C.SessionViewT>('PUT', at('sessions', clientId, day, halfDay), {
      status,
      ...(hours !== undefined ? { hours } : {}),
    } satisfies Body['session']),
  removeSession: (clientId: string, day: string, halfDay: string) =>
    call<void>('DELETE', at('sessions', clientId, day, halfDay)),
  markCalled: (caseId: string, day: string) => call<PresenceEntry>('POST', `${presenceUrl(caseId, day)}/called`),

  changeOwnPassword: (current: string, password: string) =>
    call<void>('POST', '/api/auth/password', { current, password } satisfies Body['ownPassword']),

  calendar: () => call<CalendarView>('GET', '/api/sites/current/calendar'),
  saveCalendar: (calendar: SiteCalendar) => call<CalendarView>('PUT', '/api/sites/current/calendar', calendar),

  users: () => call<{ items: Account[] }>('GET', '/api/users'),
  createUser: (u: NewUser) => call<Account>('POST', '/api/users', u),
  updateUser: (id: number, change: Body['user']) => call<Account>('PATCH', at('users', id), change),
  resetPassword: (id: number) => call<Static<typeof C.ResetView>>('POST', at('users', id, 'password')),
  accountChanges: (user?: number) =>
    call<{ items: AccountChange[] }>('GET', `/api/users/changes${query({ user, limit: 100 })}`),
};
