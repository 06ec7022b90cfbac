import * as React from 'react';

export type LoadState<T> = { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; message: string };

/**
 * Runs a load when its key changes and keeps its state; a failure is logged with its context and
 * shown as a message that tells the person what to do.
 */
export function useLoad<T>(key: string, load: () => Promise<T>, failureMessage: string): [LoadState<T>, () => void] {
  const [state, setState] = React.useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load()
      .then((data) => live && setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        // eslint-disable-next-line no-console
        console.error(`Frontline Visits: loading failed (${key})`, error);
        if (live) {
          setState({ status: 'failed', message: failureMessage });
        }
      });
    return () => {
      live = false;
    };
    // The key names what is loaded: `load` is a new closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

export const TRY_AGAIN = 'Check your connection and try again. If it keeps happening, tell the Children’s Improvement Team.';
