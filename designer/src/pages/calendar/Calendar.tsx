import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, type SiteCalendar } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';

const words = {
  nl: {
    title: 'Kalender',
    intro:
      'Wanneer de locatie dicht is, zoals in de schoolvakanties. Timers en termijnen die in open dagen tellen, slaan deze dagen over; de dossiers laten de nieuwe datums meteen zien.',
    timeZone: 'Tijdzone',
    closed: 'Gesloten periodes',
    none: 'Nog geen gesloten periodes: elke dag telt als open dag.',
    from: 'Van',
    to: 'Tot en met',
    labelNl: 'Naam',
    labelEn: 'Naam in het Engels',
    days: (n: number) => (n === 1 ? '1 dag' : `${n} dagen`),
    add: 'Periode toevoegen',
    remove: 'Verwijderen',
    save: 'Opslaan',
    saving: 'Bezig met opslaan…',
    saved: 'Opgeslagen',
    running: 'Timers die al lopen houden hun datum; nieuwe timers, termijnen en de planning tellen op deze kalender.',
    readOnly: 'Alleen een projectleider of beheerder past de kalender aan.',
  },
  en: {
    title: 'Calendar',
    intro:
      'When the site is closed, such as the school holidays. Timers and deadlines that count open days leave these days out; the cases show the new dates at once.',
    timeZone: 'Time zone',
    closed: 'Closed periods',
    none: 'No closed periods yet: every day counts as an open day.',
    from: 'From',
    to: 'Up to and including',
    labelNl: 'Name in Dutch',
    labelEn: 'Name',
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    add: 'Add a period',
    remove: 'Remove',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    running: 'Timers already running keep their date; new timers, deadlines and the plan count on this calendar.',
    readOnly: 'Only a project lead or an administrator changes the calendar.',
  },
};

type Period = NonNullable<SiteCalendar['closed']>[number];

const zones = ['Europe/Amsterdam', 'Europe/Brussels', 'America/Curacao', 'America/Aruba'];

/** Days from `from` to `to`, both included; 0 when the period is not (yet) a period. */
function length(p: Period): number {
  const days = (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? days : 0;
}

/** The site's closed periods, kept by a projectleider; everyone may look. */
export function Calendar({ canEdit }: { canEdit: boolean }) {
  const { locale } = useI18n();
  const w = words[locale];
  const calendar = useQuery(queries.calendar());
  // Kept here: a save brings a new answer, which starts the form again from it.
  const [saved, setSaved] = useState(false);
  return (
    <main className="page calendar-page">
      <PageHead title={w.title} intro={w.intro} />
      <ErrorMessage error={calendar.error} />
      {calendar.data && (
        // A new answer from the server (a save, another manager) starts the form again from it.
        <CalendarForm
          key={JSON.stringify(calendar.data)}
          initial={calendar.data.calendar}
          canEdit={canEdit}
          saved={saved}
          setSaved={setSaved}
        />
      )}
    </main>
  );
}

function CalendarForm({
  initial,
  canEdit,
  saved,
  setSaved,
}: {
  initial: SiteCalendar;
  canEdit: boolean;
  saved: boolean;
  setSaved: (saved: boolean) => void;
}) {
  const { locale } = useI18n();
  const w = words[locale];
  const [timeZone, setTimeZone] = useState(initial.timeZone ?? '');
  const [periods, setPeriods] = useState<Period[]>(initial.closed ?? []);
  const save = useMutation({
    mutationFn: () =>
      api.saveCalendar({
        ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}),
        // A period without a name is kept without one.
        closed: periods.map(({ label, ...p }) => (label?.nl ? { ...p, label } : p)),
      }),
    onSuccess: () => {
      setSaved(true);
      void changed.calendar();
    },
  });
  const problems = save.error instanceof ApiError ? save.error.details : [];
  const problemAt = (path: string) => problems.find((d) => d.path === path)?.message;
  // The problems shown at a field; the rest are said above the buttons.
  const atFields = new Set(['timeZone', ...periods.flatMap((_, i) => [`closed.${i}.from`, `closed.${i}.to`])]);
  const edit = (i: number, patch: Partial<Period>) => {
    setSaved(false);
    setPeriods(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  };
  const label = (p: Period, lang: 'nl' | 'en', v: string) => {
    const next = { nl: p.label?.nl ?? '', ...(p.label?.en ? { en: p.label.en } : {}), [lang]: v };
    if (!next.en) delete next.en;
    return next;
  };
  const disabled = !canEdit || save.isPending;
  const dateCell = (p: Period, i: number, key: 'from' | 'to') => {
    const wrong = problemAt(`closed.${i}.${key}`);
    return (
      <td className={wrong ? 'has-error' : undefined}>
        <input
          type="date"
          aria-label={`${key === 'from' ? w.from : w.to} (${i + 1})`}
          value={p[key]}
          disabled={disabled}
          required
          onChange={(e) => edit(i, { [key]: e.target.value })}
        />
        {wrong && <p className="field-error">{wrong}</p>}
      </td>
    );
  };
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate();
      }}
    >
      {!canEdit && <p className="muted">{w.readOnly}</p>}
      <div className={`field time-zone${problemAt('timeZone') ? ' has-error' : ''}`}>
        <label htmlFor="calendar-zone">{w.timeZone}</label>
        <input
          id="calendar-zone"
          list="calendar-zones"
          value={timeZone}
          placeholder="Europe/Amsterdam"
          disabled={disabled}
          onChange={(e) => {
            setSaved(false);
            setTimeZone(e.target.value);
          }}
        />
        <datalist id="calendar-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {problemAt('timeZone') && <p className="field-error">{problemAt('timeZone')}</p>}
      </div>
      <h2>{w.closed}</h2>
      {periods.length === 0 ? (
        <p className="muted">{w.none}</p>
      ) : (
        <Table
          className="closed-periods"
          data-testid="closed-periods"
          columns={[w.from, w.to, '', w.labelNl, w.labelEn, '']}
        >
          {periods.map((p, i) => (
            <tr key={i}>
              {dateCell(p, i, 'from')}
              {dateCell(p, i, 'to')}
              <td className="muted">{length(p) ? w.days(length(p)) : ''}</td>
              <td>
                <input
                  aria-label={`${w.labelNl} (${i + 1})`}
                  value={p.label?.nl ?? ''}
                  disabled={disabled}
                  onChange={(e) => edit(i, { label: label(p, 'nl', e.target.value) })}
                />
              </td>
              <td>
                <input
                  aria-label={`${w.labelEn} (${i + 1})`}
                  value={p.label?.en ?? ''}
                  disabled={disabled}
                  onChange={(e) => edit(i, { label: label(p, 'en', e.target.value) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  disabled={disabled}
                  onClick={() => {
                    setSaved(false);
                    setPeriods(periods.filter((_, j) => j !== i));
                  }}
                >
                  {w.remove}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ErrorMessage error={save.error} omit={(d) => atFields.has(d.path)} />
      <p className="muted">{w.running}</p>
      {canEdit && (
        <div className="form-buttons">
          <button
            type="button"
            disabled={disabled}
            onClick={() => {
              setSaved(false);
              const last = periods.at(-1)?.to;
              setPeriods([...periods, { from: last ?? '', to: last ?? '' }]);
            }}
          >
            {w.add}
          </button>
          <button type="submit" className="primary" disabled={disabled}>
            {save.isPending ? w.saving : w.save}
          </button>
          {saved && (
            <span className="muted" role="status">
              {w.saved}
            </span>
          )}
        </div>
      )}
    </form>
  );
}
