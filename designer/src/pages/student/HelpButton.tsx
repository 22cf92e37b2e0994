import { useState, useId } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { HelpMode } from '../../../../engine/signals';
import { api } from '../../lib/api';
import { keys, queries, queryClient } from '../../lib/query';
import { useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';
import { studentWords } from './words';

/**
 * "Hulp nodig": one button, an optional short text, "kom nu" or "bel me". While the call is open
 * the page asks every few seconds whether a coördinator answered, and says who comes or calls.
 */
export function HelpButton() {
  const { locale } = useI18n();
  const w = studentWords[locale];
  const field = useId();
  const [asking, setAsking] = useState(false);
  const [text, setText] = useState('');
  const help = useQuery({
    ...queries.myHelp(),
    refetchInterval: (q) => (q.state.data?.current && q.state.data.current.status !== 'closed' ? 3000 : false),
  });
  const ask = useMutation({
    mutationFn: (mode: HelpMode) => api.askHelp({ mode, ...(text.trim() ? { text: text.trim() } : {}) }),
    onSuccess: (current) => {
      queryClient.setQueryData(keys.myHelp, { current });
      setAsking(false);
      setText('');
    },
  });
  const current = help.data;
  const open = current && current.status !== 'closed';
  return (
    <section className="own-help" aria-label={w.help} aria-live="polite">
      {open ? (
        <p className={`own-answer ${current.status}`} data-testid="help-answer">
          {current.answer ?? w.sent(current.onCall?.displayName)}
        </p>
      ) : asking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <p>{w.helpIntro}</p>
          <label htmlFor={field}>{w.helpText}</label>
          <textarea id={field} maxLength={200} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <ErrorMessage error={ask.error} />
          <div className="own-modes">
            <button type="button" className="primary" disabled={ask.isPending} onClick={() => ask.mutate('kom-nu')}>
              {w.comeNow}
            </button>
            <button type="button" className="primary" disabled={ask.isPending} onClick={() => ask.mutate('bel-me')}>
              {w.callMe}
            </button>
          </div>
          <button type="button" className="link" onClick={() => setAsking(false)}>
            {w.cancel}
          </button>
        </form>
      ) : (
        <>
          {current?.status === 'closed' && <p className="muted">{w.closedHelp}</p>}
          <button type="button" className="own-help-button" onClick={() => setAsking(true)}>
            {current?.status === 'closed' ? w.askAgain : w.help}
          </button>
        </>
      )}
    </section>
  );
}
