/**
 * Provisions the Frontline Visits data site: lists, fields and indexes (site scripts), regional
 * settings (London), list settings, the read-all permission level, the four groups and what each
 * may open and do, and the bot's Sites.Selected grant.
 *
 *   npm run provision -- --site https://<tenant>.sharepoint.com/sites/frontline-visits
 *       [--dry-run] [--bot-app-id <guid> [--bot-app-name "<name>"] [--grant]]
 *
 * Sign-in: SP_ACCESS_TOKEN, a SharePoint access token of a site collection administrator of that
 * site (e.g. `az account get-access-token --resource https://<tenant>.sharepoint.com --query accessToken -o tsv`).
 * The bot's grant is printed for an administrator to make, or made with `--grant` (the
 * administrator's consent) using GRAPH_ACCESS_TOKEN: an app-only Graph token with
 * Sites.FullControl.All. Every step reads the site first and changes only what differs: a second
 * run changes nothing. The first step that fails stops the run and names itself.
 *
 * The local sandbox (start it with SANDBOX_SITE=bare to see an empty site made whole):
 *   SP_ACCESS_TOKEN=sandbox-admin-token GRAPH_ACCESS_TOKEN=sandbox-admin-token npm run provision -- \
 *     --site http://localhost:4321/sites/frontline-visits --bot-app-id 6a1d0e50-0000-4000-8000-0000000000ab --grant
 */
import * as fs from 'fs';
import * as path from 'path';
import { connectToSite } from '../src/cli/siteConnection';
import { applyPlan, AppGrantOptions, ProvisioningError } from '../src/provisioning/apply';
import { graphClient, graphGrantEnsurer, grantInstructions } from '../src/provisioning/appGrant';
import { botSiteSettings } from '../src/provisioning/botSettings';
import { describeStep, ListSettings, planTitles, provisioningPlan, SiteScript } from '../src/provisioning/plan';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const flag = (name: string): boolean => process.argv.indexOf(`--${name}`) !== -1;

/** A SharePoint site's URL: https, or the local sandbox over http. */
function siteUrlProblem(site: string | undefined): string | undefined {
  if (!site) {
    return 'Give the site to provision: --site https://<tenant>.sharepoint.com/sites/<site>';
  }
  if (!/^(https:\/\/[^/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)\/sites\/[^/]+\/?$/.test(site)) {
    return `--site must be a site collection's address, https://<tenant>.sharepoint.com/sites/<site>; it is "${site}".`;
  }
  return undefined;
}

async function main(): Promise<void> {
  const listsDir = path.join(__dirname, '..', 'sharepoint', 'lists');
  const script = JSON.parse(fs.readFileSync(path.join(listsDir, 'frontline-visits.sitescript.json'), 'utf8')) as SiteScript;
  const settings = JSON.parse(fs.readFileSync(path.join(listsDir, 'list-settings.json'), 'utf8')) as ListSettings;
  const steps = provisioningPlan(script, settings);
  const site = argument('site');
  const appId = argument('bot-app-id');
  const displayName = argument('bot-app-name') || 'Frontline Visits bot';

  if (flag('dry-run')) {
    console.log(`The plan${site ? ` for ${site}` : ''} (each step is skipped where the site already has it):`);
    steps.forEach((step, i) => console.log(`${String(i + 1).padStart(3)}. ${describeStep(step, planTitles(steps))}`));
    return;
  }
  const problem = siteUrlProblem(site);
  if (problem) {
    throw new Error(problem);
  }
  const siteUrl = (site as string).replace(/\/$/, '');
  const token = process.env.SP_ACCESS_TOKEN;
  if (!token) {
    throw new Error('Set SP_ACCESS_TOKEN to a SharePoint access token of a site collection administrator (see the top of scripts/provision.ts).');
  }
  if (flag('grant') && (!appId || !process.env.GRAPH_ACCESS_TOKEN)) {
    throw new Error('--grant needs --bot-app-id <the bot app id> and GRAPH_ACCESS_TOKEN: an app-only Microsoft Graph token with Sites.FullControl.All.');
  }
  const app: AppGrantOptions = { appId, displayName };
  if (flag('grant')) {
    const graphBase = process.env.GRAPH_BASE_URL || (new URL(siteUrl).protocol === 'http:' ? new URL(siteUrl).origin : 'https://graph.microsoft.com');
    app.ensure = graphGrantEnsurer(graphClient(graphBase, process.env.GRAPH_ACCESS_TOKEN as string), siteUrl);
  }
  const sp = await connectToSite(siteUrl, { kind: 'token', token }, (line) => console.log(line));
  console.log(`Provisioning ${siteUrl}`);
  const result = await applyPlan(sp, steps, { siteUrl, siteRelativeUrl: new URL(siteUrl).pathname, log: (line) => console.log(`  ${line}`), app });
  if (result.outcomes.some((o) => o.outcome === 'printed')) {
    grantInstructions(siteUrl, appId || '<the bot app id>', displayName, settings.appPermission.siteRole).forEach((line) => console.log(line));
  }
  console.log(result.changed ? `Done: ${result.changed} change(s) made.` : 'Nothing to change: the site already matches.');
  console.log("The bot's application settings for this site (src/bot/README.md):");
  (await botSiteSettings(sp, siteUrl)).forEach(([name, value]) => console.log(`  ${name}=${value}`));
}

main().catch((error: Error) => {
  console.error(error instanceof ProvisioningError ? error.message : `Provisioning failed: ${error.message}`);
  process.exit(1);
});
