/**
 * The bot's configuration, from environment variables, checked once at start. Every missing or
 * malformed variable is reported at once, each with what it is for and an example, so an
 * administrator fixes the deployment in one pass.
 */

import { readFileSync } from 'node:fs';

export type BotMode = 'production' | 'local';

/** Production signs in with a certificate only: SharePoint REST refuses a client secret's app-only tokens. */
export type BotCredentials =
  | { kind: 'certificate'; clientId: string; tenantId: string; certificateFile: string; certificateThumbprint: string }
  /** Local mode: a fixed bearer token the sandbox accepts; no Entra token check on inbound activities. */
  | { kind: 'sandbox'; clientId: string; token: string };

export type DigestWeekday = 'daily' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface BotConfig {
  mode: BotMode;
  port: number;
  credentials: BotCredentials;
  /** Bot Connector service URL (Teams) or the Agents Playground's. */
  serviceUrl: string;
  /** The improvement team's channel: new cards start a conversation here. */
  channelId: string;
  teamId?: string;
  /** Graph root, e.g. https://graph.microsoft.com (the sandbox locally); `/v1.0` is added. */
  graphBaseUrl: string;
  /** SharePoint site URL, for the site users and groups (REST). */
  siteUrl: string;
  /** Graph site id; resolved from `siteUrl` when absent (local mode). */
  graphSiteId?: string;
  /** Graph list ids; resolved by list name when absent (local mode). */
  listIds?: { visitReports: string; visitRota: string; frontlineTeams: string };
  /** Public HTTPS base of this bot, for the SharePoint webhook's notificationUrl. */
  publicUrl: string;
  /** Shared secret SharePoint echoes in every notification. */
  webhookClientState: string;
  /** How reports link to the app: a Teams deep link (app id + entity id) or the SharePoint page. */
  reportLink: { kind: 'teams'; teamsAppId: string; entityId: string } | { kind: 'page'; pageUrl: string };
  reconcileIntervalMs: number;
  /** How long a claim on a report protects a card being posted (then a sweep may post again). */
  claimLeaseMs: number;
  digest: { weekday: DigestWeekday; time: string; enabled: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The bot cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = { [name: string]: string | undefined };

const WEEKDAYS: DigestWeekday[] = ['daily', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  required(name: string, what: string, example: string): string {
    const v = this.optional(name);
    if (v === undefined) {
      this.problems.push(`${name} is missing: ${what} (for example ${example}).`);
      return '';
    }
    return v;
  }

  url(name: string, what: string, example: string, fallback?: string): string {
    const v = fallback !== undefined ? this.optional(name) || fallback : this.required(name, what, example);
    if (v && !/^https?:\/\/[^\s/]+/.test(v)) {
      this.problems.push(`${name} must be an http(s) URL: ${what} (for example ${example}); it is "${v}".`);
    }
    return v.replace(/\/+$/, '');
  }

  httpsUrl(name: string, what: string, example: string): string {
    const v = this.url(name, what, example);
    if (v && !v.startsWith('https://')) {
      this.problems.push(`${name} must use https in production: ${what} (for example ${example}).`);
    }
    return v;
  }

  positiveNumber(name: string, what: string, fallback: number): number {
    const v = this.optional(name);
    if (v === undefined) {
      return fallback;
    }
    const n = Number(v);
    if (!isFinite(n) || n <= 0) {
      this.problems.push(`${name} must be a positive number: ${what}; it is "${v}".`);
      return fallback;
    }
    return n;
  }

  guid(name: string, what: string): string {
    const v = this.required(name, what, '00000000-0000-0000-0000-000000000000');
    if (v && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) {
      this.problems.push(`${name} must be a GUID: ${what}; it is "${v}".`);
    }
    return v;
  }
}

function digestSettings(r: Reader): BotConfig['digest'] {
  const weekday = (r.optional('DIGEST_WEEKDAY') || 'monday').toLowerCase() as DigestWeekday;
  if (WEEKDAYS.indexOf(weekday) === -1) {
    r.problems.push(`DIGEST_WEEKDAY must be one of ${WEEKDAYS.join(', ')}: the day the overdue digest is posted; it is "${weekday}".`);
  }
  const time = r.optional('DIGEST_TIME') || '09:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    r.problems.push(`DIGEST_TIME must be HH:MM (24-hour, London time): when the overdue digest is posted; it is "${time}".`);
  }
  return { weekday, time, enabled: (r.optional('DIGEST_ENABLED') || 'true').toLowerCase() !== 'false' };
}

function reportLinkSettings(r: Reader, fallbackPage?: string): BotConfig['reportLink'] {
  const teamsAppId = r.optional('TEAMS_APP_ID');
  if (teamsAppId) {
    return { kind: 'teams', teamsAppId, entityId: r.optional('TEAMS_APP_ENTITY_ID') || 'frontline-visits' };
  }
  const pageUrl =
    fallbackPage !== undefined
      ? r.optional('REPORT_PAGE_URL') || fallbackPage
      : r.url(
          'REPORT_PAGE_URL',
          'the SharePoint page that hosts the web part, used when TEAMS_APP_ID is not set',
          'https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx',
        );
  return { kind: 'page', pageUrl };
}

const DEFAULT_SANDBOX = 'http://localhost:4321';
const SITE_PATH = '/sites/frontline-visits';

/** Reads and checks the configuration. Throws a ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): BotConfig {
  const r = new Reader(env);
  const mode = (r.optional('BOT_MODE') || 'local').toLowerCase();
  if (mode !== 'production' && mode !== 'local') {
    throw new ConfigError([`BOT_MODE must be "production" or "local"; it is "${mode}".`]);
  }
  const port = r.positiveNumber('BOT_PORT', 'the port the bot listens on', 3978);
  const reconcileIntervalMs = r.positiveNumber('RECONCILE_INTERVAL_SECONDS', 'seconds between reconcile sweeps', 180) * 1000;
  // Two minutes: longer than a post takes with the usual throttling retries, short enough that a
  // report whose post was interrupted gets its card soon. A lapsed claim's card is looked for in the
  // channel and adopted, and a post outliving its lease withdraws itself, so no lease length can
  // make two cards (decision 0260).
  const claimLeaseMs = r.positiveNumber('CARD_CLAIM_LEASE_SECONDS', 'seconds a claim protects a card being posted', 120) * 1000;
  const digest = digestSettings(r);
  const timing = { reconcileIntervalMs, claimLeaseMs, digest };

  if (mode === 'local') {
    assertLocalIsLocal(r);
    const sandbox = r.url('SANDBOX_URL', 'the local sandbox', DEFAULT_SANDBOX, DEFAULT_SANDBOX);
    const config: BotConfig = {
      mode: 'local',
      port,
      credentials: {
        kind: 'sandbox',
        clientId: r.optional('BOT_APP_ID') || 'frontline-visits-local-bot',
        token: r.optional('SANDBOX_APP_TOKEN') || 'sandbox-app-token',
      },
      serviceUrl: r.url(
        'BOT_SERVICE_URL',
        'the Bot Connector the bot sends to (the Agents Playground locally)',
        'http://localhost:56150/_connector',
        'http://localhost:56150/_connector',
      ),
      channelId: r.optional('TEAMS_CHANNEL_ID') || 'improvement-channel',
      teamId: r.optional('TEAMS_TEAM_ID'),
      graphBaseUrl: r.url('GRAPH_BASE_URL', 'Microsoft Graph (the sandbox locally)', sandbox, sandbox),
      siteUrl: r.url('SHAREPOINT_SITE_URL', 'the SharePoint site', sandbox + SITE_PATH, sandbox + SITE_PATH),
      graphSiteId: r.optional('GRAPH_SITE_ID'),
      publicUrl: r.url('BOT_PUBLIC_URL', 'where SharePoint reaches the bot', `http://localhost:${port}`, `http://localhost:${port}`),
      webhookClientState: r.optional('WEBHOOK_CLIENT_STATE') || 'frontline-visits-local',
      reportLink: reportLinkSettings(r, `${sandbox}/`),
      ...timing,
    };
    return checked(r, config);
  }

  const clientId = r.guid('BOT_APP_ID', "the bot's Entra application (client) id");
  const tenantId = r.guid('BOT_TENANT_ID', "the council's Entra tenant id");
  const credentials = productionCredentials(r, clientId, tenantId);
  const config: BotConfig = {
    mode: 'production',
    port,
    credentials,
    serviceUrl: r.httpsUrl('BOT_SERVICE_URL', "the Bot Connector service URL of the tenant's region", 'https://smba.trafficmanager.net/uk/'),
    teamId: r.required('TEAMS_TEAM_ID', "the improvement team's Team (group) id", '19:…@thread.tacv2'),
    channelId: r.required('TEAMS_CHANNEL_ID', "the improvement team's channel id", '19:…@thread.tacv2'),
    graphBaseUrl: r.url('GRAPH_BASE_URL', 'Microsoft Graph', 'https://graph.microsoft.com', 'https://graph.microsoft.com'),
    siteUrl: r.httpsUrl('SHAREPOINT_SITE_URL', 'the Frontline Visits SharePoint site', 'https://northshire.sharepoint.com/sites/frontline-visits'),
    graphSiteId: r.required('GRAPH_SITE_ID', 'the Graph id of the site', 'northshire.sharepoint.com,<site guid>,<web guid>'),
    listIds: {
      visitReports: r.guid('GRAPH_LIST_ID_VISIT_REPORTS', 'the id of the Visit Reports list'),
      visitRota: r.guid('GRAPH_LIST_ID_VISIT_ROTA', 'the id of the Visit Rota list'),
      frontlineTeams: r.guid('GRAPH_LIST_ID_FRONTLINE_TEAMS', 'the id of the Frontline Teams list'),
    },
    publicUrl: r.httpsUrl(
      'BOT_PUBLIC_URL',
      'the public HTTPS address of this bot, where SharePoint sends list notifications',
      'https://frontline-bot.northshire.example',
    ),
    webhookClientState: r.required('WEBHOOK_CLIENT_STATE', 'a random secret SharePoint echoes in each notification', 'a 32-character random string'),
    reportLink: reportLinkSettings(r),
    ...timing,
  };
  return checked(r, config);
}

/**
 * The bot's Entra credential. SharePoint REST refuses app-only tokens got with a client secret
 * ("Unsupported app only token."), and the bot needs SharePoint REST for site users, the Heads of
 * Service group, list webhooks and locking reports — so production takes a certificate and
 * refuses a secret on its own, at start, rather than posting no card on the first morning.
 */
function productionCredentials(r: Reader, clientId: string, tenantId: string): BotCredentials {
  const secret = r.optional('BOT_APP_SECRET');
  const certificateFile = r.optional('BOT_CERT_FILE');
  const thumbprint = r.optional('BOT_CERT_THUMBPRINT');
  const howToFix =
    "Upload a certificate to the bot's Entra app registration (Certificates & secrets), then set BOT_CERT_FILE to the PEM file holding its private key and BOT_CERT_THUMBPRINT to its SHA-256 thumbprint (64 hex digits).";
  if (!certificateFile) {
    r.problems.push(
      secret
        ? `BOT_APP_SECRET is set without a certificate: SharePoint REST refuses app-only tokens got with a client secret (401 "Unsupported app only token."), so the bot could read no site users or groups and lock no report. ${howToFix} BOT_APP_SECRET is then not needed.`
        : `BOT_CERT_FILE is missing: the bot's Entra app signs in with a certificate, because SharePoint app-only access needs one. ${howToFix}`,
    );
    return { kind: 'certificate', clientId, tenantId, certificateFile: '', certificateThumbprint: thumbprint || '' };
  }
  if (!thumbprint) {
    r.problems.push(`BOT_CERT_THUMBPRINT is missing: the SHA-256 thumbprint of the certificate in BOT_CERT_FILE (for example A1B2…, 64 hex digits).`);
  } else if (!/^[0-9a-f]{64}$/i.test(thumbprint.replace(/[:\s]/g, ''))) {
    r.problems.push(
      `BOT_CERT_THUMBPRINT must be the certificate's SHA-256 thumbprint, 64 hex digits (Entra shows it under Certificates & secrets); it is "${thumbprint}".`,
    );
  }
  let pem = '';
  try {
    pem = readFileSync(certificateFile, 'utf8');
  } catch (error) {
    r.problems.push(
      `BOT_CERT_FILE cannot be read (${(error as NodeJS.ErrnoException).code || (error as Error).message}): it must be the PEM file holding the private key of the bot's certificate; it is "${certificateFile}".`,
    );
  }
  if (pem && !/-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    r.problems.push(
      `BOT_CERT_FILE holds no private key: it must be the PEM file with the certificate's private key (-----BEGIN PRIVATE KEY-----), not the public certificate; it is "${certificateFile}".`,
    );
  }
  return { kind: 'certificate', clientId, tenantId, certificateFile, certificateThumbprint: thumbprint ? thumbprint.replace(/[:\s]/g, '') : '' };
}

/** Variables only a production deployment has: their presence means local mode is a mistake. */
const PRODUCTION_ONLY = ['BOT_APP_SECRET', 'BOT_CERT_FILE', 'BOT_CERT_THUMBPRINT', 'BOT_TENANT_ID', 'GRAPH_LIST_ID_VISIT_REPORTS'];
/** Where local mode sends requests; each must be this machine. */
const LOCAL_URLS = ['SANDBOX_URL', 'GRAPH_BASE_URL', 'SHAREPOINT_SITE_URL', 'BOT_SERVICE_URL'];

function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return true; // malformed URLs get their own message from Reader.url
  }
}

/**
 * Local mode accepts activities with no Entra token, so it must never run where production
 * belongs: not with production credentials (a forgotten or mistyped BOT_MODE defaults to local),
 * and not pointed at a real tenant's Graph, SharePoint or Bot Connector.
 */
function assertLocalIsLocal(r: Reader): void {
  const credentials = PRODUCTION_ONLY.filter((name) => r.optional(name) !== undefined);
  if (credentials.length) {
    throw new ConfigError([
      `${credentials.join(', ')} ${credentials.length === 1 ? 'is' : 'are'} set, which only a production deployment has, but BOT_MODE is "local" (the default), which checks no Entra token on incoming activities. Set BOT_MODE=production, or remove ${credentials.length === 1 ? 'it' : 'them'} to run locally.`,
    ]);
  }
  const remote = LOCAL_URLS.filter((name) => {
    const value = r.optional(name);
    return value !== undefined && !isLoopbackUrl(value);
  });
  if (remote.length) {
    throw new ConfigError([
      `${remote.join(', ')} ${remote.length === 1 ? 'points' : 'point'} away from this machine, but local mode (BOT_MODE unset or "local") only talks to this machine: it checks no Entra token. Set BOT_MODE=production for a real tenant, or use a localhost address.`,
    ]);
  }
}

function checked(r: Reader, config: BotConfig): BotConfig {
  if (r.problems.length) {
    throw new ConfigError(r.problems);
  }
  return config;
}
