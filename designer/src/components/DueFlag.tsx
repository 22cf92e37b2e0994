import type { CaseDeadline } from '../lib/api';
import { useI18n } from '../lib/i18n';

const words = { nl: { late: 'Te laat', soon: 'Binnenkort' }, en: { late: 'Late', soon: 'Soon' } };

/** "Te laat" or "Binnenkort" for a deadline that has passed or is due within a week; nothing otherwise. */
export function DueFlag({ due }: { due: Pick<CaseDeadline, 'overdue' | 'soon'> }) {
  const w = words[useI18n().locale];
  if (due.overdue) return <span className="flag late">{w.late}</span>;
  if (due.soon) return <span className="flag soon">{w.soon}</span>;
  return null;
}
