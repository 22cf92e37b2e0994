import { useCallback, useEffect, useState, type RefObject } from 'react';
import { placeFor } from './model/model';

/**
 * Points at a problem's exact place: once the panel that shows it is drawn, the input at that path
 * in the definition (or the closest piece that holds it) is scrolled into view, marked and focused,
 * so a manager types the fix where the problem is (a new `n` each time, to point again).
 */
export function usePointer(panel: RefObject<HTMLElement | null>) {
  const [target, setTarget] = useState<{ path: string; n: number }>();
  const point = useCallback((path: string) => setTarget((t) => ({ path, n: (t?.n ?? 0) + 1 })), []);
  useEffect(() => {
    const root = panel.current;
    if (!target || !root) return;
    const byPath = new Map<string, HTMLElement>();
    for (const el of root.querySelectorAll<HTMLElement>('[data-path]')) {
      if (!byPath.has(el.dataset.path!)) byPath.set(el.dataset.path!, el);
    }
    const place = placeFor(byPath.keys(), target.path);
    for (const el of root.querySelectorAll('[data-pointed]')) el.removeAttribute('data-pointed');
    if (place === undefined) return;
    const el = byPath.get(place)!;
    el.setAttribute('data-pointed', '');
    el.scrollIntoView({ block: 'center' });
    const input = el.matches('input, select, textarea')
      ? el
      : el.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
    input?.focus({ preventScroll: true });
  }, [panel, target]);
  return { point, target };
}
