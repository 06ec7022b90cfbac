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

/** Where the improvement team's channel lives, for links to a card in it. Each part is optional: Teams finds the message by channel and message id. */
export interface TeamsChannelIds {
  tenantId?: string;
  /** The team's Microsoft 365 group id (a GUID). */
  groupId?: string;
}

/**
 * A Teams deep link to a card in the improvement team's channel: the documented message link,
 * `https://teams.microsoft.com/l/message/{channelId}/{messageId}?tenantId=…&groupId=…&parentMessageId=…`.
 * A card is a conversation's first message, so it is its own parent. The channel id is the card's
 * conversation id without its `;messageid=…` part. Undefined until the card is posted (a claim in
 * progress is not a conversation id).
 */
export function teamsCardDeepLink(card: { conversationId?: string; activityId?: string }, ids: TeamsChannelIds = {}): string | undefined {
  const conversationId = card.conversationId || '';
  const messageId = card.activityId || '';
  const channelId = conversationId.split(';')[0];
  // The bot claims a report by writing "claim:…" there before it posts: no card yet.
  if (!channelId || !messageId || conversationId.indexOf('claim:') === 0) {
    return undefined;
  }
  const query = new URLSearchParams();
  if (ids.tenantId) {
    query.set('tenantId', ids.tenantId);
  }
  if (ids.groupId) {
    query.set('groupId', ids.groupId);
  }
  query.set('parentMessageId', messageId);
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}?${query.toString()}`;
}
