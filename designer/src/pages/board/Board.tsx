import { useEffect, useState } from 'react';
import type { Definition } from '../../../../engine/definition';
import { api, ApiError, type Board as BoardData, type WorkflowSummary } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { PageHead } from '../../components/PageHead';

const words = {
  nl: {
    title: 'Bord',
    intro: 'Elke stap een kolom, elk dossier een kaart: waar iedereen nu staat.',
    process: 'Proces',
    search: 'Zoek op naam',
    any: 'Alle',
    closed: 'Ook afgesloten',
    cases: 'dossiers',
  },
  en: {
    title: 'Board',
    intro: 'A column per step, a card per case: where everyone stands now.',
    process: 'Process',
    search: 'Search by name',
    any: 'All',
    closed: 'Closed too',
    cases: 'cases',
  },
};

const filterFields = ['startmoment', 'instroomroute', 'niveau', 'coach'] as const;

/** One column per step, one card per case, counts per column; filters on the case's data. */
export function Board() {
  const { locale } = useI18n();
  const w = words[locale];
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  const [key, setKey] = useState('');
  const [def, setDef] = useState<Definition>();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [q, setQ] = useState('');
  const [closed, setClosed] = useState(false);
  const [board, setBoard] = useState<BoardData>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.workflows().then((r) => {
      setWorkflows(r.items);
      setKey((k) => k || r.items.find((x) => x.subject === 'student')?.key || r.items[0]?.key || '');
    });
  }, [locale]);

  useEffect(() => {
    const wf = workflows.find((x) => x.key === key);
    if (wf) api.workflowVersion(wf.key, wf.latestVersion).then((r) => setDef(r.definition));
    setFilters({});
  }, [key, workflows]);

  useEffect(() => {
    if (!key) return;
    const t = setTimeout(
      () => {
        api.board({ workflow: key, ...filters, q, closed: closed || undefined }).then(
          (b) => {
            setBoard(b);
            setError(undefined);
          },
          (e) => setError(e instanceof ApiError ? e.message : String(e)),
        );
      },
      q ? 250 : 0,
    );
    return () => clearTimeout(t);
  }, [key, filters, q, closed, locale]);

  const fieldLabel = (name: string) => {
    const f = def?.fields[name];
    return f ? (locale === 'en' && f.label.en) || f.label.nl : name;
  };

  return (
    <main className="page wide">
      <PageHead title={w.title} intro={w.intro} />
      <div className="filters board-filters">
        <label className="field">
          <span className="label">{w.process}</span>
          <select value={key} onChange={(e) => setKey(e.target.value)}>
            {workflows.map((x) => (
              <option key={x.key} value={x.key}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
        {filterFields
          .filter((name) => def?.fields[name])
          .map((name) => {
            const f = def!.fields[name];
            return (
              <label className="field" key={name}>
                <span className="label">{fieldLabel(name)}</span>
                {f.options ? (
                  <select
                    value={filters[name] ?? ''}
                    onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
                  >
                    <option value="">{w.any}</option>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {(locale === 'en' && o.label.en) || o.label.nl}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    value={filters[name] ?? ''}
                    onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
                  />
                )}
              </label>
            );
          })}
        <label className="field">
          <span className="label">{w.search}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label className="choice">
          <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} /> {w.closed}
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="board" data-testid="board">
        {board?.columns.map((col) => (
          <section key={col.state} className="board-column" aria-label={`${col.label}: ${col.count} ${w.cases}`}>
            <h2>
              <span>{col.label}</span>{' '}
              <span className="count" data-testid={`count-${col.state}`}>
                {col.count}
              </span>
            </h2>
            <ul>
              {col.cards.map((card) => (
                <li key={card.id}>
                  <a
                    href={`/cases/${card.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/cases/${card.id}`);
                    }}
                  >
                    {card.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
