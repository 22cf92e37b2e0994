import { lazy, Suspense, useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setApiLocale, type User } from './lib/api';
import { useI18n } from './lib/i18n';
import { endSession, keys, queries } from './lib/query';
import { audiencePages, pageRoles, redirect, useRoute, type Route } from './lib/router';
import { Link } from './components/Link';
import { ErrorMessage } from './components/ErrorMessage';
import { Login } from './pages/login/Login';
import { CaseList } from './pages/cases/CaseList';
import { CaseDetail } from './pages/cases/CaseDetail';
import { Worklist } from './pages/worklist/Worklist';
import { Board } from './pages/board/Board';
import { Presence, presenceWords } from './pages/presence/Presence';
import { Meeting } from './pages/meeting/Meeting';
import { WaitingList, waitingWords } from './pages/waiting/WaitingList';
import { Planning, planningWords } from './pages/planning/Planning';
import { Users } from './pages/users/Users';
import { designerWords } from './process-designer/model/words';
import { teamTitle } from './lib/team';
import { Sharing } from './pages/sharing/Sharing';
import { Account } from './pages/account/Account';
import { NotYourPage } from './components/NotYourPage';
import { roleAllows } from '../../engine/roles';
import { isLimitedRole } from '../../engine/people';
import { Calendar } from './pages/calendar/Calendar';
import { Privacy } from './pages/privacy/Privacy';
import { PersonExport } from './pages/privacy/PersonExport';
import { StudentApp } from './pages/student/StudentApp';
import { OnCall, onCallWords } from './pages/oncall/OnCall';
import { Activities, activityWords } from './pages/activities/Activities';
import { HelpAlert } from './pages/worklist/HelpAlert';
import { useLiveSignals } from './lib/live';

// The charts library is large: the report page loads it only when opened.
const Reports = lazy(() => import('./pages/reports/Reports').then((m) => ({ default: m.Reports })));
// The designer brings React Flow and elk: loaded when a process is opened.
const ProcessPages = lazy(() => import('./process-designer/Designer').then((m) => ({ default: m.ProcessPages })));

export function App() {
  const { t, locale, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const route = useRoute();
  setApiLocale(locale);
  const me = useQuery(queries.me());
  const user = me.data;
  // A role outside staff opens its own pages only; any other address lands on its home.
  const own = user && isLimitedRole(user.role) ? audiencePages[user.role] : undefined;
  const elsewhere = own?.home !== undefined && !own.pages.includes(route.page);
  useEffect(() => {
    if (elsewhere && own?.home) redirect(own.home);
  }, [elsewhere, own?.home]);
  const logout = useMutation({ mutationFn: api.logout, onSettled: endSession });
  // Every open staff page hears of a call for help at once.
  useLiveSignals(!!user && !isLimitedRole(user.role));
  const switchLocale = () => {
    const next = locale === 'nl' ? 'en' : 'nl';
    setApiLocale(next);
    setLocale(next);
    // Answers carry labels in the language asked for: a switch asks again.
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  };

  const languageButton = (
    <button className="link" onClick={switchLocale} lang={locale === 'nl' ? 'en' : 'nl'}>
      {t.language}
    </button>
  );

  if (me.isError)
    return (
      <div className="page">
        <ErrorMessage error={me.error} />
      </div>
    );
  if (user === undefined) return <p className="page">{t.loading}</p>;
  if (user === null) {
    return (
      <>
        <div className="topbar">{languageButton}</div>
        <Login onLogin={(u: User) => queryClient.setQueryData(keys.me, u)} />
      </>
    );
  }
  if (user.role === 'student') return <StudentApp user={user} languageButton={languageButton} />;
  const title = teamTitle(user, locale);
  const mayOpen = (page: Route['page']) => {
    const lowest = pageRoles[page];
    // A student or the stuurgroep opens its own pages only: the server refuses them every staff route.
    if (isLimitedRole(user.role)) return audiencePages[user.role].pages.includes(page);
    return !lowest || roleAllows([lowest], user.role);
  };
  // Where each entry goes, and on which pages it is the current one (the first names its roles).
  const menu: { to: string; label: string; current: Route['page'][]; shown?: boolean }[] = [
    { to: '/werklijst', label: t.worklist, current: ['worklist'] },
    { to: '/', label: t.cases, current: ['cases', 'case'] },
    { to: '/bord', label: t.board, current: ['board'] },
    { to: '/overleg', label: t.meeting, current: ['meeting'] },
    { to: '/wachtlijst', label: waitingWords[locale].title, current: ['waiting'] },
    { to: '/aanwezigheid', label: presenceWords[locale].title, current: ['presence'] },
    { to: '/planning', label: planningWords[locale].title, current: ['planning'] },
    { to: '/activiteiten', label: activityWords[locale].title, current: ['activities'] },
    {
      to: '/processen',
      label: designerWords[locale].processes,
      current: ['processes', 'designer', 'workflow', 'migration'],
    },
    { to: '/gebruikers', label: t.users, current: ['users'] },
    { to: '/delen', label: t.sharing, current: ['sharing'] },
    // Everyone reads the calendar (a staff member opening it sees it unchangeable); only who keeps it finds it in the menu.
    { to: '/kalender', label: t.calendar, current: ['calendar'], shown: user.role !== 'staff' },
    { to: '/bereikbaarheid', label: onCallWords[locale].title, current: ['oncall'] },
    { to: '/rapportage', label: t.reports, current: ['reports'] },
    { to: '/privacy', label: 'Privacy', current: ['privacy', 'export'] },
  ];
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          {t.appName} <span className="muted">{user.site}</span>
        </Link>
        <nav className="nav" aria-label="menu">
          {menu
            .filter((m) => m.shown !== false && mayOpen(m.current[0]))
            .map((m) => (
              <Link key={m.to} to={m.to} aria-current={m.current.includes(route.page) ? 'page' : undefined}>
                {m.label}
              </Link>
            ))}
        </nav>
        <span className="spacer" />
        {/* Who is logged in, the language and logging out stay together when the bar wraps. */}
        <span className="account-bar">
          <Link
            to="/account"
            className="who"
            title={t.myAccount}
            aria-current={route.page === 'account' ? 'page' : undefined}
            data-testid="who"
          >
            {user.displayName}
            {/* The site's first admin is called after the role: said once. */}
            {title.toLowerCase() !== user.displayName.toLowerCase() && <span className="muted">{` · ${title}`}</span>}
          </Link>
          {languageButton}
          <button className="link" disabled={logout.isPending} onClick={() => logout.mutate()}>
            {t.logout}
          </button>
        </span>
      </header>
      <HelpAlert />
      {elsewhere ? null : !mayOpen(route.page) ? (
        <NotYourPage
          page={menu.find((m) => m.current.includes(route.page))?.label ?? ''}
          lowest={pageRoles[route.page]!}
          user={user}
        />
      ) : route.page === 'account' ? (
        <Account user={user} />
      ) : route.page === 'oncall' ? (
        <OnCall />
      ) : route.page === 'activities' ? (
        <Activities />
      ) : route.page === 'privacy' ? (
        <Privacy />
      ) : route.page === 'export' ? (
        <PersonExport id={route.id} />
      ) : route.page === 'case' ? (
        <CaseDetail key={route.id} id={route.id} />
      ) : route.page === 'worklist' ? (
        <Worklist />
      ) : route.page === 'board' ? (
        <Board />
      ) : route.page === 'presence' ? (
        <Presence />
      ) : route.page === 'planning' ? (
        <Planning />
      ) : route.page === 'meeting' ? (
        <Meeting />
      ) : route.page === 'waiting' ? (
        <WaitingList />
      ) : route.page === 'users' ? (
        <Users />
      ) : route.page === 'sharing' ? (
        <Sharing />
      ) : route.page === 'calendar' ? (
        <Calendar canEdit={user.role !== 'staff'} />
      ) : route.page === 'processes' ||
        route.page === 'designer' ||
        route.page === 'workflow' ||
        route.page === 'migration' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <ProcessPages route={route} user={user} />
        </Suspense>
      ) : route.page === 'reports' ? (
        <Suspense fallback={<p className="page">{t.loading}</p>}>
          <Reports stuurgroep={user.role === 'stuurgroep'} />
        </Suspense>
      ) : (
        <CaseList />
      )}
    </>
  );
}
