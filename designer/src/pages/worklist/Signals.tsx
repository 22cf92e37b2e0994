import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { Link } from '../../components/Link';
import { ErrorMessage } from '../../components/ErrorMessage';

const words = {
  nl: {
    title: 'Signalen',
    intro: 'Een student die zich niet goed voelt: bespreek het vandaag, voordat de student naar huis gaat.',
    by: 'doorgegeven door',
    late: 'te laat',
    screened: 'Toelichting afgeschermd',
    close: 'Afsluiten',
    closeLabel: 'Hoe is het opgepakt?',
    closeHint: 'Bijvoorbeeld: besproken, naar huis gegaan, coach gebeld.',
    save: 'Signaal afsluiten',
    cancel: 'Annuleren',
    comes: 'Ik kom eraan',
    calls: 'Ik bel',
    forWhom: (name: string) => `voor ${name} (bereikbaar vandaag)`,
    escalated: 'niet op tijd opgepakt',
    answered: (name: string) => `opgepakt door ${name}`,
  },
  en: {
    title: 'Signals',
    intro: 'A student who does not feel well: talk it through today, before the student goes home.',
    by: 'given by',
    late: 'late',
    screened: 'Explanation screened',
    close: 'Close',
    closeLabel: 'How was it dealt with?',
    closeHint: 'For example: talked it through, went home, called the coach.',
    save: 'Close signal',
    cancel: 'Cancel',
    comes: 'I am coming',
    calls: 'I will call',
    forWhom: (name: string) => `for ${name} (on call today)`,
    escalated: 'not answered in time',
    answered: (name: string) => `taken up by ${name}`,
  },
};

/** Closing one signal, with the note a coördinator writes. */
function CloseForm({ id, caseId, onDone }: { id: number; caseId: string; onDone: () => void }) {
  const { locale } = useI18n();
  const w = words[locale];
  const field = useId();
  const [text, setText] = useState('');
  const close = useMutation({
    mutationFn: () => api.closeSignal(id, text),
    onSuccess: () => {
      void changed.signal(caseId);
      onDone();
    },
  });
  return (
    <form
      className="signal-close"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <label htmlFor={field}>{w.closeLabel}</label>
      <textarea
        id={field}
        required
        maxLength={500}
        rows={2}
        value={text}
        aria-describedby={`${field}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${field}-hint`} className="muted">
        {w.closeHint}
      </p>
      <ErrorMessage error={close.error} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={close.isPending || !text.trim()}>
          {w.save}
        </button>
        <button type="button" onClick={onDone}>
          {w.cancel}
        </button>
      </div>
    </form>
  );
}

/** Answering a student's call for help: they read who comes or calls at once. */
function Acknowledge({ id, caseId, mode }: { id: number; caseId: string; mode?: string }) {
  const { locale } = useI18n();
  const w = words[locale];
  const ack = useMutation({
    mutationFn: () => api.acknowledgeSignal(id),
    onSuccess: () => void changed.signal(caseId),
  });
  return (
    <>
      <button className="primary" disabled={ack.isPending} onClick={() => ack.mutate()}>
        {mode === 'bel-me' ? w.calls : w.comes}
      </button>
      <ErrorMessage error={ack.error} />
    </>
  );
}

/**
 * The site's open signals at the top of the coördinator's worklist, the late ones marked; a
 * coördinator (or a manager) closes one with a note, which goes into the student's history.
 */
export function Signals({ mayClose }: { mayClose: boolean }) {
  const { locale } = useI18n();
  const w = words[locale];
  // Kept live by the pushed changes (lib/live.ts); the interval also marks signals late as the day ends.
  const signals = useQuery({ ...queries.signals(), refetchInterval: 30_000 });
  const [closing, setClosing] = useState<number>();
  const items = signals.data ?? [];
  if (!items.length && !signals.error) return null;
  return (
    <section className="signals" aria-labelledby="signals-title">
      <h2 id="signals-title" className="work-group late">
        {w.title} <span className="count">{items.length}</span>
      </h2>
      <p className="muted">{w.intro}</p>
      <ErrorMessage error={signals.error} />
      <ul className="worklist">
        {items.map((s) => (
          <li key={s.id} className={`card work-item signal${s.late ? ' late' : ''}`}>
            <div className="work-head">
              <Link to={`/cases/${s.caseId}`}>
                <strong>{s.caseTitle}</strong>
              </Link>
              <span className="badge bad">{s.kindLabel}</span>
              {s.modeLabel && <span className="badge bad">{s.modeLabel}</span>}
              {s.escalated && <span className="badge late">{w.escalated}</span>}
              {s.late && <span className="badge late">{w.late}</span>}
            </div>
            <div className="muted">
              {formatDateTime(s.at, locale)} · {w.by} {s.byName}
              {s.forName && !s.escalated && ` · ${w.forWhom(s.forName)}`}
              {s.acknowledged && ` · ${w.answered(s.acknowledged.byName)}`}
            </div>
            {s.text ? <p className="note-text">{s.text}</p> : s.textHidden && <p className="screened">{w.screened}</p>}
            {mayClose &&
              (closing === s.id ? (
                <CloseForm id={s.id} caseId={s.caseId} onDone={() => setClosing(undefined)} />
              ) : (
                <div className="chips">
                  {s.kind === 'hulp-nodig' && !s.acknowledged && (
                    <Acknowledge id={s.id} caseId={s.caseId} mode={s.mode} />
                  )}
                  <button onClick={() => setClosing(s.id)}>{w.close}</button>
                </div>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
