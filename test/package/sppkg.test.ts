import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';

/**
 * Runs `npm run package` as a release would and looks inside what it produced: the SharePoint
 * package (tenant-wide deployable, the web part offered in SharePoint and Teams) and the Teams
 * app zip. Slow (a production webpack build), so it runs once for the whole file.
 */
const root = path.join(__dirname, '../..');
const sppkgPath = path.join(root, 'sharepoint/solution/frontline-visits.sppkg');
const teamsZipPath = path.join(root, 'teams-manifest/dist/frontline-visits-teams.zip');

let sppkg: JSZip;
let bundleText = '';

beforeAll(
  async () => {
    for (const stale of [sppkgPath, teamsZipPath]) {
      fs.rmSync(stale, { force: true });
    }
    execSync('npm run package', { cwd: root, stdio: 'pipe', timeout: 8 * 60 * 1000 });
    sppkg = await JSZip.loadAsync(fs.readFileSync(sppkgPath));
    for (const name of Object.keys(sppkg.files).filter((n) => /^ClientSideAssets\/.*\.js$/.test(n))) {
      bundleText += await sppkg.file(name)!.async('string');
    }
  },
  10 * 60 * 1000,
);

function decodeXmlAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('npm run package', () => {
  it('produces a tenant-wide deployable .sppkg', async () => {
    const appManifest = await sppkg.file('AppManifest.xml')!.async('string');
    expect(appManifest).toContain('SkipFeatureDeployment="true"');
    expect(appManifest).toContain('IsClientSideSolution="true"');
  });

  it('lists the three hosts in the web part manifest inside the package', async () => {
    const webPartXmlName = Object.keys(sppkg.files).find((n) => /WebPart_.*\.xml$/.test(n))!;
    const xml = await sppkg.file(webPartXmlName)!.async('string');
    const manifest = JSON.parse(decodeXmlAttribute(/ComponentManifest="([^"]*)"/.exec(xml)![1]));
    expect(manifest.alias).toBe('FrontlineVisitsWebPart');
    expect(manifest.supportedHosts.sort()).toEqual(['SharePointWebPart', 'TeamsPersonalApp', 'TeamsTab']);
    // every new instance, the Teams personal app included, reads its lists on the data site it names
    expect(manifest.preconfiguredEntries[0].properties.dataSiteUrl).toBe('/sites/frontline-visits');
  });

  it('ships no sandbox or bot code in the browser bundle', () => {
    expect(bundleText.length).toBeGreaterThan(10000);
    for (const marker of ['node:sqlite', 'X-Sandbox-User', 'sandbox_user', 'sandbox-app-token', '@microsoft/teams.apps', 'startSandbox', 'startBot']) {
      expect({ marker, found: bundleText.indexOf(marker) !== -1 }).toEqual({ marker, found: false });
    }
  });

  it('zips the Teams app with its manifest and both icons', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(teamsZipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });
});
