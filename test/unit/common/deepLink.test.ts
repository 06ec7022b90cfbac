import { reportIdFromDeepLink, reportPageUrl, reportSubPageId, teamsReportDeepLink } from '../../../src/common/deepLink';

describe('report deep links', () => {
  it('round-trips a report id through the Teams subPageId', () => {
    expect(reportIdFromDeepLink(reportSubPageId(42), '')).toBe(42);
  });

  it('reads ?report= from a SharePoint page URL', () => {
    expect(reportIdFromDeepLink(undefined, '?report=17')).toBe(17);
    expect(reportIdFromDeepLink(undefined, '?a=1&report=17&b=2')).toBe(17);
    expect(reportIdFromDeepLink(undefined, '?report=17x')).toBeUndefined();
    expect(reportIdFromDeepLink('something-else', '')).toBeUndefined();
  });

  it('builds links that carry the report', () => {
    expect(reportPageUrl('https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx', 5)).toBe(
      'https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx?report=5',
    );
    const link = teamsReportDeepLink('6d1e9b7a-3c2f-4f8e-b5a1-0c9d8e7f6a04', 'frontline-visits', 9);
    const context = JSON.parse(decodeURIComponent(new URL(link).searchParams.get('context')!.replace(/\+/g, ' ')));
    expect(context).toEqual({ subEntityId: 'report-9' });
  });
});
