import type { Role } from '../../../engine/definition';
import { oneOf, personTitle, roleNames, rolesFrom } from '../../../engine/people';
import type { User } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { Link } from './Link';

/**
 * A page opened by its address by someone whose role it is not for: said plainly, instead of a
 * form the server would refuse on submit.
 */
export function NotYourPage({ page, lowest, user }: { page: string; lowest: Role; user: User }) {
  const { locale } = useI18n();
  const who = oneOf(rolesFrom([lowest]).map((r) => roleNames[r]))[locale];
  const you = personTitle(user)[locale];
  return (
    <main className="page">
      <h1>{page}</h1>
      <div className="notice" role="alert" data-testid="not-your-page">
        {locale === 'nl' ? (
          <p>
            Deze pagina is alleen voor een {who}. Je bent ingelogd als {you}; vraag een {who} als je hier iets nodig
            hebt.
          </p>
        ) : (
          <p>
            This page is only for a {who}. You are logged in as a {you}; ask a {who} if you need something here.
          </p>
        )}
        <p>
          <Link to="/werklijst">{locale === 'nl' ? 'Naar je werklijst' : 'To your worklist'}</Link>
        </p>
      </div>
    </main>
  );
}
