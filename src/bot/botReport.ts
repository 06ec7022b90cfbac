import { VisitReport } from '../domain/types';

/**
 * The report as the bot reads it through Graph: the domain's report plus who answered (a site
 * user id, named later) and when a person last changed the item.
 */
export type BotReport = VisitReport & { feedbackById?: number; modified?: string };

/**
 * A bot's hold on posting one report's card, written in CardConversationId before the card is
 * posted: until when it holds, and the token of the bot instance that took it.
 */
export interface Claim {
  until: number;
  token: string;
}
