import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type SessionStatus, type WeekView } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';

export const planningWords = {
  nl: {
    title: 'Planning',
    intro: 'Wie is waar op welk dagdeel: lessen, klanten in de wijk en vrije dagdelen, met vraag tegenover aanbod.',
    print: 'Afdrukken',
    week: 'Week',
    previous: 'Vorige week',
    thisWeek: 'Deze week',
    next: 'Volgende week',
    student: 'Student',
    morning: 'ochtend',
    afternoon: 'middag',
    free: 'vrij',
    none: '—',
    paused: 'gepauzeerd',
    supply: 'Aanbod',
    planned: 'gepland',
    demand: 'Vraag',
    waitingCount: 'wachtend',
    supplyHelp: 'dagdelen in de wijk deze week',
    demandHelp: 'dagdelen per week die klanten vragen',
    waiting: 'Wachten op een student',
    perWeek: (n: number) => `${n}× per week`,
    orphaned: 'Klant zonder student',
    noWaiting: 'Niemand wacht op een student.',
    empty: 'Er zijn nog geen studenten die klanten helpen of op de locatie verwacht worden.',
    absent: { afwezig: 'afwezig', afgemeld: 'afgemeld' } as Record<string, string>,
    session: 'Hoe ging het bezoek?',
    open: 'open',
    sessionStatus: { gedaan: 'Gedaan', afgezegd: 'Afgezegd', 'student-afwezig': 'Student weg' },
    hours: 'uur',
    hoursOf: 'Uren hulp',
  },
  en: {
    title: 'Planning',
    intro:
      'Who is where on which half-day: lessons, clients in the neighbourhood and free half-days, demand against supply.',
    print: 'Print',
    week: 'Week',
    previous: 'Previous week',
    thisWeek: 'This week',
    next: 'Next week',
    student: 'Student',
    morning: 'morning',
    afternoon: 'afternoon',
    free: 'free',
    none: '—',
    paused: 'paused',
    supply: 'Supply',
    planned: 'planned',
    demand: 'Demand',
    waitingCount: 'waiting',
    supplyHelp: 'half-days in the neighbourhood this week',
    demandHelp: 'half-days a week the clients ask',
    waiting: 'Waiting for a student',
    perWeek: (n: number) => `${n}× a week`,
    orphaned: 'Client without a student',
    noWaiting: 'Nobody waits for a student.',
    empty: 'No students help clients or are expected at the site yet.',
    absent: { afwezig: 'absent', afgemeld: 'excused' } as Record<string, string>,
    session: 'How did the visit go?',
    open: 'open',
    sessionStatus: { gedaan: 'Done', afgezegd: 'Cancelled', 'student-afwezig': 'Student away' },
    hours: 'hours',
    hoursOf: 'Hours of help',
  },
};

type Cell = WeekView['rows'][number]['cells'][number];
type Slot = Cell['clients'][number];
type SessionChange = { clientId: string; day: string; halfDay: string; status: SessionStatus | ''; hours?: number };

const sessionStatuses: SessionStatus[] = ['gedaan', 'afgezegd', 'student-afwezig'];

/** One client on a half-day, with how the visit went (recorded here, taken back by choosing nothing). */
function ClientSlot({
  slot,
  cell,
  onSession,
  busy,
}: {
  slot: Slot;
  cell: Cell;
  onSession: (c: SessionChange) => void;
  busy: boolean;
}) {
  const { locale } = useI18n();
  const w = planningWords[locale];
  // A visit done is recorded with the hours it took (the report gives no hours for a half-day).
  const [hours, setHours] = useState('');
  return (
    <div className={`plan-client${slot.paused ? ' is-paused' : ''}`}>
      <Link to={`/cases/${slot.caseId}`}>{slot.name}</Link>
      {slot.address && <span className="muted plan-address">{slot.address}</span>}
      {slot.paused ? (
        <span className="muted">{w.paused}</span>
      ) : (
        <select
          className="no-print"
          aria-label={`${w.session} ${slot.name}, ${cell.date} ${cell.halfDay}`}
          value={slot.session?.status ?? ''}
          disabled={busy}
          onChange={(e) =>
            onSession({
              clientId: slot.caseId,
              day: cell.date,
              halfDay: cell.halfDay,
              status: e.target.value as SessionStatus | '',
              ...(e.target.value === 'gedaan' && hours !== '' ? { hours: Number(hours) } : {}),
            })
          }
        >
          <option value="">{w.open}</option>
          {sessionStatuses.map((s) => (
            <option key={s} value={s}>
              {w.sessionStatus[s]}
            </option>
          ))}
        </select>
      )}
      {slot.session?.status === 'gedaan' ? (
        <span className="muted">
          {slot.session.hours.toLocaleString(locale)} {w.hours}
        </span>
      ) : (
        !slot.paused && (
          <input
            className="no-print plan-hours"
            type="number"
            min={0}
            max={12}
            step={0.25}
            inputMode="decimal"
            placeholder={w.hours}
            aria-label={`${w.hoursOf} ${slot.name}, ${cell.date} ${cell.halfDay}`}
            value={hours}
            disabled={busy}
            onChange={(e) => setHours(e.target.value)}
          />
        )
      )}
    </div>
  );
}

/** A half-day of a student: lesson, client(s), free in the wijk, closed, or nothing planned. */
function HalfDay({
  cell,
  part,
  onSession,
  busy,
}: {
  cell: Cell;
  part: string;
  onSession: (c: SessionChange) => void;
  busy: boolean;
}) {
  const { locale } = useI18n();
  const w = planningWords[locale];
  return (
    <div className={`plan-cell kind-${cell.kind}${cell.absent ? ' is-absent' : ''}`} data-halfday={cell.halfDay}>
      <span className="plan-part">{part}</span>
      {cell.kind === 'klant' ? (
        cell.clients.map((slot) => (
          <ClientSlot key={slot.caseId} slot={slot} cell={cell} onSession={onSession} busy={busy} />
        ))
      ) : cell.kind === 'vrij' ? (
        <span className="plan-free">{w.free}</span>
      ) : cell.label ? (
        <span>{cell.label}</span>
      ) : (
        <span className="muted">{w.none}</span>
      )}
      {cell.clash && <span className="plan-clash">{cell.clash}</span>}
      {cell.absent && <span className="badge bad">{w.absent[cell.absent] ?? cell.absent}</span>}
    </div>
  );
}

/** The coördinator's week: a row per student, a column per weekday with its morning and afternoon. */
export function Planning() {
  const { locale } = useI18n();
  const w = planningWords[locale];
  /** Any day of the week shown; unset: this week as the server's clock has it. */
  const [week, setWeek] = useState<string>();
  const view = useQuery({ ...queries.week(week), placeholderData: keepPreviousData });
  const session = useMutation({
    mutationKey: ['session'],
    mutationFn: (c: SessionChange): Promise<unknown> =>
      c.status
        ? api.recordSession(c.clientId, c.day, c.halfDay, c.status, c.hours)
        : api.removeSession(c.clientId, c.day, c.halfDay),
    onSuccess: () => changed.session(),
  });
  const v = view.data;
  const dayMonth = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });

  return (
    <main className="page planning">
      <PageHead title={w.title} intro={w.intro} print={w.print}>
        <div className="segmented no-print" role="group" aria-label={w.week}>
          <button onClick={() => v && setWeek(v.previous)}>← {w.previous}</button>
          <button onClick={() => setWeek(undefined)}>{w.thisWeek}</button>
          <button onClick={() => v && setWeek(v.next)}>{w.next} →</button>
        </div>
      </PageHead>
      <ErrorMessage error={view.error ?? session.error} />
      {v && (
        <>
          <p className="plan-totals" data-testid="plan-totals">
            <strong>
              {w.week} {v.week}
            </strong>{' '}
            · {dayMonth(v.days[0].date)} – {dayMonth(v.days[4].date)}
            <span className="chips">
              <span className="badge" title={w.supplyHelp}>
                {w.supply}: {v.totals.supply} ({w.planned} {v.totals.planned}, {w.free} {v.totals.free})
              </span>
              <span className="badge" title={w.demandHelp}>
                {w.demand}: {v.totals.demand} ({w.waitingCount} {v.totals.waiting})
              </span>
            </span>
          </p>
          {v.rows.length === 0 ? (
            <p>{w.empty}</p>
          ) : (
            <table className="plan-board" data-testid="plan-board">
              <thead>
                <tr>
                  <th scope="col">{w.student}</th>
                  {v.days.map((d) => (
                    <th key={d.date} scope="col">
                      {d.label} <span className="muted">{dayMonth(d.date)}</span>
                      {d.closed && <span className="badge">{d.closed}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr key={r.student.caseId} data-student={r.student.name}>
                    <th scope="row">
                      <Link to={`/cases/${r.student.caseId}`}>{r.student.name}</Link>
                      <span className="muted">{r.student.stateLabel}</span>
                    </th>
                    {v.days.map((d) => (
                      <td key={d.date}>
                        {r.cells
                          .filter((c) => c.date === d.date)
                          .map((c) => (
                            <HalfDay
                              key={c.halfDay}
                              cell={c}
                              part={c.halfDay.endsWith('ochtend') ? w.morning : w.afternoon}
                              onSession={(change) => session.mutate(change)}
                              busy={session.isPending}
                            />
                          ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="plan-lists">
            <section className="card" aria-labelledby="plan-waiting">
              <h2 id="plan-waiting">{w.waiting}</h2>
              {v.waiting.length === 0 && <p className="muted">{w.noWaiting}</p>}
              <ul data-testid="plan-waiting">
                {v.waiting.map((c) => (
                  <li key={c.caseId}>
                    <Link to={`/cases/${c.caseId}`}>{c.name}</Link>{' '}
                    <span className="muted">
                      {w.perWeek(c.perWeek)}
                      {c.wish ? ` · ${c.wish}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            {v.orphaned.length > 0 && (
              <section className="card" aria-labelledby="plan-orphaned">
                <h2 id="plan-orphaned">{w.orphaned}</h2>
                <ul data-testid="plan-orphaned">
                  {v.orphaned.map((c) => (
                    <li key={c.caseId}>
                      <Link to={`/cases/${c.caseId}`}>{c.name}</Link> <span className="muted">{c.reason}</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </>
      )}
    </main>
  );
}
