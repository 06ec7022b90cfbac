import * as React from 'react';
import { londonToday } from '../domain/calendarDate';
import { FrontlineDataService, StartPageData } from '../data/FrontlineDataService';
import type { AppContext } from './AppContext';

export type LoadState<T> = { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; message: string };

export function useStartPage(context: AppContext): LoadState<StartPageData> {
  const [state, setState] = React.useState<LoadState<StartPageData>>({ status: 'loading' });
  React.useEffect(() => {
    let live = true;
    new FrontlineDataService(context.sp)
      .getStartPage(londonToday())
      .then((data) => live && setState({ status: 'loaded', data }))
      .catch((error: Error) => {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: could not load the start page', error);
        if (live) {
          setState({ status: 'failed', message: 'We could not load your visits. Check your connection and reload the page. If it happens again, tell the Children’s Improvement Team.' });
        }
      });
    return () => {
      live = false;
    };
  }, [context.sp]);
  return state;
}
