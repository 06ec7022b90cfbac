/**
 * Zips the Teams app (manifest + icons) into teams-manifest/dist/frontline-visits-teams.zip.
 * The council's own ids come from the environment: BOT_APP_ID (the bot's Entra app id) replaces
 * the placeholder bot id, and any {{NAME}} placeholder is filled from the variable NAME.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'teams-manifest');
  const raw = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const missing = new Set<string>();
  const filled = raw.replace(/\{\{([A-Z0-9_]+)\}\}/g, (token, name: string) => {
    const value = process.env[name];
    if (!value) {
      missing.add(name);
      return token;
    }
    return value;
  });
  const manifest = JSON.parse(filled);
  const botAppId = process.env.BOT_APP_ID;
  if (botAppId) {
    for (const bot of manifest.bots || []) {
      bot.botId = botAppId;
    }
    // Activity feed notifications are sent by the bot's app: Graph accepts them only from the app named here.
    if (manifest.webApplicationInfo) {
      manifest.webApplicationInfo.id = botAppId;
      manifest.webApplicationInfo.resource = String(manifest.webApplicationInfo.resource).replace(/[0-9a-f-]{36}$/i, botAppId);
    }
  } else if ((manifest.bots || []).length) {
    missing.add('BOT_APP_ID');
  }
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, fs.readFileSync(path.join(dir, icon)));
  }
  // The personal app cannot be configured in Teams: it reads its lists on the data site the web
  // part's manifest (packaged in the .sppkg) names. Say which, so nobody ships the wrong one.
  const webPartManifest = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'src', 'webparts', 'frontlineVisits', 'FrontlineVisitsWebPart.manifest.json'), 'utf8'),
  ) as { preconfiguredEntries: Array<{ properties?: { dataSiteUrl?: string } }> };
  const dataSite = webPartManifest.preconfiguredEntries[0].properties?.dataSiteUrl;
  if (!dataSite || !/^\/(?!\/)/.test(dataSite)) {
    throw new Error(
      `The web part manifest's preconfiguredEntries[0].properties.dataSiteUrl must be the data site's path on the tenant, such as /sites/frontline-visits (found ${JSON.stringify(dataSite)}).`,
    );
  }
  const out = path.join(dir, 'dist', 'frontline-visits-teams.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  console.log(`Teams app package: ${path.relative(process.cwd(), out)}`);
  console.log(`Data site: ${dataSite} on the tenant (the personal app and new tabs use it; a page or channel tab may set another in the web part's settings).`);
  if (missing.size) {
    console.warn(`Set ${Array.from(missing).join(', ')} before uploading this package to Teams: the manifest still holds their placeholders.`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
