/**
 * Zips the Teams app (manifest + icons) into teams-manifest/dist/frontline-visits-teams.zip.
 * Placeholders written as {{NAME}} in the manifest (the bot's Entra app id, for instance) are
 * filled from environment variables of the same name; a council's IT sets them before upload.
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
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, fs.readFileSync(path.join(dir, icon)));
  }
  const out = path.join(dir, 'dist', 'frontline-visits-teams.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  console.log(`Teams app package: ${path.relative(process.cwd(), out)}`);
  if (missing.size) {
    console.warn(`Set ${Array.from(missing).join(', ')} before uploading this package to Teams: the manifest still holds their placeholders.`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
