/**
 * Provisioning that proves itself: against a sandbox started as a bare site (no lists, no
 * groups, Pacific time as a new SharePoint site has), the plan in `sharepoint/lists/` makes a
 * working site through the site script and REST endpoints SharePoint has; people added to the
 * groups then use it (a councillor submits a report, the bot posts its card); a second run
 * changes nothing; a failing site script action stops the run, named.
 */
import * as fs from 'fs';
import * as path from 'path';
import '@pnp/sp/site-users/web';
import { DefaultHeaders, DefaultInit, SPFI, spfi } from '@pnp/sp';
import { BrowserFetchWithRetry, DefaultParse, InjectHeaders } from '@pnp/queryable';
import { applyPlan, ApplyResult, ProvisioningError } from '../../../src/provisioning/apply';
import { ListSettings, provisioningPlan, ProvisioningStep, SiteScript } from '../../../src/provisioning/plan';
import { FRONTLINE_TEAMS, LIST_DEFINITIONS, SITE_RELATIVE_URL } from '../../../src/data/listContract';
import { ROLE_GROUPS } from '../../../src/domain/roles';
import { FIXED_PERSONAS } from '../../../src/sandbox/directory';
import { failureOf, graphClientForApp, SandboxHandle, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { botSiteSettings } from '../../../src/provisioning/botSettings';
import { graphClient, graphGrantEnsurer } from '../../../src/provisioning/appGrant';
import { BOT_APP_ID, BOT_APP_NAME, DEFAULT_ADMIN_TOKEN } from '../../../src/sandbox/appIdentity';
import { CHANNEL_ID, reportItem, startTestBot, submitReport } from '../bot/botHarness';
import { FakeConnector } from '../bot/fakeConnector';

const listsDir = path.join(__dirname, '../../../sharepoint/lists');
const script = (): SiteScript => JSON.parse(fs.readFileSync(path.join(listsDir, 'frontline-visits.sitescript.json'), 'utf8'));
const settings = (): ListSettings => JSON.parse(fs.readFileSync(path.join(listsDir, 'list-settings.json'), 'utf8'));

/** The administrator provisioning: a site collection administrator's rights on SharePoint, and Graph Sites.FullControl.All for the grant. */
function spForAdmin(siteUrl: string): SPFI {
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry({ retries: 1 }),
    DefaultParse(),
    InjectHeaders({ Authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` }),
  );
}

async function provision(sandbox: SandboxHandle, steps: ProvisioningStep[], lines: string[] = [], grant = true): Promise<ApplyResult> {
  const siteUrl = sandbox.siteUrl;
  const app = grant
    ? { appId: BOT_APP_ID, displayName: BOT_APP_NAME, ensure: graphGrantEnsurer(graphClient(sandbox.url, DEFAULT_ADMIN_TOKEN), siteUrl) }
    : { appId: BOT_APP_ID };
  return applyPlan(spForAdmin(siteUrl), steps, { siteUrl, siteRelativeUrl: SITE_RELATIVE_URL, log: (line) => lines.push(line), app });
}

/** Everything provisioning decides, read back through REST, for before/after comparisons. */
async function siteState(sp: SPFI, siteUrl: string): Promise<unknown> {
  const lists = await sp.web.lists.select('Title', 'EnableVersioning', 'MajorVersionLimit', 'ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
  const scripts = await Promise.all(LIST_DEFINITIONS.map((d) => sp.siteScripts.getSiteScriptFromList(`${siteUrl}/Lists/${d.urlName}`)));
  const listRoles = await Promise.all(LIST_DEFINITIONS.map((d) => sp.web.lists.getByTitle(d.title).roleAssignments.expand('RoleDefinitionBindings')()));
  return {
    lists,
    scripts,
    listRoles,
    groups: await sp.web.siteGroups.select('Id', 'Title')(),
    webRoles: await sp.web.roleAssignments.expand('RoleDefinitionBindings')(),
    timeZone: await sp.web.regionalSettings.timeZone(),
  };
}

const DEFAULT_GROUPS = ['Frontline Visits Owners', 'Frontline Visits Members', 'Frontline Visits Visitors'];

describe('provisioning an empty site', () => {
  // A new site, and the bot's app consented but granted nothing on it yet.
  const fixture = withSandbox({ bareSite: true, botApp: { siteRoles: {} } });

  it("starts from a site with no lists and only SharePoint's default groups, which the bot cannot use", async () => {
    const sp = spForAdmin(fixture.sandbox.siteUrl);
    expect(await sp.web.lists()).toEqual([]);
    expect((await sp.web.siteGroups()).map((g) => g.Title)).toEqual(DEFAULT_GROUPS);
    expect((await sp.web.regionalSettings.timeZone()).Id).not.toBe(2);
    await expect(spForApp(fixture.sandbox.siteUrl).web()).rejects.toMatchObject({ status: 403 });
  });

  let first: ApplyResult;
  const firstLog: string[] = [];

  it('makes the lists with every field, index and choice of the contract, the settings, the groups and London time', async () => {
    first = await provision(fixture.sandbox, provisioningPlan(script(), settings()), firstLog);
    expect(first.changed).toBeGreaterThan(20);
    const store = fixture.sandbox.store;
    for (const contract of LIST_DEFINITIONS) {
      const list = store.listByUrlName(contract.urlName)!;
      expect(list).toBeDefined();
      expect(list.definition.title).toBe(contract.title);
      expect(list.definition.itemLevelSecurity).toEqual(contract.itemLevelSecurity);
      for (const field of contract.fields.filter((f) => f.internalName !== 'Title')) {
        const made = list.definition.fields.find((f) => f.internalName === field.internalName);
        // A note's length is the form's rule: SharePoint's multi-line fields have no MaxLength.
        const expected = field.type === 'Note' ? { ...field, maxLength: undefined } : field;
        expect({ list: contract.title, ...made }).toEqual({ list: contract.title, ...expected });
      }
      expect(list.definition.fields.map((f) => f.internalName).sort()).toEqual(contract.fields.map((f) => f.internalName).sort());
    }
    const sp = spForAdmin(fixture.sandbox.siteUrl);
    expect((await sp.web.siteGroups()).map((g) => g.Title).sort()).toEqual(DEFAULT_GROUPS.concat(Object.values(ROLE_GROUPS)).sort());
    expect((await sp.web.regionalSettings.timeZone()).Id).toBe(2);
    const reports = await sp.web.lists.getByTitle('Visit Reports').select('EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
    expect(reports).toMatchObject({ EnableVersioning: true, ReadSecurity: 1, WriteSecurity: 1, HasUniqueRoleAssignments: true });
    // Drafts: every councillor reads them (one per visit); each edits only their own.
    const drafts = await sp.web.lists
      .getByTitle('Visit Report Drafts')
      .select('EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
    expect(drafts).toMatchObject({ EnableVersioning: true, ReadSecurity: 1, WriteSecurity: 2, HasUniqueRoleAssignments: true });
    // With the administrator's consent (--grant) the bot's app now has full control of this site.
    expect(firstLog[firstLog.length - 1]).toMatch(/^done .*Sites\.Selected "fullcontrol"/);
    expect(
      fixture.sandbox.apps
        .grants(SITE_RELATIVE_URL)
        .filter((g) => g.appId === BOT_APP_ID)
        .map((g) => g.role),
    ).toEqual(['fullcontrol']);
  });

  it("names the site and lists as the bot's settings want them: the Graph site id and list ids", async () => {
    const site = fixture.sandbox.siteUrl;
    const settings = new Map(await botSiteSettings(spForAdmin(site), site));
    const graph = graphClientForApp(fixture.sandbox.url);
    const graphSite = await graph.api(`/sites/localhost:${SITE_RELATIVE_URL}`).get();
    expect(settings.get('GRAPH_SITE_ID')).toBe(graphSite.id);
    const lists = (await graph.api(`/sites/${graphSite.id}/lists`).get()).value as Array<{ id: string; displayName: string }>;
    expect(settings.get('GRAPH_LIST_ID_VISIT_REPORTS')).toBe(lists.find((l) => l.displayName === 'Visit Reports')!.id);
    expect(settings.get('GRAPH_LIST_ID_FRONTLINE_TEAMS')).toBe(lists.find((l) => l.displayName === 'Frontline Teams')!.id);
  });

  it('is a working site once people are in the groups: a councillor submits a report and the bot posts its card', async () => {
    const site = fixture.sandbox.siteUrl;
    const admin = spForAdmin(site);
    // The administrator's step: people into the groups (here by REST; the site's People and groups page does the same).
    const groups = await admin.web.siteGroups.select('Id', 'Title')();
    for (const person of FIXED_PERSONAS) {
      for (const title of person.groups) {
        const group = groups.find((g) => g.Title === title)!;
        await admin.web.siteGroups.getById(group.Id).users.add(`i:0#.f|membership|${person.email}`);
      }
    }
    // The improvement team enters the teams; the councillor then writes and submits a report.
    await spForUser(site, PERSONAS.improvement)
      .web.lists.getByTitle(FRONTLINE_TEAMS.title)
      .items.add({ Title: 'Consultation Team (front door)', IsActive: true });
    const connector = await new FakeConnector().start();
    const bot = await startTestBot(fixture.sandbox, connector);
    try {
      const id = await submitReport(fixture.sandbox);
      await bot.sweep();
      expect(connector.cardsFor(id)).toHaveLength(1);
      expect((await reportItem(fixture.sandbox, id)).fields.CardConversationId).toBe(CHANNEL_ID);
      // Every councillor reads the submitted report (one report per visit needs it); its author may no longer change it.
      expect((await spForUser(site, PERSONAS.hale).web.lists.getByTitle('Visit Reports').items.select('Id')()).map((i) => i.Id)).toContain(id);
      expect((await spForUser(site, PERSONAS.osei).web.lists.getByTitle('Visit Reports').items.select('Id')()).map((i) => i.Id)).toContain(id);
      expect(
        (await failureOf(spForUser(site, PERSONAS.hale).web.lists.getByTitle('Visit Reports').items.getById(id).update({ Title: 'Changed after submission' })))
          .status,
      ).toBe(403);
    } finally {
      await bot.close();
      await connector.close();
    }
  });

  it('changes nothing when run a second time', async () => {
    const site = fixture.sandbox.siteUrl;
    const before = await siteState(spForAdmin(site), site);
    const lines: string[] = [];
    const second = await provision(fixture.sandbox, provisioningPlan(script(), settings()), lines);
    expect(lines.filter((l) => !/^already so /.test(l))).toEqual([]);
    expect(second.changed).toBe(0);
    expect(second.outcomes.filter((o) => o.outcome === 'changed')).toEqual([]);
    expect(await siteState(spForAdmin(site), site)).toEqual(before);
    // One list per contract list: no "FrontlineTeams1" from re-applying a renaming script.
    expect((await spForAdmin(site).web.lists.select('Title')()).map((l) => l.Title)).toEqual(LIST_DEFINITIONS.map((d) => d.title));
  });
});

describe('provisioning that meets a failing action', () => {
  const fixture = withSandbox({ bareSite: true });

  it("prints the bot's grant for the administrator unless they consent to provisioning making it", async () => {
    const lines: string[] = [];
    const result = await applyPlan(spForAdmin(fixture.sandbox.siteUrl), [{ kind: 'appGrant', role: 'fullcontrol' }], {
      siteUrl: fixture.sandbox.siteUrl,
      siteRelativeUrl: SITE_RELATIVE_URL,
      log: (line) => lines.push(line),
      app: { appId: BOT_APP_ID },
    });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['printed']);
    expect(lines).toEqual([expect.stringMatching(/^to do .*Sites\.Selected "fullcontrol"/)]);
  });

  it('says what to do when SharePoint does not accept the token', async () => {
    const site = fixture.sandbox.siteUrl;
    const stranger = spfi(site).using(
      DefaultHeaders(),
      DefaultInit(),
      BrowserFetchWithRetry({ retries: 1 }),
      DefaultParse(),
      InjectHeaders({ Authorization: 'Bearer expired-or-foreign' }),
    );
    let failure: unknown;
    try {
      await applyPlan(stranger, provisioningPlan(script(), settings()), { siteUrl: site, siteRelativeUrl: SITE_RELATIVE_URL, log: () => undefined });
    } catch (error) {
      failure = error;
    }
    expect((failure as Error).message).toContain(`SharePoint did not accept the access token. Get a new one for ${fixture.sandbox.url}`);
    expect((failure as Error).message).toContain('must come from a certificate, not a client secret');
  });

  it("stops at the first failed action, naming the list, the action and SharePoint's reason, and goes no further", async () => {
    const broken = script();
    const reports = broken.actions.find((a) => a.listName === 'VisitReports')!;
    // In place of the list's description, so the script keeps its size: SharePoint applies at most
    // 30 actions at once, and the list's own fields may fill them.
    reports.subactions.splice(
      reports.subactions.findIndex((a) => a.verb === 'setDescription'),
      1,
      {
        verb: 'addSPFieldXml',
        schemaXml: '<Field Type="Signature" ID="{3d1a3d7e-6a38-4b53-8d2b-4a3f0b1c2d3e}" Name="Signature" DisplayName="Signature" />',
      },
    );
    const lines: string[] = [];
    let failure: unknown;
    try {
      await provision(fixture.sandbox, provisioningPlan(broken, settings()), lines);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ProvisioningError);
    const message = (failure as Error).message;
    expect(message).toContain('Provisioning stopped at "list "Visit Reports"');
    expect(message).toContain('the action "Add field Signature" failed: Field type Signature is not installed properly');
    // The lists before it were made (teams, rota, unavailable dates, drafts); nothing after it was.
    expect(lines.map((l) => l.slice(0, 10).trim())).toEqual(['done', 'done', 'done', 'done']);
    const sp = spForAdmin(fixture.sandbox.siteUrl);
    expect((await sp.web.siteGroups()).map((g) => g.Title)).toEqual(DEFAULT_GROUPS);
    expect((await sp.web.regionalSettings.timeZone()).Id).not.toBe(2);
  });
});

describe('provisioning with an account that may not set the site up', () => {
  const fixture = withSandbox({ bareSite: true, botApp: { siteRoles: { [SITE_RELATIVE_URL]: 'write' } } });

  it('stops at the first list, saying a site collection administrator must run it', async () => {
    const site = fixture.sandbox.siteUrl;
    let failure: unknown;
    try {
      await applyPlan(spForApp(site), provisioningPlan(script(), settings()), { siteUrl: site, siteRelativeUrl: SITE_RELATIVE_URL, log: () => undefined });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ProvisioningError);
    expect((failure as Error).message).toMatch(
      /^Provisioning stopped at "list "Frontline Teams".*SharePoint refused the site script: the signed-in account may not change this site: use a site collection administrator of it\. SharePoint said \(403\): Access denied/,
    );
    expect(await spForAdmin(site).web.lists()).toEqual([]);
  });
});
