import { say, type Locale, type Message } from '../../../engine/text';
import type { Refusal, SaveState } from './model/draft';
import type { DesignerWords } from './model/words';

/** Where the autosave stands, in the bar. */
export function SaveStatus({ state, w }: { state: SaveState; w: DesignerWords }) {
  const words: Record<SaveState, string> = {
    saved: w.saved,
    dirty: w.unsaved,
    saving: w.savingNow,
    failed: w.saveFailed,
    conflict: w.conflictState,
  };
  return (
    <span className={`save-state save-${state}`} role="status" aria-live="polite">
      {words[state]}
    </span>
  );
}

/** What the server's refusal means for the manager's work, and what to do about it. */
function refusalWords(refusal: Refusal, saveState: SaveState | undefined, w: DesignerWords): string {
  // Without a save state the draft itself could not be loaded: editing never began.
  if (!saveState) return refusal.reason === 'forbidden' ? w.forbidden : w.loadFailed(refusal.message);
  switch (refusal.reason) {
    case 'conflict':
      return `${w.conflict} ${w.conflictHelp}`;
    case 'session':
      return w.sessionEnded;
    case 'forbidden':
      return w.notAllowed;
    case 'invalid':
      return w.invalid(refusal.message);
    case 'failed':
      return w.saveFailedHelp(refusal.message);
  }
}

/**
 * Under the bar: why the server did not take the draft (with the one thing that helps: load the
 * latest after a conflict, try again otherwise), and why the last edit could not be made.
 */
export function Refusals({
  refusal,
  editRefusal,
  saveState,
  locale,
  w,
  onReload,
  onRetry,
}: {
  refusal?: Refusal;
  editRefusal?: Message;
  saveState?: SaveState;
  locale: Locale;
  w: DesignerWords;
  onReload: () => void;
  onRetry: () => void;
}) {
  return (
    <>
      {refusal && (
        <div className="designer-refusal" role="alert">
          <p className="error">{refusalWords(refusal, saveState, w)}</p>
          {saveState === 'conflict' && (
            <button type="button" onClick={onReload}>
              {w.reload}
            </button>
          )}
          {saveState === 'failed' && (
            <button type="button" onClick={onRetry}>
              {w.retry}
            </button>
          )}
        </div>
      )}
      {editRefusal && (
        <div className="designer-refusal" role="alert">
          <p className="error">{w.editRefused(say(editRefusal, locale))}</p>
        </div>
      )}
    </>
  );
}
