import { useEffect } from 'react';
import { keys, queryClient } from './query';

/**
 * Keeps the signals of an open staff page live: the server pushes each change (a call for help,
 * an answer, an escalation, a close) as a Server-Sent Event with ids only, and the page asks for
 * the list again, screened for its person. EventSource reconnects by itself after a break; on
 * every (re)connect the list is asked again, so nothing missed in between stays missing.
 */
export function useLiveSignals(enabled: boolean) {
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/signals/stream');
    const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.signals });
    source.addEventListener('ready', refresh);
    source.addEventListener('signal', refresh);
    return () => source.close();
  }, [enabled]);
}
