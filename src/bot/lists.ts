/**
 * The bot's access to the Frontline Visits lists: list items through Microsoft Graph (app-only,
 * Sites.Selected), site users and groups through SharePoint REST (Graph does not expose a site
 * user's Entra object id). Field names come from the list contract only.
 *
 * Graph shapes (as SharePoint Online returns them): a lookup or person column `X` is read and
 * written as `XLookupId`; a multi-person column is `[{ LookupId, LookupValue, Email }]`; dates are
 * ISO instants; the item's `eTag` is `"{guid},{version}"`.
 */
import { Client, GraphError, HTTPMessageHandler, Middleware, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Context } from '@microsoft/microsoft-graph-client';
import { addDays, CalendarDate, dateOnlyDayStart, dateOnlyFromSharePoint } from '../domain/calendarDate';
import { parseServerCheck } from '../domain/serverCheck';
import { withFeedbackHistory } from '../domain/feedbackHistory';
import { textsFromListFields } from '../domain/reportFields';
import { ROLE_GROUPS } from '../domain/roles';
import { Person, ReportStatus, RotaStatus, VisitReport } from '../domain/types';
import { FRONTLINE_TEAMS, VISIT_REPORTS, VISIT_ROTA } from '../data/listContract';
import { fetchWithRetry, RetryPolicy, DEFAULT_RETRY } from './retry';
import { CardDelivery, cardStateKey, parseCardDelivery } from './cardDelivery';
import { odataStringLiteral } from '../data/odata';

const R = VISIT_REPORTS.fields;

/** A Graph list item as returned with `$expand=fields`. */
export interface GraphListItem {
  id: string;
  eTag?: string;
  lastModifiedDateTime?: string;
  fields: { [name: string]: unknown };
}

export interface SiteUser {
  Id: number;
  Title: string;
  Email?: string;
  AadObjectId?: { NameId?: string } | null;
  /** 1 a person, 4 an Entra security group (SharePoint holds it as one principal), 8 a SharePoint group. */
  PrincipalType?: number;
  LoginName?: string;
}

/** A person in the directory, as Graph names them. */
export interface DirectoryUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
}

export interface TeamRecord {
  id: number;
  title: string;
  headOfServiceId?: number;
}

export interface RotaRecord {
  id: number;
  visitDate: CalendarDate;
  teamId: number;
  status: RotaStatus;
  members: string[];
  /** The members' site user ids, in the same order. */
  memberIds: number[];
}

/** `stateKey`: the written item's `cardStateKey`, when the answer carried its fields. */
export type PatchResult = { ok: true; etag: string; stateKey?: string } | { ok: false; reason: 'conflict' | 'notFound' };

/** One write's own terms: no retries of its own (the caller retries within a deadline), an abort signal. */
export interface PatchOptions {
  noRetry?: boolean;
  signal?: AbortSignal;
}

export interface ListIds {
  siteId: string;
  visitReports: string;
  visitRota: string;
  frontlineTeams: string;
}

/** The first `lookup` → `LookupId` suffix Graph uses for lookup and person columns. */
export const lookupIdField = (internalName: string): string => `${internalName}LookupId`;

function num(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  const n = Number(value);
  return isFinite(n) ? n : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optionalStr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length ? value : undefined;
}

function people(value: unknown): Person[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .map((v: { LookupId?: unknown; LookupValue?: unknown; Email?: unknown }) => ({
      id: num(v.LookupId) as number,
      displayName: str(v.LookupValue),
      email: str(v.Email),
    }))
    .filter((p) => p.id !== undefined);
}

/** A report from its Graph item. Names of people other than members are filled in later (`by`). */
export function reportFromGraph(
  item: GraphListItem,
): VisitReport & { feedbackById?: number; modified?: string; authorId?: number; delivery?: CardDelivery; stateKey?: string } {
  const f = item.fields;
  const { texts, grid, feedback } = textsFromListFields((field) => str(f[field]));
  return {
    id: Number(item.id),
    ...texts,
    rotaEntryId: num(f[lookupIdField(R.RotaEntry)]),
    teamId: num(f[lookupIdField(R.Team)]),
    visitDate: dateOnlyFromSharePoint(optionalStr(f[R.VisitDate])),
    members: people(f[R.Members]),
    grid,
    safetyScale: num(f[R.SafetyScale]),
    status: (optionalStr(f[R.ReportStatus]) as ReportStatus) || 'Draft',
    submittedOn: optionalStr(f[R.SubmittedOn]),
    feedback: feedback ? withFeedbackHistory({ ...feedback, on: str(f[R.HosFeedbackOn]) }, f[R.HosFeedbackHistory]) : undefined,
    feedbackById: num(f[lookupIdField(R.HosFeedbackBy)]),
    cardConversationId: optionalStr(f[R.CardConversationId]),
    cardActivityId: optionalStr(f[R.CardActivityId]),
    etag: item.eTag || optionalStr(f['@odata.etag']),
    modified: item.lastModifiedDateTime || optionalStr(f.Modified),
    authorId: num(f.AuthorLookupId),
    serverCheck: parseServerCheck(f[R.ServerCheck]),
    delivery: parseCardDelivery(f[R.CardDelivery]),
    stateKey: cardStateKey(f),
  };
}

/** A rota entry from its Graph item. */
export function rotaFromGraph(item: GraphListItem): RotaRecord {
  const F = VISIT_ROTA.fields;
  const members = people(item.fields[F.Members]);
  return {
    id: Number(item.id),
    visitDate: dateOnlyFromSharePoint(optionalStr(item.fields[F.VisitDate])) || '',
    teamId: num(item.fields[lookupIdField(F.Team)]) as number,
    status: (optionalStr(item.fields[F.RotaStatus]) as RotaStatus) || 'Scheduled',
    members: members.map((p) => p.displayName),
    memberIds: members.map((p) => p.id),
  };
}

/** Adds the app-only bearer token to every Graph request. */
class BearerAuth implements Middleware {
  private next?: Middleware;

  constructor(private readonly token: () => Promise<string>) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options = context.options || {});
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${await this.token()}`);
    options.headers = Object.fromEntries(headers.entries());
    return (this.next as Middleware).execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface ListsOptions {
  graphBaseUrl: string;
  siteUrl: string;
  /** App-only bearer token for a resource: 'graph' or 'sharepoint'. */
  token: (resource: 'graph' | 'sharepoint') => Promise<string>;
  /** Known ids (production); resolved from the site and list names when absent. */
  ids?: Partial<ListIds>;
  retry?: RetryPolicy;
}

export class FrontlineLists {
  readonly graph: Client;
  private ids?: ListIds;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: ListsOptions) {
    this.retry = options.retry || DEFAULT_RETRY;
    // Our own chain: the client's AuthenticationHandler only authenticates https Graph hosts, and
    // the sandbox is http://localhost. RetryHandler retries 429/503/504 honouring Retry-After.
    const auth = new BearerAuth(() => options.token('graph'));
    const retry = new RetryHandler(new RetryHandlerOptions(1, this.retry.maxRetries));
    auth.setNext(retry);
    retry.setNext(new HTTPMessageHandler());
    this.graph = Client.initWithMiddleware({ middleware: auth, baseUrl: `${options.graphBaseUrl}/`, defaultVersion: 'v1.0' });
  }

  /** Resolves the site and list ids once (Graph accepts `host:/path` for a site). */
  async listIds(): Promise<ListIds> {
    if (this.ids) {
      return this.ids;
    }
    const given = this.options.ids || {};
    let siteId = given.siteId;
    if (!siteId) {
      const url = new URL(this.options.siteUrl);
      const site = await this.graph.api(`/sites/${url.host}:${url.pathname}`).select('id').get();
      siteId = String(site.id);
    }
    let { visitReports, visitRota, frontlineTeams } = given;
    if (!visitReports || !visitRota || !frontlineTeams) {
      const lists: Array<{ id: string; name?: string; displayName?: string }> = (
        await this.graph.api(`/sites/${siteId}/lists`).select('id,name,displayName').get()
      ).value;
      const find = (urlName: string, title: string): string => {
        const hit = lists.filter((l) => l.name === urlName || l.displayName === title)[0];
        if (!hit) {
          throw new Error(`The site has no list "${title}" (${urlName}); provision the lists first (see sharepoint/).`);
        }
        return hit.id;
      };
      visitReports = visitReports || find(VISIT_REPORTS.urlName, VISIT_REPORTS.title);
      visitRota = visitRota || find(VISIT_ROTA.urlName, VISIT_ROTA.title);
      frontlineTeams = frontlineTeams || find(FRONTLINE_TEAMS.urlName, FRONTLINE_TEAMS.title);
    }
    this.ids = { siteId, visitReports, visitRota, frontlineTeams };
    return this.ids;
  }

  private async itemsUrl(list: keyof Omit<ListIds, 'siteId'>): Promise<string> {
    const ids = await this.listIds();
    return `/sites/${ids.siteId}/lists/${ids[list]}/items`;
  }

  /** Every page of a Graph item query. */
  private async allItems(first: string): Promise<GraphListItem[]> {
    const items: GraphListItem[] = [];
    let page = await this.graph.api(first).get();
    for (;;) {
      items.push(...(page.value as GraphListItem[]));
      const next = page['@odata.nextLink'];
      if (!next) {
        return items;
      }
      page = await this.graph.api(next).get();
    }
  }

  private async query(list: keyof Omit<ListIds, 'siteId'>, filter: string): Promise<GraphListItem[]> {
    // The first (and here only) filter is on an indexed column, so the query is threshold-safe.
    const url = `${await this.itemsUrl(list)}?$expand=fields&$filter=${encodeURIComponent(filter)}&$top=500`;
    return this.allItems(url);
  }

  /** Reports in a status, by the indexed ReportStatus column. */
  async reportsWithStatus(status: ReportStatus): Promise<Array<ReturnType<typeof reportFromGraph>>> {
    const items = await this.query('visitReports', `fields/${R.ReportStatus} eq '${status}'`);
    return items.map(reportFromGraph);
  }

  /** Reports whose visit fell in a range, by the indexed VisitDate column. */
  async reportsVisitedBetween(from: CalendarDate, to: CalendarDate): Promise<VisitReport[]> {
    const items = await this.query(
      'visitReports',
      `fields/${R.VisitDate} ge '${dateOnlyDayStart(from)}' and fields/${R.VisitDate} lt '${dateOnlyDayStart(addDays(to, 1))}'`,
    );
    return items.map(reportFromGraph);
  }

  async rotaBetween(from: CalendarDate, to: CalendarDate): Promise<RotaRecord[]> {
    const F = VISIT_ROTA.fields;
    const items = await this.query(
      'visitRota',
      `fields/${F.VisitDate} ge '${dateOnlyDayStart(from)}' and fields/${F.VisitDate} lt '${dateOnlyDayStart(addDays(to, 1))}'`,
    );
    return items.map(rotaFromGraph);
  }

  /** One report with its ETag, or undefined when it no longer exists. */
  async report(id: number): Promise<ReturnType<typeof reportFromGraph> | undefined> {
    try {
      const item = (await this.graph
        .api(`${await this.itemsUrl('visitReports')}/${id}`)
        .expand('fields')
        .get()) as GraphListItem;
      return reportFromGraph(item);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Writes fields with `If-Match`: a 412 (someone changed the item since `etag` was read) is a
   * result, not an error, so the caller can re-read and decide — never overwrite.
   */
  async patchReport(id: number, fields: { [name: string]: unknown }, etag: string, options: PatchOptions = {}): Promise<PatchResult> {
    const url = `${await this.itemsUrl('visitReports')}/${id}/fields`;
    try {
      let request = this.graph.api(url).header('If-Match', etag);
      if (options.noRetry) {
        request = request.middlewareOptions([new RetryHandlerOptions(0, 0)]);
      }
      if (options.signal) {
        request = request.option('signal', options.signal);
      }
      const response = await request.patch(fields);
      const newEtag = response && typeof response['@odata.etag'] === 'string' ? (response['@odata.etag'] as string) : undefined;
      if (newEtag) {
        // Graph answers a fields PATCH with the item's fields: what a card drawn now would show.
        return { ok: true, etag: newEtag, stateKey: cardStateKey(response as { [name: string]: unknown }) };
      }
      const fresh = await this.report(id);
      return fresh && fresh.etag ? { ok: true, etag: fresh.etag, stateKey: fresh.stateKey } : { ok: false, reason: 'notFound' };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 412) {
        return { ok: false, reason: 'conflict' };
      }
      if (error instanceof GraphError && error.statusCode === 404) {
        return { ok: false, reason: 'notFound' };
      }
      throw error;
    }
  }

  async teams(): Promise<TeamRecord[]> {
    const F = FRONTLINE_TEAMS.fields;
    const items = await this.allItems(`${await this.itemsUrl('frontlineTeams')}?$expand=fields&$top=500`);
    return items.map((item) => ({ id: Number(item.id), title: str(item.fields[F.Title]), headOfServiceId: num(item.fields[lookupIdField(F.HeadOfService)]) }));
  }

  async team(id: number): Promise<TeamRecord | undefined> {
    const F = FRONTLINE_TEAMS.fields;
    try {
      const item = (await this.graph
        .api(`${await this.itemsUrl('frontlineTeams')}/${id}`)
        .expand('fields')
        .get()) as GraphListItem;
      return { id: Number(item.id), title: str(item.fields[F.Title]), headOfServiceId: num(item.fields[lookupIdField(F.HeadOfService)]) };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  // --- SharePoint REST: site users and groups, list webhooks ---

  /** `path` under the site (`/_api/…`), or an absolute URL SharePoint gave us (a next page). */
  async spRest<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetchWithRetry(
      /^https?:/i.test(path) ? path : `${this.options.siteUrl}${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${await this.options.token('sharepoint')}`,
          Accept: 'application/json;odata=nometadata',
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      this.retry,
    );
    const text = await response.text();
    if (!response.ok) {
      throw new SharePointRestError(method, path, response.status, text.slice(0, 500));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async siteUser(id: number): Promise<SiteUser | undefined> {
    try {
      return await this.spRest<SiteUser>('GET', `/_api/web/getuserbyid(${id})`);
    } catch (error) {
      if (/failed: 404/.test((error as Error).message)) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Members of the Heads of Service group with their Entra object ids: people, and Entra
   * security groups as one principal each (PrincipalType 4). The app reads the group even when
   * its membership is hidden from non-members (it manages the site).
   */
  async headsOfServiceGroup(): Promise<SiteUser[]> {
    return this.groupPrincipals(ROLE_GROUPS.HeadOfService);
  }

  /** A site group's members as SharePoint holds them: people, and Entra security groups as one principal each. */
  async groupPrincipals(title: string): Promise<SiteUser[]> {
    const result = await this.spRest<{ value: SiteUser[] }>('GET', `/_api/web/sitegroups/getbyname(${quoted(title)})/users`);
    return result.value || [];
  }

  /** The site user for a person's login, added to the site if they have not visited it yet. */
  async ensureSiteUser(logonName: string): Promise<SiteUser> {
    return this.spRest<SiteUser>('POST', '/_api/web/ensureuser', { logonName });
  }

  // --- Microsoft Graph directory: Entra security groups held in SharePoint groups ---

  /** Which of `groupIds` the person is in, directly or through nested groups (Graph takes 20 a call). */
  async checkMemberGroups(objectId: string, groupIds: ReadonlyArray<string>): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += 20) {
      const response = await this.graph.api(`/users/${encodeURIComponent(objectId)}/checkMemberGroups`).post({ groupIds: groupIds.slice(i, i + 20) });
      found.push(...((response && response.value) || []));
    }
    return found;
  }

  /** The people in an Entra group, nested groups expanded (every page). */
  async transitiveMemberUsers(groupId: string): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    let page = await this.graph.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).get();
    for (;;) {
      users.push(...(page.value as Array<DirectoryUser & { '@odata.type'?: string }>).filter((m) => m['@odata.type'] === '#microsoft.graph.user'));
      const next = page['@odata.nextLink'];
      if (!next) {
        return users;
      }
      page = await this.graph.api(next).get();
    }
  }

  async directoryUser(objectId: string): Promise<DirectoryUser | undefined> {
    try {
      return (await this.graph
        .api(`/users/${encodeURIComponent(objectId)}`)
        .select('id,displayName,userPrincipalName,mail')
        .get()) as DirectoryUser;
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * The Visit Reports list in SharePoint REST, by id (a SharePoint list's Graph id is its GUID),
   * as the webhook API wants it: `path` under the site, `resource` absolute.
   */
  async visitReportsRest(): Promise<{ path: string; resource: string }> {
    const ids = await this.listIds();
    const path = `/_api/web/lists('${ids.visitReports}')`;
    return { path, resource: `${this.options.siteUrl}${path}` };
  }
}

const quoted = (text: string): string => encodeURIComponent(odataStringLiteral(text));

/** A SharePoint REST call that failed: what was asked and what SharePoint answered. */
export class SharePointRestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`SharePoint ${method} ${path} failed: ${status} ${body}`);
    this.name = 'SharePointRestError';
  }
}

// --- what the bot knows of a report before it reviews it: who changed it last ---

export interface LockResult {
  /** True until the bot has written to the item: a report it has not yet reviewed. */
  newlyLocked: boolean;
  authorId: number;
  /** The item's last change was the app's (this bot's), not a person's. */
  lastEditorIsApp: boolean;
}

/**
 * Where a report stands with the bot. A submitted report is closed to its author by the list's own
 * permissions (councillors may add to Visit Reports but never edit or delete), so the bot no longer
 * changes item permissions — and SharePoint would not let it on a list with a unique column. What
 * the bot still needs is whether a person or the bot made an item's last change: a report no bot
 * has written to yet is one to review. (The class keeps its name and shape for the publisher.)
 */
export class ReportLocks {
  private appUserId?: number;

  constructor(private readonly lists: FrontlineLists) {}

  private async itemPath(id: number): Promise<string> {
    return `${(await this.lists.visitReportsRest()).path}/items(${id})`;
  }

  private async appId(): Promise<number> {
    if (this.appUserId === undefined) {
      // App-only, the current user is the app's own site user (SharePoint App), as Editor shows it.
      this.appUserId = (await this.lists.spRest<{ Id: number }>('GET', '/_api/web/currentuser?$select=Id')).Id;
    }
    return this.appUserId;
  }

  /** Ids of submitted or responded reports whose last change was a person's: not yet reviewed by the bot. */
  async unlockedReportIds(): Promise<number[]> {
    return (await this.personChanges()).map((c) => c.id);
  }

  /**
   * Submitted or responded reports whose last change was a person's, with when it was made. The
   * bot's own writes (claims, card ids, answers, its delivery record) are the app's and never here.
   */
  async personChanges(): Promise<Array<{ id: number; modified: string }>> {
    const list = (await this.lists.visitReportsRest()).path;
    const app = await this.appId();
    // Both branches on the indexed ReportStatus column: threshold-safe.
    const filter = encodeURIComponent(`${R.ReportStatus} eq 'Submitted' or ${R.ReportStatus} eq 'Responded'`);
    let next: string | undefined = `${list}/items?$filter=${filter}&$select=Id,EditorId,Modified&$top=5000`;
    const changes: Array<{ id: number; modified: string }> = [];
    while (next) {
      const page: { value: Array<{ Id: number; EditorId: number; Modified?: string }>; 'odata.nextLink'?: string } = await this.lists.spRest('GET', next);
      page.value.filter((i) => i.EditorId !== app).forEach((i) => changes.push({ id: i.Id, modified: String(i.Modified || '') }));
      next = page['odata.nextLink'];
    }
    return changes;
  }

  async lock(id: number): Promise<LockResult> {
    const state = await this.lists.spRest<{ AuthorId: number; EditorId: number }>('GET', `${await this.itemPath(id)}?$select=AuthorId,EditorId`);
    const lastEditorIsApp = state.EditorId === (await this.appId());
    return { newlyLocked: !lastEditorIsApp, authorId: state.AuthorId, lastEditorIsApp };
  }

  /** Nothing to give back: the bot changes no permissions. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async unlock(id: number): Promise<void> {
    return undefined;
  }
}

/** The Entra object id of a site user, lower-case, or undefined. */
export function objectIdOf(user: SiteUser | undefined): string | undefined {
  const id = user && user.AadObjectId && user.AadObjectId.NameId;
  return id ? id.toLowerCase() : undefined;
}
