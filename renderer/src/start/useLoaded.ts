import { useEffect, useState } from 'react';
import { errorText } from '../state/errorText';

export type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: string };

/** What a promise from the host gives, for a view: loading, its value, or the error's sentence. Reloads when `key` changes. */
export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => { if (live) setLoaded({ state: 'done', value }); },
      (error: unknown) => { if (live) setLoaded({ state: 'failed', error: errorText(error) }); },
    );
    return () => { live = false; };
    // `load` is a new closure each render; `key` says when it loads something else.
  }, [key]);
  return loaded;
}
