import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';

/** Everything the site holds about one case's person, to print or save as JSON for their request. */
export function PersonExport({ id }: { id: string }) {
  const { locale } = useI18n();
  const nl = locale === 'nl';
  const q = useQuery({ queryKey: ['case', id, 'export'], queryFn: () => api.exportCase(id) });
  const x = q.data;
  const json = useMemo(
    () => (x ? URL.createObjectURL(new Blob([JSON.stringify(x, null, 2)], { type: 'application/json' })) : ''),
    [x],
  );
  useEffect(() => () => URL.revokeObjectURL(json), [json]);
  return (
    <main className="page export">
      <Link to={`/cases/${id}`} className="back no-print">
        ← {nl ? 'Terug naar het dossier' : 'Back to the dossier'}
      </Link>
      <ErrorMessage error={q.error} />
      {x && (
        <>
          <PageHead
            title={`${nl ? 'Inzageverzoek' : 'Access request'}: ${x.case.title}`}
            intro={`${x.case.workflow.title} · ${nl ? 'opgemaakt' : 'made'} ${formatDateTime(x.exportedAt, locale)} ${nl ? 'door' : 'by'} ${x.exportedBy}`}
            print={nl ? 'Afdrukken' : 'Print'}
          >
            <a className="button no-print" href={json} download={`inzage-${id.slice(0, 8)}.json`}>
              {nl ? 'Opslaan als JSON' : 'Save as JSON'}
            </a>
          </PageHead>
          <section className="card">
            <h2>{nl ? 'Gegevens' : 'Data'}</h2>
            <p>
              {x.case.stateLabel}
              {x.case.outcome ? ` · ${x.case.outcome}` : ''} · {nl ? 'aangemaakt door' : 'created by'} {x.createdBy}
            </p>
            <Table columns={[nl ? 'Veld' : 'Field', nl ? 'Waarde' : 'Value']}>
              {Object.entries(x.case.data).map(([k, v]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{Array.isArray(v) ? v.join(', ') : String(v)}</td>
                </tr>
              ))}
            </Table>
          </section>
          <section className="card">
            <h2>{nl ? 'Geschiedenis' : 'History'}</h2>
            <Table
              columns={[nl ? 'Wanneer' : 'When', nl ? 'Wat' : 'What', nl ? 'Door' : 'By', nl ? 'Gegevens' : 'Data']}
            >
              {x.history.map((h) => (
                <tr key={h.revision}>
                  <td>{formatDateTime(h.at, locale)}</td>
                  <td>{h.eventLabel}</td>
                  <td>{h.actor}</td>
                  <td className="muted">{Object.keys(h.data).length ? JSON.stringify(h.data) : ''}</td>
                </tr>
              ))}
            </Table>
          </section>
          {x.signatures.length > 0 && (
            <section className="card">
              <h2>{nl ? 'Aftekeningen' : 'Sign-offs'}</h2>
              <ul>
                {x.signatures.map((s) => (
                  <li key={s.item}>
                    {s.label} · {s.by} · {formatDateTime(s.at, locale)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {(x.presence.length > 0 || x.calls.length > 0 || x.helpSessions.length > 0) && (
            <section className="card">
              <h2>{nl ? 'Aanwezigheid en hulpmomenten' : 'Presence and help sessions'}</h2>
              <ul>
                {x.presence.map((p) => (
                  <li key={`${p.day}-${p.moment}`}>
                    {p.day} {p.moment}: {p.status}
                    {p.reason ? ` (${p.reason})` : ''}
                    {p.note ? ` · ${p.note}` : ''}
                  </li>
                ))}
                {x.calls.map((c, i) => (
                  <li key={`call-${i}`}>
                    {c.day} {c.moment}: {nl ? 'gebeld' : 'called'}, {c.outcome}
                    {c.undone ? (nl ? ' (ongedaan)' : ' (undone)') : ''}
                  </li>
                ))}
                {x.helpSessions.map((s, i) => (
                  <li key={`help-${i}`}>
                    {s.day} {s.halfDay}: {s.status}, {s.hours} {nl ? 'uur' : 'hours'}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="card">
            <h2>{nl ? 'Gekoppelde dossiers (alleen het nummer)' : 'Linked cases (by number only)'}</h2>
            {x.linked.length === 0 ? (
              <p>{nl ? 'Geen.' : 'None.'}</p>
            ) : (
              <ul>
                {x.linked.map((l) => (
                  <li key={`${l.caseId}-${l.field}`}>
                    {l.workflow} #{l.caseId.slice(0, 8)} ({l.field})
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>{nl ? 'Wie heeft het dossier ingezien' : 'Who looked at the dossier'}</h2>
            <ul>
              {x.access.map((a, i) => (
                <li key={i}>
                  {formatDateTime(a.at, locale)} · {a.actor} · <span title={a.route}>{a.what}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
