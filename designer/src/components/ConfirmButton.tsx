import { useState } from 'react';
import { useI18n } from '../lib/i18n';

/** The question before something that cannot simply be undone, with the button that does it. */
export function Confirm({
  label,
  question,
  confirm,
  disabled,
  onConfirm,
  onCancel,
}: {
  /** What is being confirmed: the group's name. */
  label: string;
  /** What happens, as a question ("Het dossier wordt afgesloten. Doorgaan?"). */
  question: string;
  /** The button that does it ("Ja, afsluiten"). */
  confirm: string;
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <span className="confirm" role="group" aria-label={label}>
      <span>{question}</span>{' '}
      <button type="button" className="danger primary" disabled={disabled} onClick={onConfirm}>
        {confirm}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
    </span>
  );
}

/**
 * A button for what cannot simply be undone (switching an account off, a new password): the
 * first click asks, in words, and only the second does it.
 */
export function ConfirmButton({
  label,
  question,
  confirm,
  disabled,
  onConfirm,
}: {
  label: string;
  question: string;
  confirm: string;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <Confirm
      label={label}
      question={question}
      confirm={confirm}
      disabled={disabled}
      onConfirm={() => {
        setAsking(false);
        onConfirm();
      }}
      onCancel={() => setAsking(false)}
    />
  );
}
