import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BoardFilterField } from '../../../../server/contract';
import { useI18n } from '../../lib/i18n';
import { queries } from '../../lib/query';
import { useDebounced } from '../../lib/debounce';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DueFlag } from '../../components/DueFlag';

const words = {
  nl: {
    title: 'Bord',
    intro: 'Elke stap een kolom, elk dossier een kaart: waar iedereen nu staat.',
    process: 'Proces',
    search: 'Zoek op naam',
    any: 'Alle',
    closed: 'Ook afgesloten',
    cases: 'dossiers',
    by: 'uiterlijk',
  },
  en: {
    title: 'Board',
    intro: 'A column per step, a card per case: where everyone stands now.',
    process: 'Process',
    search: 'Search by name',
    any: 'All',
    closed: 'Closed too',
    cases: 'cases',
    by: 'by',
  },
};

const filterFields: BoardFilterField[] = ['startmoment', 'instroomroute', 'niveau', 'coach'];

/** One column per step, one card per case, counts per column; filters on the case's data. */
export function Board() {
  const { locale } = useI18n();
  const w = words[locale];
  // The filters on the data belong to one workflow: choosing another starts without them.
  const [chosen, setChosen] = useState<{ workflow?: string; fields: Partial<Record<BoardFilterField, string>> }>({
    fields: {},
  });
  const [q, setQ] = useState('');
  const [closed, setClosed] = useState(false);
  const workflows = useQuery(queries.workflows());
  const key =
    chosen.workflow ?? workflows.data?.find((x) => x.subject === 'student')?.key ?? workflows.data?.[0]?.key ?? '';
  const wf = workflows.data?.find((x) => x.key === key);
  const def = useQuery(queries.workflowVersion(wf && { key: wf.key, version: wf.latestVersion })).data?.definition;
  const filters = chosen.fields;
  const search = useDebounced(q, q ? 250 : 0);
  const board = useQuery({
    ...queries.board({ workflow: key, ...filters, q: search, closed: closed || undefined }),
    enabled: key !== '',
    placeholderData: keepPreviousData,
  });
  const setFilter = (name: BoardFilterField, value: string) =>
    setChosen({ workflow: key, fields: { ...filters, [name]: value } });

  // The site's day, read at noon so no time zone of the browser moves it.
  const day = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', {
      day: 'numeric',
      month: 'short',
    });
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
          <select value={key} onChange={(e) => setChosen({ workflow: e.target.value, fields: {} })}>
            {workflows.data?.map((x) => (
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
                  <select value={filters[name] ?? ''} onChange={(e) => setFilter(name, e.target.value)}>
                    <option value="">{w.any}</option>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {(locale === 'en' && o.label.en) || o.label.nl}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input value={filters[name] ?? ''} onChange={(e) => setFilter(name, e.target.value)} />
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
      <ErrorMessage error={workflows.error ?? board.error} />
      <div className="board" data-testid="board">
        {board.data?.columns.map((col) => (
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
                  <Link to={`/cases/${card.id}`}>
                    {card.title}
                    {card.due && (
                      <span
                        className={`card-due${card.due.overdue ? ' late' : card.due.soon ? ' soon' : ''}`}
                        title={card.due.text}
                      >
                        ⚑ {w.by} {day(card.due.day)} <DueFlag due={card.due} />
                      </span>
                    )}
                    {card.timer?.day && (
                      <span className="card-timer muted" title={card.timer.text}>
                        ⏱ {card.timer.label}: {day(card.timer.day)}
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
