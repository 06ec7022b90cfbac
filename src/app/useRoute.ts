import * as React from 'react';
import { AppRoute, hashFor, routeFromHash } from './route';

export interface Navigate {
  (route: AppRoute, options?: { replace?: boolean }): void;
}

function initialRoute(deepLinkReportId: number | undefined): AppRoute {
  const fromHash = routeFromHash(window.location.hash);
  if (fromHash.page === 'start' && deepLinkReportId !== undefined) {
    return { page: 'report', reportId: deepLinkReportId };
  }
  return fromHash;
}

/** The current route, kept in the address's hash; Back and reload behave as people expect. */
export function useRoute(deepLinkReportId: number | undefined): [AppRoute, Navigate] {
  const [route, setRoute] = React.useState<AppRoute>(() => initialRoute(deepLinkReportId));
  React.useEffect(() => {
    const onHashChange = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = React.useCallback<Navigate>((next, options) => {
    const hash = hashFor(next);
    if (options && options.replace) {
      window.history.replaceState(window.history.state, '', hash);
    } else if (window.location.hash !== hash) {
      window.history.pushState(window.history.state, '', hash);
    }
    setRoute(next);
  }, []);
  return [route, navigate];
}
