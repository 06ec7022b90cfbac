/**
 * Finding a report's card in the improvement channel, so that a post interrupted before its ids
 * were recorded is adopted rather than posted twice (decision 0260).
 *
 * Microsoft Graph `GET /teams/{group id}/channels/{channel id}/messages`, with the application
 * permission `ChannelMessage.Read.Group` that the team's owner grants by resource-specific consent
 * when the Teams app is installed in the team (teams-manifest: `authorization.permissions.
 * resourceSpecific`). Pages of 50 (Graph's most) followed by `@odata.nextLink`; the order of the
 * pages is not relied on. A card is the bot's own when the message is from its app id; it is the
 * report's when the card's actions carry `reportId` (the attachment's `content` is the card as a
 * JSON string). A message the channel shows as deleted is not a card.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { ADAPTIVE_CARD_CONTENT_TYPE, PostedCard } from './channel';

export interface FoundCard extends PostedCard {
  createdDateTime: string;
}

interface GraphChatMessage {
  id: string;
  createdDateTime?: string;
  deletedDateTime?: string | null;
  from?: { application?: { id?: string } | null } | null;
  attachments?: Array<{ contentType?: string; content?: string | null }>;
}

/** At most this many pages (of 50 posts) are read looking for one card. */
export const MAX_HISTORY_PAGES = 100;

/** The report id an Adaptive Card of the bot carries in its refresh or button data, if any. */
export function reportIdOfCard(content: unknown): number | undefined {
  let card: unknown = content;
  if (typeof content === 'string') {
    try {
      card = JSON.parse(content);
    } catch {
      return undefined;
    }
  }
  const c = card as { refresh?: { action?: { data?: { reportId?: unknown } } }; actions?: Array<{ data?: { reportId?: unknown } }> } | null;
  if (!c || typeof c !== 'object') {
    return undefined;
  }
  const candidates = [c.refresh && c.refresh.action && c.refresh.action.data, ...(Array.isArray(c.actions) ? c.actions.map((a) => a && a.data) : [])];
  for (const data of candidates) {
    const id = data ? Number(data.reportId) : NaN;
    if (Number.isInteger(id) && id > 0) {
      return id;
    }
  }
  return undefined;
}

export class ChannelHistory {
  private groupId?: string;

  constructor(
    private readonly graph: Client,
    /** The bot's app id: Graph names it as the sender of the bot's messages. */
    private readonly appId: string,
    /** The channel's conversation id, which is its Graph channel id. */
    private readonly channelId: string,
    /** The team's Microsoft 365 group id (its id in Graph), e.g. from the Bot Connector's team details. */
    private readonly teamGroupId: () => Promise<string>,
  ) {}

  /** The earliest card of the bot's for the report still in the channel, or undefined. Throws when the channel cannot be read. */
  async findCard(reportId: number): Promise<FoundCard | undefined> {
    if (!this.groupId) {
      this.groupId = await this.teamGroupId();
    }
    let next: string | undefined = `/teams/${encodeURIComponent(this.groupId)}/channels/${encodeURIComponent(this.channelId)}/messages?$top=50`;
    const found: FoundCard[] = [];
    for (let page = 0; next && page < MAX_HISTORY_PAGES; page++) {
      const answer = (await this.graph.api(next).get()) as { value?: GraphChatMessage[]; '@odata.nextLink'?: string };
      for (const message of answer.value || []) {
        if (message.deletedDateTime || !message.from || !message.from.application || message.from.application.id !== this.appId) {
          continue;
        }
        const card = (message.attachments || []).filter((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE && reportIdOfCard(a.content) === reportId)[0];
        if (card) {
          found.push({ conversationId: this.channelId, activityId: message.id, createdDateTime: message.createdDateTime || '' });
        }
      }
      next = answer['@odata.nextLink'];
    }
    if (next) {
      throw new Error(`the channel has more than ${MAX_HISTORY_PAGES * 50} posts; stopped looking for report ${reportId}'s card`);
    }
    found.sort((a, b) => (a.createdDateTime < b.createdDateTime ? -1 : a.createdDateTime > b.createdDateTime ? 1 : 0));
    return found[0];
  }
}
