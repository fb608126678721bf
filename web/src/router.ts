// Routes live in the hash, so that the gateway's index.html fallback and a reload both land right.
import { useEffect, useState } from 'preact/hooks';

export function navigate(path: string) {
  location.hash = `#${path}`;
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function currentRoute(): string {
  return location.hash.replace(/^#/, '') || '/';
}
