/**
 * Builds the cards the bot sends from list data: fills in what Graph's item does not carry (the
 * team's title, the name of who responded), the link to the full report and the Teams ids of
 * the people whose client should refresh the card into the Head of Service's view.
 */
import { renderRefusalCard, renderReportCard, AdaptiveCardJson, ReportCardView } from '../cards';
import { reportPageUrl, teamsReportDeepLink } from '../common/deepLink';
import { BotConfig } from './config';
import { answererObjectIds } from './headOfService';
import { Channel, teamsUserIds } from './channel';
import { incompleteNotice, joinNotices, missingForSubmit } from './pickupReview';
import { FrontlineLists } from './lists';
import type { BotReport } from './botReport';

/** A report as the bot reads it from Graph: who answered by site user id, and the item's server Modified time. */
export type { BotReport } from './botReport';

/**
 * Every view of a report's card says what the form's submit checks find missing (a report can
 * reach the list without the browser's checks), so the Head of Service's refreshed view says it too.
 */
function withIncomplete(report: BotReport, notice: string | undefined): string | undefined {
  return joinNotices(notice, incompleteNotice(missingForSubmit(report, report.submittedOn)));
}

export function reportUrl(link: BotConfig['reportLink'], reportId: number): string {
  return link.kind === 'teams' ? teamsReportDeepLink(link.teamsAppId, link.entityId, reportId) : reportPageUrl(link.pageUrl, reportId);
}

export class CardFactory {
  constructor(
    private readonly lists: FrontlineLists,
    private readonly channel: Channel,
    private readonly link: BotConfig['reportLink'],
    private readonly log: (message: string) => void
  ) {}

  /** Adds the team title and the responder's name to a report read from Graph. */
  async complete(report: BotReport): Promise<BotReport> {
    const completed: BotReport = { ...report };
    if (report.teamId !== undefined && !report.teamTitle) {
      const team = await this.lists.team(report.teamId);
      completed.teamTitle = team ? team.title : undefined;
    }
    if (report.feedback && report.feedbackById !== undefined && !report.feedback.by) {
      const user = await this.lists.siteUser(report.feedbackById);
      if (user) {
        completed.feedback = { ...report.feedback, by: { id: user.Id, displayName: user.Title, email: user.Email || '' } };
      }
    }
    return completed;
  }

  /** The card everyone sees; until answered, it refreshes into their own view for the answerers. */
  async sharedCard(report: BotReport, notice?: string): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    const answered = !!full.feedback;
    const refreshUserIds = answered ? [] : await teamsUserIds(this.channel, await answererObjectIds(this.lists, full.teamId), this.log);
    return renderReportCard(full, reportUrl(this.link, full.id), { view: answered ? 'responded' : 'awaiting', refreshUserIds, notice: withIncomplete(full, notice) });
  }

  /** One person's view, returned in an invoke response (only they see it). */
  async personalCard(report: BotReport, view: ReportCardView, notice?: string, refreshUserIds: string[] = []): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    return renderReportCard(full, reportUrl(this.link, full.id), { view: full.feedback ? 'responded' : view, notice: withIncomplete(full, notice), refreshUserIds });
  }

  async refusalCard(report: BotReport): Promise<AdaptiveCardJson> {
    const full = await this.complete(report);
    return renderRefusalCard(full, reportUrl(this.link, full.id));
  }
}
