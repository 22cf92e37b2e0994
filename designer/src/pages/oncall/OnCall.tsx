import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { weekdayName, weekdays } from '../../../../engine/halfdays';
import { say } from '../../../../engine/text';
import { api, type OnCallView } from '../../lib/api';
import { keys, queries, queryClient } from '../../lib/query';
import { useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';

export const onCallWords = {
  nl: {
    title: 'Bereikbaarheid',
    intro:
      'Zodra studenten in de wijk zijn, is er altijd een coördinator bereikbaar. Een hulpvraag van een student gaat eerst naar de coördinator van die dag.',
    nobody: 'Niemand',
    minutes: 'Na hoeveel minuten zonder antwoord gaat een hulpvraag naar alle coördinatoren en de projectleider?',
    today: 'Vandaag bereikbaar',
    save: 'Opslaan',
    saved: 'Opgeslagen.',
  },
  en: {
    title: 'On call',
    intro:
      "While students are in the neighbourhood a coördinator can always be reached. A student's call for help goes first to that day's coördinator.",
    nobody: 'Nobody',
    minutes:
      'After how many minutes without an answer does a call for help go to every coördinator and the projectleider?',
    today: 'On call today',
    save: 'Save',
    saved: 'Saved.',
  },
};

function RotaForm({ view }: { view: OnCallView }) {
  const { locale } = useI18n();
  const w = onCallWords[locale];
  const [rota, setRota] = useState(view.onCall.rota);
  const [minutes, setMinutes] = useState(view.onCall.escalateAfterMinutes);
  const save = useMutation({
    mutationFn: () => api.saveOnCall({ rota, escalateAfterMinutes: minutes }),
    onSuccess: (next) => queryClient.setQueryData(keys.onCall, next),
  });
  return (
    <form
      className="card stack-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {weekdays.map((d) => (
        <div className="field" key={d}>
          <label htmlFor={`oncall-${d}`}>{say(weekdayName(d), locale)}</label>
          <select
            id={`oncall-${d}`}
            value={rota[d] ?? ''}
            onChange={(e) => {
              const { [d]: _was, ...rest } = rota;
              setRota(e.target.value ? { ...rest, [d]: e.target.value } : rest);
            }}
          >
            <option value="">{w.nobody}</option>
            {view.coordinators.map((c) => (
              <option key={c.username} value={c.username}>
                {c.displayName}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor="oncall-minutes">{w.minutes}</label>
        <input
          id="oncall-minutes"
          type="number"
          min={1}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
        />
      </div>
      <ErrorMessage error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {w.save}
      </button>
      {save.isSuccess && <p role="status">{w.saved}</p>}
    </form>
  );
}

/** The on-call rota, kept by the projectleider: a coördinator per weekday and the escalation minutes. */
export function OnCall() {
  const { locale, t } = useI18n();
  const w = onCallWords[locale];
  const view = useQuery(queries.onCall());
  return (
    <main className="page">
      <h1>{w.title}</h1>
      <p className="muted">{w.intro}</p>
      <ErrorMessage error={view.error} />
      {view.data ? (
        <>
          {view.data.today && (
            <p>
              {w.today}: <strong>{view.data.today.displayName}</strong>
            </p>
          )}
          <RotaForm view={view.data} />
        </>
      ) : (
        !view.error && <p>{t.loading}</p>
      )}
    </main>
  );
}
