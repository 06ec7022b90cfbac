/**
 * The overdue digest: forms not submitted 28 days after a visit that took place, and responses
 * not written 28 days after submission. All queries filter on indexed columns first (VisitDate,
 * ReportStatus) so the digest works on lists past the 5,000-item threshold.
 */
import { DigestInput, OverdueForm, OverdueResponse, renderDigestCard, AdaptiveCardJson, UndeliveredReport } from '../cards';
import { addDays, CalendarDate, calendarDateFromSharePoint, londonOffsetMinutes, londonToday } from '../domain/calendarDate';
import { isOverdue, responseDueDate, submissionDueDate, SUBMISSION_WINDOW_DAYS } from '../domain/deadlines';
import { teamsCardDeepLink, TeamsChannelIds } from '../common/deepLink';
import { DigestWeekday } from './config';
import { reportUrl } from './cardFactory';
import { BotConfig } from './config';
import { teamsNobodyCanAnswer } from './headOfService';
import { FrontlineLists } from './lists';
import { isParked } from './cardDelivery';

/** One entry, or none when the report cannot be read into one (it never stops the digest). */
function entryOf<T>(build: () => T, skipped: (error: Error) => void): T[] {
  try {
    return [build()];
  } catch (error) {
    skipped(error as Error);
    return [];
  }
}

/** How far back the digest looks for forms that never came: a municipal year and a bit. */
const LOOK_BACK_DAYS = 400;

/**
 * A response's link goes to the report's card in the channel, where the Head of Service answers;
 * a report whose card is not posted yet links to the report itself.
 */
export async function overdueDigest(
  lists: FrontlineLists,
  link: BotConfig['reportLink'],
  today: CalendarDate,
  appUrl: string,
  warn: (message: string) => void = () => undefined,
  channelIds: TeamsChannelIds = {},
): Promise<DigestInput> {
  const from = addDays(today, -LOOK_BACK_DAYS);
  const lastOverdueVisit = addDays(today, -(SUBMISSION_WINDOW_DAYS + 1));
  const [rota, reports, submitted, teams] = await Promise.all([
    lists.rotaBetween(from, lastOverdueVisit),
    lists.reportsVisitedBetween(from, today),
    lists.reportsWithStatus('Submitted'),
    lists.teams(),
  ]);
  const teamTitle = (id: number | undefined): string => (teams.filter((t) => t.id === id)[0] || { title: 'Unknown team' }).title;

  const forms: OverdueForm[] = [];
  for (const entry of rota) {
    // A visit that did not happen needs no form; Held (or still Scheduled after the date) does.
    if (entry.status !== 'Held' && entry.status !== 'Scheduled') {
      continue;
    }
    const due = entryOf(
      () => submissionDueDate(entry.visitDate),
      (error) => warn(`Overdue digest: rota visit ${entry.id} left out, its date could not be read (${error.message}).`),
    )[0];
    if (!due || !isOverdue(due, today)) {
      continue;
    }
    const forEntry = reports.filter((r) => r.rotaEntryId === entry.id);
    if (forEntry.some((r) => r.status !== 'Draft')) {
      continue;
    }
    const draft = forEntry[0];
    forms.push({
      teamTitle: teamTitle(entry.teamId),
      visitDate: entry.visitDate,
      submissionDue: due,
      members: entry.members,
      url: draft ? reportUrl(link, draft.id) : appUrl,
    });
  }
  forms.sort((a, b) => (a.submissionDue < b.submissionDue ? -1 : 1));

  const responses: OverdueResponse[] = [];
  for (const r of submitted) {
    responses.push(
      ...entryOf(
        () => {
          const responseDue = r.submittedOn ? responseDueDate(r.submittedOn) : undefined;
          return responseDue && isOverdue(responseDue, today)
            ? [
                {
                  teamTitle: teamTitle(r.teamId),
                  visitDate: r.visitDate || calendarDateFromSharePoint(r.submittedOn) || today,
                  responseDue,
                  url: teamsCardDeepLink({ conversationId: r.cardConversationId, activityId: r.cardActivityId }, channelIds) || reportUrl(link, r.id),
                },
              ]
            : [];
        },
        (error) => warn(`Overdue digest: report ${r.id} left out, its dates could not be read (${error.message}).`),
      ).flat(),
    );
  }
  responses.sort((a, b) => (a.responseDue < b.responseDue ? -1 : 1));

  const undelivered: UndeliveredReport[] = submitted
    .filter((r) => !r.cardActivityId && isParked(r.delivery))
    .map((r) => {
      const d = r.delivery as NonNullable<typeof r.delivery>;
      return {
        teamTitle: teamTitle(r.teamId),
        visitDate: r.visitDate,
        since: d.parkedSince as string,
        failures: d.failures,
        lastError: d.lastError,
        url: reportUrl(link, r.id),
      };
    });

  return { today, forms, responses, unanswerable: await teamsNobodyCanAnswer(lists), undelivered, appUrl };
}

export async function overdueDigestCard(
  lists: FrontlineLists,
  link: BotConfig['reportLink'],
  today: CalendarDate,
  appUrl: string,
  warn: (message: string) => void = () => undefined,
  channelIds: TeamsChannelIds = {},
): Promise<AdaptiveCardJson> {
  return renderDigestCard(await overdueDigest(lists, link, today, appUrl, warn, channelIds));
}

const WEEKDAY_INDEX: { [day in DigestWeekday]: number } = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, daily: -1 };

/** The next instant after `now` that is `time` (HH:MM, London) on the configured day. */
export function nextDigestAt(now: Date, weekday: DigestWeekday, time: string): Date {
  const [hh, mm] = time.split(':').map(Number);
  const today = londonToday(now);
  for (let offset = 0; offset <= 8; offset++) {
    const day = addDays(today, offset);
    const [y, m, d] = day.split('-').map(Number);
    const wall = Date.UTC(y, m - 1, d, hh, mm);
    const at = new Date(wall - londonOffsetMinutes(new Date(wall)) * 60000);
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (at.getTime() > now.getTime() && (weekday === 'daily' || WEEKDAY_INDEX[weekday] === dow)) {
      return at;
    }
  }
  throw new Error(`No digest time found for ${weekday} ${time}`);
}
