/**
 * Links that open one report in the web part: in SharePoint `?report=12` on the page, in Teams a
 * deep link whose subPageId is `report-12`. The card in the channel uses these.
 */

const SUB_PAGE_PREFIX = 'report-';

export function reportSubPageId(reportId: number): string {
  return `${SUB_PAGE_PREFIX}${reportId}`;
}

/** The report a deep link asks for, from the Teams subPageId or the page's query string. */
export function reportIdFromDeepLink(subPageId: string | undefined, search: string): number | undefined {
  const fromTeams = subPageId ? /^report-(\d+)$/.exec(subPageId) : null;
  if (fromTeams) {
    return Number(fromTeams[1]);
  }
  const fromUrl = /[?&]report=(\d+)(?:&|$)/.exec(search);
  return fromUrl ? Number(fromUrl[1]) : undefined;
}

/** The SharePoint page URL with the report chosen. */
export function reportPageUrl(pageUrl: string, reportId: number): string {
  const url = new URL(pageUrl);
  url.searchParams.set('report', String(reportId));
  return url.toString();
}

/** A Teams deep link to the app's personal tab, opening one report. */
export function teamsReportDeepLink(teamsAppId: string, entityId: string, reportId: number): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: reportSubPageId(reportId) }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(entityId)}?context=${context}`;
}
