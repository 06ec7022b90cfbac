/**
 * Provisions the Frontline Visits lists, settings and groups on a SharePoint site:
 *
 *   npm run provision -- --site https://<tenant>.sharepoint.com/sites/frontline-visits [--dry-run]
 *
 * Sign-in: an access token for SharePoint in SP_ACCESS_TOKEN, issued to a site collection
 * administrator, e.g. `az account get-access-token --resource https://<tenant>.sharepoint.com --query accessToken -o tsv`.
 * Every step is idempotent: running it again repairs a site that has drifted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { connectToSite } from '../src/cli/siteConnection';
import { applyPlan } from '../src/provisioning/apply';
import { describeStep, ListSettings, provisioningPlan, SiteScript } from '../src/provisioning/plan';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const listsDir = path.join(__dirname, '..', 'sharepoint', 'lists');
  const script = JSON.parse(fs.readFileSync(path.join(listsDir, 'frontline-visits.sitescript.json'), 'utf8')) as SiteScript;
  const settings = JSON.parse(fs.readFileSync(path.join(listsDir, 'list-settings.json'), 'utf8')) as ListSettings;
  const steps = provisioningPlan(script, settings);

  if (process.argv.indexOf('--dry-run') !== -1) {
    steps.forEach((step, i) => console.log(`${i + 1}. ${describeStep(step)}`));
    return;
  }
  const site = argument('site');
  const token = process.env.SP_ACCESS_TOKEN;
  if (!site || !/^https:\/\/[^/]+\/sites\/[^/]+\/?$/.test(site)) {
    throw new Error('Give the site to provision: --site https://<tenant>.sharepoint.com/sites/<site>');
  }
  if (!token) {
    throw new Error('Set SP_ACCESS_TOKEN to a SharePoint access token of a site collection administrator (see the comment at the top of scripts/provision.ts).');
  }
  const sp = await connectToSite(site, { kind: 'token', token }, (line) => console.log(line));
  await applyPlan(sp, steps, (line) => console.log(`- ${line}`));
  console.log(`Provisioned ${site}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
