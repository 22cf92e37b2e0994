import type { CaseView } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { functionNames } from '../../lib/team';
import { DueFlag } from '../../components/DueFlag';

const words = {
  nl: { title: 'Tijd en termijnen', paused: 'Gepauzeerd', for: 'voor' },
  en: { title: 'Time and deadlines', paused: 'Paused', for: 'for' },
};

/**
 * When time moves this case, and what is due by when, in words ("Tien weken voorbij op
 * 9 februari 2027, nog 6 weken"; "Zorgstage starten: uiterlijk 1 maart 2027, 3 dagen te laat").
 */
export function CaseTime({ timers, deadlines }: Pick<CaseView, 'timers' | 'deadlines'>) {
  const { locale } = useI18n();
  const w = words[locale];
  if (!timers.length && !deadlines.length) return null;
  return (
    <section className="card case-time" aria-labelledby="time-title" data-testid="case-time">
      <h2 id="time-title">{w.title}</h2>
      <ul className="plain">
        {timers.map((t) => (
          <li key={t.id} data-testid="case-timer">
            <span aria-hidden="true">⏱ </span>
            {t.text}
            {t.paused && <span className="flag paused">{w.paused}</span>}
          </li>
        ))}
        {deadlines.map((d) => (
          <li key={d.id} data-testid="case-deadline" className={d.overdue ? 'late' : d.soon ? 'soon' : undefined}>
            <span aria-hidden="true">⚑ </span>
            {d.text}
            {d.functions.length > 0 && (
              <span className="muted">
                {' '}
                · {w.for} {d.functions.map((f) => functionNames[locale][f].toLowerCase()).join(', ')}
              </span>
            )}
            <DueFlag due={d} />
          </li>
        ))}
      </ul>
    </section>
  );
}
