import type { Locale } from '../../../engine/text';
import type {
  DraftViewT,
  MigrationBodyT,
  MigrationResponseT,
  PublishResponseT,
  RunningViewT,
} from '../../../server/contract/workflows';
import type {
  BpmnImportResponseT,
  ImportResponseT,
  MergeResponseT,
  ScxmlImportResponseT,
} from '../../../server/contract';
import type {
  BoardViewT,
  CaseLinksT,
  CaseListT,
  MeetingRowT,
  CaseViewT,
  ErrorResponseBody,
  HistoryEntryT,
  LoginResponseT,
  OutcomesResponseT,
  PresenceEntryT,
  PresenceStatusT,
  PresenceViewT,
  UserViewT,
  WorkflowSummaryT,
  WorklistItemT,
} from '../../../server/contract';
import type { Definition, StaffFunction } from '../../../engine/definition';

/** An answer the server gave with an error body: its code, message and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** An error in one line for a person: the server's message and where each detail points. */
export function errorText(err: unknown): string {
  return err instanceof ApiError
    ? [err.message, ...err.details.map((d) => `${d.path}: ${d.message}`)].join(' · ')
    : String(err);
}

let locale: Locale = 'nl';
export function setApiLocale(l: Locale) {
  locale = l;
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
    const e = (json as ErrorResponseBody | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}

export type CaseView = CaseViewT;
export type HistoryEntry = HistoryEntryT;
export type WorkflowSummary = WorkflowSummaryT;
export type User = UserViewT;
export type Outcomes = OutcomesResponseT;

function query(q: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

export type WorklistItem = WorklistItemT;
export type Board = BoardViewT;
export type Links = CaseLinksT;
export type MeetingRow = MeetingRowT;
export type PresenceView = PresenceViewT;
export type PresenceEntry = PresenceEntryT;
export type PresenceStatus = PresenceStatusT;

const presenceUrl = (caseId: string, day: string) =>
  `/api/presence/${encodeURIComponent(caseId)}/${encodeURIComponent(day)}`;

export const api = {
  me: () => call<User>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    call<LoginResponseT>('POST', '/api/auth/login', { username, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  workflows: () => call<{ items: WorkflowSummary[] }>('GET', '/api/workflows'),
  workflowVersion: (key: string, version: number) =>
    call<{ key: string; version: number; definition: Definition }>(
      'GET',
      `/api/workflows/${encodeURIComponent(key)}/versions/${version}`,
    ),
  cases: (q: { workflow?: string; q?: string; open?: boolean; limit?: number; offset?: number }) => {
    const params = new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    return call<CaseListT>('GET', `/api/cases?${params}`);
  },
  createCase: (workflow: string, data: Record<string, unknown>) =>
    call<CaseView>('POST', '/api/cases', { workflow, data }),
  getCase: (id: string) => call<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`),
  sendEvent: (id: string, type: string, data: Record<string, unknown>, revision: number) =>
    call<CaseView>('POST', `/api/cases/${encodeURIComponent(id)}/events`, { type, data, revision }),
  sign: (id: string, item: string, signed: boolean, revision: number) =>
    call<CaseView>('POST', `/api/cases/${encodeURIComponent(id)}/checklist`, { item, signed, revision }),
  worklist: (q: {
    workflow?: string;
    kind?: 'action' | 'sign' | 'behind';
    function?: StaffFunction | 'all';
    limit?: number;
    offset?: number;
  }) =>
    call<{ items: WorklistItemT[]; function: StaffFunction | 'all'; total: number; limit: number; offset: number }>(
      'GET',
      `/api/worklist?${query(q)}`,
    ),
  board: (q: Record<string, string | boolean | undefined>) => call<BoardViewT>('GET', `/api/board?${query(q)}`),
  outcomes: (period: { from?: string; to?: string }) =>
    call<OutcomesResponseT>(
      'GET',
      `/api/metrics/outcomes?${new URLSearchParams(Object.entries(period).filter(([, v]) => v))}`,
    ),
  workflow: (key: string) =>
    call<{ key: string; version: number; definition: Definition }>('GET', `/api/workflows/${encodeURIComponent(key)}`),
  draft: (key: string) => call<DraftViewT>('GET', `/api/workflows/${encodeURIComponent(key)}/draft`),
  saveDraft: (key: string, definition: Definition, revision?: number) =>
    call<DraftViewT>('PUT', `/api/workflows/${encodeURIComponent(key)}/draft`, { definition, revision }),
  publish: (key: string, revision?: number) =>
    call<PublishResponseT>(
      'POST',
      `/api/workflows/${encodeURIComponent(key)}/publish`,
      revision !== undefined ? { revision } : {},
    ),
  running: (key: string) => call<RunningViewT>('GET', `/api/workflows/${encodeURIComponent(key)}/running`),
  migrate: (key: string, body: MigrationBodyT) =>
    call<MigrationResponseT>('POST', `/api/workflows/${encodeURIComponent(key)}/migrations`, body),
  users: () => call<{ items: User[] }>('GET', '/api/users'),
  createUser: (u: {
    username: string;
    password: string;
    role: User['role'];
    function?: StaffFunction;
    displayName?: string;
  }) => call<User>('POST', '/api/users', u),
  setUserFunction: (id: number, fn: StaffFunction | null) => call<User>('PATCH', `/api/users/${id}`, { function: fn }),
  meeting: () => call<{ items: MeetingRowT[] }>('GET', '/api/meeting'),
  note: (id: string, text: string, meeting: boolean) =>
    call<CaseView>('POST', `/api/cases/${encodeURIComponent(id)}/notes`, { text, meeting }),
  links: (id: string) => call<CaseLinksT>('GET', `/api/cases/${encodeURIComponent(id)}/links`),
  history: (id: string) => call<{ items: HistoryEntry[] }>('GET', `/api/cases/${encodeURIComponent(id)}/history`),
  presence: (day?: string) => call<PresenceViewT>('GET', `/api/presence?${query({ day })}`),
  setPresence: (caseId: string, day: string, status: PresenceStatusT, note?: string) =>
    call<PresenceEntryT>('PUT', presenceUrl(caseId, day), { status, note }),
  markCalled: (caseId: string, day: string) => call<PresenceEntryT>('POST', `${presenceUrl(caseId, day)}/called`),
  importPackage: (text: string, dryRun: boolean) =>
    call<ImportResponseT>('POST', `/api/workflows/import${dryRun ? '?dryRun=true' : ''}`, text, true),
  mergePackage: (key: string, text: string, choices: Record<string, 'upstream' | 'local'>) =>
    call<MergeResponseT>('POST', `/api/workflows/${encodeURIComponent(key)}/merge`, { package: text, choices }),
  importBpmn: (text: string, dryRun: boolean, key?: string) =>
    call<BpmnImportResponseT>(
      'POST',
      `/api/workflows/import/bpmn?${query({ dryRun: dryRun || undefined, key })}`,
      text,
      'application/bpmn+xml',
    ),
  importScxml: (key: string, text: string, dryRun: boolean) =>
    call<ScxmlImportResponseT>(
      'POST',
      `/api/workflows/${encodeURIComponent(key)}/scxml${dryRun ? '?dryRun=true' : ''}`,
      text,
      'application/scxml+xml',
    ),
};
