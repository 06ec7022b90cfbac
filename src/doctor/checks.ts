/**
 * `npm run doctor`: everything a working deployment needs, checked with the bot's own
 * configuration and credential, one line per check, each failure with how to fix it.
 *
 * It reads the bot's environment (production or local), gets the bot's tokens, and asks the
 * services what the bot will ask: the data site and each list, field, index and choice of the
 * contract (`src/data/listContract.ts`), the role groups and whether the bot can read their
 * members, the bot's rights on the site (its Sites.Selected grant), the list webhook and its
 * expiry, the bot's installation in the improvement team (it can read the channel's roster), the
 * site's time zone, and reports parked because their card kept failing. Nothing is changed.
 */
import { BotConfig, ConfigError, loadConfig } from '../bot/config';
import { FrontlineLists } from '../bot/lists';
import { fetchWithRetry, DEFAULT_RETRY } from '../bot/retry';
import { tokenSource } from '../bot/server';
import { WEBHOOK_PATH } from '../bot/webhooks';
import { isParked } from '../bot/cardDelivery';
import { FieldDefinition, LIST_DEFINITIONS, ListDefinition } from '../data/listContract';
import { odataStringLiteral } from '../data/odata';
import { ROLE_GROUPS, ROLES } from '../domain/roles';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found (a pass) or what is wrong (a failure). */
  detail: string;
  /** How to fix it (failures). */
  fix?: string;
}

/** SharePoint's time zone id for London (SPRegionalSettings.TimeZones). */
export const LONDON_TIME_ZONE_ID = 2;

/** A webhook with fewer days left than this fails: the bot renews at 60, so it is not renewing. */
const WEBHOOK_MIN_DAYS = 30;

type Env = { [name: string]: string | undefined };

interface Context {
  config: BotConfig;
  lists: FrontlineLists;
  results: CheckResult[];
  pass(name: string, detail: string): void;
  fail(name: string, detail: string, fix: string): void;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
}

function statusIn(error: unknown): number | undefined {
  const match = / failed: (\d{3}) /.exec(messageOf(error)) || /\b(401|403|404)\b/.exec(messageOf(error));
  return match ? Number(match[1]) : (error as { statusCode?: number }).statusCode;
}

interface RestField {
  InternalName: string;
  TypeAsString: string;
  Indexed: boolean;
  Required: boolean;
  Choices?: string[];
}

/** What differs between the contract's fields and the list's, in words; empty when they agree. */
export function fieldProblems(contract: ListDefinition, fields: RestField[]): string[] {
  const problems: string[] = [];
  const byName = new Map(fields.map((f) => [f.InternalName, f]));
  const describe = (f: FieldDefinition): string => `${f.internalName} (${f.type}${f.indexed ? ', indexed' : ''})`;
  for (const field of contract.fields) {
    const found = byName.get(field.internalName);
    if (!found) {
      problems.push(`field ${describe(field)} is missing`);
      continue;
    }
    if (found.TypeAsString !== field.type) {
      problems.push(`field ${field.internalName} is ${found.TypeAsString}, not ${field.type}`);
    }
    if (field.indexed && !found.Indexed) {
      problems.push(`field ${field.internalName} is not indexed (queries on it fail past 5,000 items)`);
    }
    if (field.choices) {
      const missing = field.choices.filter((c) => (found.Choices || []).indexOf(c) === -1);
      if (missing.length) {
        problems.push(`field ${field.internalName} lacks the choice${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')}`);
      }
    }
  }
  return problems;
}

async function checkTokens(ctx: Context, tokens: ReturnType<typeof tokenSource>): Promise<boolean> {
  let all = true;
  for (const [name, get] of [
    ['token for Microsoft Graph', () => tokens.forLists('graph')],
    ['token for SharePoint', () => tokens.forLists('sharepoint')],
    [
      'token for the Bot Framework',
      () =>
        tokens.forApp
          ? tokens.forApp('https://api.botframework.com/.default')
          : Promise.reject(new Error('no certificate: the Teams SDK would use the client secret')),
    ],
  ] as Array<[string, () => Promise<string>]>) {
    try {
      const token = await get();
      ctx.pass(name, ctx.config.mode === 'local' ? 'the sandbox token (local mode)' : `issued (${token.length} characters)`);
    } catch (error) {
      all = false;
      ctx.fail(
        name,
        messageOf(error),
        `Check BOT_APP_ID, BOT_TENANT_ID and the certificate (BOT_CERT_FILE, BOT_CERT_THUMBPRINT): the certificate must be uploaded to the app registration and not expired (docs/admin-guide.md, step 2).`,
      );
    }
  }
  return all;
}

async function checkLists(ctx: Context): Promise<void> {
  for (const contract of LIST_DEFINITIONS) {
    const name = `list ${contract.title}`;
    const base = `/_api/web/lists/getbytitle(${encodeURIComponent(odataStringLiteral(contract.title))})`;
    try {
      const settings = await ctx.lists.spRest<{ EnableVersioning: boolean; ReadSecurity: number; WriteSecurity: number }>(
        'GET',
        `${base}?$select=EnableVersioning,ReadSecurity,WriteSecurity`,
      );
      const fields = (await ctx.lists.spRest<{ value: RestField[] }>('GET', `${base}/fields?$select=InternalName,TypeAsString,Indexed,Required,Choices`)).value;
      const problems = fieldProblems(contract, fields);
      if (!settings.EnableVersioning) {
        problems.push('versioning is off');
      }
      if (contract.itemLevelSecurity.read === 'own' && settings.ReadSecurity !== 2) {
        problems.push('people can read items others created (item-level security is off)');
      }
      if (contract.itemLevelSecurity.write === 'own' && settings.WriteSecurity !== 2) {
        problems.push('people can edit items others created (item-level security is off)');
      }
      if (problems.length) {
        ctx.fail(name, problems.join('; '), 'Run `npm run provision -- --site <data site>`: it adds what is missing and changes nothing else.');
      } else {
        const indexed = contract.fields.filter((f) => f.indexed).length;
        ctx.pass(
          name,
          `${contract.fields.length} fields, ${indexed} indexed, choices complete${contract.itemLevelSecurity.write === 'own' ? ', each edits only their own items' : ''}`,
        );
      }
    } catch (error) {
      const missing = statusIn(error) === 404;
      ctx.fail(
        name,
        missing ? 'the list does not exist on the data site' : messageOf(error),
        missing
          ? 'Run `npm run provision -- --site <data site>` (docs/admin-guide.md, step 8).'
          : 'Check the bot can reach the site (the site grant) and try again.',
      );
    }
  }
}

async function checkGroups(ctx: Context): Promise<void> {
  for (const title of ROLES.map((r) => ROLE_GROUPS[r])) {
    const name = `group ${title}`;
    const group = `/_api/web/sitegroups/getbyname(${encodeURIComponent(odataStringLiteral(title))})`;
    try {
      const info = await ctx.lists.spRest<{ OnlyAllowMembersViewMembership?: boolean }>('GET', group);
      const members = (await ctx.lists.spRest<{ value: unknown[] }>('GET', `${group}/users?$select=Id`)).value;
      const visibility =
        info.OnlyAllowMembersViewMembership === false ? 'membership visible to everyone on the site' : 'membership visible to its members (and the bot)';
      if (!members.length) {
        ctx.fail(
          name,
          `no members; ${visibility}`,
          `Add people or an Entra security group to "${title}" (site settings → Site permissions; docs/admin-guide.md, step 9).`,
        );
      } else {
        ctx.pass(name, `${members.length} member${members.length === 1 ? '' : 's'}; ${visibility}`);
      }
    } catch (error) {
      const status = statusIn(error);
      ctx.fail(
        name,
        status === 404 ? 'the group does not exist' : status === 403 ? 'the bot cannot read its members' : messageOf(error),
        status === 404
          ? 'Run `npm run provision -- --site <data site>`.'
          : 'Give the bot full control of the site (Sites.Selected, docs/admin-guide.md step 4): it reads who may answer from this group.',
      );
    }
  }
}

async function checkGrant(ctx: Context): Promise<void> {
  // SharePoint: the bot's own rights on the site. Full control (Manage Permissions its sign) lets it list the list's webhook subscriptions to keep its own.
  const MANAGE_PERMISSIONS_BIT = 25; // PermissionKind.ManagePermissions (26) - 1, in the low half
  try {
    const rights = await ctx.lists.spRest<{ High: string | number; Low: string | number }>('GET', '/_api/web/effectivebasepermissions');
    const low = Number(rights.Low);
    if (Math.floor(low / 2 ** MANAGE_PERMISSIONS_BIT) % 2 === 1) {
      ctx.pass('site grant (SharePoint)', 'the bot has full control of the data site: it can keep the Visit Reports webhook');
    } else {
      ctx.fail(
        'site grant (SharePoint)',
        "the bot may not manage permissions on the data site (less than full control): cards are posted, but SharePoint lets it list a list's webhook subscriptions only with full control",
        'Grant the bot\'s app Sites.Selected "fullcontrol" on the data site (docs/admin-guide.md, step 4; `npm run provision -- --grant`).',
      );
    }
  } catch (error) {
    ctx.fail(
      'site grant (SharePoint)',
      `the bot cannot use the data site through SharePoint: ${messageOf(error)}`,
      'Consent SharePoint Sites.Selected for the bot\'s app and grant it "fullcontrol" on the data site (docs/admin-guide.md, steps 3 and 4). A client secret is refused by SharePoint: use a certificate.',
    );
  }
  try {
    const ids = await ctx.lists.listIds();
    // Configured ids are taken on trust by listIds(): read the list itself, as a sweep would.
    const list = (await ctx.lists.graph.api(`/sites/${ids.siteId}/lists/${ids.visitReports}`).select('id,displayName').get()) as { displayName: string };
    ctx.pass('site grant (Microsoft Graph)', `the bot reads ${list.displayName} through Graph (site ${ids.siteId})`);
  } catch (error) {
    ctx.fail(
      'site grant (Microsoft Graph)',
      `the bot cannot read the lists through Graph: ${messageOf(error)}`,
      "Consent Microsoft Graph Sites.Selected for the bot's app and grant it on the data site (docs/admin-guide.md, steps 3 and 4); check GRAPH_SITE_ID and the GRAPH_LIST_ID_… settings (printed by `npm run provision`).",
    );
  }
}

async function checkWebhook(ctx: Context): Promise<void> {
  const expected = `${ctx.config.publicUrl}${WEBHOOK_PATH}`;
  try {
    const path = `${(await ctx.lists.visitReportsRest()).path}/subscriptions`;
    const subscriptions = (await ctx.lists.spRest<{ value: Array<{ notificationUrl: string; expirationDateTime: string }> }>('GET', path)).value;
    const ours = subscriptions.filter((s) => s.notificationUrl === expected).sort((a, b) => (a.expirationDateTime < b.expirationDateTime ? 1 : -1))[0];
    if (!ours) {
      ctx.fail(
        'webhook',
        `no subscription on Visit Reports sends to ${expected}${subscriptions.length ? ` (others: ${subscriptions.map((s) => s.notificationUrl).join(', ')})` : ''}`,
        "Start the bot: it creates the subscription at start. Check BOT_PUBLIC_URL is the bot's public HTTPS address and SharePoint can reach it.",
      );
      return;
    }
    const days = Math.floor((Date.parse(ours.expirationDateTime) - Date.now()) / 86400000);
    if (days < WEBHOOK_MIN_DAYS) {
      ctx.fail(
        'webhook',
        `the subscription to ${expected} expires in ${days} days: the bot is not renewing it`,
        'Check the bot is running (Always On) and its log for "Webhook renewal failed".',
      );
    } else {
      ctx.pass('webhook', `Visit Reports notifies ${expected}; expires ${ours.expirationDateTime.slice(0, 10)} (${days} days)`);
    }
  } catch (error) {
    ctx.fail('webhook', messageOf(error), 'The bot needs the SharePoint site grant to read and create the list webhook (docs/admin-guide.md, step 4).');
  }
}

async function checkTeams(ctx: Context, tokens: ReturnType<typeof tokenSource>): Promise<void> {
  const name = 'Teams: bot installed in the improvement team';
  try {
    if (!tokens.forApp) {
      throw new Error('no Bot Framework token');
    }
    const token = await tokens.forApp('https://api.botframework.com/.default');
    const url = `${ctx.config.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(ctx.config.channelId)}/members`;
    const response = await fetchWithRetry(
      url,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
      { ...DEFAULT_RETRY, maxRetries: 2 },
    );
    if (!response.ok) {
      throw new Error(`the Bot Connector answered ${response.status} for the channel's roster`);
    }
    const members = (await response.json()) as unknown[];
    ctx.pass(name, `the bot reads the channel's roster (${members.length} members)`);
  } catch (error) {
    ctx.fail(
      name,
      messageOf(error),
      'Install the Frontline Visits app in the improvement team (docs/admin-guide.md, step 7) and check TEAMS_CHANNEL_ID and BOT_SERVICE_URL.',
    );
  }
}

/** Submitted reports with no card because posting it kept failing (the bot's record on each item). */
async function checkParked(ctx: Context): Promise<void> {
  try {
    const parked = (await ctx.lists.reportsWithStatus('Submitted')).filter((r) => !r.cardActivityId && isParked(r.delivery));
    if (!parked.length) {
      ctx.pass('parked reports', 'none: every submitted report has its card or is being posted');
      return;
    }
    const lines = parked.map((r) => {
      const d = r.delivery as NonNullable<typeof r.delivery>;
      return `report ${r.id} (parked since ${d.parkedSince}, ${d.failures} failed tries; last: ${d.lastError || 'unknown'}; next try after ${d.nextAt})`;
    });
    ctx.fail(
      'parked reports',
      `${parked.length} submitted report${parked.length === 1 ? ' has' : 's have'} no card in the channel: ${lines.join('; ')}`,
      "Fix what the last error names (the bot's log has each failure), then restart the bot: it tries parked reports at once on start. Otherwise it tries each hourly.",
    );
  } catch (error) {
    const missing = /provision/i.test(messageOf(error)) || statusIn(error) === 404;
    ctx.fail(
      'parked reports',
      messageOf(error),
      missing
        ? 'Run `npm run provision -- --site <data site>`: Visit Reports is missing.'
        : 'The bot needs the Graph site grant to read Visit Reports (docs/admin-guide.md, step 4).',
    );
  }
}

async function checkTimeZone(ctx: Context): Promise<void> {
  try {
    const zone = await ctx.lists.spRest<{ Id: number; Description: string }>('GET', '/_api/web/regionalsettings/timezone');
    if (zone.Id === LONDON_TIME_ZONE_ID) {
      ctx.pass('site time zone', zone.Description);
    } else {
      ctx.fail(
        'site time zone',
        `${zone.Description} (${zone.Id}), not London: visit dates would be stored on the wrong day`,
        'Run `npm run provision -- --site <data site>`: it sets London time (or Site settings → Regional settings).',
      );
    }
  } catch (error) {
    ctx.fail('site time zone', messageOf(error), 'Check the site grant, then run `npm run provision`.');
  }
}

/** Runs every check; never throws. */
export async function runChecks(env: Env): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let config: BotConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [messageOf(error)];
    return problems.map((p) => ({ name: 'configuration', ok: false, detail: p, fix: "Set it in the bot's application settings (src/bot/README.md)." }));
  }
  const tokens = tokenSource(config.credentials, config.siteUrl);
  const lists = new FrontlineLists({
    graphBaseUrl: config.graphBaseUrl,
    siteUrl: config.siteUrl,
    token: tokens.forLists,
    ids: config.listIds ? { siteId: config.graphSiteId, ...config.listIds } : config.graphSiteId ? { siteId: config.graphSiteId } : undefined,
    retry: { ...DEFAULT_RETRY, maxRetries: 2 },
  });
  const ctx: Context = {
    config,
    lists,
    results,
    pass: (name, detail) => results.push({ name, ok: true, detail }),
    fail: (name, detail, fix) => results.push({ name, ok: false, detail, fix }),
  };
  ctx.pass('configuration', `${config.mode} mode; data site ${config.siteUrl}`);
  // A secret-only production configuration is refused by loadConfig itself (above), naming the certificate.
  ctx.pass('credential', config.credentials.kind === 'certificate' ? 'a certificate' : 'the sandbox token (local mode)');
  if (!(await checkTokens(ctx, tokens))) {
    return results;
  }
  try {
    const web = await lists.spRest<{ Title: string; Url: string }>('GET', '/_api/web?$select=Title,Url');
    ctx.pass('data site', `${web.Title} at ${web.Url}`);
  } catch (error) {
    if (/Unsupported app only token/i.test(messageOf(error))) {
      ctx.fail(
        'data site',
        "SharePoint refused the bot's app-only token: it was got with a client secret, which SharePoint REST does not accept",
        "Upload a certificate to the bot's app registration and use it (BOT_CERT_FILE, BOT_CERT_THUMBPRINT; docs/admin-guide.md, step 2).",
      );
    } else if (statusIn(error) === 403 || statusIn(error) === 401) {
      ctx.fail(
        'data site',
        `the bot may not use the data site (${messageOf(error)})`,
        'Consent SharePoint Sites.Selected for the bot\'s app and grant it "fullcontrol" on the data site (docs/admin-guide.md, steps 3 and 4; `npm run provision -- --grant`).',
      );
    } else {
      ctx.fail(
        'data site',
        messageOf(error),
        "Check SHAREPOINT_SITE_URL, and that the bot's app has a Sites.Selected grant on that site (docs/admin-guide.md, step 4).",
      );
    }
    return results;
  }
  await checkGrant(ctx);
  await checkLists(ctx);
  await checkGroups(ctx);
  await checkWebhook(ctx);
  await checkTeams(ctx, tokens);
  await checkTimeZone(ctx);
  await checkParked(ctx);
  return results;
}

/** One line per check: `ok` or `FAIL`, the check, what was found; failures add how to fix it. */
export function formatResults(results: CheckResult[]): string[] {
  return results.map((r) => (r.ok ? `ok    ${r.name}: ${r.detail}` : `FAIL  ${r.name}: ${r.detail}\n      fix: ${r.fix}`));
}
