import { useEffect } from 'react';

/** Keys typed into a field are the field's own: Ctrl+Z there undoes the typing, Delete a letter. */
const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

/**
 * The designer's keys, anywhere on the page but in a field: Ctrl+Z undoes, Ctrl+Shift+Z and
 * Ctrl+Y redo (Cmd on a Mac), Delete and Backspace remove the chosen step or arrow. `remove`
 * answers whether something was removed; without it (nothing editable drawn) the keys pass.
 */
export function useShortcuts({
  enabled,
  undo,
  redo,
  remove,
}: {
  enabled: boolean;
  undo: () => void;
  redo: () => void;
  remove?: () => boolean;
}) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (e.ctrlKey || e.metaKey) {
        if (key === 'z' && !e.shiftKey) undo();
        else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
        else return;
      } else if (!((e.key === 'Delete' || e.key === 'Backspace') && remove?.())) return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [enabled, undo, redo, remove]);
}
