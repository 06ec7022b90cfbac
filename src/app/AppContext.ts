import type { SPFI } from '@pnp/sp';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';

export type HostKind = 'sharepoint' | 'teams';
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/**
 * What the React root needs from its host. The web part builds it from the SPFx context; the
 * local workbench builds it with PnPjs pointed at the sandbox. Nothing below the root knows which.
 */
export interface AppContext {
  sp: SPFI;
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
