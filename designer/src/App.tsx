import { lazy, Suspense, useEffect, useState } from 'react';
import { api, ApiError, setApiLocale, type User } from './api';
import { useI18n } from './i18n';
import { Login } from './Login';
import { CaseList } from './CaseList';
import { CaseDetail } from './CaseDetail';
import { Worklist } from './Worklist';
import { Board } from './Board';
import { Presence, presenceWords } from './Presence';
import { Meeting } from './Meeting';
import { Users } from './Users';
import { designerWords } from './designer/words';
import { functionNames } from './team';
import { Sharing } from './Sharing';

// The charts library is large: the report page loads it only when opened.
const Reports = lazy(() => import('./Reports').then((m) => ({ default: m.Reports })));
// The designer brings React Flow and elk: loaded when a process is opened.
const ProcessPages = lazy(() => import('./designer/Designer').then((m) => ({ default: m.ProcessPages })));
import { navigate, useRoute } from './router';

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [user, setUser] = useState<User | null>();
  const route = useRoute();
  setApiLocale(locale);

  useEffect(() => {
    api.me().then(setUser, (err) => {
      if (err instanceof ApiError && err.status === 401) setUser(null);
      else setUser(null);
    });
  }, []);

  const languageButton = (
    <button className="link" onClick={() => setLocale(locale === 'nl' ? 'en' : 'nl')} lang={locale === 'nl' ? 'en' : 'nl'}>
      {t.language}
    </button>
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
        <a href="/" className="brand" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
          {t.appName} <span className="muted">{user.site}</span>
        </a>
        <nav className="nav" aria-label="menu">
          <a href="/werklijst" aria-current={route.page === 'worklist' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/werklijst'); }}>
            {t.worklist}
          </a>
          <a href="/" aria-current={route.page === 'cases' || route.page === 'case' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/'); }}>
            {t.cases}
          </a>
          <a href="/bord" aria-current={route.page === 'board' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/bord'); }}>
            {t.board}
          </a>
          <a href="/overleg" aria-current={route.page === 'meeting' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/overleg'); }}>
            {t.meeting}
          </a>
          <a href="/aanwezigheid" aria-current={route.page === 'presence' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/aanwezigheid'); }}>
            {presenceWords[locale].title}
          </a>
          <a href="/processen" aria-current={route.page === 'processes' || route.page === 'designer' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/processen'); }}>
            {designerWords[locale].processes}
          </a>
          {user.role === 'admin' && (
            <a href="/gebruikers" aria-current={route.page === 'users' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/gebruikers'); }}>
              {t.users}
            </a>
          )}
          {user.role !== 'staff' && (
            <a href="/delen" aria-current={route.page === 'sharing' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/delen'); }}>
              {t.sharing}
            </a>
          )}
          {user.role !== 'staff' && (
            <a href="/rapportage" aria-current={route.page === 'reports' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate('/rapportage'); }}>
              {t.reports}
            </a>
          )}
        </nav>
        <span className="spacer" />
        <span className="muted">{user.displayName} ({user.function ? functionNames[locale][user.function] : user.role})</span>
        {languageButton}
        <button className="link" onClick={() => api.logout().finally(() => setUser(null))}>{t.logout}</button>
      </header>
      {route.page === 'case' ? <CaseDetail key={route.id} id={route.id} /> : route.page === 'worklist' ? <Worklist /> : route.page === 'board' ? <Board /> : route.page === 'presence' ? <Presence /> : route.page === 'meeting' ? <Meeting /> : route.page === 'users' ? <Users /> : route.page === 'sharing' ? <Sharing /> : route.page === 'processes' || route.page === 'designer' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <ProcessPages workflowKey={route.page === 'designer' ? route.key : undefined} user={user} />
        </Suspense>
      ) : route.page === 'reports' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <Reports />
        </Suspense>
      ) : <CaseList />}
    </>
  );
}
