import type { ComponentProps, MouseEvent } from 'react';
import { navigate } from '../lib/router';

/**
 * A link inside the app: a real `<a href>` (it can be opened in a new tab, copied, bookmarked)
 * whose plain click moves to the page without reloading the app.
 */
export function Link({ to, onClick, ...props }: Omit<ComponentProps<'a'>, 'href'> & { to: string }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // A click with a modifier or another button is the browser's: a new tab or window.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...props} />;
}
