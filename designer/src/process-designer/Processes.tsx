import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, errorText, type User } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { keys } from '../lib/query';
import { Link } from '../components/Link';
import { PageHead } from '../components/PageHead';
import { prewarmLayout } from './model/layout';
import { designerWords } from './model/words';

/** The site's workflows, each opening in the designer; a projectleider also finds its versions there. */
export function Processes({ user }: { user: User }) {
  const { locale } = useI18n();
  const w = designerWords[locale];
  const list = useQuery({ queryKey: keys.workflows, queryFn: api.workflows, select: (r) => r.items });
  // The layout engine starts while the manager is still choosing.
  useEffect(prewarmLayout, []);
  return (
    <main className="page">
      <PageHead title={w.processes} intro={w.processesIntro} />
      {list.isError ? (
        <p className="error" role="alert">
          {errorText(list.error)}
        </p>
      ) : !list.data ? (
        <p>{w.loading}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{w.processes}</th>
              <th>{w.versions}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((wf) => (
              <tr key={wf.key}>
                <td>
                  {wf.title} <span className="muted mono">{wf.key}</span>
                </td>
                <td>
                  {wf.versions
                    .slice()
                    .sort((a, b) => a - b)
                    .join(', ')}
                  {wf.hasDraft && <span className="badge">{w.hasDraft}</span>}
                </td>
                <td>
                  <div className="button-row">
                    <Link to={`/processen/${wf.key}`}>{w.open}</Link>
                    {user.role !== 'staff' && <Link to={`/processen/${wf.key}/versies`}>{w.versionsLink}</Link>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
