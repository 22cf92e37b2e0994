import { useState } from 'react';
import type { DesignerWords } from './model/words';

/** After dragging from one step to another: the new action's name, or cancel. */
export function ConnectForm({
  w,
  onAdd,
  onCancel,
}: {
  w: DesignerWords;
  onAdd: (label: string) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState('');
  return (
    <form
      className="stack-form connect"
      aria-label={w.newAction}
      onSubmit={(e) => {
        e.preventDefault();
        if (label.trim()) onAdd(label.trim());
      }}
    >
      <div className="field">
        <label htmlFor="connect-label">{w.connectPrompt}</label>
        <input id="connect-label" autoFocus value={label} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit">{w.add}</button>
        <button type="button" onClick={onCancel}>
          {w.cancel}
        </button>
      </div>
    </form>
  );
}
