import { useQuery } from '@tanstack/react-query';
import { queries } from '../../lib/query';
import { formatDay, useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { StudentWeek } from '../../lib/api';
import { studentWords, type StudentWords } from './words';

type HalfDay = StudentWeek['days'][number]['halfDays'][number];

function what(h: HalfDay, w: StudentWords): string {
  if (h.kind === 'les') return h.lesson ? `${w.lesson}: ${h.lesson}` : w.lesson;
  if (h.kind === 'wijk') return w.wijk;
  if (h.kind === 'vrij') return w.free;
  if (h.kind === 'gesloten') return w.closed;
  return w.nothing;
}

/** The student's week: lessons, their own visits in the wijk, and who is on call today. */
export function MyWeek() {
  const { locale, t } = useI18n();
  const w = studentWords[locale];
  const week = useQuery(queries.myWeek());
  if (week.error) return <ErrorMessage error={week.error} />;
  if (!week.data) return <p>{t.loading}</p>;
  const { data } = week;
  return (
    <section aria-labelledby="week-title" className="own-week">
      <h1 id="week-title">{w.week}</h1>
      <p className="card own-oncall" data-testid="on-call">
        {data.onCall ? w.onCall(data.onCall.displayName) : w.nobodyOnCall}
      </p>
      {data.days.map((day) => (
        <section key={day.date} className="card own-day" aria-label={`${day.label} ${formatDay(day.date, locale)}`}>
          <h2>
            {day.label} <span className="muted">{formatDay(day.date, locale)}</span>
          </h2>
          {day.closed ? (
            <p>
              {w.closed}: {day.closed}
            </p>
          ) : (
            <ul className="own-halfdays">
              {day.halfDays.map((h) => (
                <li key={h.halfDay} className={`own-${h.kind}`}>
                  <strong>{h.label.split(' ').at(-1)}</strong>
                  <span>{what(h, w)}</span>
                  {h.visits.map((v) => (
                    <span key={`${v.firstName}-${v.street}`} className="own-visit">
                      {v.firstName} · {v.street}
                      {v.help.length > 0 && <small> · {v.help.join(', ')}</small>}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
