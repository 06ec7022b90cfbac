import type { HostKind, TeamsThemeName } from '../../app/AppContext';
import { reportIdFromDeepLink } from '../../common/deepLink';

/**
 * What the workbench shows, kept in the page's URL so a person or a test can link straight to a
 * view: `?host=teams&theme=dark&as=cllr.hale@northshire.example&report=12`.
 */
export type WorkbenchTheme = 'light' | 'dark' | 'contrast';

/**
 * Where the web part runs, and so which site the page is on: a SharePoint page on the data site,
 * a Teams channel tab (the team's own site) or the Teams personal app (the tenant's root site).
 */
export type WorkbenchHost = 'sharepoint' | 'teams' | 'teams-personal';

export interface WorkbenchState {
  host: WorkbenchHost;
  /** The Teams client's theme; only shown when host is Teams. */
  theme: WorkbenchTheme;
  /** The demo user's email; none means "show the persona chooser". */
  as?: string;
  /** A report to open, as a SharePoint `?report=N` link or a Teams `subPageId=report-N` does. */
  reportId?: number;
}

export const WORKBENCH_THEMES: ReadonlyArray<{ value: WorkbenchTheme; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'contrast', label: 'High contrast' },
];

export const WORKBENCH_HOSTS: ReadonlyArray<{ value: WorkbenchHost; label: string }> = [
  { value: 'sharepoint', label: 'SharePoint page' },
  { value: 'teams', label: 'Teams channel tab' },
  { value: 'teams-personal', label: 'Teams personal app' },
];

/** The kind of host the app is told it is in: both Teams surfaces are Teams. */
export function appHostKind(host: WorkbenchHost): HostKind {
  return host === 'sharepoint' ? 'sharepoint' : 'teams';
}

/** The server-relative path of the site the host's page is on, as SharePoint and Teams load it. */
export function pageSitePath(host: WorkbenchHost, sites: { dataSitePath: string; teamSitePath: string }): string {
  return host === 'teams' ? sites.teamSitePath : host === 'teams-personal' ? '' : sites.dataSitePath;
}

/** Emails are the sandbox's user names; anything else in `as` is ignored rather than sent. */
const EMAIL = /^[^\s@;,"]+@[^\s@;,"]+$/;

export function parseWorkbenchState(search: string): WorkbenchState {
  const params = new URLSearchParams(search);
  const asked = params.get('host');
  const host: WorkbenchHost = asked === 'teams' || asked === 'teams-personal' ? asked : 'sharepoint';
  const as = (params.get('as') ?? '').trim().toLowerCase();
  return {
    host,
    theme: parseTheme(params.get('theme')),
    as: EMAIL.test(as) ? as : undefined,
    reportId: reportIdFromDeepLink(params.get('subPageId') ?? undefined, search),
  };
}

function parseTheme(value: string | null): WorkbenchTheme {
  switch ((value ?? '').toLowerCase()) {
    case 'dark':
      return 'dark';
    case 'contrast':
    case 'highcontrast':
    case 'high-contrast':
      return 'contrast';
    default:
      return 'light';
  }
}

const OWN_PARAMS = ['host', 'theme', 'as', 'report', 'subPageId'];

/**
 * The query string for a state, its own parameters first in a fixed order. Parameters the
 * workbench does not own are kept after them, so a link with extra parameters for the app
 * survives switching host or persona.
 */
export function workbenchSearch(state: WorkbenchState, currentSearch: string = ''): string {
  const params = new URLSearchParams();
  if (state.host !== 'sharepoint') {
    params.set('host', state.host);
    if (state.theme !== 'light') {
      params.set('theme', state.theme);
    }
  }
  if (state.as) {
    params.set('as', state.as);
  }
  if (state.reportId !== undefined) {
    params.set('report', String(state.reportId));
  }
  new URLSearchParams(currentSearch).forEach((value, name) => {
    if (OWN_PARAMS.indexOf(name) === -1) {
      params.append(name, value);
    }
  });
  const query = params.toString();
  // URLSearchParams encodes '@'; an email reads better in the address bar as it is.
  return query ? `?${query.replace(/%40/g, '@')}` : '';
}

/** The theme name TeamsJS reports, which is what the app's context carries. */
export function teamsThemeName(theme: WorkbenchTheme): TeamsThemeName {
  return theme === 'light' ? 'default' : theme;
}

/** The `sandbox_user` cookie for a persona, site-wide so every `/_api` request carries it. */
export function sandboxUserCookie(email: string | undefined): string {
  return email ? `sandbox_user=${encodeURIComponent(email).replace(/%40/g, '@')}; path=/; SameSite=Lax` : 'sandbox_user=; path=/; SameSite=Lax; Max-Age=0';
}

/** The `sandbox_user` value in a `document.cookie` string. */
export function sandboxUserFromCookie(cookie: string): string | undefined {
  const match = /(?:^|;\s*)sandbox_user=([^;]*)/.exec(cookie);
  return match && match[1] ? decodeURIComponent(match[1]) : undefined;
}
