/**
 * The data site travels with the package: the web part's manifest names it for every new
 * instance (the Teams personal app cannot be configured), and a channel tab opens the web part's
 * settings when it is added, so a team owner can point it elsewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DATA_SITE_PROPERTY, DEFAULT_DATA_SITE } from '../../../src/app/hostContext';
import { SITE_RELATIVE_URL } from '../../../src/data/listContract';

const root = path.join(__dirname, '..', '..', '..');
const webPart = JSON.parse(fs.readFileSync(path.join(root, 'src/webparts/frontlineVisits/FrontlineVisitsWebPart.manifest.json'), 'utf8'));
const teams = JSON.parse(fs.readFileSync(path.join(root, 'teams-manifest/manifest.json'), 'utf8'));

describe('the data site setting', () => {
  it('defaults to the provisioned site, in the web part manifest every host starts from', () => {
    expect(DEFAULT_DATA_SITE).toBe(SITE_RELATIVE_URL);
    expect(webPart.preconfiguredEntries[0].properties[DATA_SITE_PROPERTY]).toBe(DEFAULT_DATA_SITE);
    expect(webPart.supportedHosts).toEqual(expect.arrayContaining(['SharePointWebPart', 'TeamsTab', 'TeamsPersonalApp']));
  });

  it('is offered when a channel tab is added, and the personal app runs on the tenant root (so it needs the setting)', () => {
    expect(teams.configurableTabs[0].configurationUrl).toContain('openPropertyPane=true');
    expect(teams.configurableTabs[0].configurationUrl).toContain('dest={teamSitePath}/_layouts/15/teamshostedapp.aspx');
    expect(teams.staticTabs[0].contentUrl).toContain('dest=/_layouts/15/teamshostedapp.aspx');
    expect(teams.staticTabs[0].contentUrl).toContain(`componentId=${webPart.id}`);
  });
});
