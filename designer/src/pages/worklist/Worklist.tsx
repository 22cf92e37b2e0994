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
import { DueFlag } from '../../components/DueFlag';
import { Signals } from './Signals';

const words = {
  nl: {
    title: 'Werklijst',
    intro:
      'Wat nu op jou wacht: wat te laat is en binnenkort moet eerst, daarin je eigen dossiers eerst, verder het langst wachtende eerst.',
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
    soon: 'Binnenkort',
    late: 'Te laat',
    rest: 'Verder',
  },
  en: {
    title: 'Worklist',
    intro:
      'What waits on you now: what is late or due soon first, your own cases first within each, then longest waiting first.',
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
    soon: 'Soon',
    late: 'Late',
    rest: 'Other work',
  },
};

/** What the list shows: one kind of work, or the work whose deadline is soon or has passed. */
type Shown = { kind?: 'action' | 'sign' | 'behind'; due?: 'soon' | 'late' };

/** What waits on the logged-in person: each item opens the dossier at the action to take. */
export function Worklist() {
  const { t, locale } = useI18n();
  const w = words[locale];
  // One choice: a kind of work, or the work whose deadline is soon or passed.
  const [shown, setShown] = useState<Shown>({});
  // Unset: the server's default, the caller's own function (or everything for those without one).
  const [fn, setFn] = useState<StaffFunction | 'all'>();
  const worklist = useQuery({
    ...queries.worklist({ ...shown, function: fn, limit: 100 }),
    placeholderData: keepPreviousData,
  });
  const me = useQuery(queries.me()).data;
  const items = worklist.data?.items;
  const total = worklist.data?.total ?? 0;
  const whose = worklist.data?.function;
  // What is late comes first, then what is due within a week, then the rest: each oldest first.
  const groups = [
    { key: 'late', label: w.late, items: items?.filter((i) => i.due?.overdue) ?? [] },
    { key: 'soon', label: w.soon, items: items?.filter((i) => i.due?.soon) ?? [] },
    { key: 'rest', label: w.rest, items: items?.filter((i) => !i.due?.overdue && !i.due?.soon) ?? [] },
  ].filter((g) => g.items.length > 0);
  const grouped = groups.some((g) => g.key !== 'rest');

  const open = (item: WorklistItem, action?: string) =>
    navigate(`/cases/${item.caseId}${action ? `?actie=${encodeURIComponent(action)}` : ''}`);

  return (
    <main className="page">
      <PageHead title={w.title} intro={w.intro}>
        <label className="field whose">
          <span className="label">{w.whose}</span>
          <select value={fn ?? whose ?? ''} onChange={(e) => setFn(e.target.value as StaffFunction | 'all')}>
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
              [{}, w.all],
              [{ kind: 'action' }, w.actions],
              [{ kind: 'sign' }, w.signs],
              [{ kind: 'behind' }, w.behind],
              [{ due: 'soon' }, w.soon],
              [{ due: 'late' }, w.late],
            ] satisfies [Shown, string][]
          ).map(([choice, label]: [Shown, string]) => {
            const on = shown.kind === choice.kind && shown.due === choice.due;
            return (
              <button key={label} aria-pressed={on} className={on ? 'primary' : ''} onClick={() => setShown(choice)}>
                {label}
              </button>
            );
          })}
        </div>
      </PageHead>
      <ErrorMessage error={worklist.error} />
      {(whose === 'coordinator' || whose === 'all') && (
        <Signals mayClose={!!me && (me.role !== 'staff' || me.function === 'coordinator')} />
      )}
      {items && items.length === 0 && <p>{w.empty}</p>}
      <div data-testid="worklist">
        {groups.map((g) => (
          <section key={g.key} aria-label={grouped ? `${g.label}: ${g.items.length}` : undefined}>
            {grouped && (
              <h2 className={`work-group ${g.key}`}>
                {g.label} <span className="count">{g.items.length}</span>
              </h2>
            )}
            <ul className="worklist">
              {g.items.map((item) => (
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
                    {whose === 'all' &&
                      item.functions.map((f) => (
                        <span key={f} className="badge">
                          {functionNames[locale][f]}
                        </span>
                      ))}
                  </div>
                  {item.due && (
                    <div className="due">
                      <span aria-hidden="true">⚑ </span>
                      {item.due.text}
                      <DueFlag due={item.due} />
                    </div>
                  )}
                  {item.kind === 'behind' ? (
                    <div className="chips">
                      <button onClick={() => open(item)}>{item.label}</button>
                    </div>
                  ) : item.kind === 'verweesd' ? (
                    <div className="chips">
                      <span className="badge bad">{item.label}</span>
                      {item.actions.map((a) => (
                        <button key={a.type} onClick={() => open(item, a.type)}>
                          {a.label}
                        </button>
                      ))}
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
          </section>
        ))}
      </div>
      {items && total > items.length && (
        <p className="muted">
          {items.length} / {total}
        </p>
      )}
    </main>
  );
}
