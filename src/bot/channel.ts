/**
 * The improvement team's channel, through the Bot Connector (the Teams SDK's API client, whose
 * HTTP client retries 429/503 honouring Retry-After — see `teamsRetryMiddleware`).
 */
import type { App } from '@microsoft/teams.apps';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface PostedCard {
  conversationId: string;
  activityId: string;
}

export interface ChannelMember {
  /** The Teams user id (MRI) used in `refresh.userIds`. */
  id: string;
  aadObjectId?: string;
}

/** What the bot needs of Teams: post a card, replace it, and know the channel's members. */
export interface Channel {
  postCard(card: object, summary: string): Promise<PostedCard>;
  updateCard(conversationId: string, activityId: string, card: object): Promise<void>;
  members(): Promise<ChannelMember[]>;
  /** Takes a post down (a card posted twice after a lapsed claim). */
  deleteCard?(conversationId: string, activityId: string): Promise<void>;
}

function cardActivity(card: object, summary?: string): { [key: string]: unknown } {
  return {
    type: 'message',
    // The notification and the chat list show this, not the card.
    summary,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

export class TeamsChannel implements Channel {
  constructor(
    private readonly app: App,
    private readonly channelId: string,
  ) {}

  async postCard(card: object, summary: string): Promise<PostedCard> {
    // A message to the channel's conversation id starts a new post (thread) in the channel.
    const sent = await this.app.send(this.channelId, cardActivity(card, summary) as never);
    if (!sent || !sent.id) {
      throw new Error('The Bot Connector accepted the card but returned no activity id');
    }
    return { conversationId: this.channelId, activityId: sent.id };
  }

  async updateCard(conversationId: string, activityId: string, card: object): Promise<void> {
    await this.app.api.conversations.updateActivity(conversationId, activityId, { ...cardActivity(card), id: activityId } as never);
  }

  async deleteCard(conversationId: string, activityId: string): Promise<void> {
    await this.app.api.conversations.deleteActivity(conversationId, activityId);
  }

  /** The team's Microsoft 365 group id, which is the team's id in Microsoft Graph. */
  async teamGroupId(teamId: string): Promise<string> {
    const team = await this.app.api.teams.getById(teamId);
    if (!team || !team.aadGroupId) {
      throw new Error(`The Bot Connector did not name team ${teamId}'s Microsoft 365 group`);
    }
    return team.aadGroupId;
  }

  async members(): Promise<ChannelMember[]> {
    const members = await this.app.api.conversations.getMembers(this.channelId);
    // Teams calls it aadObjectId; the Agents Playground's roster calls it objectId.
    return members.map((m) => {
      const member = m as { aadObjectId?: string; objectId?: string };
      return { id: m.id, aadObjectId: member.aadObjectId || member.objectId };
    });
  }
}

/**
 * Teams user ids for Entra object ids: from the channel's roster when the connector gives it,
 * else the `8:orgid:` form Teams uses for organisation users.
 */
export async function teamsUserIds(channel: Channel, objectIds: ReadonlyArray<string>, log: (message: string) => void): Promise<string[]> {
  let roster: ChannelMember[] = [];
  try {
    roster = await channel.members();
  } catch (error) {
    log(`Could not read the channel roster (${(error as Error).message}); refresh ids use the 8:orgid: form.`);
  }
  return objectIds.map((oid) => {
    const hit = roster.filter((m) => (m.aadObjectId || '').toLowerCase() === oid.toLowerCase())[0];
    return hit ? hit.id : `8:orgid:${oid}`;
  });
}
