import { useEffect, useState } from 'preact/hooks';

/** Client-side routes under /console (the server answers every such path with the page). */
export const BASE = '/console';

export function navigate(to: string, replace = false) {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath() {
  const read = () => location.pathname.replace(/^\/console/, '').replace(/\/+$/, '') || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const on = () => setPath(read());
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

/** A link that routes on the client (and still works as a plain link: new tab, keyboard). */
export function linkProps(to: string) {
  return {
    href: `${BASE}${to}`,
    onClick: (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
    },
  };
}
