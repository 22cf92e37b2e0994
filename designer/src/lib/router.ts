import { useEffect, useState } from 'react';
import type { Role } from '../../../engine/definition';
import type { LimitedRole } from '../../../engine/people';

/** The few pages of the app, from the address bar, so a dossier can be bookmarked and shared. */
export type Route =
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'reports' }
  | { page: 'worklist' }
  | { page: 'board' }
  | { page: 'meeting' }
  /** Who waits for a place, first come first served, and who is offered one now. */
  | { page: 'waiting' }
  | { page: 'users' }
  | { page: 'presence' }
  | { page: 'planning' }
  | { page: 'processes' }
  | { page: 'designer'; key: string }
  /** A workflow's versions, its draft, and moving running cases to another version. */
  | { page: 'workflow'; key: string }
  | { page: 'migration'; key: string; from?: number }
  | { page: 'sharing' }
  | { page: 'calendar' }
  | { page: 'account' }
  /** Data care: what retention pseudonymises next, and whose dossiers a person looked at. */
  | { page: 'privacy' }
  /** Everything about one case's person, printable (a request under AVG art. 15). */
  | { page: 'export'; id: string }
  /** The on-call rota: which coördinator students reach on which weekday. */
  | { page: 'oncall' }
  /** Group activities and excursions: the list, and recording one. */
  | { page: 'activities' }
  /** A student's own week (their portfolio is their `/`). */
  | { page: 'my-week' };

/**
 * The lowest role each page is for (a higher role may too); the others are for everyone. The menu
 * offers a page only to its roles, and a page opened by its address says it is not theirs instead
 * of drawing a form the server would refuse.
 */
export const pageRoles: Partial<Record<Route['page'], Role>> = {
  users: 'admin',
  sharing: 'manager',
  reports: 'manager',
  // A workflow's draft, its running cases and moving them: the projectleider's (the server's too).
  workflow: 'manager',
  migration: 'manager',
  // Data care: the access log, retention and a person's export are the projectleider's.
  privacy: 'manager',
  export: 'manager',
  oncall: 'manager',
};

/**
 * What a role outside staff opens: only these pages (the server serves it nothing else), and
 * any other address lands on its home.
 */
export const audiencePages: Record<LimitedRole, { home?: string; pages: readonly Route['page'][] }> = {
  student: { pages: [] },
  stuurgroep: { home: '/rapportage', pages: ['reports', 'account'] },
};

export function parseRoute(path: string): Route {
  const m = /^\/cases\/([^/]+)\/?$/.exec(path);
  if (m) return { page: 'case', id: decodeURIComponent(m[1]) };
  const x = /^\/cases\/([^/]+)\/export\/?$/.exec(path);
  if (x) return { page: 'export', id: decodeURIComponent(x[1]) };
  if (/^\/privacy\/?$/.test(path)) return { page: 'privacy' };
  const d = /^\/processen\/([a-z][a-z0-9-]*)\/?$/.exec(path);
  if (d) return { page: 'designer', key: d[1] };
  const v = /^\/processen\/([a-z][a-z0-9-]*)\/versies\/?$/.exec(path);
  if (v) return { page: 'workflow', key: v[1] };
  const o = /^\/processen\/([a-z][a-z0-9-]*)\/overzetten(?:\/(\d+))?\/?$/.exec(path);
  if (o) return { page: 'migration', key: o[1], ...(o[2] ? { from: Number(o[2]) } : {}) };
  if (/^\/processen\/?$/.test(path)) return { page: 'processes' };
  if (/^\/rapportage\/?$/.test(path)) return { page: 'reports' };
  if (/^\/werklijst\/?$/.test(path)) return { page: 'worklist' };
  if (/^\/bord\/?$/.test(path)) return { page: 'board' };
  if (/^\/aanwezigheid\/?$/.test(path)) return { page: 'presence' };
  if (/^\/planning\/?$/.test(path)) return { page: 'planning' };
  if (/^\/overleg\/?$/.test(path)) return { page: 'meeting' };
  if (/^\/wachtlijst\/?$/.test(path)) return { page: 'waiting' };
  if (/^\/gebruikers\/?$/.test(path)) return { page: 'users' };
  if (/^\/delen\/?$/.test(path)) return { page: 'sharing' };
  if (/^\/account\/?$/.test(path)) return { page: 'account' };
  if (/^\/kalender\/?$/.test(path)) return { page: 'calendar' };
  if (/^\/bereikbaarheid\/?$/.test(path)) return { page: 'oncall' };
  if (/^\/activiteiten\/?$/.test(path)) return { page: 'activities' };
  if (/^\/mijn-week\/?$/.test(path)) return { page: 'my-week' };
  return { page: 'cases' };
}

/** Moves to a page; `state` travels with it (and stays with the page in the browser's history). */
export function navigate(path: string, state: unknown = null) {
  history.pushState(state, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Moves to a page in place of this one: the way back skips the address that was not theirs. */
export function redirect(path: string) {
  history.replaceState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return route;
}
