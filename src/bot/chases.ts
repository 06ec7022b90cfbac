/**
 * Chases the improvement team asked for on the visits overview. The web part cannot send an
 * activity feed notification (Graph takes one only from the Teams app's own Entra app, this bot's),
 * so it records a request in the Chase Requests list; the bot sends it here, on each reconcile
 * sweep, and marks it Sent (or Failed, tried again next sweep).
 *
 * Each reminder goes through the notifier's ledger under a key per person, visit and London day
 * (`chase:{visit}:{day}:{person}`), so a person is told once a day at most, whoever asked and
 * however many bot instances run. A request whose form or response arrived meanwhile is marked
 * Sent without telling anyone: there is nothing left to chase.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { addDays, CalendarDate, dateOnlyFromSharePoint, formatLongDate, formatShortDate } from '../domain/calendarDate';
import { CHASING_TEAM, ChaseAudienceKind, ChaseSubject, parseSubject, subjectText } from '../domain/chase';
import { responseDueDate, submissionDueDate } from '../domain/deadlines';
import { CHASE_REQUESTS, ChaseState, VISIT_REPORT_DRAFTS } from '../data/listContract';
import { answerers } from './headOfService';
import { FrontlineLists, GraphListItem, reportFromGraph, rotaFromGraph } from './lists';
import type { PublisherLog } from './botReport';
import type { Notifier, PlannedNotification } from './notifier';

const C = CHASE_REQUESTS.fields;

/** Requests older than this are not sent any more: a reminder about last week's chase would confuse. */
export const CHASE_STALE_DAYS = 2;

export interface ChaseRequestRecord {
  id: number;
  etag: string;
  key: string;
  subject: ChaseSubject;
  audience: ChaseAudienceKind;
  day: CalendarDate;
  state: ChaseState;
}

export interface ChaseSweepResult {
  sent: number;
  nothingToChase: number;
  failed: number;
}

/** Finds a list's Graph id by its URL name or title (lists the bot's configuration does not name). */
async function namedListItemsUrl(lists: FrontlineLists, urlName: string, title: string): Promise<string> {
  const ids = await lists.listIds();
  const found: Array<{ id: string; name?: string; displayName?: string }> = (
    await lists.graph.api(`/sites/${ids.siteId}/lists`).select('id,name,displayName').get()
  ).value;
  const hit = found.filter((l) => l.name === urlName || l.displayName === title)[0];
  if (!hit) {
    throw new Error(`The site has no list "${title}" (${urlName}); provision the lists (see sharepoint/). Chases are not sent without it.`);
  }
  return `/sites/${ids.siteId}/lists/${hit.id}/items`;
}

function toRequest(item: GraphListItem): ChaseRequestRecord | undefined {
  const f = item.fields;
  const key = String(f[C.ChaseKey] || '');
  const parts = key.split(':');
  const subject = parts.length === 4 ? parseSubject(parts[1]) : undefined;
  const day = dateOnlyFromSharePoint(typeof f[C.ChaseDay] === 'string' ? (f[C.ChaseDay] as string) : undefined) || parts[3];
  const audience = (f[C.ChaseAudience] as ChaseAudienceKind) || (parts[2] as ChaseAudienceKind);
  if (!subject || !day || (audience !== 'Councillors' && audience !== 'HeadOfService')) {
    return undefined;
  }
  return {
    id: Number(item.id),
    etag: item.eTag || String(f['@odata.etag'] || ''),
    key,
    subject,
    audience,
    day,
    state: (f[C.ChaseState] as ChaseState) || 'Requested',
  };
}

export class ChaseSender {
  private itemsUrl?: string;
  private draftsUrl?: string;

  constructor(
    private readonly lists: FrontlineLists,
    private readonly notifier: Notifier,
    private readonly log: PublisherLog,
  ) {}

  private async chaseItems(): Promise<string> {
    if (!this.itemsUrl) {
      this.itemsUrl = await namedListItemsUrl(this.lists, CHASE_REQUESTS.urlName, CHASE_REQUESTS.title);
    }
    return this.itemsUrl;
  }

  /** Requests still to send: Requested or Failed, by the indexed state column. */
  async pending(): Promise<ChaseRequestRecord[]> {
    const url = await this.chaseItems();
    const out: ChaseRequestRecord[] = [];
    for (const state of ['Requested', 'Failed']) {
      let page = await this.lists.graph.api(`${url}?$expand=fields&$filter=${encodeURIComponent(`fields/${C.ChaseState} eq '${state}'`)}&$top=200`).get();
      for (;;) {
        for (const item of page.value as GraphListItem[]) {
          const request = toRequest(item);
          if (request) {
            out.push(request);
          } else {
            this.log.warn(`Chase request ${item.id} has a key the bot does not understand (${String(item.fields[C.ChaseKey])}); it is left as it is`);
          }
        }
        if (!page['@odata.nextLink']) {
          break;
        }
        page = await this.lists.graph.api(page['@odata.nextLink']).get();
      }
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Marks a request, guarded by its ETag; false when someone (another instance) moved it first. */
  private async mark(request: ChaseRequestRecord, state: ChaseState, error?: string): Promise<boolean> {
    const fields: { [k: string]: unknown } = { [C.ChaseState]: state, [C.SendError]: error ? error.slice(0, 2000) : null };
    if (state === 'Sent') {
      fields[C.SentOn] = new Date().toISOString();
    }
    try {
      await this.lists.graph
        .api(`${await this.chaseItems()}/${request.id}/fields`)
        .header('If-Match', request.etag)
        .patch(fields);
      return true;
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 412) {
        return false;
      }
      throw e;
    }
  }

  private async draft(id: number): Promise<ReturnType<typeof reportFromGraph> | undefined> {
    if (!this.draftsUrl) {
      this.draftsUrl = await namedListItemsUrl(this.lists, VISIT_REPORT_DRAFTS.urlName, VISIT_REPORT_DRAFTS.title);
    }
    try {
      return reportFromGraph((await this.lists.graph.api(`${this.draftsUrl}/${id}`).expand('fields').get()) as GraphListItem);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private async rotaEntry(id: number): Promise<ReturnType<typeof rotaFromGraph> | undefined> {
    const ids = await this.lists.listIds();
    try {
      return rotaFromGraph((await this.lists.graph.api(`/sites/${ids.siteId}/lists/${ids.visitRota}/items/${id}`).expand('fields').get()) as GraphListItem);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * The reminders one request stands for, one per person; empty when there is nothing left to
   * chase (the form or the response has arrived, the visit was recorded as not held, it is gone).
   */
  async plan(request: ChaseRequestRecord, teamName: (id: number | undefined) => string): Promise<PlannedNotification[]> {
    const subject = subjectText(request.subject);
    const base = (team: string, due: CalendarDate, kind: 'reportOverdue' | 'responseOverdue', preview: string, reportId?: number, rotaEntryId?: number) => ({
      kind,
      reportId,
      rotaEntryId,
      team,
      due,
      topic: kind === 'reportOverdue' ? `Visit to ${team}` : `Visit report: ${team}`,
      preview,
      title: `Chase by the ${CHASING_TEAM}: ${team}, ${formatShortDate(due)}`,
    });
    if (request.audience === 'Councillors') {
      let memberIds: number[] = [];
      let visitDate: CalendarDate | undefined;
      let teamId: number | undefined;
      let rotaEntryId: number | undefined;
      if (request.subject.kind === 'rota') {
        const entry = await this.rotaEntry(request.subject.id);
        if (!entry || entry.status === 'NotHeld' || entry.status === 'Rescheduled') {
          return [];
        }
        const handedIn = (await this.lists.reportsVisitedBetween(addDays(entry.visitDate, -60), addDays(entry.visitDate, 60))).some(
          (r) => r.rotaEntryId === entry.id && r.status !== 'Draft',
        );
        if (handedIn) {
          return [];
        }
        memberIds = entry.memberIds;
        visitDate = entry.visitDate;
        teamId = entry.teamId;
        rotaEntryId = entry.id;
      } else if (request.subject.kind === 'draft') {
        const draft = await this.draft(request.subject.id);
        if (!draft || !draft.visitDate) {
          return [];
        }
        memberIds = draft.members.map((m) => m.id);
        visitDate = draft.visitDate;
        teamId = draft.teamId;
      } else {
        return [];
      }
      const due = submissionDueDate(visitDate);
      const team = teamName(teamId);
      const recipients = await this.notifier.recipients(memberIds);
      return recipients.map((oid) => ({
        ...base(
          team,
          due,
          'reportOverdue',
          `The ${CHASING_TEAM} asks for your visit report: it was due by ${formatLongDate(due)}. Please submit it as soon as you can.`,
          undefined,
          rotaEntryId,
        ),
        key: `chase:${subject}:${request.day}:${oid}`,
        recipientObjectId: oid,
        webUrl: this.notifier.appLinkFor(undefined),
      }));
    }
    if (request.subject.kind !== 'report') {
      return [];
    }
    const report = await this.lists.report(request.subject.id);
    if (!report || report.status !== 'Submitted' || !report.submittedOn) {
      return [];
    }
    const due = responseDueDate(report.submittedOn);
    const team = teamName(report.teamId);
    const people = await answerers(this.lists, report.teamId, (m) => this.log.warn(m));
    return people.map((person) => ({
      ...base(
        team,
        due,
        'responseOverdue',
        `The ${CHASING_TEAM} asks for your response: it was due by ${formatLongDate(due)}. Answer it on its card in the channel.`,
        report.id,
      ),
      key: `chase:${subject}:${request.day}:${person.objectId}`,
      recipientObjectId: person.objectId,
      webUrl: this.notifier.appLinkFor(report.id),
    }));
  }

  /** Sends every pending request made in the last {@link CHASE_STALE_DAYS} days. Never throws for one request's failure. */
  async sweep(today: CalendarDate): Promise<ChaseSweepResult> {
    const result: ChaseSweepResult = { sent: 0, nothingToChase: 0, failed: 0 };
    const pending = (await this.pending()).filter((r) => r.day >= addDays(today, -CHASE_STALE_DAYS));
    if (!pending.length) {
      return result;
    }
    const teams = new Map((await this.lists.teams()).map((t) => [t.id, t.title] as [number, string]));
    const teamName = (id: number | undefined): string => (id !== undefined && teams.get(id)) || 'a team';
    for (const request of pending) {
      try {
        const plans = await this.plan(request, teamName);
        if (!plans.length) {
          this.log.info(`Chase ${request.key}: nothing left to chase (or no one to tell); marked done`);
          result.nothingToChase++;
          await this.mark(request, 'Sent', 'Nothing left to chase when the bot looked, or no one to tell.');
          continue;
        }
        const delivered = await this.notifier.deliver(plans);
        if (delivered.failed.length) {
          result.failed++;
          await this.mark(request, 'Failed', delivered.failed.map((f) => f.error).join('; '));
        } else {
          result.sent++;
          await this.mark(request, 'Sent');
        }
      } catch (error) {
        result.failed++;
        this.log.error(`Chase ${request.key} was not sent (the next sweep tries again): ${(error as Error).message}`);
        await this.mark(request, 'Failed', (error as Error).message).catch(() => undefined);
      }
    }
    return result;
  }
}
