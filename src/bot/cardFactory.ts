/**
 * Builds the cards the bot sends from list data: fills in what Graph's item does not carry (the
 * team's title, the name of who responded), the link to the full report and the Teams ids of
 * the people whose client should refresh the card into the Head of Service's view.
 */
import { renderRefusalCard, renderReportCard, AdaptiveCardJson, ReportCardView } from '../cards';
import { reportPageUrl, teamsReportDeepLink } from '../common/deepLink';
import { BotConfig } from './config';
import { answererObjectIds, answerers } from './headOfService';
import { Channel, teamsUserIds } from './channel';
import { serverCheckNotice } from './claimChecks';
import { incompleteNotice, joinNotices, missingForSubmit, NOT_LOCKED_NOTICE } from './pickupReview';
import { FrontlineLists } from './lists';
import type { BotReport } from './botReport';

/** A report as the bot reads it from Graph: who answered by site user id, and the item's server Modified time. */
export type { BotReport } from './botReport';

/**
 * Every view of a report's card says what the form's submit checks find missing (a report can
 * reach the list without the browser's checks), so the Head of Service's refreshed view says it too.
 */
function withIncomplete(report: BotReport, notice: string | undefined): string | undefined {
  return joinNotices(notice, serverCheckNotice(report.serverCheck), incompleteNotice(missingForSubmit(report, report.submittedOn)));
}

export function reportUrl(link: BotConfig['reportLink'], reportId: number): string {
  return link.kind === 'teams' ? teamsReportDeepLink(link.teamsAppId, link.entityId, reportId) : reportPageUrl(link.pageUrl, reportId);
}

export class CardFactory {
  /** Set by the publisher: a report whose lock is still to be done says so on every view of its card. */
  lockPending?: (reportId: number) => boolean;

  constructor(
    private readonly lists: FrontlineLists,
    private readonly channel: Channel,
    private readonly link: BotConfig['reportLink'],
    private readonly log: (message: string) => void,
  ) {}

  /** Adds the team title and the responder's name to a report read from Graph. */
  async complete(report: BotReport): Promise<BotReport> {
    const completed: BotReport = { ...report };
    if (report.teamId !== undefined && !report.teamTitle) {
      const team = await this.lists.team(report.teamId);
      completed.teamTitle = team ? team.title : undefined;
    }
    if (report.feedback && report.feedbackById !== undefined && !report.feedback.by) {
      // Site users come from SharePoint REST: without it the card shows the answer, unsigned.
      const user = await this.lists.siteUser(report.feedbackById).catch((error: Error) => {
        this.log(`Report ${report.id}: could not read who answered (${error.message}); the card shows the answer without their name.`);
        return undefined;
      });
      if (user) {
        completed.feedback = { ...report.feedback, by: { id: user.Id, displayName: user.Title, email: user.Email || '' } };
      }
    }
    return completed;
  }

  /**
   * The card everyone sees; until answered, it refreshes into their own view for the answerers.
   * `mentionAnswerers`: @mention the Heads of Service who answer it (when the card is first posted).
   */
  async sharedCard(report: BotReport, notice?: string, mentionAnswerers = false): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    const answered = !!full.feedback;
    const refreshUserIds = answered ? [] : await this.refreshUserIds(full);
    const mentions = mentionAnswerers && !answered ? await this.answererMentions(full.teamId) : undefined;
    return renderReportCard(full, reportUrl(this.link, full.id), {
      view: answered ? 'responded' : 'awaiting',
      refreshUserIds,
      notice: withIncomplete(full, this.withLockState(full, notice)),
      mentions,
    });
  }

  /**
   * Whose Teams client turns the shared card into their answering view. Who may answer is read
   * through SharePoint REST; if that fails the card is still posted, and a Head of Service asks
   * for their view with the card's own button.
   */
  private async refreshUserIds(report: BotReport): Promise<string[]> {
    let objectIds: string[];
    try {
      objectIds = await answererObjectIds(this.lists, report.teamId, (message) => this.log(`Report ${report.id}: ${message}`));
    } catch (error) {
      this.log(`Report ${report.id}: could not read who may answer (${(error as Error).message}); its card is posted without automatic refresh for them.`);
      return [];
    }
    return teamsUserIds(this.channel, objectIds, this.log);
  }

  private async answererMentions(teamId: number | undefined): Promise<Array<{ id: string; name: string }>> {
    try {
      return (await answerers(this.lists, teamId, this.log)).map((a) => ({ id: a.objectId, name: a.displayName })).slice(0, 10);
    } catch (error) {
      // A card without its mention is better than no card.
      this.log(`Could not read who answers team ${teamId} for the card's mention: ${(error as Error).message}`);
      return [];
    }
  }

  /** One person's view, returned in an invoke response (only they see it). */
  async personalCard(
    report: BotReport,
    view: ReportCardView,
    notice?: string,
    refreshUserIds: string[] = [],
    amending = false,
    typed?: { [key: string]: string },
  ): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    return this.drawPersonal(full, view, notice, refreshUserIds, amending, typed);
  }

  /** A personal view of a report already completed (no further reads: for when time is short). */
  drawPersonal(
    full: BotReport,
    view: ReportCardView,
    notice?: string,
    refreshUserIds: string[] = [],
    amending = false,
    typed?: { [key: string]: string },
  ): AdaptiveCardJson {
    // An answered report shows its answer, unless a Head of Service is amending it.
    const shown: ReportCardView = full.feedback && !(amending && view === 'headOfService') ? 'responded' : view;
    return renderReportCard(full, reportUrl(this.link, full.id), {
      view: shown,
      notice: withIncomplete(full, this.withLockState(full, notice)),
      refreshUserIds,
      amending: amending && shown === 'headOfService',
      typed: shown === 'headOfService' ? typed : undefined,
    });
  }

  private withLockState(report: BotReport, notice: string | undefined): string | undefined {
    const pending = !!this.lockPending && this.lockPending(report.id) && (notice || '').indexOf(NOT_LOCKED_NOTICE) === -1;
    return joinNotices(notice, pending ? NOT_LOCKED_NOTICE : undefined);
  }

  async refusalCard(report: BotReport): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    return renderRefusalCard(full, reportUrl(this.link, full.id));
  }
}
