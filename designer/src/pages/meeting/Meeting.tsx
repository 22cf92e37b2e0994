import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';

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
  const meeting = useQuery(queries.meeting());
  const rows = meeting.data;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const note = useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) => api.note(id, text, true),
    onSuccess: async (_case, { id }) => {
      setSaved((old) => ({ ...old, [id]: true }));
      setDrafts((old) => ({ ...old, [id]: '' }));
      await changed.caseNoted(id);
    },
  });

  return (
    <main className="page wide">
      <PageHead title={w.title} intro={w.intro} print={w.print} />
      <ErrorMessage error={meeting.error ?? note.error} />
      {rows && rows.length === 0 && <p>{w.none}</p>}
      {rows && rows.length > 0 && (
        <Table
          className="report-table meeting"
          data-testid="meeting"
          columns={[w.name, w.phase, w.progress, w.catchUp, w.last, { label: w.note, className: 'no-print' }]}
        >
          {rows.map((r) => (
            <tr key={r.id} className={r.progress.behind ? 'behind' : ''}>
              <th scope="row">
                <Link to={`/cases/${r.id}`}>{r.title}</Link>
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
                    {r.lastNote.text ?? <span className="screened">{t.screened}</span>}
                    <div className="muted">
                      {formatDateTime(r.lastNote.at, locale)} · <span title={r.lastNote.by}>{r.lastNote.byName}</span>
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
                <button
                  disabled={!drafts[r.id]?.trim() || (note.isPending && note.variables.id === r.id)}
                  onClick={() => note.mutate({ id: r.id, text: drafts[r.id] })}
                >
                  {w.save}
                </button>
                {saved[r.id] && <span className="muted"> {w.saved}</span>}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </main>
  );
}
