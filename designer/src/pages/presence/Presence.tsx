import { useState } from 'react';
import { useMutation, useMutationState, useQuery } from '@tanstack/react-query';
import { api, type PresenceEntry, type PresenceStatus } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';

const statuses: PresenceStatus[] = ['aanwezig', 'te-laat', 'afgemeld', 'afwezig'];

export const presenceWords = {
  nl: {
    title: 'Aanwezigheid',
    intro: 'Is iedereen er, en op tijd? Wie zonder afmelding wegblijft, bel je nog dezelfde dag.',
    day: 'Dag',
    today: 'Vandaag',
    present: 'aanwezig',
    empty: 'Er lopen nu geen studenten.',
    calls: 'Vandaag bellen',
    callsOn: 'Bellen voor',
    noCalls: 'Niemand te bellen.',
    called: 'Gebeld',
    calledBy: 'gebeld door',
    by: 'door',
    notYet: 'nog niet ingevuld',
    status: { aanwezig: 'Aanwezig', 'te-laat': 'Te laat', afgemeld: 'Afgemeld', afwezig: 'Afwezig' },
  },
  en: {
    title: 'Presence',
    intro: 'Is everyone here, and on time? Whoever stays away without notice gets a phone call the same day.',
    day: 'Day',
    today: 'Today',
    present: 'present',
    empty: 'No students are running now.',
    calls: 'Call today',
    callsOn: 'Calls for',
    noCalls: 'Nobody to call.',
    called: 'Called',
    calledBy: 'called by',
    by: 'by',
    notYet: 'not recorded yet',
    status: { aanwezig: 'Present', 'te-laat': 'Late', afgemeld: 'Excused', afwezig: 'Absent' },
  },
};

/** A status recorded for a student on a day, or the phone call made to one. */
type Change = { caseId: string; day: string } & ({ status: PresenceStatus } | { called: true });

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

/** The morning check-in: one row of big buttons per running student, and the day's call list. */
export function Presence() {
  const { locale, t } = useI18n();
  const w = presenceWords[locale];
  /** The day shown; unset means today as the server's clock has it. */
  const [day, setDay] = useState<string>();
  // Today as the server's clock has it: the answer for no day in particular (kept while another is shown).
  const today = useQuery({ ...queries.presence(undefined), enabled: day === undefined });
  const chosen = useQuery({ ...queries.presence(day), enabled: day !== undefined });
  const loaded = day === undefined ? today.data : chosen.data;
  const record = useMutation({
    mutationKey: ['presence'],
    mutationFn: (c: Change) =>
      'status' in c ? api.setPresence(c.caseId, c.day, c.status) : api.markCalled(c.caseId, c.day),
    onSuccess: () => changed.presence(),
  });
  // Each student's buttons wait for their own change, not for someone else's.
  const busy = useMutationState({
    filters: { mutationKey: ['presence'], status: 'pending' },
    select: (m) => (m.state.variables as Change).caseId,
  });

  const shown = day ?? loaded?.day ?? '';
  // While another day loads, the previous day's buttons are not shown (a click would write to the new day).
  const view = loaded && loaded.day === shown ? loaded : undefined;
  const isToday = !!shown && shown === today.data?.day;
  const longDay = shown
    ? new Date(`${shown}T12:00:00Z`).toLocaleDateString(tag(locale), {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';
  // Times as the site's clock shows them, like the day itself (the server's day is Dutch).
  const time = (iso?: string) =>
    iso
      ? new Date(iso).toLocaleTimeString(tag(locale), {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Europe/Amsterdam',
        })
      : '';
  const who = (s: PresenceEntry) =>
    s.recordedBy ? `${w.by} ${s.recordedByName ?? s.recordedBy}, ${time(s.recordedAt)}` : w.notYet;

  return (
    <main className="page presence">
      <PageHead title={w.title} intro={w.intro}>
        <div className="presence-day">
          <label className="field">
            <span className="label">{w.day}</span>
            <input type="date" value={shown} required onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
          {!isToday && today.data && <button onClick={() => setDay(today.data.day)}>{w.today}</button>}
        </div>
      </PageHead>
      <ErrorMessage error={(day === undefined ? today.error : chosen.error) ?? record.error} />
      {view && (
        <p className="presence-count">
          <strong data-testid="presence-count">
            {view.counts.present}/{view.counts.total}
          </strong>{' '}
          {w.present} · {longDay}
          <span className="muted">
            {' '}
            · {w.status.afgemeld.toLowerCase()} {view.counts.afgemeld} · {w.status.afwezig.toLowerCase()}{' '}
            {view.counts.afwezig} · {w.notYet} {view.counts.open}
          </span>
        </p>
      )}
      <div className="presence-layout">
        <ul className="presence-list" data-testid="presence-list">
          {view?.students.length === 0 && <li>{w.empty}</li>}
          {view?.students.map((s) => (
            <li key={s.caseId} className={`card presence-row${s.status ? ` is-${s.status}` : ''}`}>
              <div className="presence-who">
                <Link to={`/cases/${s.caseId}`}>
                  <strong>{s.name}</strong>
                </Link>
                <span className="muted">
                  {s.stateLabel} · {who(s)}
                  {s.note ? ` · ${s.note}` : ''}
                  {s.hidden?.includes('note') && (
                    <>
                      {' · '}
                      <span className="screened">{t.screened}</span>
                    </>
                  )}
                </span>
              </div>
              <div className="presence-buttons" role="group" aria-label={s.name}>
                {statuses.map((status) => (
                  <button
                    key={status}
                    className={`status-${status}${s.status === status ? ' chosen' : ''}`}
                    aria-pressed={s.status === status}
                    disabled={busy.includes(s.caseId)}
                    onClick={() => record.mutate({ caseId: s.caseId, day: shown, status })}
                  >
                    {w.status[status]}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
        <section className="card presence-calls" aria-labelledby="presence-calls-head">
          <h2 id="presence-calls-head">{isToday ? w.calls : `${w.callsOn} ${longDay}`}</h2>
          {view && view.calls.length === 0 && <p className="muted">{w.noCalls}</p>}
          <ul data-testid="call-list">
            {view?.calls.map((s) => (
              <li key={s.caseId}>
                <span>
                  <strong>{s.name}</strong> <span className="muted">{who(s)}</span>
                </span>
                <button
                  className="primary"
                  disabled={busy.includes(s.caseId)}
                  onClick={() => record.mutate({ caseId: s.caseId, day: shown, called: true })}
                >
                  {w.called}
                </button>
              </li>
            ))}
          </ul>
          {view?.students
            .filter((s) => s.calledAt)
            .map((s) => (
              <p key={s.caseId} className="muted">
                {s.name}: {w.calledBy} {s.calledByName ?? s.calledBy}, {time(s.calledAt)}
              </p>
            ))}
        </section>
      </div>
    </main>
  );
}
