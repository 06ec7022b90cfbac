/**
 * Where the app is, kept in the address's hash (`#/report/12`), so a reload, the browser's Back
 * button and a bookmark all land on the same screen, in SharePoint, in a Teams tab and in the
 * workbench alike. A deep link (`?report=12`, Teams subPageId) only chooses the first route.
 */
export type AppRoute =
  | { page: 'start' }
  | { page: 'report'; reportId: number }
  /** A report being written: an item of the drafts list, with its own ids. */
  | { page: 'draft'; draftId: number }
  | { page: 'newFromRota'; rotaEntryId: number }
  | { page: 'newUnscheduled' }
  /** The rota: every visit for those who keep it, a councillor's own otherwise. */
  | { page: 'rota' };

export const START: AppRoute = { page: 'start' };

export function routeFromHash(hash: string): AppRoute {
  const path = hash.replace(/^#/, '');
  let match = /^\/report\/(\d{1,9})$/.exec(path);
  if (match) {
    return { page: 'report', reportId: Number(match[1]) };
  }
  match = /^\/draft\/(\d{1,9})$/.exec(path);
  if (match) {
    return { page: 'draft', draftId: Number(match[1]) };
  }
  match = /^\/visit\/(\d{1,9})\/new$/.exec(path);
  if (match) {
    return { page: 'newFromRota', rotaEntryId: Number(match[1]) };
  }
  if (path === '/new') {
    return { page: 'newUnscheduled' };
  }
  if (path === '/rota') {
    return { page: 'rota' };
  }
  return START;
}

export function hashFor(route: AppRoute): string {
  switch (route.page) {
    case 'report':
      return `#/report/${route.reportId}`;
    case 'draft':
      return `#/draft/${route.draftId}`;
    case 'newFromRota':
      return `#/visit/${route.rotaEntryId}/new`;
    case 'newUnscheduled':
      return '#/new';
    case 'rota':
      return '#/rota';
    default:
      return '#/';
  }
}

export function sameRoute(a: AppRoute, b: AppRoute): boolean {
  return hashFor(a) === hashFor(b);
}
