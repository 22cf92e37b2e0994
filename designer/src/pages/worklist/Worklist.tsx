import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorklistItem } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';
import { navigate } from '../../lib/router';
import { functionNames } from '../../lib/team';
import { staffFunctions, type StaffFunction } from '../../../../engine/definition';

const words = {
  nl: {
    title: 'Werklijst',
    intro: 'Wat nu op jou wacht: je eigen dossiers eerst, dan het langst wachtende.',
    empty: 'Er wacht nu niets. Goed bezig!',
    sign: 'Af te tekenen',
    since: 'sinds',
    all: 'Alles',
    actions: 'Acties',
    signs: 'Aftekenen',
    behind: 'Loopt achter',
    more: 'Meer laden',
    whose: 'Werk van',
    everyone: 'Iedereen',
  },
  en: {
    title: 'Worklist',
    intro: 'What waits on you now: your own cases first, then the longest waiting.',
    empty: 'Nothing waits right now. Well done!',
    sign: 'To sign',
    since: 'since',
    all: 'All',
    actions: 'Actions',
    signs: 'Sign-off',
    behind: 'Behind',
    more: 'Load more',
    whose: 'Work of',
    everyone: 'Everyone',
  },
};

/** What waits on the logged-in person: each item opens the dossier at the action to take. */
export function Worklist() {
  const { t, locale } = useI18n();
  const w = words[locale];
  const [kind, setKind] = useState<'action' | 'sign' | 'behind' | undefined>();
  // Unset: the server's default, the caller's own function (or everything for those without one).
  const [fn, setFn] = useState<StaffFunction | 'all'>();
  const worklist = useQuery({
    ...queries.worklist({ kind, function: fn, limit: 100 }),
    placeholderData: keepPreviousData,
  });
  const items = worklist.data?.items;
  const total = worklist.data?.total ?? 0;
  const shown = worklist.data?.function;

  const open = (item: WorklistItem, action?: string) =>
    navigate(`/cases/${item.caseId}${action ? `?actie=${encodeURIComponent(action)}` : ''}`);

  return (
    <main className="page">
      <PageHead title={w.title} intro={w.intro}>
        <label className="field whose">
          <span className="label">{w.whose}</span>
          <select value={fn ?? shown ?? ''} onChange={(e) => setFn(e.target.value as StaffFunction | 'all')}>
            <option value="all">{w.everyone}</option>
            {staffFunctions.map((f) => (
              <option key={f} value={f}>
                {functionNames[locale][f]}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label={w.title}>
          {(
            [
              [undefined, w.all],
              ['action', w.actions],
              ['sign', w.signs],
              ['behind', w.behind],
            ] as const
          ).map(([k, label]) => (
            <button
              key={label}
              aria-pressed={kind === k}
              className={kind === k ? 'primary' : ''}
              onClick={() => setKind(k)}
            >
              {label}
            </button>
          ))}
        </div>
      </PageHead>
      <ErrorMessage error={worklist.error} />
      {items && items.length === 0 && <p>{w.empty}</p>}
      <ul className="worklist" data-testid="worklist">
        {items?.map((item) => (
          <li key={`${item.caseId}-${item.kind}`} className={`card work-item${item.mine ? ' mine' : ''}`}>
            <div className="work-head">
              <span>
                <Link to={`/cases/${item.caseId}`}>
                  <strong>{item.caseTitle}</strong>
                </Link>
                {item.mine && <span className="badge">{t.mine}</span>}
              </span>
              <span className="muted">
                {item.workflow.title} · {w.since} {formatDateTime(item.since, locale)}
              </span>
            </div>
            <div className="muted">
              {item.stateLabel}
              {shown === 'all' &&
                item.functions.map((f) => (
                  <span key={f} className="badge">
                    {functionNames[locale][f]}
                  </span>
                ))}
            </div>
            {item.kind === 'behind' ? (
              <div className="chips">
                <button onClick={() => open(item)}>{item.label}</button>
              </div>
            ) : item.kind === 'action' ? (
              <div className="chips">
                {item.actions.map((a) => (
                  <button key={a.type} onClick={() => open(item, a.type)}>
                    {a.label}
                  </button>
                ))}
              </div>
            ) : (
              <div className="chips">
                <button onClick={() => open(item)}>{item.label}</button>
                <span className="muted">{item.checklist?.map((c) => c.label).join(' · ')}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      {items && total > items.length && (
        <p className="muted">
          {items.length} / {total}
        </p>
      )}
    </main>
  );
}
