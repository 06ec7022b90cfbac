/**
 * `npm start`'s sandbox: reads PORT (default 4321), SANDBOX_DATA (default `.sandbox/`),
 * SANDBOX_DIRECTORY, SANDBOX_TODAY and SANDBOX_TIME_ZONE from the environment, starts the sandbox
 * and stops it cleanly on Ctrl-C / SIGTERM.
 */
import { resolve } from 'node:path';
import { SandboxHandle, SandboxOptions, startSandbox } from './server';
import { FIXED_PERSONAS } from './directory';
import { isSiteTimeZoneName, SITE_TIME_ZONES } from './regional';
import { securityRulesFromEnvironment } from './security';
import { AppApi, AppRegistration, BOT_APP_ID, BotAppOptions, SITE_ROLES, SiteRole } from './appIdentity';
import { SITE_RELATIVE_URL } from '../data/listContract';

export const DEFAULT_SANDBOX_PORT = 4321;

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_SANDBOX_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  return {
    port,
    dataDir: resolve(env.SANDBOX_DATA || '.sandbox'),
    directoryFile: env.SANDBOX_DIRECTORY || undefined,
    today: env.SANDBOX_TODAY || undefined,
    seed: env.SANDBOX_SEED === 'empty' ? 'empty' : 'demo',
    siteTimeZone: siteTimeZoneFromEnv(env.SANDBOX_TIME_ZONE),
    bareSite: env.SANDBOX_SITE === 'bare',
    submittedLockRule: securityRulesFromEnvironment(env).submittedLockRule,
    botApp: botAppFromEnv(env),
  };
}

/**
 * How the bot's app is registered, to rehearse a tenant's mistakes: `SANDBOX_APP_CREDENTIAL`
 * (certificate | secret), `SANDBOX_APP_SITES_SELECTED` (graph,sharepoint — the APIs consented),
 * `SANDBOX_APP_SITE_ROLE` (read | write | manage | fullcontrol on the data site). Unset: a
 * certificate, both APIs, and the grants the data directory holds (full control at first).
 */
export function botAppFromEnv(env: NodeJS.ProcessEnv): BotAppOptions {
  const options: BotAppOptions = {};
  const credential = (env.SANDBOX_APP_CREDENTIAL || '').trim().toLowerCase();
  if (credential) {
    if (credential !== 'certificate' && credential !== 'secret') {
      throw new Error(`SANDBOX_APP_CREDENTIAL must be "certificate" or "secret", not "${env.SANDBOX_APP_CREDENTIAL}"`);
    }
    options.credential = credential;
  }
  const apis = env.SANDBOX_APP_SITES_SELECTED;
  if (apis !== undefined) {
    const list = apis
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean);
    if (list.some((a) => a !== 'graph' && a !== 'sharepoint')) {
      throw new Error(`SANDBOX_APP_SITES_SELECTED lists APIs from "graph" and "sharepoint", comma-separated; it is "${apis}"`);
    }
    options.sitesSelected = list as AppApi[];
  }
  const role = (env.SANDBOX_APP_SITE_ROLE || '').trim().toLowerCase();
  if (role) {
    if (SITE_ROLES.indexOf(role as SiteRole) === -1) {
      throw new Error(`SANDBOX_APP_SITE_ROLE must be one of ${SITE_ROLES.join(', ')}, not "${env.SANDBOX_APP_SITE_ROLE}"`);
    }
    options.siteRoles = { [SITE_RELATIVE_URL]: role as SiteRole };
  }
  return options;
}

function siteTimeZoneFromEnv(value: string | undefined): SandboxOptions['siteTimeZone'] {
  if (!value) {
    return undefined;
  }
  if (!isSiteTimeZoneName(value)) {
    throw new Error(`SANDBOX_TIME_ZONE must be one of ${Object.keys(SITE_TIME_ZONES).join(', ')}, not "${value}"`);
  }
  return value;
}

export function describeSandbox(sandbox: SandboxHandle): string {
  return [
    `Frontline Visits sandbox: workbench ${sandbox.url}/`,
    `  SharePoint data site ${sandbox.siteUrl} (REST at /_api), Graph at ${sandbox.url}/v1.0`,
    `  other sites, no lists: tenant root ${sandbox.url}/ (Teams personal app) and ${sandbox.teamSiteUrl} (channel tab)`,
    `  data in ${sandbox.dataDir}`,
    `  list rules: ${sandbox.listRules === 'production' ? "production's list settings only (SANDBOX_LIST_RULES=production)" : "the sandbox's (production's list settings plus its own field checks)"}`,
    `  personas: ${FIXED_PERSONAS.map((p) => p.email).join(', ')}`,
    `  bot app: ${describeBotApp(sandbox)}`,
  ].join('\n');
}

function describeBotApp(sandbox: SandboxHandle): string {
  const app = sandbox.apps.app(BOT_APP_ID) as AppRegistration;
  const apis = (['graph', 'sharepoint'] as AppApi[]).filter((api) => app.permissions[api].indexOf('Sites.Selected') !== -1);
  const grants = sandbox.apps.grants().filter((g) => g.appId === BOT_APP_ID);
  return [
    `${app.credential}${app.credential === 'secret' ? ' (SharePoint REST will refuse its token)' : ''}`,
    `Sites.Selected consented for ${apis.length ? apis.join(' and ') : 'no API'}`,
    grants.length ? grants.map((g) => `${g.role} on ${g.site}`).join(', ') : 'no site granted',
  ].join('; ');
}

/**
 * Runs closers in reverse order of start when the process is asked to stop; a second Ctrl-C
 * forces the exit.
 */
export function stopOnSignals(closers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    closers
      .slice()
      .reverse()
      .reduce((chain, close) => chain.then(close).catch((error) => console.error('Stopping failed:', error)), Promise.resolve())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv());
  console.log(describeSandbox(sandbox));
  stopOnSignals([() => sandbox.close()]);
}

if (require.main === module) {
  main().catch((error) => {
    console.error('The sandbox could not start:', error);
    process.exit(1);
  });
}
