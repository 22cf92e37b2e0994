import { useQuery } from '@tanstack/react-query';
import { queries } from '../../lib/query';
import { formatDay, useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';
import { studentWords } from './words';

/** What is signed and by whom, what is still missing per phase, and whether the student is on track. */
export function MyPortfolio() {
  const { locale, t } = useI18n();
  const w = studentWords[locale];
  const p = useQuery(queries.portfolio());
  if (p.error) return <ErrorMessage error={p.error} />;
  if (!p.data) return <p>{t.loading}</p>;
  const { data } = p;
  const share = data.total ? Math.round((data.signed / data.total) * 100) : 0;
  return (
    <section aria-labelledby="portfolio-title" className="own-portfolio">
      <h1 id="portfolio-title">{w.portfolio}</h1>
      <div className={`card own-summary ${data.onTrack ? 'good' : 'behind'}`}>
        <p className="own-state">
          <span className={`badge ${data.onTrack ? '' : 'bad'}`}>{data.onTrack ? w.onTrack : w.behind}</span>
        </p>
        <p>{data.summary}</p>
        <div
          className="own-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={data.total}
          aria-valuenow={data.signed}
          aria-label={w.portfolio}
        >
          <span style={{ width: `${share}%` }} />
        </div>
        {data.plannedEnd && (
          <p>
            {w.plannedEnd} <strong>{formatDay(data.plannedEnd, locale)}</strong>
          </p>
        )}
      </div>
      {data.phases.map((phase) => (
        <section
          key={phase.step}
          className={`card own-phase${phase.current ? ' current' : ''}`}
          aria-label={phase.label}
        >
          <h2>
            {phase.label.split(' › ').at(-1)}
            {phase.current && <span className="badge">{w.now}</span>}
          </h2>
          <p className={phase.missing ? 'own-missing' : 'muted'}>
            {phase.missing ? w.missing(phase.missing) : w.complete}
          </p>
          <ul className="own-items">
            {phase.items.map((item) => (
              <li key={item.id} className={item.signed ? 'signed' : 'open'}>
                <span aria-hidden="true" className="own-mark">
                  {item.signed ? '✓' : '○'}
                </span>
                <span>
                  {item.label}
                  <small className="muted">
                    {item.signed
                      ? w.signedBy(item.signed.byName, formatDay(item.signed.at.slice(0, 10), locale))
                      : w.notSigned}
                  </small>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {data.activities.length > 0 && (
        <section className="card own-activities" aria-labelledby="own-activities-title">
          <h2 id="own-activities-title">{w.activities}</h2>
          <p className="muted">{w.activitiesIntro}</p>
          <ul>
            {data.activities.map((a) => (
              <li key={`${a.date}-${a.title}`}>
                {a.kindLabel}: <strong>{a.title}</strong> <span className="muted">{formatDay(a.date, locale)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.details.length > 0 && (
        <details className="card own-details">
          <summary>{w.details}</summary>
          <dl>
            {data.details.map((d) => (
              <div key={d.field}>
                <dt>{d.label}</dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
