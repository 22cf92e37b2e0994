import { useState } from 'react';
import { useMutation, useMutationState, useQuery } from '@tanstack/react-query';
import {
  api,
  type AbsenceReason,
  type CallEntry,
  type CallOutcome,
  type PresenceEntry,
  type PresenceStatus,
} from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';

const statuses: PresenceStatus[] = ['aanwezig', 'te-laat', 'afgemeld', 'afwezig'];
const reasons: AbsenceReason[] = ['ziek', 'niet-lekker', 'afspraak', 'vervoer', 'prive', 'anders'];
const outcomes: CallOutcome[] = ['bereikt', 'niet-bereikt', 'ingesproken'];

export const presenceWords = {
  nl: {
    title: 'Aanwezigheid',
    intro: 'Is iedereen er, en op tijd? Wie zonder afmelding wegblijft, bel je nog dezelfde dag.',
    day: 'Dag',
    today: 'Vandaag',
    present: 'aanwezig',
    empty: 'Vandaag begint geen student de dag op de locatie.',
    calls: 'Vandaag bellen',
    callsOn: 'Bellen voor',
    noCalls: 'Niemand te bellen.',
    called: 'Gebeld',
    calledBy: 'gebeld door',
    by: 'door',
    notYet: 'nog niet ingevuld',
    status: { aanwezig: 'Aanwezig', 'te-laat': 'Te laat', afgemeld: 'Afgemeld', afwezig: 'Afwezig' },
    moment: 'Moment',
    reason: 'Reden van afmelden',
    chooseReason: 'Kies een reden…',
    reasons: {
      ziek: 'Ziek',
      'niet-lekker': 'Voelt zich niet goed',
      afspraak: 'Afspraak (arts, instantie)',
      vervoer: 'Vervoer',
      prive: 'Privéomstandigheden',
      anders: 'Anders',
    },
    why: { afwezig: 'afwezig zonder afmelding', 'niet-gezien': 'niet gezien' },
    phone: 'Bel',
    emergency: 'Noodcontact',
    noPhone: 'geen telefoonnummer bekend',
    outcome: { bereikt: 'Bereikt', 'niet-bereikt': 'Niet bereikt', ingesproken: 'Bericht ingesproken' },
    undo: 'Ongedaan maken',
    outcomeOf: 'Uitkomst van het gesprek',
    undone: 'ongedaan',
    waiting: 'Bewoners die vandaag wachten',
    waitingIntro: 'Hun student is er niet: bel ze af of stuur een andere student.',
    noWaiting: 'Niemand wacht vandaag tevergeefs.',
    student: 'student',
    cover: 'Kan gaan',
    noCover: 'geen student vrij',
  },
  en: {
    title: 'Presence',
    intro: 'Is everyone here, and on time? Whoever stays away without notice gets a phone call the same day.',
    day: 'Day',
    today: 'Today',
    present: 'present',
    empty: 'No student starts the day at the location today.',
    calls: 'Call today',
    callsOn: 'Calls for',
    noCalls: 'Nobody to call.',
    called: 'Called',
    calledBy: 'called by',
    by: 'by',
    notYet: 'not recorded yet',
    status: { aanwezig: 'Present', 'te-laat': 'Late', afgemeld: 'Excused', afwezig: 'Absent' },
    moment: 'Moment',
    reason: 'Reason for calling in',
    chooseReason: 'Choose a reason…',
    reasons: {
      ziek: 'Ill',
      'niet-lekker': 'Does not feel well',
      afspraak: 'Appointment (doctor, agency)',
      vervoer: 'Transport',
      prive: 'Personal circumstances',
      anders: 'Other',
    },
    why: { afwezig: 'absent without notice', 'niet-gezien': 'not seen' },
    phone: 'Call',
    emergency: 'Emergency contact',
    noPhone: 'no phone number known',
    outcome: { bereikt: 'Reached', 'niet-bereikt': 'Not reached', ingesproken: 'Left a message' },
    undo: 'Undo',
    outcomeOf: 'Outcome of the call',
    undone: 'undone',
    waiting: 'Residents waiting today',
    waitingIntro: 'Their student is not there: call them off or send another student.',
    noWaiting: 'Nobody waits in vain today.',
    student: 'student',
    cover: 'Could go',
    noCover: 'no student free',
  },
};

/** A status recorded for a student at a moment, a phone call made to one, or a call undone. */
type Change = { caseId: string; day: string } & (
  | { status: PresenceStatus; moment: string; reason?: AbsenceReason }
  | { call: CallOutcome; moment: string }
  | { undo: number }
);

/** A phone number as a link the tablet dials. */
const tel = (number: string) => `tel:${number.replace(/[^0-9+]/g, '')}`;

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

/** The morning check-in: one row of big buttons per running student, and the day's call list. */
export function Presence() {
  const { locale, t } = useI18n();
  const w = presenceWords[locale];
  /** The day shown; unset means today as the server's clock has it. */
  const [day, setDay] = useState<string>();
  /** The moment shown; unset: the one under way. */
  const [moment, setMoment] = useState<string>();
  /** The student whose reason for calling in is being asked. */
  const [asking, setAsking] = useState<string>();
  // Today as the server's clock has it: the answer for no day in particular (kept while another is shown).
  const today = useQuery({ ...queries.presence(undefined, moment), enabled: day === undefined });
  const chosen = useQuery({ ...queries.presence(day, moment), enabled: day !== undefined });
  const loaded = day === undefined ? today.data : chosen.data;
  const record = useMutation({
    mutationKey: ['presence'],
    mutationFn: (c: Change): Promise<unknown> =>
      'status' in c
        ? api.setPresence(c.caseId, c.day, {
            status: c.status,
            moment: c.moment,
            ...(c.reason ? { reason: c.reason } : {}),
          })
        : 'call' in c
          ? api.recordCall(c.caseId, c.day, c.moment, c.call)
          : api.undoCall(c.undo),
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
        {view && (
          <div className="segmented presence-moments" role="group" aria-label={w.moment}>
            {view.moments.map((m) => (
              <button
                key={m.key}
                aria-pressed={view.moment === m.key}
                className={view.moment === m.key ? 'primary' : ''}
                onClick={() => setMoment(m.key)}
              >
                {m.label} <span className="muted">{m.at}</span>
              </button>
            ))}
          </div>
        )}
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
                  {s.where ? `${s.where} · ` : ''}
                  {s.stateLabel} · {who(s)}
                  {s.reason ? ` · ${w.reasons[s.reason]}` : ''}
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
                    onClick={() =>
                      status === 'afgemeld'
                        ? setAsking(s.caseId)
                        : record.mutate({ caseId: s.caseId, day: shown, status, moment: view.moment })
                    }
                  >
                    {w.status[status]}
                  </button>
                ))}
              </div>
              {asking === s.caseId && (
                <label className="field presence-reason">
                  <span className="label">{w.reason}</span>
                  <select
                    autoFocus
                    value=""
                    onChange={(e) => {
                      setAsking(undefined);
                      record.mutate({
                        caseId: s.caseId,
                        day: shown,
                        status: 'afgemeld',
                        moment: view.moment,
                        reason: e.target.value as AbsenceReason,
                      });
                    }}
                  >
                    <option value="" disabled>
                      {w.chooseReason}
                    </option>
                    {reasons.map((r) => (
                      <option key={r} value={r}>
                        {w.reasons[r]}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </li>
          ))}
        </ul>
        <section className="card presence-calls" aria-labelledby="presence-calls-head">
          <h2 id="presence-calls-head">{isToday ? w.calls : `${w.callsOn} ${longDay}`}</h2>
          {view && view.calls.length === 0 && <p className="muted">{w.noCalls}</p>}
          <ul data-testid="call-list">
            {view?.calls.map((s) => (
              <CallItem
                key={s.caseId}
                entry={s}
                busy={busy.includes(s.caseId)}
                time={time}
                onCall={(call) => record.mutate({ caseId: s.caseId, day: shown, moment: s.moment, call })}
                onUndo={(undo) => record.mutate({ caseId: s.caseId, day: shown, undo })}
              />
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
        <section className="card presence-waiting" aria-labelledby="presence-waiting-head">
          <h2 id="presence-waiting-head">{w.waiting}</h2>
          <p className="muted">{view?.waiting.length ? w.waitingIntro : w.noWaiting}</p>
          <ul data-testid="waiting-list">
            {view?.waiting.map((r) => (
              <li key={`${r.caseId}-${r.halfDay}`}>
                <div>
                  <Link to={`/cases/${r.caseId}`}>
                    <strong>{r.name}</strong>
                  </Link>{' '}
                  <span className="muted">
                    {r.halfDayLabel} · {w.student} {r.student.name}
                  </span>
                </div>
                {r.address && <div className="muted">{r.address}</div>}
                <div className="chips">
                  {r.phone ? (
                    <a className="button-link" href={tel(r.phone)}>
                      {w.phone} {r.phone}
                    </a>
                  ) : (
                    <span className="muted">{w.noPhone}</span>
                  )}
                  <span className="muted">
                    {w.cover}: {r.cover.length ? r.cover.map((c) => c.name).join(', ') : w.noCover}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}

/** A student to phone: why, the numbers as links, the outcome buttons and the calls made (undoable). */
function CallItem({
  entry: s,
  busy,
  time,
  onCall,
  onUndo,
}: {
  entry: CallEntry;
  busy: boolean;
  time: (iso?: string) => string;
  onCall: (o: CallOutcome) => void;
  onUndo: (id: number) => void;
}) {
  const { locale } = useI18n();
  const w = presenceWords[locale];
  return (
    <li className="call-item">
      <div>
        <strong>{s.name}</strong>{' '}
        <span className="muted">
          {s.momentLabel} · {w.why[s.why]}
          {s.where ? ` · ${s.where}` : ''}
        </span>
      </div>
      <div className="chips">
        {s.phone ? (
          <a className="button-link" href={tel(s.phone)}>
            {w.phone} {s.phone}
          </a>
        ) : (
          <span className="muted">{w.noPhone}</span>
        )}
        {s.emergency && (
          <span className="muted">
            {w.emergency}: {s.emergency}
          </span>
        )}
      </div>
      <div className="chips" role="group" aria-label={w.outcomeOf}>
        {outcomes.map((o) => (
          <button key={o} className={o === 'bereikt' ? 'primary' : ''} disabled={busy} onClick={() => onCall(o)}>
            {w.outcome[o]}
          </button>
        ))}
      </div>
      {s.attempts.length > 0 && (
        <ul className="call-attempts">
          {s.attempts.map((a) => (
            <li key={a.id} className={a.undone ? 'muted is-undone' : ''}>
              {w.outcome[a.outcome]} · <span title={a.by}>{a.byName}</span>, {time(a.at)}
              {a.undone ? (
                ` · ${w.undone}`
              ) : (
                <button className="link" disabled={busy} onClick={() => onUndo(a.id)}>
                  {w.undo}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
