import { ISPFXContext, spfi, SPFI, SPFx } from '@pnp/sp';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';

import { SITE_RELATIVE_URL } from '../data/listContract';
import type { AppContext, HostKind, TeamsThemeName } from './AppContext';

/**
 * Where the lists are, and the app context built around it. Shared by the web part and the local
 * workbench so the two cannot drift: the page that hosts the web part (a SharePoint page on any
 * site, a Teams channel tab on the team's own site, the Teams personal app on the tenant's root
 * site) is never assumed to hold the lists.
 */

/** The web part property that names the data site. */
export const DATA_SITE_PROPERTY = 'dataSiteUrl';
export const DEFAULT_DATA_SITE = SITE_RELATIVE_URL;

export class DataSiteSettingError extends Error {}

/**
 * The data site's absolute URL from the configured value (a server-relative path such as
 * `/sites/frontline-visits`, or a full address on the same tenant), resolved against the tenant the
 * page is on. Empty means the default. Throws DataSiteSettingError, with words for a site owner,
 * for a value that cannot be the tenant's site.
 */
export function dataSiteUrlFor(configured: string | undefined, pageWebAbsoluteUrl: string): string {
  const page = new URL(pageWebAbsoluteUrl);
  const value = (configured || '').trim() || DEFAULT_DATA_SITE;
  let url: URL;
  if (/^https?:\/\//i.test(value)) {
    try {
      url = new URL(value);
    } catch {
      throw new DataSiteSettingError(`The data site setting “${value}” is not a web address.`);
    }
    if (url.origin.toLowerCase() !== page.origin.toLowerCase()) {
      throw new DataSiteSettingError(`The data site ${url.origin} is not on this tenant (${page.origin}). Give its path, such as ${DEFAULT_DATA_SITE}.`);
    }
  } else if (value.startsWith('/')) {
    url = new URL(value, page.origin);
  } else {
    throw new DataSiteSettingError(`The data site setting “${value}” should be the site's path, such as ${DEFAULT_DATA_SITE}.`);
  }
  if (url.search || url.hash || /\/_(?:api|layouts)(?:\/|$)/i.test(url.pathname)) {
    throw new DataSiteSettingError(`The data site setting should be the site's own address, such as ${DEFAULT_DATA_SITE}, without a page or query.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * PnPjs bound to the data site. SPFx's behaviour still supplies the page's request digest, but
 * only for requests to the page's own web; for the data site PnPjs asks that site for its own.
 */
export function dataSiteSp(spfxContext: ISPFXContext, dataSiteUrl: string): SPFI {
  return spfi(dataSiteUrl).using(SPFx(spfxContext));
}

export interface HostPage {
  host: HostKind;
  dataSiteUrl: string;
  currentUser: { email: string; displayName: string };
  teamsTheme?: TeamsThemeName;
  theme?: IReadonlyTheme;
  deepLinkReportId?: number;
}

/** The React root's context: `siteUrl` is the data site, whatever page hosts the app. */
export function buildAppContext(page: HostPage, sp: SPFI): AppContext {
  return {
    sp,
    siteUrl: page.dataSiteUrl,
    currentUser: page.currentUser,
    host: page.host,
    teamsTheme: page.host === 'teams' ? page.teamsTheme : undefined,
    theme: page.theme,
    deepLinkReportId: page.deepLinkReportId,
  };
}
