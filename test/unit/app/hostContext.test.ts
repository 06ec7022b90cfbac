/**
 * Where the app finds its lists: the configured data site on the page's tenant, whichever page
 * (data site, team site, tenant root) hosts the web part.
 */
import { buildAppContext, DataSiteSettingError, dataSiteUrlFor } from '../../../src/app/hostContext';
import type { SPFI } from '@pnp/sp';

const TENANT = 'https://northshire.sharepoint.com';

describe('dataSiteUrlFor', () => {
  it('defaults to /sites/frontline-visits on the tenant, whatever site the page is on', () => {
    for (const page of [`${TENANT}/sites/frontline-visits`, `${TENANT}/sites/improvement-team`, TENANT, `${TENANT}/`]) {
      expect(dataSiteUrlFor(undefined, page)).toBe(`${TENANT}/sites/frontline-visits`);
      expect(dataSiteUrlFor('  ', page)).toBe(`${TENANT}/sites/frontline-visits`);
    }
  });

  it('takes a configured path or a full address on the same tenant', () => {
    expect(dataSiteUrlFor('/sites/childrens-visits/', TENANT)).toBe(`${TENANT}/sites/childrens-visits`);
    expect(dataSiteUrlFor(`${TENANT}/teams/visits`, `${TENANT}/sites/improvement-team`)).toBe(`${TENANT}/teams/visits`);
  });

  it('refuses what cannot be the tenant’s site, in words for a site owner', () => {
    expect(() => dataSiteUrlFor('https://contoso.sharepoint.com/sites/frontline-visits', TENANT)).toThrow(DataSiteSettingError);
    expect(() => dataSiteUrlFor('sites/frontline-visits', TENANT)).toThrow(/path, such as \/sites\/frontline-visits/);
    expect(() => dataSiteUrlFor('/sites/frontline-visits/_layouts/15/viewlsts.aspx', TENANT)).toThrow(DataSiteSettingError);
    expect(() => dataSiteUrlFor('/sites/frontline-visits?x=1', TENANT)).toThrow(DataSiteSettingError);
  });
});

describe('buildAppContext', () => {
  it('gives the React root the data site as its site, and a Teams theme only in Teams', () => {
    const sp = {} as SPFI;
    const page = { dataSiteUrl: `${TENANT}/sites/frontline-visits`, currentUser: { email: 'a@b', displayName: 'A' }, teamsTheme: 'dark' as const };
    expect(buildAppContext({ ...page, host: 'teams' }, sp)).toMatchObject({
      sp,
      siteUrl: `${TENANT}/sites/frontline-visits`,
      host: 'teams',
      teamsTheme: 'dark',
    });
    expect(buildAppContext({ ...page, host: 'sharepoint' }, sp).teamsTheme).toBeUndefined();
  });
});
