import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { helpKind, signalKinds, type SignalKind } from '../../../../engine/signals';
import { say } from '../../../../engine/text';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, keys } from '../../lib/query';
import { ErrorMessage } from '../../components/ErrorMessage';

const words = {
  nl: {
    title: 'Signaal',
    intro: 'Gaat het niet goed met deze student? De coördinatoren zien het meteen op hun werklijst.',
    text: 'Toelichting (mag leeg)',
    send: 'Signaal doorgeven',
    cancel: 'Annuleren',
    sent: 'Doorgegeven aan de coördinatoren.',
  },
  en: {
    title: 'Signal',
    intro: 'Is this student not doing well? The coördinatoren see it on their worklist at once.',
    text: 'Explanation (may be empty)',
    send: 'Give signal',
    cancel: 'Cancel',
    sent: 'Passed on to the coördinatoren.',
  },
};

/** On a running student's dossier: anyone on staff signals that the student is not doing well. */
export function SignalCard({ caseId }: { caseId: string }) {
  const { locale } = useI18n();
  const w = words[locale];
  const queryClient = useQueryClient();
  const field = useId();
  const [kind, setKind] = useState<SignalKind>();
  const [text, setText] = useState('');
  const give = useMutation({
    mutationFn: (k: SignalKind) => api.signal(caseId, { kind: k, ...(text.trim() ? { text: text.trim() } : {}) }),
    onSuccess: async () => {
      setKind(undefined);
      setText('');
      await queryClient.invalidateQueries({ queryKey: keys.history(caseId) });
      void changed.signal(caseId);
    },
  });
  return (
    <section className="card" aria-labelledby={`${field}-title`}>
      <h2 id={`${field}-title`}>{w.title}</h2>
      <p className="muted">{w.intro}</p>
      {kind ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            give.mutate(kind);
          }}
        >
          <label htmlFor={field}>{w.text}</label>
          <textarea id={field} maxLength={500} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <ErrorMessage error={give.error} />
          <div className="button-row">
            <button type="submit" className="primary" disabled={give.isPending}>
              {w.send}
            </button>
            <button type="button" onClick={() => setKind(undefined)}>
              {w.cancel}
            </button>
          </div>
        </form>
      ) : (
        <div className="chips">
          {/* A call for help is the student's own, from their view. */}
          {(Object.keys(signalKinds) as SignalKind[])
            .filter((k) => k !== helpKind)
            .map((k) => (
              <button key={k} onClick={() => setKind(k)}>
                {say(signalKinds[k], locale)}
              </button>
            ))}
        </div>
      )}
      {give.isSuccess && !kind && (
        <p role="status" className="ok">
          {w.sent}
        </p>
      )}
    </section>
  );
}
