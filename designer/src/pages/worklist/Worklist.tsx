import { useEffect, useState } from 'react';
import { api, ApiError, type WorklistItem } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { PageHead } from '../../components/PageHead';
import { navigate } from '../../lib/router';
import { functionNames } from '../../lib/team';
import { staffFunctions, type StaffFunction } from '../../../../engine/definition';

const words = {
  nl: {
    title: 'Werklijst',
    intro: 'Wat nu op jou wacht, het langst wachtende eerst.',
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
    intro: 'What waits on you now, longest waiting first.',
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
  const { locale } = useI18n();
  const w = words[locale];
  const [kind, setKind] = useState<'action' | 'sign' | 'behind' | undefined>();
  // Unset: the server's default, the caller's own function (or everything for those without one).
  const [fn, setFn] = useState<StaffFunction | 'all'>();
  const [shown, setShown] = useState<StaffFunction | 'all'>();
  const [items, setItems] = useState<WorklistItem[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.worklist({ kind, function: fn, limit: 100 }).then(
      (r) => {
        setItems(r.items);
        setTotal(r.total);
        setShown(r.function);
      },
      (e) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [kind, fn, locale]);

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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p>{w.empty}</p>}
      <ul className="worklist" data-testid="worklist">
        {items?.map((item) => (
          <li key={`${item.caseId}-${item.kind}`} className="card work-item">
            <div className="work-head">
              <a
                href={`/cases/${item.caseId}`}
                onClick={(e) => {
                  e.preventDefault();
                  open(item);
                }}
              >
                <strong>{item.caseTitle}</strong>
              </a>
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
