/**
 * The local sandbox: one `node:http` server that is a SharePoint site at `/sites/frontline-visits`
 * (REST + `$batch` + webhooks), the Graph list-item endpoints at `/v1.0/…`, a few test switches at
 * `/_sandbox/…`, and the local workbench at `/`. See src/sandbox/README.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { listenOnLoopback, LoopbackListening } from '../node/loopback';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE_RELATIVE_URL } from '../data/listContract';
import { londonToday } from '../domain/calendarDate';
import {
  AppDirectory,
  basePermissionsOf,
  BOT_APP_ID,
  BotAppOptions,
  graphRoleNeeded,
  roleAtLeast,
  SANDBOX_TENANT_ID,
  sharePointRoleNeeded,
  unsupportedAppOnlyToken,
} from './appIdentity';
import { executeBatch } from './batch';
import { DEMO_PEOPLE, DirectoryEntry, FIXED_PERSONAS, loadDirectoryFile, noteMailboxes, roleLabelsForGroups } from './directory';
import { GraphError, graphErrors, SpError, spErrors } from './errors';
import { Faults } from './faults';
import { graphErrorResponse, handleGraph, siteId as graphSiteIdOf } from './graph';
import { convertFieldValue, fieldNamed, withDefaults } from './listModel';
import { ListOps } from './listOps';
import { errorResponse, InnerResponse, odataMode } from './restShapes';
import { Caller, hasSiteAccess, identify, securityRulesFromEnvironment } from './security';
import { setSiteTimeZone, SiteTimeZoneName } from './regional';
import { seedDemo } from './seed';
import { handleSitePermissions, parseSitePermissionsPath } from './sitePermissions';
import { digestValid, handleSpRest, InnerRequest, SpContext } from './spRest';
import { FieldValues, SandboxStore, StoredItem } from './store';
import { Webhooks } from './webhooks';
import { CONNECTOR_PREFIX, TeamsChannels } from './teamsChannel';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where the SQLite file lives; default a fresh temporary directory, removed on close. */
  dataDir?: string;
  /** What an empty data directory is filled with on first start (default 'demo'). */
  seed?: 'demo' | 'empty';
  /** The day the demo data is built around (YYYY-MM-DD); default today in London. */
  today?: string;
  /** A JSON directory of extra people: `[{ email, displayName, objectId, groups }]`. */
  directoryFile?: string;
  /** Waits before each retry of a failed webhook delivery; default 1, 2, 4, 8, 16 s. */
  webhookRetryDelaysMs?: number[];
  /** Mount the workbench page at `/` (default true). */
  workbench?: boolean;
  /**
   * The sandbox's own rule that what a councillor adds to Visit Reports is a plain submission
   * (default: on, unless `SANDBOX_LIST_RULES=production`). False: production's list settings only
   * (a councillor may add a report with any field set; a submitted one is still closed to them).
   */
  submittedLockRule?: boolean;
  /** The data site's regional time zone (default: as stored, else London, which provisioning sets). */
  siteTimeZone?: SiteTimeZoneName;
  /**
   * Start a new data directory as a bare site, as SharePoint creates one: no lists, none of the product's groups (only SharePoint's default Owners, Members, Visitors),
   * regional settings not yet London's. `npm run provision` then makes it a working site.
   */
  bareSite?: boolean;
  /**
   * How the bot's app is registered: its credential (default a certificate; a secret-based token
   * is refused by SharePoint REST), the APIs whose Sites.Selected is consented (default both) and
   * its role on each site (default full control of the data site). See appIdentity.ts.
   */
  botApp?: BotAppOptions;
  /**
   * The Bot Connector the sandbox's own (`/_connector`) passes calls on to, keeping what is posted
   * so Graph can list the channel's messages (`npm start`: the Agents Playground's). None: the
   * sandbox is the Bot Connector itself.
   */
  connectorUpstream?: string;
}

export interface SandboxHandle {
  /** http://localhost:PORT */
  url: string;
  /** url + '/sites/frontline-visits' */
  siteUrl: string;
  /** url + '/sites/improvement-team': the improvement team's own site, where a channel tab runs. */
  teamSiteUrl: string;
  port: number;
  dataDir: string;
  /** The store itself: for test set-up only (e.g. `bulkAddItems` past the threshold). */
  store: SandboxStore;
  faults: Faults;
  /** Whose list rules it enforces: `production` = production's list settings only. */
  listRules: 'sandbox' | 'production';
  /** The sandbox's Entra: app registrations and their Sites.Selected grants (tests change them here or through Graph). */
  apps: AppDirectory;
  /** The improvement team's channel: what the bot posted, and whether the Teams app (and its RSC consent) is installed. */
  teams: TeamsChannels;
  /**
   * Adds many items to a list in one transaction, skipping HTTP and permissions but not field
   * validation — for building large lists quickly in tests. Fields by internal name, people and
   * lookups as ids (multi-person: arrays of ids). Authored by `authorEmail` (default the app).
   */
  bulkAddItems(listTitle: string, fields: FieldValues[], authorEmail?: string): StoredItem[];
  /** Sets a site's regional time zone (default the data site), as a site owner does in Site settings. */
  setSiteTimeZone(name: SiteTimeZoneName, siteRelativeUrl?: string): void;
  close(): Promise<void>;
}

type WorkbenchHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

/**
 * The workbench is loaded only when the sandbox serves it: it brings esbuild and the web part's
 * React tree, which the API alone (and most tests) do not need.
 */
async function loadWorkbench(siteUrl: string): Promise<WorkbenchHandler | undefined> {
  try {
    const { createWorkbenchHandler } = await import('./workbench/index');
    return createWorkbenchHandler({ siteUrl, teamSiteUrl: siteUrl.replace(SITE_RELATIVE_URL, TEAM_SITE_RELATIVE_URL) });
  } catch (error) {
    console.error('Sandbox: the workbench failed to load; serving the API only', error);
    return undefined;
  }
}

/** The improvement team's own site: a Teams channel tab's page runs on it. */
export const TEAM_SITE_RELATIVE_URL = '/sites/improvement-team';

/**
 * The tenant's sites other than the data site. Each has its own web, context info and regional
 * settings; none holds the product's lists.
 */
const OTHER_SITES: ReadonlyArray<{ path: string; title: string; webId: string }> = [
  { path: TEAM_SITE_RELATIVE_URL, title: 'Children’s Improvement Team', webId: '7d1c0e52-3b1a-4c59-9f2e-2a6f0b9c1e01' },
  { path: '', title: 'Northshire Council', webId: '7d1c0e52-3b1a-4c59-9f2e-2a6f0b9c1e00' },
];

/** The site whose `_api` a path is under, longest path first; undefined for none. */
function siteOfApiPath(lowerPath: string): string | undefined {
  for (const path of [SITE_RELATIVE_URL, ...OTHER_SITES.map((o) => o.path)]) {
    const prefix = `${path.toLowerCase()}/_api`;
    if (lowerPath === prefix || lowerPath.startsWith(`${prefix}/`)) {
      return path;
    }
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, response: InnerResponse, extra: { [k: string]: string } = {}): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, ...extra, 'Content-Length': String(body.length) });
  res.end(body);
}

function sharePointHeaders(): { [k: string]: string } {
  const id = randomUUID();
  return {
    SPRequestGuid: id,
    'request-id': id,
    'X-SharePointHealthScore': '0',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=0',
    MicrosoftSharePointTeamServices: '16.0.0.0',
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  // a bad directory file stops the start before anything is opened
  const directoryFile = options.directoryFile || process.env.SANDBOX_DIRECTORY;
  const fromFile = directoryFile ? loadDirectoryFile(directoryFile) : { people: [], entraGroups: [] };
  const fileEntries = fromFile.people;
  noteMailboxes(fileEntries);
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'frontline-sandbox-'));
  const store = SandboxStore.open(dataDir, { bareSite: options.bareSite });
  const firstStart = store.isEmpty();
  // A bare site has no lists to hold demo data.
  const seed = options.bareSite ? 'empty' : options.seed || 'demo';

  const directory: DirectoryEntry[] = FIXED_PERSONAS.slice();
  if (seed === 'demo' || store.userByEmail(DEMO_PEOPLE[0].email)) {
    directory.push(...DEMO_PEOPLE);
  }
  for (const entry of fileEntries) {
    const existing = directory.findIndex((d) => d.email === entry.email);
    if (existing === -1) {
      directory.push(entry);
    } else {
      directory[existing] = entry;
    }
  }
  // one transaction: a start killed half-way leaves the directory empty and seeds again next time
  try {
    if (options.siteTimeZone) {
      setSiteTimeZone(store, SITE_RELATIVE_URL, options.siteTimeZone);
    }
    store.transaction(() => {
      store.upsertDirectory(directory, fromFile.entraGroups);
      if (firstStart && seed === 'demo') {
        seedDemo(store, options.today || londonToday());
      }
    });
  } catch (error) {
    store.close();
    throw error;
  }

  const faults = new Faults();
  const apps = new AppDirectory(store, options.botApp);
  const teams = new TeamsChannels(dataDir, store, BOT_APP_ID, options.connectorUpstream);
  const webhooks = new Webhooks(store, { siteRelativeUrl: SITE_RELATIVE_URL, tenantId: SANDBOX_TENANT_ID, retryDelaysMs: options.webhookRetryDelaysMs });
  const submittedLockRule = options.submittedLockRule === undefined ? securityRulesFromEnvironment().submittedLockRule : options.submittedLockRule;
  const ops = new ListOps(store, (list) => webhooks.changed(list.id), { submittedLockRule });

  const server = http.createServer();
  let listening: LoopbackListening;
  try {
    // Anyone who can reach it may name themselves in a header: this machine only.
    listening = await listenOnLoopback(server, options.port || 0);
  } catch (error) {
    store.close();
    throw new Error(`The sandbox cannot listen on port ${options.port}: ${(error as Error).message}. Set PORT to a free port.`);
  }
  const port = listening.port;
  const url = `http://localhost:${port}`;
  const siteUrl = `${url}${SITE_RELATIVE_URL}`;
  const spContext: SpContext = {
    store,
    ops,
    webhooks,
    siteUrl,
    siteRelativeUrl: SITE_RELATIVE_URL,
    siteRoleOf: (caller) => (caller.kind === 'app' ? apps.roleOn(caller.app, 'sharepoint', SITE_RELATIVE_URL) : undefined),
  };
  const otherContexts = new Map<string, SpContext>(
    OTHER_SITES.map((o) => [
      o.path,
      {
        store,
        ops,
        webhooks,
        siteUrl: `${url}${o.path}`,
        siteRelativeUrl: o.path,
        otherSite: { title: o.title, webId: o.webId },
        siteRoleOf: (caller) => (caller.kind === 'app' ? apps.roleOn(caller.app, 'sharepoint', o.path) : undefined),
      },
    ]),
  );
  const graphContext = { store, ops, origin: url, siteUrl, hostname: 'localhost' };
  const sitePermissions = {
    apps,
    origin: url,
    siteOf: (ref: string): string | undefined => {
      const byPath = /^[^,/:]+:(\/.*)$/.exec(ref);
      const wanted = byPath ? byPath[1].replace(/\/+$/, '').toLowerCase() : undefined;
      if (wanted !== undefined) {
        return wanted === SITE_RELATIVE_URL.toLowerCase() ? SITE_RELATIVE_URL : undefined;
      }
      return ref.toLowerCase() === graphSiteIdOf(graphContext).toLowerCase() ? SITE_RELATIVE_URL : undefined;
    },
    graphSiteId: (): string => graphSiteIdOf(graphContext),
  };
  const workbench = options.workbench === false ? undefined : await loadWorkbench(siteUrl);
  const apiPrefix = `${SITE_RELATIVE_URL}/_api/`.toLowerCase();

  /** One SharePoint REST request (also each part of a `$batch`). */
  const runSp = async (inner: InnerRequest, caller: Caller): Promise<InnerResponse> => {
    const path = decodeURIComponent(inner.url.pathname);
    if (!path.toLowerCase().startsWith(apiPrefix)) {
      return errorResponse(odataMode(String(inner.headers.accept || '')), spErrors.notSupported(`requests outside ${SITE_RELATIVE_URL}/_api`));
    }
    // An app acts only as far as its Sites.Selected role on the site lets it, request by request.
    if (
      caller.kind === 'app' &&
      !roleAtLeast(apps.roleOn(caller.app, 'sharepoint', SITE_RELATIVE_URL), sharePointRoleNeeded(inner.method, path.slice(apiPrefix.length)))
    ) {
      return errorResponse(odataMode(String(inner.headers.accept || '')), spErrors.accessDenied());
    }
    if (caller.kind === 'app' && inner.method === 'GET' && path.slice(apiPrefix.length).toLowerCase() === 'web/effectivebasepermissions') {
      // What the app may do here, without trying it (the bot's access check, a doctor).
      const mask = basePermissionsOf(apps.roleOn(caller.app, 'sharepoint', SITE_RELATIVE_URL));
      const mode = odataMode(String(inner.headers.accept || ''));
      const body =
        mode === 'verbose'
          ? { d: { EffectiveBasePermissions: { __metadata: { type: 'SP.BasePermissions' }, ...mask } } }
          : mode === 'minimalmetadata'
            ? { 'odata.metadata': `${siteUrl}/_api/$metadata#Edm.BasePermissions`, ...mask }
            : mask;
      return { status: 200, headers: { 'Content-Type': `application/json;odata=${mode};streaming=true;charset=utf-8` }, body: JSON.stringify(body) };
    }
    return handleSpRest(spContext, inner, caller, path.slice(apiPrefix.length));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const requestUrl = new URL(req.url || '/', url);
    const path = requestUrl.pathname;
    const lower = path.toLowerCase();

    if (lower.startsWith('/_sandbox/')) {
      return sandboxRoute(req, res, lower, body);
    }
    if (lower.startsWith(`${CONNECTOR_PREFIX}/`)) {
      return send(res, await teams.connector(req.method || 'GET', `${path.slice(CONNECTOR_PREFIX.length)}${requestUrl.search}`, req.headers, body));
    }
    const apiSite = siteOfApiPath(lower);
    const isSp = lower.startsWith('/sites/') || apiSite !== undefined;
    const isGraph = lower.startsWith('/v1.0/');
    if (isSp || isGraph) {
      const fault = faults.take(`${path}${requestUrl.search}`);
      if (fault) {
        const headers: { [k: string]: string } = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
        const message = fault.status === 429 ? 'The request has been throttled (sandbox fault injection).' : 'The server is busy (sandbox fault injection).';
        if (isGraph) {
          return send(
            res,
            graphErrorResponse(
              Object.assign(graphErrors.invalidRequest(message), {
                status: fault.status,
                code: fault.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable',
              }),
            ),
            headers,
          );
        }
        return send(
          res,
          errorResponse(
            odataMode(req.headers.accept),
            Object.assign(spErrors.badRequest(message), { status: fault.status, code: '-2147024860, Microsoft.SharePoint.SPRequestThrottledException' }),
          ),
          headers,
        );
      }
    }
    if (isSp && apiSite !== undefined && apiSite !== SITE_RELATIVE_URL) {
      return send(res, await otherSiteRequest(otherContexts.get(apiSite) as SpContext, req, requestUrl, body), sharePointHeaders());
    }
    if (isSp) {
      const mode = odataMode(req.headers.accept);
      if (!lower.startsWith(apiPrefix)) {
        return send(res, errorResponse(mode, spErrors.notSupported(`${path} (only ${SITE_RELATIVE_URL}/_api is served)`)), sharePointHeaders());
      }
      const who = identify(store, req.headers, apps);
      if (!who.caller) {
        return send(res, errorResponse(mode, spErrors.unauthenticated()), { ...sharePointHeaders(), 'WWW-Authenticate': 'Bearer realm="sandbox"' });
      }
      if (who.caller.kind === 'app' && who.caller.app.credential === 'secret') {
        // SharePoint REST takes app-only tokens from a certificate only.
        const refused = unsupportedAppOnlyToken();
        return send(res, refused, { ...sharePointHeaders(), ...refused.headers });
      }
      if (!hasSiteAccess(who.caller)) {
        return send(res, errorResponse(mode, spErrors.accessDenied()), sharePointHeaders());
      }
      const method = (req.method || 'GET').toUpperCase();
      const apiPath = decodeURIComponent(path).slice(apiPrefix.length);
      if (method !== 'GET' && apiPath.toLowerCase() !== 'contextinfo') {
        const digest = req.headers['x-requestdigest'];
        const value = Array.isArray(digest) ? digest[0] : digest;
        // SharePoint demands a digest with cookie sign-in and checks any that is sent.
        if ((value && !digestValid(value, who.caller.user.loginName, SITE_RELATIVE_URL)) || (!value && who.via === 'cookie')) {
          return send(res, errorResponse(mode, spErrors.invalidDigest()), sharePointHeaders());
        }
      }
      const inner: InnerRequest = { method, url: requestUrl, headers: req.headers, body };
      if (apiPath.toLowerCase() === '$batch') {
        if (method !== 'POST') {
          return send(res, errorResponse(mode, spErrors.notSupported(`${method} $batch`)), sharePointHeaders());
        }
        if (who.caller.kind === 'app' && !roleAtLeast(apps.roleOn(who.caller.app, 'sharepoint', SITE_RELATIVE_URL), sharePointRoleNeeded(method, '$batch'))) {
          return send(res, errorResponse(mode, spErrors.accessDenied()), sharePointHeaders());
        }
        try {
          const answer = await executeBatch(body, req.headers['content-type'], requestUrl, req.headers, (part) => runSp(part, who.caller as Caller));
          return send(res, answer, sharePointHeaders());
        } catch (error) {
          return send(res, errorResponse(mode, error instanceof SpError ? error : spErrors.badRequest((error as Error).message)), sharePointHeaders());
        }
      }
      return send(res, await runSp(inner, who.caller), sharePointHeaders());
    }
    if (isGraph) {
      const who = identify(store, req.headers, apps);
      if (!who.caller) {
        return send(res, graphErrorResponse(graphErrors.unauthenticated()));
      }
      if (!hasSiteAccess(who.caller)) {
        return send(res, graphErrorResponse(graphErrors.accessDenied()));
      }
      const graphPath = decodeURIComponent(path)
        .replace(/^\/v1\.0\//i, '')
        .replace(/^https?:\/+[^/]+\/v1\.0\//i, '');
      if (TeamsChannels.isGraphPath(graphPath)) {
        try {
          return send(res, teams.graph((req.method || 'GET').toUpperCase(), graphPath, requestUrl, who.caller, url));
        } catch (error) {
          if (error instanceof GraphError) {
            return send(res, graphErrorResponse(error));
          }
          throw error;
        }
      }
      if (parseSitePermissionsPath(decodeURIComponent(path))) {
        return send(res, handleSitePermissions(sitePermissions, req.method || 'GET', decodeURIComponent(path), body, who.caller));
      }
      // Sites.Selected governs the site endpoints only: directory calls are judged by the app's
      // directory permissions (graphDirectory.ts), the activity feed by its own.
      if (
        who.caller.kind === 'app' &&
        /^\/v1\.0\/sites\//i.test(path) &&
        !roleAtLeast(apps.roleOn(who.caller.app, 'graph', SITE_RELATIVE_URL), graphRoleNeeded(req.method || 'GET'))
      ) {
        return send(res, graphErrorResponse(graphErrors.accessDenied()));
      }
      return send(res, await handleGraph(graphContext, req.method || 'GET', requestUrl, req.headers, body, who.caller));
    }
    if (workbench && (await workbench(req, res))) {
      return;
    }
    const found = path === '/';
    const message = found ? 'The workbench page is not available; the SharePoint site and Graph endpoints are.' : 'Nothing here. The workbench is at /.';
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frontline Visits sandbox</title></head><body><main><h1>Frontline Visits sandbox</h1><p>${message}</p><p>SharePoint site: <a href="${siteUrl}/_api/web">${siteUrl}</a></p></main></body></html>`;
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  };

  /** A request to another site's `_api`: signed-in people read its web; the app has no grant there. */
  const otherSiteRequest = async (ctx: SpContext, req: http.IncomingMessage, requestUrl: URL, body: string): Promise<InnerResponse> => {
    const mode = odataMode(req.headers.accept);
    const who = identify(store, req.headers, apps);
    if (!who.caller) {
      return errorResponse(mode, spErrors.unauthenticated());
    }
    if (who.caller.kind === 'app') {
      // A secret-based token is refused first; otherwise Sites.Selected grants the data site only.
      return who.caller.app.credential === 'secret' ? unsupportedAppOnlyToken() : errorResponse(mode, spErrors.accessDenied());
    }
    const method = (req.method || 'GET').toUpperCase();
    const apiPath = decodeURIComponent(requestUrl.pathname).slice(`${ctx.siteRelativeUrl}/_api/`.length);
    if (apiPath.toLowerCase() === '$batch') {
      return errorResponse(mode, spErrors.notSupported(`$batch on ${ctx.siteRelativeUrl || '/'} (the product's lists are on ${SITE_RELATIVE_URL})`));
    }
    if (method !== 'GET' && apiPath.toLowerCase() !== 'contextinfo') {
      const digest = req.headers['x-requestdigest'];
      const value = Array.isArray(digest) ? digest[0] : digest;
      if ((value && !digestValid(value, who.caller.user.loginName, ctx.siteRelativeUrl)) || (!value && who.via === 'cookie')) {
        return errorResponse(mode, spErrors.invalidDigest());
      }
    }
    return handleSpRest(ctx, { method, url: requestUrl, headers: req.headers, body }, who.caller, apiPath);
  };

  const sandboxRoute = (req: http.IncomingMessage, res: http.ServerResponse, lower: string, body: string): void => {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (lower === '/_sandbox/faults') {
      if (req.method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return reply(400, { error: 'Send the fault as JSON.' });
        }
        const problem = faults.add(parsed);
        return problem ? reply(400, { error: problem }) : reply(200, { pending: faults.pending() });
      }
      if (req.method === 'DELETE') {
        faults.clear();
        return reply(200, { pending: [] });
      }
      return reply(200, { pending: faults.pending() });
    }
    if (lower === '/_sandbox/personas') {
      const people = store
        .users()
        .filter((u) => !u.isApp && u.principalType === 1)
        .map((u) => {
          const groups = store.effectiveGroupsOf(u.id).map((g) => g.title);
          const roles = roleLabelsForGroups(groups);
          return { id: u.id, email: u.email, displayName: u.title, objectId: u.objectId, groups, roles, role: roles.join(', ') || undefined };
        })
        .filter((p) => p.groups.length > 0);
      return reply(200, people);
    }
    if (lower === '/_sandbox/notifications') {
      // The notification log: every activity feed notification the sandbox's Graph accepted,
      // or one person's (`?user=` email) — their Teams activity feed, as the workbench shows it.
      const email = new URL(req.url || '/', url).searchParams.get('user');
      if (email) {
        const user = store.userByEmail(email);
        return user ? reply(200, store.activityNotifications(user.objectId)) : reply(404, { error: `No person ${email} in the sandbox directory.` });
      }
      return reply(200, store.activityNotifications());
    }
    if (lower === '/_sandbox/health') {
      return reply(200, { ok: true, lists: store.lists().map((l) => ({ title: l.definition.title, items: l.items.size })) });
    }
    return reply(404, { error: 'Unknown sandbox switch. See src/sandbox/README.md.' });
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((error) => {
      console.error('Sandbox: request failed', req.method, req.url, error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end('The sandbox failed on this request; see its log.');
    });
  };
  server.on('request', listener);

  let closed = false;
  return {
    url,
    siteUrl,
    teamSiteUrl: `${url}${TEAM_SITE_RELATIVE_URL}`,
    port,
    dataDir,
    store,
    faults,
    listRules: submittedLockRule ? 'sandbox' : 'production',
    apps,
    teams,
    bulkAddItems(listTitle: string, fields: FieldValues[], authorEmail?: string): StoredItem[] {
      const list = store.listByTitle(listTitle);
      if (!list) {
        throw new RangeError(`No list ${listTitle}`);
      }
      const author = authorEmail ? store.userByEmail(authorEmail) : store.appPrincipal();
      if (!author) {
        throw new RangeError(`No user ${authorEmail}`);
      }
      // the same field rules as a REST write, on stored forms (ids for people and lookups)
      const rows = fields.map((row) => {
        const converted: FieldValues = {};
        for (const name of Object.keys(row)) {
          const field = fieldNamed(list.definition, name);
          if (!field) {
            throw new RangeError(`${listTitle} has no field ${name}`);
          }
          converted[name] = convertFieldValue(store, field, row[name]);
        }
        return withDefaults(list, converted);
      });
      return store.bulkAddItems(list, rows, author.id);
    },
    setSiteTimeZone(name: SiteTimeZoneName, siteRelativeUrl: string = SITE_RELATIVE_URL): void {
      setSiteTimeZone(store, siteRelativeUrl, name);
    },
    async close(): Promise<void> {
      if (closed) {
        return;
      }
      closed = true;
      await listening.close();
      await webhooks.close();
      teams.close();
      store.close();
      if (ownsDataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
