/**
 * Telling people (docs/architecture.md §2, a report's journey, step 8): Teams activity feed notifications through Microsoft
 * Graph (`POST /users/{id}/teamwork/sendActivityNotification`, app-only, TeamsActivity.Send).
 *
 * - When an answer is stored (or amended), every councillor on the visit is told; the link opens
 *   the report.
 * - Councillors are reminded once when a report falls due within 7 days and once when it is
 *   overdue; Heads of Service likewise for responses.
 *
 * No one is told the same thing twice, also across a restart or with a second bot instance: each
 * notification has a key (what, about which report or visit, which answer, to whom), and it is
 * claimed by adding its record to the Notifications Sent list, whose key column is unique, before
 * it is sent. A claim whose send failed is marked Failed and tried again by the next sweep (an
 * ETag-guarded move back to Sending, so one instance retries it). A claim left Sending by a crash
 * mid-send is not sent again: a missed reminder is the lesser harm, the report itself shows the
 * answer, and the log says so.
 *
 * The preview says what happened, never what anyone wrote: activity feed previews show on phone
 * lock screens, and the reports are about children's safeguarding.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { teamsReportDeepLink } from '../common/deepLink';
import { addDays, calendarDateFromSharePoint, CalendarDate, formatLongDate, formatShortDate } from '../domain/calendarDate';
import { daysLeft, responseDueDate, submissionDueDate } from '../domain/deadlines';
import { VisitReport } from '../domain/types';
import { NotificationKind, NOTIFICATIONS_SENT, SendState } from '../data/listContract';
import { odataStringLiteral } from '../data/odata';
import { Answerer, answerers } from './headOfService';
import { FrontlineLists, GraphListItem, objectIdOf } from './lists';
import type { PublisherLog } from './botReport';

const N = NOTIFICATIONS_SENT.fields;

/** A reminder goes out when the due date is this many days away or nearer. */
export const REMIND_DAYS_BEFORE = 7;
/** Overdue reminders are sent for deadlines passed within this many days (not for years-old ones on first start). */
export const OVERDUE_LOOKBACK_DAYS = 60;
/** Answers stored within this many days are checked for a missed notification (a crash after the write). */
export const ANSWER_LOOKBACK_DAYS = 30;
/** Teams shows the first 150 characters of the preview. */
const PREVIEW_MAX = 150;

/** Where a notification's link points: the Teams app's personal tab (a Teams deep link, as Graph requires). */
export interface NotificationLink {
  teamsAppId: string;
  entityId: string;
}

/** One notification to one person. */
export interface PlannedNotification {
  key: string;
  kind: NotificationKind;
  recipientObjectId: string;
  reportId?: number;
  rotaEntryId?: number;
  /** Label of the record in the list. */
  title: string;
  team: string;
  due?: CalendarDate;
  topic: string;
  preview: string;
  webUrl: string;
}

export interface NotifyResult {
  sent: string[];
  alreadySent: number;
  failed: Array<{ key: string; error: string }>;
}

interface LedgerRecord {
  id: number;
  key: string;
  state: SendState;
  etag: string;
}

/** The Notifications Sent list, through Graph. */
export class NotificationLedger {
  private listId?: string;

  constructor(private readonly lists: FrontlineLists) {}

  private async itemsUrl(): Promise<string> {
    const ids = await this.lists.listIds();
    if (!this.listId) {
      const found: Array<{ id: string; name?: string; displayName?: string }> = (
        await this.lists.graph.api(`/sites/${ids.siteId}/lists`).select('id,name,displayName').get()
      ).value;
      const hit = found.filter((l) => l.name === NOTIFICATIONS_SENT.urlName || l.displayName === NOTIFICATIONS_SENT.title)[0];
      if (!hit) {
        throw new Error(
          `The site has no list "${NOTIFICATIONS_SENT.title}" (${NOTIFICATIONS_SENT.urlName}); provision the lists (see sharepoint/). No notification is sent without it.`,
        );
      }
      this.listId = hit.id;
    }
    return `/sites/${ids.siteId}/lists/${this.listId}/items`;
  }

  private static record(item: GraphListItem): LedgerRecord {
    const f = item.fields;
    return {
      id: Number(item.id),
      key: String(f[N.NotificationKey] || ''),
      state: (f[N.SendState] as SendState) || 'Sending',
      etag: item.eTag || String(f['@odata.etag'] || ''),
    };
  }

  /** Records for some keys, by the indexed key column (a few at a time, threshold-safe). */
  async find(keys: ReadonlyArray<string>): Promise<Map<string, LedgerRecord>> {
    const found = new Map<string, LedgerRecord>();
    const url = await this.itemsUrl();
    for (let i = 0; i < keys.length; i += 15) {
      const filter = keys
        .slice(i, i + 15)
        .map((k) => `fields/${N.NotificationKey} eq ${odataStringLiteral(k)}`)
        .join(' or ');
      let page = await this.lists.graph.api(`${url}?$expand=fields&$filter=${encodeURIComponent(filter)}&$top=100`).get();
      for (;;) {
        for (const item of page.value as GraphListItem[]) {
          const record = NotificationLedger.record(item);
          found.set(record.key.toLowerCase(), record);
        }
        if (!page['@odata.nextLink']) {
          break;
        }
        page = await this.lists.graph.api(page['@odata.nextLink']).get();
      }
    }
    return found;
  }

  /** Adds the record in state Sending; false when another add of the same key won. */
  async claim(plan: PlannedNotification): Promise<LedgerRecord | undefined> {
    const fields: { [k: string]: unknown } = {
      Title: plan.title.slice(0, 255),
      [N.NotificationKey]: plan.key,
      [N.NotificationKind]: plan.kind,
      [N.RecipientObjectId]: plan.recipientObjectId,
      [N.SendState]: 'Sending',
    };
    if (plan.reportId !== undefined) {
      fields[N.ReportId] = plan.reportId;
    }
    if (plan.rotaEntryId !== undefined) {
      fields[N.RotaEntryId] = plan.rotaEntryId;
    }
    try {
      const item = (await this.lists.graph.api(await this.itemsUrl()).post({ fields })) as GraphListItem;
      return NotificationLedger.record(item);
    } catch (error) {
      // The key column is unique: a duplicate is refused (409). Whatever the code, the record is the truth.
      if (error instanceof GraphError && (error.statusCode === 409 || error.statusCode === 400)) {
        const existing = (await this.find([plan.key])).get(plan.key.toLowerCase());
        if (existing) {
          return undefined;
        }
      }
      throw error;
    }
  }

  /** Moves a record to a state, guarded by its ETag; undefined when someone else moved it first. */
  async mark(record: LedgerRecord, state: SendState, error?: string): Promise<LedgerRecord | undefined> {
    const fields: { [k: string]: unknown } = { [N.SendState]: state, [N.SendError]: error ? error.slice(0, 2000) : null };
    if (state === 'Sent') {
      fields[N.SentOn] = new Date().toISOString();
    }
    try {
      const written = await this.lists.graph
        .api(`${await this.itemsUrl()}/${record.id}/fields`)
        .header('If-Match', record.etag)
        .patch(fields);
      const etag = written && typeof written['@odata.etag'] === 'string' ? written['@odata.etag'] : record.etag;
      return { ...record, state, etag };
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 412) {
        return undefined;
      }
      throw e;
    }
  }
}

/** Activity feed notifications, through Graph. */
export interface ActivityFeed {
  send(recipientObjectId: string, body: object): Promise<void>;
}

export class GraphActivityFeed implements ActivityFeed {
  constructor(private readonly lists: FrontlineLists) {}

  async send(recipientObjectId: string, body: object): Promise<void> {
    await this.lists.graph.api(`/users/${encodeURIComponent(recipientObjectId)}/teamwork/sendActivityNotification`).post(body);
  }
}

/** Heads of Service who answer for a team: its named one when they are in the group (it narrows), else the group. */

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class Notifier {
  private readonly ledger: NotificationLedger;
  private readonly feed: ActivityFeed;
  private running?: Promise<NotifyResult>;

  constructor(
    private readonly lists: FrontlineLists,
    private readonly log: PublisherLog,
    private readonly link: NotificationLink,
    options: { ledger?: NotificationLedger; feed?: ActivityFeed } = {},
  ) {
    this.ledger = options.ledger || new NotificationLedger(lists);
    this.feed = options.feed || new GraphActivityFeed(lists);
  }

  private appLink(reportId?: number): string {
    return reportId !== undefined
      ? teamsReportDeepLink(this.link.teamsAppId, this.link.entityId, reportId)
      : `https://teams.microsoft.com/l/entity/${encodeURIComponent(this.link.teamsAppId)}/${encodeURIComponent(this.link.entityId)}`;
  }

  /** The link a notification about a report (or the app's start page) opens. */
  appLinkFor(reportId?: number): string {
    return this.appLink(reportId);
  }

  /** The Entra object ids of site users, for notifications (people without one are logged and skipped). */
  recipients(siteUserIds: ReadonlyArray<number>): Promise<string[]> {
    return this.objectIds(siteUserIds, new Map());
  }

  private async objectIds(siteUserIds: ReadonlyArray<number>, cache: Map<number, string | undefined>): Promise<string[]> {
    const out: string[] = [];
    for (const id of siteUserIds) {
      if (!cache.has(id)) {
        cache.set(id, objectIdOf(await this.lists.siteUser(id)));
      }
      const oid = cache.get(id);
      if (oid && out.indexOf(oid) === -1) {
        out.push(oid);
      } else if (!oid) {
        this.log.warn(`Site user ${id} has no Entra object id; they cannot be sent an activity feed notification`);
      }
    }
    return out;
  }

  /** The councillors on a visit are told its answer arrived (or was amended). */
  async planAnswer(report: VisitReport, team: string, cache: Map<number, string | undefined> = new Map()): Promise<PlannedNotification[]> {
    if (!report.feedback || !report.feedback.on) {
      return [];
    }
    const amended = !!report.feedback.firstOn && report.feedback.firstOn !== report.feedback.on;
    const kind: NotificationKind = amended ? 'answerAmended' : 'reportAnswered';
    const visit = report.visitDate ? `, ${formatShortDate(report.visitDate)}` : '';
    const recipients = await this.objectIds(
      report.members.map((m) => m.id),
      cache,
    );
    return recipients.map((oid) => ({
      // The answer's time tells one answer (or amendment) from the next.
      key: `${kind}:report-${report.id}:${report.feedback!.on}:${oid}`,
      kind,
      recipientObjectId: oid,
      reportId: report.id,
      title: `${amended ? 'Amended answer' : 'Answer'} to report ${report.id}`,
      team,
      topic: `Visit report: ${team}${visit}`,
      preview: amended
        ? 'The Head of Service amended their response. Open the report to read it.'
        : 'The Head of Service has responded. Open the report to read the response.',
      webUrl: this.appLink(report.id),
    }));
  }

  /** Sends a just-stored answer's notifications. Never throws: the answer is stored whatever happens here. */
  async answerStored(report: VisitReport): Promise<NotifyResult> {
    try {
      const team = report.teamTitle || (report.teamId !== undefined ? ((await this.lists.team(report.teamId)) || { title: '' }).title : '') || 'a team';
      return await this.deliver(await this.planAnswer(report, team));
    } catch (error) {
      this.log.error(
        `Report ${report.id}: telling its councillors about the answer failed (the next notification sweep tries again): ${(error as Error).message}`,
      );
      return { sent: [], alreadySent: 0, failed: [{ key: `report-${report.id}`, error: (error as Error).message }] };
    }
  }

  /** Reminders due today, and any answer notification a crash left unsent. Single-flight. */
  sweep(today: CalendarDate): Promise<NotifyResult> {
    if (!this.running) {
      this.running = this.sweepOnce(today).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Everything that should have been sent by `today` (the ledger then drops what was). */
  async plan(today: CalendarDate): Promise<PlannedNotification[]> {
    const plans: PlannedNotification[] = [];
    const cache = new Map<number, string | undefined>();
    const teams = new Map((await this.lists.teams()).map((t) => [t.id, t.title] as [number, string]));
    const teamName = (id: number | undefined): string => (id !== undefined && teams.get(id)) || 'a team';

    // Councillors: visits whose report is due within a week or overdue (within the lookback).
    const from = addDays(today, -(OVERDUE_LOOKBACK_DAYS + 28));
    const rota = await this.lists.rotaBetween(from, today);
    const reports = await this.lists.reportsVisitedBetween(from, today);
    const handedIn = (r: VisitReport): boolean => r.status === 'Submitted' || r.status === 'Responded';
    const councillorReminder = async (
      due: CalendarDate,
      memberIds: number[],
      team: string,
      ref: { reportId?: number; rotaEntryId?: number },
    ): Promise<void> => {
      const left = daysLeft(due, today);
      if (left > REMIND_DAYS_BEFORE || left < -OVERDUE_LOOKBACK_DAYS) {
        return;
      }
      const kind: NotificationKind = left < 0 ? 'reportOverdue' : 'reportDueSoon';
      const subject = ref.rotaEntryId !== undefined ? `rota-${ref.rotaEntryId}` : `report-${ref.reportId}`;
      for (const oid of await this.objectIds(memberIds, cache)) {
        plans.push({
          key: `${kind}:${subject}:${oid}`,
          kind,
          recipientObjectId: oid,
          ...ref,
          title: `${kind === 'reportOverdue' ? 'Overdue' : 'Due soon'}: report on the visit to ${team}`,
          team,
          due,
          topic: `Visit to ${team}`,
          preview:
            kind === 'reportOverdue'
              ? `Your visit report was due by ${formatLongDate(due)}. Please submit it as soon as you can.`
              : `Your visit report is due by ${formatLongDate(due)}.`,
          webUrl: this.appLink(ref.reportId),
        });
      }
    };
    for (const entry of rota) {
      if (entry.status === 'NotHeld' || entry.status === 'Rescheduled' || !entry.visitDate) {
        continue;
      }
      const forVisit = reports.filter((r) => r.rotaEntryId === entry.id);
      if (forVisit.some(handedIn)) {
        continue;
      }
      const draft = forVisit[0];
      await councillorReminder(submissionDueDate(entry.visitDate), entry.memberIds, teamName(entry.teamId), {
        rotaEntryId: entry.id,
        reportId: draft && draft.id,
      });
    }
    for (const draft of reports.filter((r) => r.rotaEntryId === undefined && r.status === 'Draft' && r.visitDate)) {
      await councillorReminder(
        submissionDueDate(draft.visitDate as CalendarDate),
        draft.members.map((m) => m.id),
        teamName(draft.teamId),
        { reportId: draft.id },
      );
    }

    // Heads of Service: responses due within a week or overdue.
    const answering = new Map<string, Answerer[]>();
    for (const report of await this.lists.reportsWithStatus('Submitted')) {
      if (!report.submittedOn) {
        continue;
      }
      const due = responseDueDate(report.submittedOn);
      const left = daysLeft(due, today);
      if (left > REMIND_DAYS_BEFORE) {
        continue;
      }
      const kind: NotificationKind = left < 0 ? 'responseOverdue' : 'responseDueSoon';
      const teamKey = String(report.teamId);
      if (!answering.has(teamKey)) {
        answering.set(teamKey, await answerers(this.lists, report.teamId, (m) => this.log.warn(m)));
      }
      const team = teamName(report.teamId);
      for (const person of answering.get(teamKey) || []) {
        const oid = person.objectId;
        plans.push({
          key: `${kind}:report-${report.id}:${oid}`,
          kind,
          recipientObjectId: oid,
          reportId: report.id,
          title: `${kind === 'responseOverdue' ? 'Overdue' : 'Due soon'}: response to report ${report.id}`,
          team,
          due,
          topic: `Visit report: ${team}${report.visitDate ? `, ${formatShortDate(report.visitDate)}` : ''}`,
          preview:
            kind === 'responseOverdue'
              ? `The response was due by ${formatLongDate(due)}. Answer it on its card in the improvement team's channel.`
              : `The response is due by ${formatLongDate(due)}. Answer it on its card in the improvement team's channel.`,
          webUrl: this.appLink(report.id),
        });
      }
    }

    // Answers stored lately whose notification a crash or an outage left unsent.
    const since = addDays(today, -ANSWER_LOOKBACK_DAYS);
    for (const report of await this.lists.reportsWithStatus('Responded')) {
      const on = report.feedback && calendarDateFromSharePoint(report.feedback.on);
      if (on && on >= since) {
        plans.push(...(await this.planAnswer(report, teamName(report.teamId), cache)));
      }
    }
    return plans;
  }

  private async sweepOnce(today: CalendarDate): Promise<NotifyResult> {
    const result = await this.deliver(await this.plan(today));
    if (result.sent.length || result.failed.length) {
      this.log.info(`Notifications: ${result.sent.length} sent, ${result.failed.length} failed, ${result.alreadySent} already sent`);
    }
    return result;
  }

  /** Claims, sends and records each planned notification that has not been sent. */
  async deliver(plans: PlannedNotification[]): Promise<NotifyResult> {
    const result: NotifyResult = { sent: [], alreadySent: 0, failed: [] };
    if (!plans.length) {
      return result;
    }
    const known = await this.ledger.find(plans.map((p) => p.key));
    for (const plan of plans) {
      const existing = known.get(plan.key.toLowerCase());
      let record: LedgerRecord | undefined;
      if (!existing) {
        record = await this.ledger.claim(plan);
      } else if (existing.state === 'Failed') {
        record = await this.ledger.mark(existing, 'Sending');
      }
      if (!record) {
        result.alreadySent++;
        continue;
      }
      try {
        await this.feed.send(plan.recipientObjectId, this.body(plan));
        await this.ledger.mark(record, 'Sent');
        result.sent.push(plan.key);
      } catch (error) {
        const message = error instanceof GraphError ? `${error.statusCode} ${error.code}: ${error.message}` : (error as Error).message;
        this.log.error(`Notification ${plan.key} was not sent (the next sweep tries again): ${message}`);
        result.failed.push({ key: plan.key, error: message });
        await this.ledger.mark(record, 'Failed', message).catch(() => undefined);
      }
    }
    return result;
  }

  /** The request body Graph takes. */
  body(plan: PlannedNotification): object {
    const templateParameters = [{ name: 'team', value: clip(plan.team, 100) }];
    if (plan.due) {
      templateParameters.push({ name: 'due', value: formatShortDate(plan.due) });
    }
    return {
      topic: { source: 'text', value: clip(plan.topic, 200), webUrl: plan.webUrl },
      activityType: plan.kind,
      previewText: { content: clip(plan.preview, PREVIEW_MAX) },
      templateParameters,
      teamsAppId: this.link.teamsAppId,
    };
  }
}
