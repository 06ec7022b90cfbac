/**
 * The bot's settings that name the site and its lists, read from the provisioned site: a
 * SharePoint list's id is its Microsoft Graph list id, and a Graph site id is
 * `{hostname},{site collection id},{web id}`. Printed at the end of provisioning so the
 * administrator copies them into the bot's application settings instead of looking them up.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/sites';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import { FRONTLINE_TEAMS, VISIT_REPORTS, VISIT_ROTA } from '../data/listContract';

export async function botSiteSettings(sp: SPFI, siteUrl: string): Promise<Array<[string, string]>> {
  const [site, web, reports, rota, teams] = await Promise.all([
    sp.site.select('Id')<{ Id: string }>(),
    sp.web.select('Id')<{ Id: string }>(),
    sp.web.lists.getByTitle(VISIT_REPORTS.title).select('Id')<{ Id: string }>(),
    sp.web.lists.getByTitle(VISIT_ROTA.title).select('Id')<{ Id: string }>(),
    sp.web.lists.getByTitle(FRONTLINE_TEAMS.title).select('Id')<{ Id: string }>(),
  ]);
  return [
    ['SHAREPOINT_SITE_URL', siteUrl],
    ['GRAPH_SITE_ID', `${new URL(siteUrl).hostname},${site.Id},${web.Id}`],
    ['GRAPH_LIST_ID_VISIT_REPORTS', reports.Id],
    ['GRAPH_LIST_ID_VISIT_ROTA', rota.Id],
    ['GRAPH_LIST_ID_FRONTLINE_TEAMS', teams.Id],
  ];
}
