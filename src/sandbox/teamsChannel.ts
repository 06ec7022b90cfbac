/**
 * The improvement team's Teams channel, as the bot and Microsoft Graph see it:
 *
 * - **A Bot Connector** at `/_connector/v3/…` (the bot's `BOT_SERVICE_URL`): a message to a
 *   channel's conversation id starts a new post (`POST …/conversations/{channel}/activities`,
 *   answered `{ id }`), a message to `{channel};messageid={id}` or `…/activities/{id}` replies to
 *   it, `PUT` replaces a message (only its sender's), `DELETE` deletes it, `GET …/members` is the
 *   roster (the directory's people) and `GET /v3/teams/{team}` names the team's Microsoft 365
 *   group (`aadGroupId`), which is the team's id in Graph. With an upstream connector (the Agents
 *   Playground under `npm start`) every call is passed on and what the upstream accepts is kept.
 * - **Graph's channel messages** (learn.microsoft.com/graph/api/channel-list-messages):
 *   `GET /v1.0/teams/{group id}/channels/{channel id}/messages` lists the root posts (not the
 *   replies), `$top` 1–50 a page (default 20), `$expand=replies`, paging by `@odata.nextLink`, no
 *   other query option; `…/messages/{id}` and `…/messages/{id}/replies` the same way. An app needs
 *   `ChannelMessage.Read.Group` by resource-specific consent (the Teams app installed in the team,
 *   declaring it in its manifest's `authorization.permissions.resourceSpecific`), or the tenant-wide
 *   `ChannelMessage.Read.All`; otherwise 403. A message from a bot names it under
 *   `from.application`, and an Adaptive Card attachment's `content` is the card as a JSON string.
 *
 * Messages live in `teams.sqlite` in the data folder, so they survive a restart of the bot or
 * the sandbox, as a channel does.
 */
import { DatabaseSync } from './sqlite';
import { join } from 'node:path';
import { GraphError } from './errors';
import { loadTeamsManifest } from './activityFeed';
import { InnerResponse } from './restShapes';
import { Caller } from './security';
import { SandboxStore } from './store';

/** The improvement team: its Microsoft 365 group id (Graph's team id), its Teams thread id and channel. */
export const SANDBOX_TEAM = {
  groupId: '00000000-0000-4000-8000-00000000a031',
  threadId: '19:improvement-team@thread.tacv2',
  displayName: "Children's Improvement Team",
  channels: [{ id: '19:improvement-channel@thread.tacv2', displayName: 'Visit reports' }],
} as const;

export const CONNECTOR_PREFIX = '/_connector';

const READ_PERMISSIONS_TENANT_WIDE = ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'];
const RSC_READ = 'ChannelMessage.Read.Group';
const DEFAULT_PAGE = 20;
const MAX_PAGE = 50;

export interface StoredMessage {
  seq: number;
  channelId: string;
  id: string;
  replyToId?: string;
  fromAppId: string;
  created: string;
  lastModified: string;
  deleted?: string;
  activity: { [k: string]: unknown };
}

interface ManifestPermissions {
  authorization?: { permissions?: { resourceSpecific?: Array<{ name: string; type: string }> } };
}

/** What the product's Teams app asks for by resource-specific consent (granted when it is installed in the team). */
export function rscPermissionsOfManifest(manifest: ManifestPermissions = loadTeamsManifest() as ManifestPermissions): string[] {
  const declared = (manifest.authorization && manifest.authorization.permissions && manifest.authorization.permissions.resourceSpecific) || [];
  return declared.filter((p) => p.type === 'Application').map((p) => p.name);
}

function json(status: number, body: unknown, headers: { [k: string]: string } = {}): InnerResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function connectorError(status: number, code: string, message: string): InnerResponse {
  return json(status, { error: { code, message } });
}

/** The app id a Bot Connector token names (`appid`, or `azp` in v2 tokens); the sandbox does not check signatures. */
function appIdOfBearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([^.\s]+)\.([^.\s]+)\./i.exec(authorization || '');
  if (!match) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as { appid?: string; azp?: string };
    return claims.appid || claims.azp;
  } catch {
    return undefined;
  }
}

export class TeamsChannels {
  private readonly db: DatabaseSync;
  private lastId = 0;
  /** Whether the product's Teams app is installed in the team (its team owner then consented its RSC permissions). */
  appInstalled = true;
  /** RSC permissions the installed app holds; default what the product's manifest declares. */
  rscPermissions: string[];

  constructor(
    dataDir: string,
    private readonly store: SandboxStore,
    private readonly botAppId: string,
    /** Another Bot Connector to pass calls on to (the Agents Playground); none: the sandbox answers them. */
    private readonly upstream?: string,
  ) {
    this.db = new DatabaseSync(join(dataDir, 'teams.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS channel_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, id TEXT NOT NULL,
        reply_to_id TEXT, from_app_id TEXT NOT NULL, created TEXT NOT NULL, last_modified TEXT NOT NULL, deleted TEXT, activity TEXT NOT NULL,
        UNIQUE (channel_id, id));
    `);
    this.rscPermissions = rscPermissionsOfManifest();
  }

  close(): void {
    this.db.close();
  }

  /** Every message kept for a channel (posts and replies, deleted ones too), oldest first. */
  messages(channelId?: string): StoredMessage[] {
    const rows = (
      channelId
        ? this.db.prepare('SELECT * FROM channel_messages WHERE channel_id = ? ORDER BY seq').all(channelId)
        : this.db.prepare('SELECT * FROM channel_messages ORDER BY seq').all()
    ) as Array<{ [k: string]: string | number | null }>;
    return rows.map((r) => ({
      seq: Number(r.seq),
      channelId: String(r.channel_id),
      id: String(r.id),
      replyToId: r.reply_to_id === null ? undefined : String(r.reply_to_id),
      fromAppId: String(r.from_app_id),
      created: String(r.created),
      lastModified: String(r.last_modified),
      deleted: r.deleted === null ? undefined : String(r.deleted),
      activity: JSON.parse(String(r.activity)),
    }));
  }

  private message(channelId: string, id: string): StoredMessage | undefined {
    return this.messages(channelId).filter((m) => m.id === id)[0];
  }

  /** Teams message ids are the post's time in milliseconds since 1970. */
  private newId(): string {
    this.lastId = Math.max(Date.now(), this.lastId + 1);
    return String(this.lastId);
  }

  private knownChannel(channelId: string): boolean {
    return SANDBOX_TEAM.channels.some((c) => c.id === channelId) || this.messages(channelId).length > 0;
  }

  private insert(channelId: string, id: string, replyToId: string | undefined, fromAppId: string, activity: object): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        'INSERT OR REPLACE INTO channel_messages (channel_id, id, reply_to_id, from_app_id, created, last_modified, activity) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(channelId, id, replyToId === undefined ? null : replyToId, fromAppId, now, now, JSON.stringify(activity));
  }

  private replace(channelId: string, id: string, activity: object): void {
    this.db
      .prepare('UPDATE channel_messages SET activity = ?, last_modified = ? WHERE channel_id = ? AND id = ?')
      .run(JSON.stringify(activity), new Date().toISOString(), channelId, id);
  }

  private markDeleted(channelId: string, id: string): void {
    const now = new Date().toISOString();
    this.db.prepare('UPDATE channel_messages SET deleted = ?, last_modified = ? WHERE channel_id = ? AND id = ?').run(now, now, channelId, id);
  }

  // ---- Bot Connector ----

  /** One Bot Connector call; `path` starts after `/_connector`. */
  async connector(method: string, path: string, headers: { [k: string]: string | string[] | undefined }, body: string): Promise<InnerResponse> {
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    const appId = appIdOfBearer(authorization);
    if (!appId) {
      return connectorError(401, 'Unauthorized', 'Authorization has been denied for this request: no bot token.');
    }
    const parts = path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
    if (this.upstream) {
      return this.relay(method, path, parts, authorization as string, appId, body);
    }
    return this.answer(method, parts, appId, body);
  }

  private parseActivity(body: string): { [k: string]: unknown } | undefined {
    try {
      const parsed = JSON.parse(body) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { [k: string]: unknown }) : undefined;
    } catch {
      return undefined;
    }
  }

  /** `{channel};messageid={root}` is a thread: a message to it is a reply to its root post. */
  private static splitConversation(conversationId: string): { channelId: string; threadRoot?: string } {
    const match = /^(.*);messageid=(\d+)$/.exec(conversationId);
    return match ? { channelId: match[1], threadRoot: match[2] } : { channelId: conversationId };
  }

  private answer(method: string, parts: string[], appId: string, body: string): InnerResponse {
    // v3/teams/{team}[/conversations]
    if (parts[0] === 'v3' && parts[1] === 'teams' && method === 'GET') {
      if (parts[2] !== SANDBOX_TEAM.threadId) {
        return connectorError(404, 'NotFound', `Team ${parts[2]} not found, or the bot is not installed in it.`);
      }
      if (parts[3] === 'conversations') {
        return json(200, { conversations: SANDBOX_TEAM.channels.map((c) => ({ id: c.id, name: c.displayName })) });
      }
      return json(200, { id: SANDBOX_TEAM.threadId, name: SANDBOX_TEAM.displayName, aadGroupId: SANDBOX_TEAM.groupId });
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations' || !parts[2]) {
      return connectorError(404, 'NotFound', `${method} /${parts.join('/')} is not a Bot Connector call the sandbox answers.`);
    }
    const { channelId, threadRoot } = TeamsChannels.splitConversation(parts[2]);
    if (!SANDBOX_TEAM.channels.some((c) => c.id === channelId)) {
      return connectorError(404, 'ConversationNotFound', 'Conversation not found.');
    }
    if (parts[3] === 'members' && method === 'GET') {
      return json(200, this.roster());
    }
    if (parts[3] !== 'activities') {
      return connectorError(404, 'NotFound', `${method} /${parts.join('/')} is not served.`);
    }
    const activityId = parts[4];
    if (method === 'POST') {
      const activity = this.parseActivity(body);
      if (!activity || activity.type !== 'message') {
        return connectorError(400, 'BadArgument', 'The activity must be a JSON object of type "message".');
      }
      const replyTo = activityId || threadRoot;
      if (replyTo && !this.message(channelId, replyTo)) {
        return connectorError(404, 'NotFound', 'The message replied to was not found.');
      }
      const id = this.newId();
      this.insert(channelId, id, replyTo, appId, activity);
      return json(201, { id });
    }
    const existing = activityId ? this.message(channelId, activityId) : undefined;
    if (!existing || existing.deleted) {
      return connectorError(404, 'NotFound', 'Activity not found.');
    }
    if (existing.fromAppId !== appId) {
      return connectorError(403, 'Forbidden', 'A bot may change or delete only its own messages.');
    }
    if (method === 'PUT') {
      const activity = this.parseActivity(body);
      if (!activity || activity.type !== 'message') {
        return connectorError(400, 'BadArgument', 'The activity must be a JSON object of type "message".');
      }
      this.replace(channelId, existing.id, activity);
      return json(200, { id: existing.id });
    }
    if (method === 'DELETE') {
      this.markDeleted(channelId, existing.id);
      return { status: 200, headers: {}, body: '' };
    }
    return connectorError(405, 'MethodNotAllowed', `${method} is not allowed here.`);
  }

  /** The channel's members: the directory's people, as Teams names them. */
  private roster(): object[] {
    return this.store
      .users()
      .filter((u) => !u.isApp && u.objectId && u.email)
      .map((u) => ({
        id: `29:${u.objectId}`,
        name: u.title,
        aadObjectId: u.objectId,
        email: u.email,
        userPrincipalName: u.email,
        userRole: 'user',
      }));
  }

  private async relay(method: string, path: string, parts: string[], authorization: string, appId: string, body: string): Promise<InnerResponse> {
    let answered: Response;
    try {
      answered = await fetch(`${this.upstream}${path}`, {
        method,
        headers: { Authorization: authorization, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body || undefined,
      });
    } catch (error) {
      return connectorError(502, 'BadGateway', `The upstream Bot Connector ${this.upstream} did not answer: ${(error as Error).message}`);
    }
    const text = await answered.text();
    if (answered.ok && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities') {
      const { channelId, threadRoot } = TeamsChannels.splitConversation(parts[2]);
      const activity = this.parseActivity(body);
      if (method === 'POST' && activity) {
        const id = (this.parseActivity(text) || {}).id;
        if (typeof id === 'string') {
          this.insert(channelId, id, parts[4] || threadRoot, appId, activity);
        }
      } else if (method === 'PUT' && activity && parts[4]) {
        this.replace(channelId, parts[4], activity);
      } else if (method === 'DELETE' && parts[4]) {
        this.markDeleted(channelId, parts[4]);
      }
    }
    return { status: answered.status, headers: { 'Content-Type': answered.headers.get('content-type') || 'application/json' }, body: text };
  }

  // ---- Microsoft Graph ----

  /** Whether `path` (after `/v1.0/`) is a team's channel-message endpoint. */
  static isGraphPath(path: string): boolean {
    return /^teams\//i.test(path);
  }

  /** `GET /v1.0/teams/{team}/channels/{channel}/messages[/{id}[/replies]]`. */
  graph(method: string, path: string, url: URL, caller: Caller, origin: string): InnerResponse {
    const match = /^teams\/([^/]+)\/channels\/([^/]+)\/messages(?:\/([^/]+)(\/replies)?)?$/i.exec(path);
    if (!match) {
      throw new GraphError(400, 'BadRequest', `The sandbox serves only a team's channel messages, not /${path}.`);
    }
    if (method !== 'GET') {
      throw new GraphError(405, 'MethodNotAllowed', `${method} is not supported here by the sandbox.`);
    }
    const [, teamId, channelId, messageId, replies] = match;
    this.authorize(caller);
    if (teamId.toLowerCase() !== SANDBOX_TEAM.groupId) {
      throw new GraphError(404, 'NotFound', `No team found with Group Id ${teamId}`);
    }
    if (!this.knownChannel(channelId)) {
      throw new GraphError(404, 'NotFound', 'Channel not found.');
    }
    const expand = url.searchParams.get('$expand');
    for (const key of Array.from(url.searchParams.keys())) {
      if (['$top', '$expand', '$skiptoken'].indexOf(key) === -1) {
        throw new GraphError(400, 'BadRequest', `Query option '${key}' is not supported on channel messages.`);
      }
    }
    if (expand !== null && expand.toLowerCase() !== 'replies') {
      throw new GraphError(400, 'BadRequest', `Only $expand=replies is supported on channel messages.`);
    }
    const all = this.messages(channelId);
    const base = `${origin}/v1.0/teams/${teamId}/channels/${encodeURIComponent(channelId)}/messages`;
    const context = `${origin}/v1.0/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages`;
    if (messageId && !replies) {
      const root = all.filter((m) => m.id === messageId && !m.replyToId)[0];
      if (!root) {
        throw new GraphError(404, 'NotFound', 'Message not found.');
      }
      return json(200, { '@odata.context': `${context}/$entity`, ...this.chatMessage(root, teamId, expand ? all : undefined) });
    }
    const listed = messageId ? all.filter((m) => m.replyToId === messageId) : all.filter((m) => !m.replyToId);
    if (messageId && !all.some((m) => m.id === messageId && !m.replyToId)) {
      throw new GraphError(404, 'NotFound', 'Message not found.');
    }
    const topText = url.searchParams.get('$top');
    const top = topText === null ? DEFAULT_PAGE : Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) {
      throw new GraphError(400, 'BadRequest', `Invalid page size requested: $top must be between 1 and ${MAX_PAGE}.`);
    }
    // Newest first. The skip token is opaque to callers: they follow @odata.nextLink as given.
    const ordered = listed.slice().sort((a, b) => b.seq - a.seq);
    const token = url.searchParams.get('$skiptoken');
    const skip = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
    const page = ordered.slice(skip, skip + top);
    const out: { [k: string]: unknown } = {
      '@odata.context': messageId ? `${context}('${messageId}')/replies` : context,
      '@odata.count': page.length,
      value: page.map((m) => this.chatMessage(m, teamId, expand && !messageId ? all : undefined)),
    };
    if (skip + top < ordered.length) {
      // Graph writes the options' `$` as is.
      const next = [
        `$top=${top}`,
        ...(expand ? [`$expand=${encodeURIComponent(expand)}`] : []),
        `$skiptoken=${Buffer.from(String(skip + top), 'utf8').toString('base64url')}`,
      ];
      out['@odata.nextLink'] = `${base}${messageId ? `/${messageId}/replies` : ''}?${next.join('&')}`;
    }
    return json(200, out);
  }

  /** The app needs ChannelMessage.Read.Group consented in this team (or a tenant-wide permission); people here have no delegated consent. */
  private authorize(caller: Caller): void {
    const required = `API requires one of '${[...READ_PERMISSIONS_TENANT_WIDE, RSC_READ].join(', ')}'.`;
    if (caller.kind !== 'app') {
      throw new GraphError(403, 'Forbidden', `Missing scope permissions on the request. ${required}`);
    }
    const tenantWide = caller.app.permissions.graph.filter((p) => READ_PERMISSIONS_TENANT_WIDE.indexOf(p) !== -1);
    const rsc = caller.app.appId === this.botAppId && this.appInstalled && this.rscPermissions.indexOf(RSC_READ) !== -1;
    if (!tenantWide.length && !rsc) {
      throw new GraphError(
        403,
        'Forbidden',
        `Missing role permissions on the request. ${required} Roles on the request '${caller.app.permissions.graph.join(', ')}'. Resource specific consent grants on the request ''.`,
      );
    }
  }

  private chatMessage(m: StoredMessage, teamId: string, withReplies?: StoredMessage[]): object {
    const activity = m.activity as { text?: string; summary?: string; attachments?: Array<{ contentType?: string; content?: unknown; name?: string }> };
    const attachments = m.deleted
      ? []
      : (activity.attachments || []).map((a, i) => ({
          id: `${m.id}-${i}`,
          contentType: a.contentType || null,
          contentUrl: null,
          // Graph gives a card's content as a string holding its JSON.
          content: a.content === undefined ? null : typeof a.content === 'string' ? a.content : JSON.stringify(a.content),
          name: a.name || null,
          thumbnailUrl: null,
          teamsAppId: null,
        }));
    const text = m.deleted ? '' : activity.text || '';
    const message: { [k: string]: unknown } = {
      id: m.id,
      replyToId: m.replyToId || null,
      etag: String(Date.parse(m.lastModified)),
      messageType: 'message',
      createdDateTime: m.created,
      lastModifiedDateTime: m.lastModified,
      lastEditedDateTime: null,
      deletedDateTime: m.deleted || null,
      subject: null,
      summary: m.deleted ? null : activity.summary || null,
      chatId: null,
      importance: 'normal',
      locale: 'en-us',
      webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(m.channelId)}/${m.id}?groupId=${teamId}&parentMessageId=${m.replyToId || m.id}`,
      policyViolation: null,
      eventDetail: null,
      from: {
        application: {
          '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
          id: m.fromAppId,
          displayName: 'Frontline Visits',
          applicationIdentityType: 'bot',
        },
        device: null,
        user: null,
      },
      body: { contentType: 'html', content: `${text}${attachments.map((a) => `<attachment id="${a.id}"></attachment>`).join('')}` },
      channelIdentity: { teamId, channelId: m.channelId },
      attachments,
      mentions: [],
      reactions: [],
    };
    if (withReplies) {
      message.replies = withReplies.filter((r) => r.replyToId === m.id).map((r) => this.chatMessage(r, teamId));
    }
    return message;
  }
}
