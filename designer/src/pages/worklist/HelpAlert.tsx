import { useQuery } from '@tanstack/react-query';
import { queries } from '../../lib/query';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../components/Link';

const words = {
  nl: { asks: 'vraagt om hulp', open: 'Naar de signalen' },
  en: { asks: 'asks for help', open: 'To the signals' },
};

/**
 * A student's call for help not yet answered, above every staff page of whoever it is for: the
 * list is kept live by the pushed signal changes (lib/live.ts), so it shows without a reload.
 */
export function HelpAlert() {
  const { locale } = useI18n();
  const w = words[locale];
  const signals = useQuery(queries.signals());
  const waiting = (signals.data ?? []).filter((s) => s.kind === 'hulp-nodig' && !s.acknowledged);
  if (!waiting.length) return null;
  return (
    <div className="help-alert" role="alert" data-testid="help-alert">
      {waiting.map((s) => (
        <p key={s.id}>
          <strong>{s.caseTitle}</strong> {w.asks}: {s.modeLabel}
          {s.text ? ` · “${s.text}”` : ''} <Link to="/werklijst">{w.open}</Link>
        </p>
      ))}
    </div>
  );
}
