import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';

/** Data care for the projectleider: what the retention job pseudonymises next, and one person's access log. */
export function Privacy() {
  const { locale } = useI18n();
  const nl = locale === 'nl';
  const retention = useQuery({ queryKey: ['retention'], queryFn: api.retention });
  const [user, setUser] = useState('');
  const [asked, setAsked] = useState<string | undefined>();
  const log = useQuery({
    queryKey: ['access-log', asked ?? ''],
    queryFn: () => api.personAccess(asked || undefined),
    enabled: asked !== undefined,
  });
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString(nl ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
  return (
    <main className="page">
      <PageHead
        title={nl ? 'Privacy' : 'Privacy'}
        intro={
          nl
            ? 'Bewaartermijnen en inzage: wat binnenkort wordt gepseudonimiseerd, en welke dossiers iemand heeft ingezien.'
            : 'Retention and access: what will be pseudonymised soon, and which dossiers someone looked at.'
        }
      />
      <section className="card" aria-labelledby="retention-title">
        <h2 id="retention-title">
          {nl ? 'Gepseudonimiseerd in de komende 30 dagen' : 'Pseudonymised in the next 30 days'}
        </h2>
        <ErrorMessage error={retention.error} />
        {retention.data &&
          (retention.data.items.length === 0 ? (
            <p>{nl ? 'Niets in de komende 30 dagen.' : 'Nothing in the next 30 days.'}</p>
          ) : (
            <Table
              data-testid="retention"
              columns={[
                nl ? 'Dossier' : 'Case',
                nl ? 'Proces' : 'Process',
                nl ? 'Afgelopen' : 'Ended',
                nl ? 'Gepseudonimiseerd op' : 'Pseudonymised on',
              ]}
            >
              {retention.data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/cases/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{r.workflow}</td>
                  <td>{day(r.endedAt)}</td>
                  <td>{day(r.dueAt)}</td>
                </tr>
              ))}
            </Table>
          ))}
      </section>
      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">{nl ? 'Inzagelog van een persoon' : "A person's access log"}</h2>
        <form
          className="form-buttons"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(user.trim());
          }}
        >
          <label className="field">
            <span className="label">{nl ? 'Gebruikersnaam (leeg: uzelf)' : 'User name (empty: yourself)'}</span>
            <input value={user} onChange={(e) => setUser(e.target.value)} />
          </label>
          <button className="primary">{nl ? 'Tonen' : 'Show'}</button>
        </form>
        <ErrorMessage error={log.error} />
        {log.data && (
          <>
            <p className="muted">
              {nl
                ? `Het log houdt geen gegevens zelf bij, alleen wie, wanneer, welk dossier en wat er getoond werd; ${log.data.keptDays} dagen bewaard.`
                : `The log holds no data itself, only who, when, which case and what was shown; kept ${log.data.keptDays} days.`}
            </p>
            <Table
              className="report-table"
              data-testid="person-log"
              columns={[nl ? 'Wanneer' : 'When', nl ? 'Dossier' : 'Case', nl ? 'Wat' : 'What']}
            >
              {log.data.items.map((e, i) => (
                <tr key={i}>
                  <td>{formatDateTime(e.at, locale)}</td>
                  <td>
                    <Link to={`/cases/${e.caseId}`}>{e.title ?? e.caseId.slice(0, 8)}</Link>
                  </td>
                  <td title={e.route}>{e.what}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </section>
    </main>
  );
}
