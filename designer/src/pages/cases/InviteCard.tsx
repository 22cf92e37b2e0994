import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';

const words = {
  nl: {
    title: 'Eigen account van de student',
    intro: 'De student ziet dan zelf het portfolio, de week en kan om hulp vragen. Geef de code persoonlijk.',
    invite: 'Student uitnodigen',
    again: 'Nieuwe code maken',
    username: 'Gebruikersnaam',
    code: 'Code',
    until: 'Geldig tot',
    once: 'De code is eenmalig en wordt maar één keer getoond.',
  },
  en: {
    title: "The student's own account",
    intro: 'The student then sees their portfolio and week and can ask for help. Hand the code over in person.',
    invite: 'Invite student',
    again: 'Make a new code',
    username: 'Username',
    code: 'Code',
    until: 'Valid until',
    once: 'The code works once and is shown only this once.',
  },
};

/** On a running student's dossier: a docent or coördinator opens the student's own account with a one-time code. */
export function InviteCard({ caseId }: { caseId: string }) {
  const { locale } = useI18n();
  const w = words[locale];
  const invite = useMutation({ mutationFn: () => api.invite(caseId) });
  const made = invite.data;
  return (
    <section className="card invite" aria-labelledby="invite-card-title">
      <h2 id="invite-card-title">{w.title}</h2>
      <p className="muted">{w.intro}</p>
      {made && (
        <dl className="data" data-testid="invitation">
          <div>
            <dt>{w.username}</dt>
            <dd className="mono">{made.username}</dd>
          </div>
          <div>
            <dt>{w.code}</dt>
            <dd className="mono invite-code">{made.code}</dd>
          </div>
          <div>
            <dt>{w.until}</dt>
            <dd>{formatDateTime(made.expiresAt, locale)}</dd>
          </div>
        </dl>
      )}
      {made && <p className="muted">{w.once}</p>}
      <ErrorMessage error={invite.error} />
      <button type="button" disabled={invite.isPending} onClick={() => invite.mutate()}>
        {made ? w.again : w.invite}
      </button>
    </section>
  );
}
