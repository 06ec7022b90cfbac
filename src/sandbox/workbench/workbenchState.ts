import type { HostKind, TeamsThemeName } from '../../app/AppContext';
import { reportIdFromDeepLink } from '../../common/deepLink';

/**
 * What the workbench shows, kept in the page's URL so a person or a test can link straight to a
 * view: `?host=teams&theme=dark&as=cllr.hale@northshire.example&report=12`.
 */
export type WorkbenchTheme = 'light' | 'dark' | 'contrast';

export interface WorkbenchState {
  host: HostKind;
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
  { value: 'contrast', label: 'High contrast' }
];

export const WORKBENCH_HOSTS: ReadonlyArray<{ value: HostKind; label: string }> = [
  { value: 'sharepoint', label: 'SharePoint page' },
  { value: 'teams', label: 'Microsoft Teams' }
];

/** Emails are the sandbox's user names; anything else in `as` is ignored rather than sent. */
const EMAIL = /^[^\s@;,"]+@[^\s@;,"]+$/;

export function parseWorkbenchState(search: string): WorkbenchState {
  const params = new URLSearchParams(search);
  const host: HostKind = params.get('host') === 'teams' ? 'teams' : 'sharepoint';
  const as = (params.get('as') ?? '').trim().toLowerCase();
  return {
    host,
    theme: parseTheme(params.get('theme')),
    as: EMAIL.test(as) ? as : undefined,
    reportId: reportIdFromDeepLink(params.get('subPageId') ?? undefined, search)
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
  if (state.host === 'teams') {
    params.set('host', 'teams');
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
  return email
    ? `sandbox_user=${encodeURIComponent(email).replace(/%40/g, '@')}; path=/; SameSite=Lax`
    : 'sandbox_user=; path=/; SameSite=Lax; Max-Age=0';
}

/** The `sandbox_user` value in a `document.cookie` string. */
export function sandboxUserFromCookie(cookie: string): string | undefined {
  const match = /(?:^|;\s*)sandbox_user=([^;]*)/.exec(cookie);
  return match && match[1] ? decodeURIComponent(match[1]) : undefined;
}
