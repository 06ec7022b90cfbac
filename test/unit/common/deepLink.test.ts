import { reportIdFromDeepLink, reportPageUrl, reportSubPageId, teamsCardDeepLink, teamsReportDeepLink } from '../../../src/common/deepLink';

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

describe('a link to a card in the channel', () => {
  it('is the documented message link: channel id, message id, its own parent, and the team when known', () => {
    const link = teamsCardDeepLink(
      { conversationId: '19:abc123@thread.tacv2;messageid=1648741500652', activityId: '1648741500652' },
      { tenantId: '11111111-2222-3333-4444-555555555555', groupId: '071cb7a8-0000-4000-8000-000000000001' },
    );
    const url = new URL(link as string);
    expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/message/19%3Aabc123%40thread.tacv2/1648741500652');
    expect(url.searchParams.get('parentMessageId')).toBe('1648741500652');
    expect(url.searchParams.get('tenantId')).toBe('11111111-2222-3333-4444-555555555555');
    expect(url.searchParams.get('groupId')).toBe('071cb7a8-0000-4000-8000-000000000001');
    expect(teamsCardDeepLink({ conversationId: '19:abc@thread.tacv2', activityId: '1' })).toBe(
      'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1?parentMessageId=1',
    );
  });

  it("is not given until the card is posted (no ids, or the bot's claim still in place)", () => {
    expect(teamsCardDeepLink({})).toBeUndefined();
    expect(teamsCardDeepLink({ conversationId: '19:abc@thread.tacv2' })).toBeUndefined();
    expect(teamsCardDeepLink({ conversationId: 'claim:2026-11-30T10:00:00Z:token', activityId: '1' })).toBeUndefined();
  });
});
