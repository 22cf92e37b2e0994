import { useMutation } from '@tanstack/react-query';
import { api, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { endSession } from '../../lib/query';
import { useRoute } from '../../lib/router';
import { Link } from '../../components/Link';
import { MyPortfolio } from './MyPortfolio';
import { MyWeek } from './MyWeek';
import { HelpButton } from './HelpButton';
import { studentWords } from './words';

/** A student's own view, phone first: their portfolio, their week, and help one tap away. */
export function StudentApp({ user, languageButton }: { user: User; languageButton: React.ReactNode }) {
  const { locale } = useI18n();
  const w = studentWords[locale];
  const route = useRoute();
  const logout = useMutation({ mutationFn: api.logout, onSettled: endSession });
  const week = route.page === 'my-week';
  return (
    <div className="own">
      <header className="own-top">
        <strong>{w.hello(user.displayName.split(' ')[0])}</strong>
        <span className="spacer" />
        {languageButton}
        <button className="link" disabled={logout.isPending} onClick={() => logout.mutate()}>
          {w.logout}
        </button>
      </header>
      <nav className="own-tabs" aria-label="menu">
        <Link to="/" aria-current={week ? undefined : 'page'}>
          {w.portfolio}
        </Link>
        <Link to="/mijn-week" aria-current={week ? 'page' : undefined}>
          {w.week}
        </Link>
      </nav>
      <main className="own-main">{week ? <MyWeek /> : <MyPortfolio />}</main>
      <HelpButton />
    </div>
  );
}
