import * as fs from 'fs';
import * as path from 'path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { NOTIFICATION_KINDS } from '../../src/data/listContract';

const manifestDir = path.join(__dirname, '../../teams-manifest');
const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));

/** The schema the package bundles for the manifest's own version: validation stays offline. */
function bundledSchema(version: string): Parameters<typeof AppManifestUtils.validateAgainstSchema>[1] {
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Teams app manifest', () => {
  it('validates against the official schema of its version with zero errors', async () => {
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    const failures = await AppManifestUtils.validateAgainstSchema(manifest, bundledSchema(manifest.manifestVersion));
    expect(failures).toEqual([]);
  });

  it('uses a current schema version', () => {
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(22);
  });

  it('has the two icons at the sizes Teams requires', () => {
    expect(pngSize(path.join(manifestDir, manifest.icons.color))).toEqual({ width: 192, height: 192 });
    expect(pngSize(path.join(manifestDir, manifest.icons.outline))).toEqual({ width: 32, height: 32 });
  });

  it('points the personal and team tabs at the SPFx web part', () => {
    const webPart = JSON.parse(fs.readFileSync(path.join(__dirname, '../../src/webparts/frontlineVisits/FrontlineVisitsWebPart.manifest.json'), 'utf8'));
    expect(
      manifest.staticTabs.some(
        (t: { contentUrl: string; scopes: string[] }) => t.scopes.indexOf('personal') !== -1 && t.contentUrl.indexOf(`componentId=${webPart.id}`) !== -1,
      ),
    ).toBe(true);
    expect(
      manifest.configurableTabs.some(
        (t: { configurationUrl: string; scopes: string[] }) =>
          t.scopes.indexOf('team') !== -1 && t.configurationUrl.indexOf(`componentId=${webPart.id}`) !== -1,
      ),
    ).toBe(true);
  });

  it('would fail a manifest that breaks the schema', async () => {
    const broken = { ...manifest, accentColor: 'blue', name: { short: '' } };
    const failures = await AppManifestUtils.validateAgainstSchema(broken, bundledSchema(manifest.manifestVersion));
    expect(failures.length).toBeGreaterThan(0);
  });

  it('declares every activity feed notification the bot sends, and names the bot as the app that sends them', () => {
    const types: Array<{ type: string; description: string; templateText: string }> = manifest.activities.activityTypes;
    expect(types.map((t) => t.type).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    for (const t of types) {
      expect(t.type.length).toBeLessThanOrEqual(32);
      expect(t.templateText.length).toBeLessThanOrEqual(128);
      expect(t.templateText.startsWith('{actor}')).toBe(true);
    }
    // Graph accepts sendActivityNotification only from the Entra app in webApplicationInfo.
    expect(manifest.webApplicationInfo.id).toBe(manifest.bots[0].botId);
  });
});
