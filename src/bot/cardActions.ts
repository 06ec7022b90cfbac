/**
 * The card's Action.Execute invokes: `submitFeedback` (the Head of Service sends the response)
 * and `refreshCard` (Teams asks for one person's view of the card, automatically for the users in
 * `refresh.userIds`, or when someone presses "Respond as Head of Service").
 *
 * Every decision is made here on the server: the actor's right to answer (by Entra object id),
 * the feedback's validity, and the write, which carries the item's ETag so that of two answers
 * at once exactly one is stored and the other person is shown it.
 */
import { CARD_VERBS, AdaptiveCardJson, normaliseTypedText } from '../cards';
import { VISIT_REPORTS } from '../data/listContract';
import { feedbackTextsOf, formatFeedbackHistory } from '../domain/feedbackHistory';
import { FEEDBACK_TEXT_FIELDS } from '../domain/reportFields';
import { acceptsFeedback } from '../domain/reportStatus';
import { HosFeedbackVersion } from '../domain/types';
import { validateFeedbackTexts } from '../domain/validation';
import { CardFactory, BotReport } from './cardFactory';
import { Channel, teamsUserIds } from './channel';
import { answererObjectIds, answerRight } from './headOfService';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { lookupIdField, FrontlineLists, PatchResult } from './lists';
import { RETRYABLE_STATUSES, retryDelayMs } from './retry';
import type { PublisherLog } from './botReport';

const F = VISIT_REPORTS.fields;

/** The `value` of an `adaptiveCard/action` invoke. */
export interface CardActionValue {
  action?: { type?: string; verb?: string; data?: { [key: string]: unknown } };
  trigger?: 'manual' | 'automatic';
}

/** The invoke activity fields the handler reads. */
export interface CardActionActivity {
  from?: { id?: string; aadObjectId?: string; name?: string };
  conversation?: { id?: string };
  replyToId?: string;
  value?: CardActionValue;
}

/** Universal Actions response bodies (adaptiveCard/action). */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCardJson }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const cardResponse = (card: AdaptiveCardJson): CardActionResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
const messageResponse = (text: string): CardActionResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
/** A channel conversation id without the `;messageid=…` Teams adds for a post's thread. */
function conversationBase(id: string | undefined): string {
  return (id || '').split(';')[0].trim().toLowerCase();
}

const CANNOT_CHECK_MESSAGE =
  'Frontline Visits could not check just now that you are in the Heads of Service group, so nothing was saved. Try again in a few minutes; if it keeps happening, tell the improvement team.';

/**
 * How long storing an answer may take, its retries included. Teams waits little more than this for
 * an invoke's answer; past it the Head of Service is told, within 10 s, that nothing was saved.
 */
export const ANSWER_DEADLINE_MS = 8000;
/** How far past the deadline the first try may run before it is given up (the server was slow, not busy). */
const FIRST_TRY_GRACE_MS = 4000;
/** The most a read after the deadline may add: checking whether the last write landed after all. */
const AFTER_DEADLINE_READ_MS = 1200;

export const NOT_SAVED_NOTICE =
  'SharePoint is busy and your response was not saved. Your text is still below: press Send again in a minute or two. If it keeps happening, tell the improvement team.';

/** `promise`, or undefined once `ms` have passed (the promise carries on unheeded). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

const badRequest = (message: string): CardActionResponse => ({
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message },
});

export class CardActions {
  /** Observers (the bench) learn when an answer has been stored. */
  onAnswerStored?: (reportId: number, at: number) => void;
  /** Tells the visit's councillors an answer arrived; runs after the reply, never holding it up. */
  notifier?: { answerStored(report: BotReport): Promise<unknown> };
  /** The notifications of the latest answer, while they are being sent (tests wait on it). */
  notifying: Promise<unknown> = Promise.resolve();
  /** Notes what the channel's card now shows (the publisher keeps it on the item for the catch-up). */
  onCardShown?: (report: BotReport) => Promise<void>;
  /** The budget for storing an answer; tests shorten or stretch it with their own clock. */
  answerDeadlineMs = ANSWER_DEADLINE_MS;
  /** Waits between tries of a busy write (tests pass a fake that moves their clock). */
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * @param channelId the improvement channel's conversation id: the only conversation the bot
   *   posts report cards to, so the only one whose card actions it answers.
   */
  constructor(
    private readonly lists: FrontlineLists,
    private readonly channel: Channel,
    private readonly cards: CardFactory,
    private readonly log: PublisherLog,
    private readonly channelId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(activity: CardActionActivity): Promise<CardActionResponse> {
    const action = (activity.value && activity.value.action) || {};
    const data = action.data || {};
    const reportId = Number(data.reportId);
    if (!Number.isInteger(reportId) || reportId <= 0) {
      return badRequest('This card does not name a report. Open the report in Frontline Visits instead.');
    }
    const conversation = conversationBase(activity.conversation && activity.conversation.id);
    const report = await this.lists.report(reportId);
    if (!report) {
      return messageResponse('This report no longer exists in Frontline Visits.');
    }
    // A card (and so the report's text) exists only in the channel it was posted to; an action
    // naming the report from anywhere else is someone reaching for a report they were not shown.
    if (!conversation || (conversation !== conversationBase(this.channelId) && conversation !== conversationBase(report.cardConversationId))) {
      this.log.warn(`Report ${report.id}: refused a card action from conversation ${conversation || '(none)'}, which is not the improvement channel`);
      return messageResponse("Frontline Visits answers this card only in the improvement team's channel.");
    }
    // The card an action comes from must be this report's own: an invoke naming one report from
    // another report's card would otherwise show or replace the wrong card.
    const fromCard = (activity.replyToId || '').trim();
    if (fromCard && report.cardActivityId && fromCard !== report.cardActivityId) {
      this.log.warn(`Report ${report.id}: refused a card action from card ${fromCard.slice(0, 80)}, which is not this report's card ${report.cardActivityId}`);
      return messageResponse('This card does not belong to that report. Open the report in Frontline Visits instead.');
    }
    // Drafts are the councillor's own: no card is ever posted for one, so none is shown.
    if (!acceptsFeedback(report.status) && !report.feedback) {
      return messageResponse('This report has not been submitted yet, so it cannot be answered.');
    }
    switch (action.verb) {
      case CARD_VERBS.submitFeedback:
        return this.submitFeedback(activity, report, data);
      case CARD_VERBS.refresh:
        return this.refresh(activity, report);
      case CARD_VERBS.amendFeedback:
        return this.openAmendment(activity, report);
      default:
        return badRequest(`This card's button (${String(action.verb).slice(0, 40)}) is not one Frontline Visits knows.`);
    }
  }

  private async refreshIds(report: BotReport): Promise<string[]> {
    return teamsUserIds(this.channel, await answererObjectIds(this.lists, report.teamId, (m) => this.log.warn(`Report ${report.id}: ${m}`)), (m) =>
      this.log.warn(m),
    );
  }

  private async refresh(activity: CardActionActivity, report: BotReport): Promise<CardActionResponse> {
    if (report.feedback) {
      return cardResponse(await this.cards.personalCard(report, 'responded'));
    }
    const right = await answerRight(this.lists, activity.from && activity.from.aadObjectId, report.teamId);
    if (right.allowed && acceptsFeedback(report.status)) {
      return cardResponse(await this.cards.personalCard(report, 'headOfService', undefined, await this.refreshIds(report)));
    }
    const pressed = activity.value && activity.value.trigger === 'manual';
    if (pressed && !right.allowed && right.reason === 'cannotCheck') {
      this.log.error(
        `Report ${report.id}: could not check whether ${activity.from && activity.from.aadObjectId} may answer for team ${report.teamId}: ${right.detail}`,
      );
      return messageResponse(CANNOT_CHECK_MESSAGE);
    }
    return cardResponse(
      pressed ? await this.cards.refusalCard(report) : await this.cards.personalCard(report, 'awaiting', undefined, await this.refreshIds(report)),
    );
  }

  /** A Head of Service asks to amend the answer: their view, with the current answer filled in. */
  private async openAmendment(activity: CardActionActivity, report: BotReport): Promise<CardActionResponse> {
    const right = await answerRight(this.lists, activity.from && activity.from.aadObjectId, report.teamId);
    if (!right.allowed) {
      return cardResponse(await this.cards.refusalCard(report));
    }
    if (!report.feedback) {
      return cardResponse(await this.cards.personalCard(report, 'headOfService', undefined, await this.refreshIds(report)));
    }
    return cardResponse(await this.cards.personalCard(report, 'headOfService', undefined, [], true));
  }

  /**
   * The answer, area by area (`feedbackStaffing`, `feedbackPerformance`, `feedbackOther`) and
   * overall (`feedback`): at least one. With `amendsOn` it amends the answer of that time, keeping
   * the version it replaces; without, it is the first answer and never overwrites another.
   */
  private async submitFeedback(activity: CardActionActivity, report: BotReport, data: { [key: string]: unknown }): Promise<CardActionResponse> {
    const deadline = this.now().getTime() + this.answerDeadlineMs;
    const actor = activity.from || {};
    const right = await answerRight(this.lists, actor.aadObjectId, report.teamId);
    if (!right.allowed && right.reason === 'cannotCheck') {
      this.log.error(`Report ${report.id}: could not check whether ${actor.aadObjectId} may answer for team ${report.teamId}: ${right.detail}`);
      return messageResponse(CANNOT_CHECK_MESSAGE);
    }
    if (!right.allowed) {
      const why =
        right.reason === 'notNamedForTeam'
          ? `who is not the Head of Service the team names`
          : right.reason === 'notInGroup'
            ? 'who is not in the Heads of Service group (directly or through an Entra group)'
            : 'whom Teams did not identify';
      this.log.warn(`Report ${report.id}: refused a response from ${actor.aadObjectId || 'an unidentified user'} for team ${report.teamId}, ${why}`);
      return cardResponse(await this.cards.refusalCard(report));
    }
    const amendsOn = typeof data.amendsOn === 'string' && data.amendsOn ? data.amendsOn : undefined;
    if (report.feedback && !amendsOn) {
      return this.alreadyAnswered(activity, report, right.siteUserId);
    }
    if (!report.feedback && !acceptsFeedback(report.status)) {
      return messageResponse('This report has not been submitted yet, so it cannot be answered.');
    }
    const texts: { [key: string]: string } = {};
    for (const field of FEEDBACK_TEXT_FIELDS) {
      const typed = data[field.cardInputId];
      texts[field.key] = typeof typed === 'string' ? normaliseTypedText(typed).trim() : '';
    }
    const problems = validateFeedbackTexts(texts, FEEDBACK_TEXT_FIELDS);
    if (Object.keys(problems).length) {
      const notice = Object.keys(problems)
        .map((key) => problems[key])
        .join(' ');
      return cardResponse(await this.cards.personalCard(report, 'headOfService', notice, await this.refreshIds(report), !!amendsOn));
    }
    let current: BotReport = report;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (amendsOn && (!current.feedback || current.feedback.on !== amendsOn)) {
        // Amended (or withdrawn) meanwhile by someone else: theirs stands, ours is not saved.
        return cardResponse(
          await this.cards.personalCard(
            current,
            'responded',
            'The response was amended by someone else while you were writing. Theirs is below; yours was not saved.',
          ),
        );
      }
      const fields: { [name: string]: unknown } = {
        // Graph takes a person column's lookup id as a string.
        [lookupIdField(F.HosFeedbackBy)]: String(right.siteUserId),
        [F.HosFeedbackOn]: this.now().toISOString(),
        [F.ReportStatus]: 'Responded',
      };
      for (const field of FEEDBACK_TEXT_FIELDS) {
        fields[field.listField] = texts[field.key] || null;
      }
      if (amendsOn && current.feedback) {
        // The name of who gave the version being replaced, kept with it.
        const named = (await this.cards.complete(current)).feedback || current.feedback;
        const replaced: HosFeedbackVersion = {
          ...feedbackTextsOf(current.feedback),
          on: current.feedback.on,
          byId: current.feedbackById,
          byName: named.by ? named.by.displayName : undefined,
        };
        fields[F.HosFeedbackHistory] = formatFeedbackHistory([...(current.feedback.earlier || []), replaced]);
      } else {
        // A first answer has no earlier versions, whatever the column held.
        fields[F.HosFeedbackHistory] = null;
      }
      let written: PatchResult | 'busy' = await this.writeWithin(report.id, fields, current.etag || '', deadline);
      if (written === 'busy') {
        // The last try may have landed before its answer was lost: look before saying it did not.
        const landed = await within(this.lists.report(report.id), AFTER_DEADLINE_READ_MS);
        const second = (iso: string | undefined): number => Math.floor(Date.parse(iso || '') / 1000);
        const ours =
          !!landed &&
          !!landed.feedback &&
          landed.feedbackById === right.siteUserId &&
          second(landed.feedback.on) === second(fields[F.HosFeedbackOn] as string) &&
          !!landed.etag;
        if (!ours || !landed) {
          this.log.error(
            `Report ${report.id}: the response from ${right.displayName} could not be stored within ${Math.round(this.answerDeadlineMs / 1000)} s ` +
              '(SharePoint kept answering busy); they were told nothing was saved and their text is kept on their card.',
          );
          const full: BotReport = (await within(this.cards.complete(current), AFTER_DEADLINE_READ_MS)) || current;
          // No refresh ids: an automatic refresh would replace the card, and the typed text with it.
          return cardResponse(this.cards.drawPersonal(full, 'headOfService', NOT_SAVED_NOTICE, [], !!amendsOn, texts));
        }
        written = { ok: true, etag: landed.etag as string, stateKey: landed.stateKey };
      }
      if (written.ok) {
        if (this.onAnswerStored) {
          this.onAnswerStored(report.id, Date.now());
        }
        this.log.info(`Report ${report.id}: response ${amendsOn ? 'amended' : 'stored'} by ${right.displayName} (${right.via})`);
        const stored = (await this.lists.report(report.id)) || current;
        const card = await this.cards.sharedCard(stored);
        // The answer is stored: the reply does not wait past the deadline for the channel's card,
        // which a sweep brings up to date if this refresh fails.
        const refreshed = this.updateForEveryone(stored, card).then((ok) => (ok && this.onCardShown ? this.onCardShown(stored) : undefined));
        await within(refreshed, Math.max(1000, deadline - this.now().getTime()));
        if (this.notifier) {
          this.notifying = this.notifier
            .answerStored(stored)
            .catch((error) => this.log.error(`Report ${report.id}: notifications failed: ${(error as Error).message}`));
        }
        return cardResponse(card);
      }
      const fresh = await this.lists.report(report.id);
      if (!fresh) {
        return messageResponse('This report no longer exists in Frontline Visits.');
      }
      if (fresh.feedback && !amendsOn) {
        // Someone else answered first: show theirs, keep ours unsaved.
        return this.alreadyAnswered(activity, fresh, right.siteUserId);
      }
      // The item changed for another reason (e.g. its card ids were recorded): try with the new ETag.
      current = fresh;
    }
    return {
      statusCode: 500,
      type: 'application/vnd.microsoft.error',
      value: { code: 'Conflict', message: 'The report kept changing while your response was saved. Try again.' },
    };
  }

  private async alreadyAnswered(activity: CardActionActivity, report: BotReport, actorSiteUserId: number): Promise<CardActionResponse> {
    const card = await this.cards.sharedCard(report);
    // The shared card may still show the input if the winner's refresh failed; bring it up to date.
    await this.updateForEveryone(report, card);
    // A second press by the person who answered (a replay, a double tap) must not tell them their answer was lost.
    const notice =
      report.feedbackById === actorSiteUserId
        ? 'You have already responded. Your response is below; nothing new was saved.'
        : 'Another Head of Service responded first. Their response is below; yours was not saved.';
    return cardResponse(await this.cards.personalCard(report, 'responded', notice));
  }

  /**
   * Stores the answer, trying again while SharePoint answers busy (429/503/504, honouring
   * Retry-After) until `deadline`; 'busy' when time ran out with nothing known to be stored.
   */
  private async writeWithin(id: number, fields: { [name: string]: unknown }, etag: string, deadline: number): Promise<PatchResult | 'busy'> {
    const policy = { maxRetries: 20, baseDelayMs: 500, maxDelayMs: 60000 };
    for (let attempt = 0; ; attempt++) {
      const left = deadline - this.now().getTime();
      // The first try always goes (reads before it may have been slow on a busy server): the
      // deadline bounds the waiting between tries, and a try still in flight well past it.
      if (attempt > 0 && left <= 0) {
        return 'busy';
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.max(0, left) + (attempt === 0 ? FIRST_TRY_GRACE_MS : 0));
      try {
        return await this.lists.patchReport(id, fields, etag, { noRetry: true, signal: controller.signal });
      } catch (error) {
        const status = error instanceof GraphError ? error.statusCode : undefined;
        const retryable = status !== undefined && (RETRYABLE_STATUSES.indexOf(status) !== -1 || status === 504);
        if (controller.signal.aborted) {
          return 'busy';
        }
        if (!retryable) {
          throw error;
        }
        const headers = (error as GraphError).headers;
        const wait = retryDelayMs(policy, attempt, headers ? headers.get('retry-after') : undefined);
        this.log.warn(`Report ${id}: storing the response got ${status} (try ${attempt + 1}); ${wait} ms to wait, ${left} ms left.`);
        if (this.now().getTime() + wait >= deadline) {
          return 'busy';
        }
        await this.sleep(wait);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Replaces the channel's card so everyone sees the response; a failure is logged, not shown. */
  private async updateForEveryone(report: BotReport, card: AdaptiveCardJson): Promise<boolean> {
    // Only the card recorded on the report is ever replaced, never one an invoke points at.
    const conversationId = report.cardConversationId;
    const activityId = report.cardActivityId;
    if (!conversationId || !activityId) {
      this.log.warn(`Report ${report.id}: no card is recorded on the report, so no card was refreshed`);
      return false;
    }
    try {
      await this.channel.updateCard(conversationId, activityId, card);
      return true;
    } catch (error) {
      this.log.error(
        `Report ${report.id}: the response is stored but refreshing card ${activityId} failed: ${(error as Error).message}. The next sweep brings the card up to date.`,
      );
      return false;
    }
  }
}
