import { lazy, Suspense, useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorText, setApiLocale, type User } from './lib/api';
import { useI18n } from './lib/i18n';
import { keys } from './lib/query';
import { Login } from './pages/login/Login';
import { CaseList } from './pages/cases/CaseList';
import { CaseDetail } from './pages/cases/CaseDetail';
import { Worklist } from './pages/worklist/Worklist';
import { Board } from './pages/board/Board';
import { Presence, presenceWords } from './pages/presence/Presence';
import { Meeting } from './pages/meeting/Meeting';
import { Users } from './pages/users/Users';
import { designerWords } from './process-designer/model/words';
import { functionNames } from './lib/team';
import { Sharing } from './pages/sharing/Sharing';

// The charts library is large: the report page loads it only when opened.
const Reports = lazy(() => import('./pages/reports/Reports').then((m) => ({ default: m.Reports })));
// The designer brings React Flow and elk: loaded when a process is opened.
const ProcessPages = lazy(() => import('./process-designer/Designer').then((m) => ({ default: m.ProcessPages })));
import { navigate, useRoute } from './lib/router';

export function App() {
  const { t, locale, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const route = useRoute();
  setApiLocale(locale);
  const me = useQuery({
    queryKey: keys.me,
    // Not logged in is an answer, not an error: the login page is shown.
    queryFn: () =>
      api.me().catch((err) => (err instanceof ApiError && err.status === 401 ? null : Promise.reject(err))),
    staleTime: Infinity,
  });
  const user = me.data;
  const setUser = (u: User | null) => {
    // Another person may log in next on this tablet: nothing of the last one stays cached.
    if (u === null) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, u);
  };
  const lastLocale = useRef(locale);
  useEffect(() => {
    // Answers carry labels in the language asked for: a switch asks again.
    if (lastLocale.current === locale) return;
    lastLocale.current = locale;
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  }, [locale, queryClient]);

  const languageButton = (
    <button
      className="link"
      onClick={() => setLocale(locale === 'nl' ? 'en' : 'nl')}
      lang={locale === 'nl' ? 'en' : 'nl'}
    >
      {t.language}
    </button>
  );

  if (me.isError)
    return (
      <p className="page" role="alert">
        {errorText(me.error)}
      </p>
    );
  if (user === undefined) return <p className="page">{t.loading}</p>;
  if (user === null) {
    return (
      <>
        <div className="topbar">{languageButton}</div>
        <Login onLogin={setUser} />
      </>
    );
  }
  return (
    <>
      <header className="topbar">
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          {t.appName} <span className="muted">{user.site}</span>
        </a>
        <nav className="nav" aria-label="menu">
          <a
            href="/werklijst"
            aria-current={route.page === 'worklist' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/werklijst');
            }}
          >
            {t.worklist}
          </a>
          <a
            href="/"
            aria-current={route.page === 'cases' || route.page === 'case' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            {t.cases}
          </a>
          <a
            href="/bord"
            aria-current={route.page === 'board' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/bord');
            }}
          >
            {t.board}
          </a>
          <a
            href="/overleg"
            aria-current={route.page === 'meeting' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/overleg');
            }}
          >
            {t.meeting}
          </a>
          <a
            href="/aanwezigheid"
            aria-current={route.page === 'presence' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/aanwezigheid');
            }}
          >
            {presenceWords[locale].title}
          </a>
          <a
            href="/processen"
            aria-current={route.page === 'processes' || route.page === 'designer' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/processen');
            }}
          >
            {designerWords[locale].processes}
          </a>
          {user.role === 'admin' && (
            <a
              href="/gebruikers"
              aria-current={route.page === 'users' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/gebruikers');
              }}
            >
              {t.users}
            </a>
          )}
          {user.role !== 'staff' && (
            <a
              href="/delen"
              aria-current={route.page === 'sharing' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/delen');
              }}
            >
              {t.sharing}
            </a>
          )}
          {user.role !== 'staff' && (
            <a
              href="/rapportage"
              aria-current={route.page === 'reports' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/rapportage');
              }}
            >
              {t.reports}
            </a>
          )}
        </nav>
        <span className="spacer" />
        <span className="muted">
          {user.displayName} ({user.function ? functionNames[locale][user.function] : user.role})
        </span>
        {languageButton}
        <button className="link" onClick={() => api.logout().finally(() => setUser(null))}>
          {t.logout}
        </button>
      </header>
      {route.page === 'case' ? (
        <CaseDetail key={route.id} id={route.id} />
      ) : route.page === 'worklist' ? (
        <Worklist />
      ) : route.page === 'board' ? (
        <Board />
      ) : route.page === 'presence' ? (
        <Presence />
      ) : route.page === 'meeting' ? (
        <Meeting />
      ) : route.page === 'users' ? (
        <Users />
      ) : route.page === 'sharing' ? (
        <Sharing />
      ) : route.page === 'processes' || route.page === 'designer' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <ProcessPages workflowKey={route.page === 'designer' ? route.key : undefined} user={user} />
        </Suspense>
      ) : route.page === 'reports' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <Reports />
        </Suspense>
      ) : (
        <CaseList />
      )}
    </>
  );
}
