import { useCallback, useState } from 'react';
import { refId, type Selection } from './model/model';

export type Panel = 'inspect' | 'fields' | 'simulate' | 'replay' | 'compare' | 'publish';

/** The diagram's node to bring into view for a selection: an arrow is seen from where it leaves. */
const nodeOf = (s: NonNullable<Selection>) =>
  'state' in s ? s.state : 'transition' in s ? s.transition.source || '*' : '*';

/** A step (or arrow, by its label) to bring into view; a new `n` each time, so it can be asked for again. */
export interface Focus {
  id: string;
  edge?: string;
  n: number;
}

/**
 * What the manager has chosen, the side panel that shows it, and the node to bring into view
 * (a new `n` each time, so the same node can be asked for again).
 */
export function useSelection() {
  const [selection, setSelection] = useState<Selection>(null);
  const [panel, setPanel] = useState<Panel>('inspect');
  const [focus, setFocus] = useState<Focus>();

  /** Chooses a step or arrow and opens its panel, unless a test run or a replay is being watched. */
  const select = useCallback((s: Selection) => {
    setSelection(s);
    // The chosen step stays in the address (?stap=…): a reload or a shared link opens there.
    const url = new URL(location.href);
    if (s && 'state' in s) url.searchParams.set('stap', s.state);
    else url.searchParams.delete('stap');
    if (url.href !== location.href) history.replaceState(history.state, '', url);
    if (s) setPanel((p) => (p === 'simulate' || p === 'replay' ? p : 'inspect'));
  }, []);
  /** Brings it into view without choosing it: a comparison stays open while its changes are looked at. */
  const look = useCallback((s: NonNullable<Selection>) => {
    setFocus((f) => ({
      id: nodeOf(s),
      ...('transition' in s ? { edge: refId(s.transition) } : {}),
      n: (f?.n ?? 0) + 1,
    }));
  }, []);
  /** Chooses it and brings it into view. */
  const show = useCallback(
    (s: NonNullable<Selection>) => {
      select(s);
      look(s);
    },
    [select, look],
  );
  return { selection, select, show, look, panel, setPanel, focus };
}
