import type { SPFI } from '@pnp/sp';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';

export type HostKind = 'sharepoint' | 'teams';
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/**
 * What the React root needs from its host. The web part and the local workbench both build it
 * with src/app/hostContext.ts. Nothing below the root knows which.
 */
export interface AppContext {
  /** PnPjs bound to the data site. */
  sp: SPFI;
  /** The data site's absolute URL, where the lists are: never assumed to be the page's site. */
  siteUrl: string;
  currentUser: { email: string; displayName: string };
  host: HostKind;
  /** Set in Teams: the client's theme, which the app follows. */
  teamsTheme?: TeamsThemeName;
  /** Set in SharePoint: the page's theme. */
  theme?: IReadonlyTheme;
  /** A report to open straight away (from a deep link). */
  deepLinkReportId?: number;
}
