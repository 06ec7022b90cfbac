/**
 * The local sandbox: one `node:http` server that is a SharePoint site at `/sites/frontline-visits`
 * (REST + `$batch` + webhooks), the Graph list-item endpoints at `/v1.0/…`, a few test switches at
 * `/_sandbox/…`, and the local workbench at `/`. See src/sandbox/README.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIST_DEFINITIONS, SITE_RELATIVE_URL } from '../data/listContract';
import { londonToday } from '../domain/calendarDate';
import { AppDirectory, BotAppOptions, graphRoleNeeded, roleAtLeast, SANDBOX_TENANT_ID, sharePointRoleNeeded, unsupportedAppOnlyToken } from './appIdentity';
import { executeBatch } from './batch';
import { DEMO_PEOPLE, DirectoryEntry, FIXED_PERSONAS, loadDirectoryFile, roleLabelsForGroups } from './directory';
import { graphErrors, SpError, spErrors } from './errors';
import { Faults } from './faults';
import { graphErrorResponse, handleGraph, siteId as graphSiteIdOf } from './graph';
import { isDirectoryPath } from './graphDirectory';
import { convertFieldValue, fieldNamed, withDefaults } from './listModel';
import { ListOps } from './listOps';
import { errorResponse, InnerResponse, odataMode } from './restShapes';
import { Caller, hasSiteAccess, identify, securityRulesFromEnvironment } from './security';
import { seedDemo } from './seed';
import { handleSitePermissions, parseSitePermissionsPath } from './sitePermissions';
import { digestValid, handleSpRest, InnerRequest, SpContext } from './spRest';
import { FieldValues, SandboxStore, StoredItem } from './store';
import { Webhooks } from './webhooks';

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
  /**
   * How the bot's app is registered: its credential (default a certificate; a secret-based token
   * is refused by SharePoint REST), the APIs whose Sites.Selected is consented (default both) and
   * its role on each site (default full control of the data site). See appIdentity.ts.
   */
  botApp?: BotAppOptions;
}

export interface SandboxHandle {
  /** http://localhost:PORT */
  url: string;
  /** url + '/sites/frontline-visits' */
  siteUrl: string;
  port: number;
  dataDir: string;
  /** The store itself: for test set-up only (e.g. `bulkAddItems` past the threshold). */
  store: SandboxStore;
  faults: Faults;
  /** Whose list rules it enforces: `production` = production's list settings only. */
  listRules: 'sandbox' | 'production';
  /** The sandbox's Entra: app registrations and their Sites.Selected grants (tests change them here or through Graph). */
  apps: AppDirectory;
  /**
   * Adds many items to a list in one transaction, skipping HTTP and permissions but not field
   * validation — for building large lists quickly in tests. Fields by internal name, people and
   * lookups as ids (multi-person: arrays of ids). Authored by `authorEmail` (default the app).
   */
  bulkAddItems(listTitle: string, fields: FieldValues[], authorEmail?: string): StoredItem[];
  close(): Promise<void>;
}

type WorkbenchHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

/** The workbench is built by another module; the sandbox runs without it until it exists. */
async function loadWorkbench(siteUrl: string): Promise<WorkbenchHandler | undefined> {
  const modulePath = './workbench/index';
  try {
    const mod = (await import(modulePath)) as { createWorkbenchHandler?: (o: { siteUrl: string }) => WorkbenchHandler };
    return mod.createWorkbenchHandler ? mod.createWorkbenchHandler({ siteUrl }) : undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (!(e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') && /workbench/.test(e.message))) {
      console.error('Sandbox: the workbench failed to load; serving the API only', error);
    }
    return undefined;
  }
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
    MicrosoftSharePointTeamServices: '16.0.0.0'
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  // a bad directory file stops the start before anything is opened
  const directoryFile = options.directoryFile || process.env.SANDBOX_DIRECTORY;
  const fromFile = directoryFile ? loadDirectoryFile(directoryFile) : { people: [], entraGroups: [] };
  const fileEntries = fromFile.people;
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'frontline-sandbox-'));
  const store = SandboxStore.open(dataDir);
  const firstStart = store.isEmpty();
  const seed = options.seed || 'demo';

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
  const webhooks = new Webhooks(store, { siteRelativeUrl: SITE_RELATIVE_URL, tenantId: SANDBOX_TENANT_ID, retryDelaysMs: options.webhookRetryDelaysMs });
  const submittedLockRule = options.submittedLockRule === undefined ? securityRulesFromEnvironment().submittedLockRule : options.submittedLockRule;
  const ops = new ListOps(store, (list) => webhooks.changed(list.id), { submittedLockRule });

  const server = http.createServer();
  const extraServers: http.Server[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port || 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    store.close();
    throw new Error(`The sandbox cannot listen on port ${options.port}: ${(error as Error).message}. Set PORT to a free port.`);
  }
  const port = (server.address() as AddressInfo).port;
  // `localhost` may resolve to ::1 first; answer there too when the machine has IPv6.
  await new Promise<void>((resolve) => {
    const v6 = http.createServer();
    v6.once('error', () => resolve());
    v6.listen(port, '::1', () => {
      extraServers.push(v6);
      resolve();
    });
  });
  const url = `http://localhost:${port}`;
  const siteUrl = `${url}${SITE_RELATIVE_URL}`;
  const spContext: SpContext = { store, ops, webhooks, siteUrl, siteRelativeUrl: SITE_RELATIVE_URL };
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
    graphSiteId: (): string => graphSiteIdOf(graphContext)
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
    if (caller.kind === 'app' && !roleAtLeast(apps.roleOn(caller.app, 'sharepoint', SITE_RELATIVE_URL), sharePointRoleNeeded(inner.method, path.slice(apiPrefix.length)))) {
      return errorResponse(odataMode(String(inner.headers.accept || '')), spErrors.accessDenied());
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
    const isSp = lower.startsWith('/sites/');
    const isGraph = lower.startsWith('/v1.0/');
    if (isSp || isGraph) {
      const fault = faults.take(`${path}${requestUrl.search}`);
      if (fault) {
        const headers: { [k: string]: string } = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
        const message = fault.status === 429 ? 'The request has been throttled (sandbox fault injection).' : 'The server is busy (sandbox fault injection).';
        if (isGraph) {
          return send(res, graphErrorResponse(Object.assign(graphErrors.invalidRequest(message), { status: fault.status, code: fault.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable' })), headers);
        }
        return send(res, errorResponse(odataMode(req.headers.accept), Object.assign(spErrors.badRequest(message), { status: fault.status, code: '-2147024860, Microsoft.SharePoint.SPRequestThrottledException' })), headers);
      }
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
        if ((value && !digestValid(value, who.caller.user.loginName)) || (!value && who.via === 'cookie')) {
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
      if (parseSitePermissionsPath(decodeURIComponent(path))) {
        return send(res, handleSitePermissions(sitePermissions, req.method || 'GET', decodeURIComponent(path), body, who.caller));
      }
      // Directory calls are judged by the app's directory permissions (graphDirectory.ts), not a site grant.
      const directory = isDirectoryPath(decodeURIComponent(path).replace(/^\/v1\.0\//i, ''));
      if (who.caller.kind === 'app' && !directory && !roleAtLeast(apps.roleOn(who.caller.app, 'graph', SITE_RELATIVE_URL), graphRoleNeeded(req.method || 'GET'))) {
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
      return reply(200, { ok: true, lists: LIST_DEFINITIONS.map((d) => ({ title: d.title, items: (store.listByTitle(d.title) as { items: Map<number, unknown> }).items.size })) });
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
  extraServers.forEach((s) => s.on('request', listener));

  let closed = false;
  const closeServer = (s: http.Server): Promise<void> =>
    new Promise((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  return {
    url,
    siteUrl,
    port,
    dataDir,
    store,
    faults,
    listRules: submittedLockRule ? 'sandbox' : 'production',
    apps,
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
    async close(): Promise<void> {
      if (closed) {
        return;
      }
      closed = true;
      await Promise.all([server, ...extraServers].map(closeServer));
      await webhooks.close();
      store.close();
      if (ownsDataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  };
}
