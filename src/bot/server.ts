/**
 * The bot service: one Node HTTP server carrying the Teams messaging endpoint (`/api/messages`,
 * handled by the Teams SDK), the SharePoint webhook endpoint (`/api/webhooks`) and `/healthz`;
 * plus the reconcile sweep, the webhook renewal and the overdue digest on timers.
 *
 * `startBot(options)` is the programmatic API tests, the bench and `npm start` use.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import type { CloudEnvironment } from '@microsoft/teams.api';
import { Client as TeamsHttpClient, ConsoleLogger, ILogger } from '@microsoft/teams.common';
import { listenOnLoopback, LoopbackListening } from '../node/loopback';
import { londonToday } from '../domain/calendarDate';
import { BotConfig, BotCredentials, loadConfig } from './config';
import { CardActions, CardActionActivity } from './cardActions';
import { CardFactory } from './cardFactory';
import { Channel, TeamsChannel } from './channel';
import { ChannelHistory } from './channelHistory';
import { armFaultPoints } from './faultPoints';
import { nextDigestAt, overdueDigestCard } from './digest';
import { FrontlineLists, ReportLocks } from './lists';
import { explainGraphRefusal } from './lockFailure';
import { checkAccess } from './accessCheck';
import { CardPublisher, PublisherLog, SweepResult } from './publisher';
import { NotificationLink, Notifier, NotifyResult } from './notifier';
import { ChaseSender, ChaseSweepResult } from './chases';
import { DEFAULT_RETRY, RetryPolicy, teamsRetryMiddleware } from './retry';
import { ListWebhook, WEBHOOK_PATH } from './webhooks';

export interface StartBotOptions {
  /** Defaults to `loadConfig(env)`. */
  config?: BotConfig;
  env?: { [name: string]: string | undefined };
  /** Overrides the configured port; 0 picks a free one. */
  port?: number;
  /** Create/renew the webhook and run the sweep and digest timers (default true). */
  timers?: boolean;
  /** Run one sweep at start, to catch up on anything submitted while the bot was down (default true). */
  sweepAtStart?: boolean;
  retry?: RetryPolicy;
  logger?: ILogger;
  /** Replace the Teams channel (tests may pass their own). */
  channel?: Channel;
  /**
   * The Microsoft cloud whose Bot Framework tokens are accepted and whose endpoints are used
   * (default: the SDK's choice, the public cloud unless `CLOUD` names another).
   */
  cloud?: CloudEnvironment;
  /** The publisher's and card actions' clock and randomness (tests compress time with their own). */
  now?: () => number;
  random?: () => number;
}

export interface RunningBot {
  url: string;
  config: BotConfig;
  publisher: CardPublisher;
  actions: CardActions;
  webhook: ListWebhook;
  lists: FrontlineLists;
  /** Runs a reconcile sweep now. */
  sweep(): Promise<SweepResult>;
  /** Posts the overdue digest now; returns the activity id. */
  postDigest(): Promise<string>;
  /** Creates or renews the webhook subscription now. */
  ensureWebhook(): Promise<void>;
  /** What the bot's app lacks on Graph and SharePoint (checked at start too, and logged). */
  checkAccess(): Promise<string[]>;
  /** Sends the reminders due on `today` (default today in London) and any answer notification left unsent. */
  notify(today?: string): Promise<NotifyResult>;
  notifier?: Notifier;
  /** Sends the chases the improvement team asked for (run on every reconcile sweep too). */
  sendChases(today?: string): Promise<ChaseSweepResult>;
  close(): Promise<void>;
}

/** What a link to a card in the channel can carry: the tenant, and the team's group id when configured as one (a GUID). */
export function cardChannelIds(config: BotConfig): { tenantId?: string; groupId?: string } {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return {
    tenantId: config.credentials.kind === 'sandbox' ? undefined : config.credentials.tenantId,
    groupId: config.teamId && guid.test(config.teamId) ? config.teamId : undefined,
  };
}

/** How often reminders are looked for: they are date-based, so hourly is prompt enough. */
const NOTIFY_INTERVAL_MS = 3600000;

/**
 * Where notifications link to: the Teams app's personal tab. Graph takes only a Teams deep link
 * as the topic's web address, so locally (where reports open on the workbench page) the link
 * names the packaged app's id from the manifest.
 */
function notificationLink(config: BotConfig): NotificationLink | undefined {
  if (config.reportLink.kind === 'teams') {
    return { teamsAppId: config.reportLink.teamsAppId, entityId: config.reportLink.entityId };
  }
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'teams-manifest', 'manifest.json'), 'utf8')) as {
      id: string;
      staticTabs?: Array<{ entityId: string }>;
    };
    return { teamsAppId: manifest.id, entityId: (manifest.staticTabs && manifest.staticTabs[0] && manifest.staticTabs[0].entityId) || 'frontline-visits' };
  } catch {
    return undefined;
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

type ExtraRoute = (req: http.IncomingMessage, url: URL, body: string) => Promise<{ status: number; headers?: { [k: string]: string }; body?: string }>;

/**
 * A plain Node HTTP adapter for the Teams SDK (no Express): the SDK registers its messaging
 * route here, and the bot adds its own routes, which need the query string and a text/plain
 * answer (the webhook handshake).
 */
class NodeHttpAdapter implements IHttpServerAdapter {
  readonly server: http.Server;
  private readonly sdkRoutes = new Map<string, HttpRouteHandler>();
  private readonly extraRoutes = new Map<string, ExtraRoute>();

  constructor(private readonly log: ILogger) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        this.log.error('Request failed', error);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
        }
        res.end(JSON.stringify({ error: 'Internal server error' }));
      });
    });
  }

  registerRoute(method: 'POST', path: string, handler: HttpRouteHandler): void {
    this.sdkRoutes.set(`${method} ${path}`, handler);
  }

  route(method: string, path: string, handler: ExtraRoute): void {
    this.extraRoutes.set(`${method} ${path}`, handler);
  }

  /** Set when listening on the loopback interface only. */
  private loopback?: LoopbackListening;

  /** Listens on every interface, or with `loopbackOnly` on this machine only (127.0.0.1 and ::1). */
  async start(port: number | string, loopbackOnly = false): Promise<void> {
    if (loopbackOnly) {
      this.loopback = await listenOnLoopback(this.server, Number(port));
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(Number(port), () => resolve());
    });
  }

  async stop(): Promise<void> {
    if (this.loopback) {
      await this.loopback.close();
      return;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url || '/', 'http://localhost');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        // Activities and notifications are a few KB; anything this big is not from Teams or SharePoint.
        res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' });
        res.end('Request body too large');
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const key = `${req.method} ${url.pathname}`;
    const extra = this.extraRoutes.get(key);
    if (extra) {
      const out = await extra(req, url, body);
      res.writeHead(out.status, out.headers || {});
      res.end(out.body || '');
      return;
    }
    const sdk = this.sdkRoutes.get(key);
    if (!sdk) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    let parsed: unknown;
    try {
      parsed = body ? JSON.parse(body) : {};
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('The body is not JSON');
      return;
    }
    const out = await sdk({ body: parsed, headers: req.headers as Record<string, string | string[]> });
    if (out.body === undefined || out.body === null) {
      res.writeHead(out.status);
      res.end();
    } else {
      res.writeHead(out.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(out.body));
    }
  }
}

/**
 * Locally the Bot Connector is the Agents Playground (or a test's fake), which checks no token;
 * the Teams SDK still parses what it is given as a JWT, so it gets an unsigned one.
 */
function unsignedLocalJwt(clientId: string, scope: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: scope, appid: clientId, iss: 'frontline-visits-local', iat: now, exp: now + 3600 })}.local`;
}

/** App-only tokens for Graph, SharePoint and the Bot Connector from the configured credential. */
export function tokenSource(
  credentials: BotCredentials,
  siteUrl: string,
): { forApp?: (scope: string | string[]) => Promise<string>; forLists: (resource: 'graph' | 'sharepoint') => Promise<string> } {
  if (credentials.kind === 'sandbox') {
    return {
      forApp: async (scope) => unsignedLocalJwt(credentials.clientId, Array.isArray(scope) ? scope[0] : scope),
      forLists: async () => credentials.token,
    };
  }
  // msal-node comes with the Teams SDK. A certificate: SharePoint accepts app-only tokens from nothing else.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const msal = require('@azure/msal-node');
  const auth = {
    clientId: credentials.clientId,
    authority: `https://login.microsoftonline.com/${credentials.tenantId}`,
    clientCertificate: { thumbprintSha256: credentials.certificateThumbprint, privateKey: readFileSync(credentials.certificateFile, 'utf8') },
  };
  const cca = new msal.ConfidentialClientApplication({ auth });
  const acquire = async (scope: string): Promise<string> => {
    const result = await cca.acquireTokenByClientCredential({ scopes: [scope] });
    if (!result || !result.accessToken) {
      throw new Error(`No token for ${scope}`);
    }
    return result.accessToken as string;
  };
  const spScope = `${new URL(siteUrl).origin}/.default`;
  return {
    forApp: async (scope) => acquire(Array.isArray(scope) ? scope[0] : scope),
    forLists: (resource) => acquire(resource === 'graph' ? 'https://graph.microsoft.com/.default' : spScope),
  };
}

/** The Teams SDK's warning, on every local start, that it will not check tokens. */
const SDK_UNSIGNED_WARNING = /dangerouslyAllowUnauthenticatedRequests is enabled/;

/**
 * The logger handed to the Teams SDK in local mode: everything passes but the SDK's alarm about
 * unchecked tokens, which is deliberate there and said once, plainly, by the bot itself.
 */
function withoutUnsignedWarning(logger: ILogger): ILogger {
  return {
    loggerOptions: logger.loggerOptions,
    debug: (...msg: unknown[]) => logger.debug(...msg),
    info: (...msg: unknown[]) => logger.info(...msg),
    warn: (...msg: unknown[]) => {
      if (!(typeof msg[0] === 'string' && SDK_UNSIGNED_WARNING.test(msg[0]))) {
        logger.warn(...msg);
      }
    },
    error: (...msg: unknown[]) => logger.error(...msg),
    trace: (...msg: unknown[]) => logger.trace(...msg),
    log: (level, ...msg: unknown[]) => (level === 'warn' ? withoutUnsignedWarning(logger).warn(...msg) : logger.log(level, ...msg)),
    child: (name, overrides) => withoutUnsignedWarning(logger.child(name, overrides)),
  };
}

function publisherLog(logger: ILogger): PublisherLog {
  return { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) };
}

export async function startBot(options: StartBotOptions = {}): Promise<RunningBot> {
  const config = options.config || loadConfig(options.env || process.env);
  const logger = options.logger || new ConsoleLogger('frontline-bot', { level: 'info' });
  const faultPointArmed = armFaultPoints(config.mode);
  if (faultPointArmed) {
    logger.warn(`Fault point ${faultPointArmed} is armed: this process stops itself there (tests only).`);
  }
  const log = publisherLog(logger);
  const retry: RetryPolicy = {
    ...(options.retry || DEFAULT_RETRY),
    onRetry: (info) => logger.warn(`Throttled (${info.status}) on ${info.what}; retry ${info.attempt} in ${info.delayMs} ms`),
  };
  const tokens = tokenSource(config.credentials, config.siteUrl);
  const adapter = new NodeHttpAdapter(logger);
  const creds = config.credentials;
  const app = new App({
    httpServerAdapter: adapter,
    logger: config.mode === 'local' ? withoutUnsignedWarning(logger) : logger,
    clientId: creds.clientId,
    tenantId: creds.kind === 'sandbox' ? undefined : creds.tenantId,
    token: tokens.forApp,
    serviceUrl: config.serviceUrl,
    cloud: options.cloud,
    // Local mode: the Agents Playground sends no Entra token.
    dangerouslyAllowUnauthenticatedRequests: config.mode === 'local',
    client: new TeamsHttpClient({ middlewares: [teamsRetryMiddleware(retry)] }),
  });
  const lists = new FrontlineLists({
    graphBaseUrl: config.graphBaseUrl,
    siteUrl: config.siteUrl,
    token: tokens.forLists,
    ids: config.listIds ? { siteId: config.graphSiteId, ...config.listIds } : config.graphSiteId ? { siteId: config.graphSiteId } : undefined,
    retry,
  });
  const channel = options.channel || new TeamsChannel(app, config.channelId);
  const cards = new CardFactory(lists, channel, config.reportLink, (m) => logger.warn(m));
  const now = options.now || Date.now;
  const publisher = new CardPublisher(
    lists,
    channel,
    cards,
    log,
    config.claimLeaseMs,
    now,
    new ReportLocks(lists),
    {
      siteUrl: config.siteUrl,
      appId: config.credentials.clientId,
    },
    options.random || Math.random,
  );
  cards.lockPending = (reportId) => publisher.isLockPending(reportId);
  if (channel instanceof TeamsChannel && config.teamId) {
    // Before posting again after a lapsed claim, the channel is read for the card (decision 0260).
    const teamId = config.teamId;
    publisher.history = new ChannelHistory(lists.graph, config.credentials.clientId, config.channelId, () => channel.teamGroupId(teamId));
  }
  const actions = new CardActions(lists, channel, cards, log, config.channelId, () => new Date(now()));
  actions.onCardShown = (report) => publisher.recordShown(report);
  const link = notificationLink(config);
  const notifier = link ? new Notifier(lists, log, link) : undefined;
  if (notifier) {
    actions.notifier = notifier;
  } else {
    logger.warn('No Teams app id (TEAMS_APP_ID) to link notifications to: no activity feed notifications will be sent.');
  }
  const notify = async (today?: string): Promise<NotifyResult> =>
    notifier ? notifier.sweep(today || londonToday()) : { sent: [], alreadySent: 0, failed: [] };
  const chaser = notifier ? new ChaseSender(lists, notifier, log) : undefined;
  const sendChases = async (today?: string): Promise<ChaseSweepResult> =>
    chaser ? chaser.sweep(today || londonToday()) : { sent: 0, nothingToChase: 0, failed: 0 };
  const chasesLogged = (): void => {
    sendChases().then(
      (r) => (r.sent || r.failed ? logger.info(`Chases: ${r.sent} sent, ${r.failed} failed, ${r.nothingToChase} with nothing left to chase`) : undefined),
      (error) => logger.error(`Sending chases failed (the next sweep tries again): ${(error as Error).message}`),
    );
  };
  const notifyLogged = (): void => {
    notify().catch((error) => logger.error(`Notification sweep failed: ${(error as Error).stack || error}`));
  };
  // Where SharePoint reaches us; locally on a port chosen at start, known only once listening.
  let notificationBase = config.publicUrl;
  const webhook = new ListWebhook(lists, () => `${notificationBase}${WEBHOOK_PATH}`, config.webhookClientState, log);

  app.on('card.action', async ({ activity }) => actions.handle(activity as unknown as CardActionActivity) as never);

  // A report in backoff is tried when its wait ends, not only at the next reconcile sweep.
  let retryTimer: NodeJS.Timeout | undefined;
  let closing = false;
  const scheduleRetry = (): void => {
    const at = publisher.nextRetryAt();
    if (retryTimer) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    }
    if (closing || options.timers === false || at === undefined) {
      return;
    }
    retryTimer = setTimeout(() => sweepLogged('retry').catch(() => undefined), Math.min(config.reconcileIntervalMs, Math.max(1000, at - now())));
  };
  const sweepLogged = (why: string): Promise<SweepResult> =>
    publisher.sweep().then(
      (result) => {
        if (result.posted.length || result.failed.length) {
          logger.info(`Sweep (${why}): ${result.posted.length} posted, ${result.failed.length} failed, ${result.pending} pending`);
        }
        scheduleRetry();
        return result;
      },
      (error) => {
        const refused = explainGraphRefusal(error, config.siteUrl);
        logger.error(refused ? `Sweep (${why}) failed. ${refused}` : `Sweep (${why}) failed: ${(error as Error).stack || error}`);
        throw error;
      },
    );

  adapter.route('POST', WEBHOOK_PATH, async (_req, url, body) => {
    const token = url.searchParams.get('validationtoken');
    if (token !== null) {
      // The subscription handshake: echo the token as plain text, at once.
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: token };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { status: 400, body: 'The body is not JSON' };
    }
    if (webhook.accept(parsed).length) {
      // Answer SharePoint within its 5 seconds; the sweep runs after, and only for a person's change
      // no sweep has seen: the bot's own writes (claims, card ids, answers) notify too.
      publisher
        .hasUnseenChanges()
        .then((unseen) => (unseen ? sweepLogged('webhook') : undefined))
        .catch(() => undefined);
    }
    return { status: 202 };
  });
  adapter.route('GET', '/healthz', async () => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' }));

  // Not app.start(): it reads port 0 as "use 3978" and swallows a listen error.
  await app.initialize();
  // Local mode checks no Entra token on inbound activities: only this machine may reach it.
  await adapter.start(options.port !== undefined ? options.port : config.port, config.mode === 'local');
  const port = (adapter.server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  if (config.mode === 'local') {
    logger.info(
      `Local mode: ${url}/api/messages accepts requests without a Bot Framework token, from this machine only (127.0.0.1 and ::1). Production mode checks every token.`,
    );
  }
  if (config.mode === 'local' && options.port !== undefined && options.port !== config.port) {
    notificationBase = url;
  }

  const appUrl =
    config.reportLink.kind === 'page'
      ? config.reportLink.pageUrl
      : `https://teams.microsoft.com/l/entity/${encodeURIComponent(config.reportLink.teamsAppId)}/${encodeURIComponent(config.reportLink.entityId)}`;
  const postDigest = async (): Promise<string> => {
    const card = await overdueDigestCard(lists, config.reportLink, londonToday(), appUrl, (m) => logger.warn(m), cardChannelIds(config));
    const posted = await channel.postCard(card, 'Overdue visit forms and responses');
    logger.info(`Overdue digest posted (${posted.activityId})`);
    return posted.activityId;
  };
  const ensureWebhook = async (): Promise<void> => {
    await webhook.ensure();
  };

  const timers: NodeJS.Timeout[] = [];
  let digestTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const scheduleDigest = (): void => {
    if (closed || !config.digest.enabled) {
      return;
    }
    const at = nextDigestAt(new Date(), config.digest.weekday, config.digest.time);
    // setTimeout cannot wait more than ~24.8 days; a week is well within it.
    digestTimer = setTimeout(
      () => {
        postDigest()
          .catch((error) => logger.error(`Overdue digest failed: ${(error as Error).stack || error}`))
          .finally(scheduleDigest);
      },
      Math.max(1000, at.getTime() - Date.now()),
    );
  };

  const accessCheck = (): Promise<string[]> => checkAccess(lists, config.siteUrl, config.credentials.clientId);
  if (options.timers !== false) {
    accessCheck().then(
      (problems) =>
        problems.length
          ? problems.forEach((p) => logger.warn(`Access check: ${p}`))
          : logger.info('Access check: Graph reads and writes the lists, and SharePoint REST takes the bot’s token.'),
      (error) => logger.warn(`Access check failed: ${(error as Error).message}`),
    );
    ensureWebhook().catch((error) => logger.error(`Webhook subscription failed (the reconcile sweep still runs): ${(error as Error).message}`));
    // Chases ride on the reconcile sweep: sent within minutes of the improvement team asking.
    timers.push(
      setInterval(() => {
        sweepLogged('timer').catch(() => undefined);
        chasesLogged();
      }, config.reconcileIntervalMs),
    );
    timers.push(setInterval(() => ensureWebhook().catch((error) => logger.error(`Webhook renewal failed: ${(error as Error).message}`)), 86400000));
    timers.push(setInterval(notifyLogged, NOTIFY_INTERVAL_MS));
    notifyLogged();
    scheduleDigest();
  }
  if (options.sweepAtStart !== false) {
    sweepLogged('start').catch(() => undefined);
  }

  return {
    url,
    config,
    publisher,
    actions,
    webhook,
    lists,
    sweep: () => publisher.sweep(),
    postDigest,
    ensureWebhook,
    checkAccess: accessCheck,
    notify,
    notifier,
    sendChases,
    async close() {
      closed = true;
      closing = true;
      if (retryTimer) {
        clearTimeout(retryTimer);
      }
      timers.forEach((t) => clearInterval(t));
      if (digestTimer) {
        clearTimeout(digestTimer);
      }
      if (adapter.server.listening) {
        await adapter.stop();
      }
    },
  };
}
