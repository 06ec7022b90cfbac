/** Types the bot's parts share, apart from the modules that use them so that none imports another back. */
import { VisitReport } from '../domain/types';
import type { CardDelivery } from './cardDelivery';

/**
 * The report as the bot reads it through Graph: the domain's report plus who answered and who
 * wrote it (site user ids, named later) and when a person last changed the item.
 */
export type BotReport = VisitReport & {
  feedbackById?: number;
  modified?: string;
  authorId?: number;
  /** How posting its card is going (the bot's record on the item). */
  delivery?: CardDelivery;
  /** `cardStateKey` of the item as read. */
  stateKey?: string;
};

/**
 * A bot's hold on posting one report's card, written in CardConversationId before the card is
 * posted: until when it holds, and the token of the bot instance that took it.
 */
export interface Claim {
  until: number;
  token: string;
}

/** Where the bot's parts log what they do (the server hands them its Teams SDK logger). */
export interface PublisherLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
