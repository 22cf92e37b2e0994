import { useEffect, useState } from 'react';
import { api, ApiError, type MeetingRow } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { PageHead } from '../../components/PageHead';
import { navigate } from '../../lib/router';

const words = {
  nl: {
    title: 'Voortgangsoverleg',
    intro: 'Alle lopende studenten, voor het tweewekelijkse overleg van docenten, coördinatoren en projectleider.',
    name: 'Student',
    phase: 'Fase',
    progress: 'Voortgang',
    catchUp: 'Inhaalplan',
    last: 'Vorig overleg',
    note: 'Notitie van vandaag',
    save: 'Opslaan',
    saved: 'Opgeslagen',
    of: 'van',
    behind: 'Loopt achter',
    print: 'Afdrukken',
    none: 'Geen lopende studenten.',
  },
  en: {
    title: 'Progress meeting',
    intro: 'Every running student, for the fortnightly meeting of teachers, coordinators and project lead.',
    name: 'Student',
    phase: 'Phase',
    progress: 'Progress',
    catchUp: 'Catch-up plan',
    last: 'Last meeting',
    note: "Today's note",
    save: 'Save',
    saved: 'Saved',
    of: 'of',
    behind: 'Behind',
    print: 'Print',
    none: 'No running students.',
  },
};

export function Meeting() {
  const { locale, t } = useI18n();
  const w = words[locale];
  const [rows, setRows] = useState<MeetingRow[]>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string>();

  const load = () =>
    api.meeting().then(
      (r) => setRows(r.items),
      (e) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  useEffect(() => {
    void load();
  }, [locale]);

  async function save(id: string) {
    try {
      await api.note(id, drafts[id], true);
      setSaved({ ...saved, [id]: true });
      setDrafts({ ...drafts, [id]: '' });
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <main className="page wide">
      <PageHead title={w.title} intro={w.intro} print={w.print} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p>{w.none}</p>}
      {rows && rows.length > 0 && (
        <table className="report-table meeting" data-testid="meeting">
          <thead>
            <tr>
              <th scope="col">{w.name}</th>
              <th scope="col">{w.phase}</th>
              <th scope="col">{w.progress}</th>
              <th scope="col">{w.catchUp}</th>
              <th scope="col">{w.last}</th>
              <th scope="col" className="no-print">
                {w.note}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.progress.behind ? 'behind' : ''}>
                <th scope="row">
                  <a
                    href={`/cases/${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/cases/${r.id}`);
                    }}
                  >
                    {r.title}
                  </a>
                </th>
                <td>{r.stateLabel}</td>
                <td>
                  {r.progress.signed} {w.of} {r.progress.total}
                  {r.progress.behind && <span className="flag">{w.behind}</span>}
                </td>
                <td>{r.catchUp ?? (r.hidden?.length ? <span className="screened">{t.screened}</span> : '–')}</td>
                <td>
                  {r.lastNote ? (
                    <>
                      {r.lastNote.text}
                      <div className="muted">
                        {formatDateTime(r.lastNote.at, locale)} · {r.lastNote.by}
                      </div>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="no-print">
                  <label className="visually-hidden" htmlFor={`note-${r.id}`}>
                    {w.note}: {r.title}
                  </label>
                  <textarea
                    id={`note-${r.id}`}
                    rows={2}
                    value={drafts[r.id] ?? ''}
                    onChange={(e) => setDrafts({ ...drafts, [r.id]: e.target.value })}
                  />
                  <button disabled={!drafts[r.id]?.trim()} onClick={() => void save(r.id)}>
                    {w.save}
                  </button>
                  {saved[r.id] && <span className="muted"> {w.saved}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
