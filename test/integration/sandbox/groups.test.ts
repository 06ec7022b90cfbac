/**
 * Groups as SharePoint has them: membership hidden from non-members (SharePoint's default for a
 * new group), Entra security groups held in SharePoint groups as one principal, and the web
 * part's reads working for every role both ways — person added directly, person in through an
 * Entra group — with the members group hidden.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import { FrontlineDataService } from '../../../src/data/FrontlineDataService';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS } from '../../../src/data/listContract';
import { emptyGrid } from '../../../src/domain/grid';
import { ROLE_GROUPS } from '../../../src/domain/roles';
import { ENTRA, entraDirectoryFile, VIA_ENTRA } from '../../helpers/entraDirectory';
import { failureOf, graphClientForApp, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { buildForm } from '../../helpers/reportFixtures';

const TODAY = '2026-06-15';
const quoted = (title: string): string => encodeURIComponent(`'${title.replace(/'/g, "''")}'`);

describe('sandbox: SharePoint groups with hidden membership and Entra security groups inside', () => {
  const fixture = withSandbox({ today: TODAY, directoryFile: entraDirectoryFile() });

  const service = (email: string): FrontlineDataService => new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, email));

  async function raw(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: { [k: string]: unknown } }> {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/${path}`, {
      method,
      headers: { 'X-Sandbox-User': email, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  }

  it('creates every role group with membership visible to its members only, as SharePoint does', async () => {
    const groups = await spForApp(fixture.sandbox.siteUrl).web.siteGroups.select('Title', 'OnlyAllowMembersViewMembership')();
    for (const title of Object.values(ROLE_GROUPS)) {
      expect(groups.filter((g) => g.Title === title).map((g) => g.OnlyAllowMembersViewMembership)).toEqual([true]);
    }
  });

  it("refuses a non-member the group's members with SharePoint's access denied", async () => {
    for (const email of [PERSONAS.improvement, PERSONAS.clerk, PERSONAS.headOfService]) {
      const answer = await raw(email, 'GET', `web/sitegroups/getbyname(${quoted(ROLE_GROUPS.Councillor)})/users`);
      expect(answer.status).toBe(403);
      expect(answer.json['odata.error']).toEqual({
        code: '-2147024891, System.UnauthorizedAccessException',
        message: { lang: 'en-US', value: 'Access denied. You do not have permission to perform this action or access this resource.' },
      });
    }
  });

  it('shows a member the group: people, and the Entra group as one SecurityGroup principal, never its people', async () => {
    const answer = await raw(VIA_ENTRA.councillor.email, 'GET', `web/sitegroups/getbyname(${quoted(ROLE_GROUPS.Councillor)})/users`);
    expect(answer.status).toBe(200);
    const principals = answer.json.value as Array<{ Title: string; PrincipalType: number; LoginName: string; Email: string; AadObjectId: { NameId: string } }>;
    const groups = principals.filter((p) => p.PrincipalType === 4);
    expect(groups).toEqual([
      expect.objectContaining({
        Title: ENTRA.councillors.displayName,
        LoginName: `c:0t.c|tenant|${ENTRA.councillors.objectId}`,
        Email: '',
        AadObjectId: expect.objectContaining({ NameId: ENTRA.councillors.objectId }),
      }),
    ]);
    expect(principals.some((p) => p.Email === VIA_ENTRA.councillor.email)).toBe(false);
    expect(principals.some((p) => p.Email === PERSONAS.hale)).toBe(true);
  });

  it('lists in currentuser/groups only the groups a person was added to directly; CanCurrentUserViewMembership counts the Entra group', async () => {
    const direct = await raw(VIA_ENTRA.councillor.email, 'GET', 'web/currentuser/groups');
    expect(direct.json.value).toEqual([]);
    const members = await raw(
      VIA_ENTRA.councillor.email,
      'GET',
      `web/sitegroups/getbyname(${quoted(ROLE_GROUPS.Councillor)})?$select=Title,CanCurrentUserViewMembership,CanCurrentUserManageGroup`,
    );
    expect(members.json).toEqual({ Title: ROLE_GROUPS.Councillor, CanCurrentUserViewMembership: true, CanCurrentUserManageGroup: false });
    const heads = await raw(
      VIA_ENTRA.councillor.email,
      'GET',
      `web/sitegroups/getbyname(${quoted(ROLE_GROUPS.HeadOfService)})?$select=CanCurrentUserViewMembership`,
    );
    expect(heads.json).toEqual({ CanCurrentUserViewMembership: false });
    // Left out unless selected, as SharePoint does.
    const plain = await raw(VIA_ENTRA.councillor.email, 'GET', `web/sitegroups/getbyname(${quoted(ROLE_GROUPS.Councillor)})`);
    expect(plain.json).not.toHaveProperty('CanCurrentUserViewMembership');
  });

  it.each([
    ['a councillor added directly', PERSONAS.hale, ['Councillor']],
    ['a councillor in the Entra group', VIA_ENTRA.councillor.email, ['Councillor']],
    ['a Head of Service added directly', PERSONAS.headOfService, ['HeadOfService']],
    ['a Head of Service in the Entra group', VIA_ENTRA.headOfService.email, ['HeadOfService']],
    ['a Head of Service in a group nested in the Entra group', VIA_ENTRA.nestedHeadOfService.email, ['HeadOfService']],
    ['the improvement team', PERSONAS.improvement, ['ImprovementTeam']],
    ['the clerk', PERSONAS.clerk, ['Clerk']],
  ])('gives %s the right roles on the start page', async (_who, email, roles) => {
    const start = await service(email).getStartPage(TODAY);
    expect(start.user.roles).toEqual(roles);
  });

  it.each([
    ['the improvement team', PERSONAS.improvement],
    ['the clerk', PERSONAS.clerk],
    ['a Head of Service added directly', PERSONAS.headOfService],
    ['a Head of Service in the Entra group', VIA_ENTRA.headOfService.email],
  ])('lets %s open every report although the members group is hidden from them', async (_who, email) => {
    const all = await spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id')();
    expect(all.length).toBeGreaterThan(5);
    const reader = service(email);
    const start = await reader.getStartPage(TODAY);
    const opened: number[] = [];
    for (const item of all) {
      const screen = await reader.getReportScreen(item.Id, false);
      opened.push(screen.report.id);
    }
    expect(opened).toEqual(all.map((i) => i.Id));
    expect(start.reports.length).toBeGreaterThan(0);
    // Asking for the members picker as well would read the hidden group, and SharePoint refuses it.
    expect((await failureOf(reader.getReportScreen(all[0].Id, true))).status).toBe(403);
  });

  it('lets a councillor in the Entra group write a draft, and edit only their own', async () => {
    const writer = service(VIA_ENTRA.councillor.email);
    const start = await writer.getStartPage(TODAY);
    const options = await writer.getFormOptions();
    expect(options.councillorGroups).toEqual([ENTRA.councillors.displayName]);
    expect(options.councillors.map((c) => c.email)).toContain(PERSONAS.hale);
    const me = { id: start.user.id, displayName: start.user.displayName, email: start.user.email };
    const saved = await writer.saveDraft(
      buildForm({ title: 'Visit report', teamId: options.teams[0].id, visitDate: TODAY, members: [me], staffInvolved: '', grid: emptyGrid(), safetyScale: 5 }),
      {},
    );
    const mine = await writer.getDraftScreen(saved.reportId);
    expect(mine.report.id).toBe(saved.reportId);
    // The group's role reaches them through the Entra group: they may edit their draft, not another's.
    const drafts = spForUser(fixture.sandbox.siteUrl, VIA_ENTRA.councillor.email).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items;
    await drafts.getById(saved.reportId).update({ Title: 'Edited' });
    const others = (await drafts.select('Id', 'AuthorId')()).filter((i: { AuthorId: number }) => i.AuthorId !== start.user.id);
    expect(others.length).toBeGreaterThan(0);
    expect((await failureOf(drafts.getById(others[0].Id).update({ Title: 'Not mine' }))).status).toBe(403);
  });

  it('refuses the improvement team any change to group membership or to who may view it', async () => {
    const improvement = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement);
    const me = await improvement.web.currentUser();
    expect((await failureOf(improvement.web.siteGroups.getByName(ROLE_GROUPS.HeadOfService).users.add(me.LoginName))).status).toBe(403);
    expect((await failureOf(improvement.web.siteGroups.getByName(ROLE_GROUPS.Councillor).update({ OnlyAllowMembersViewMembership: false }))).status).toBe(403);
    const hos = await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(PERSONAS.headOfService)();
    expect((await failureOf(improvement.web.siteGroups.getByName(ROLE_GROUPS.HeadOfService).users.removeById(hos.Id))).status).toBe(403);
    const members = await spForApp(fixture.sandbox.siteUrl).web.siteGroups.getByName(ROLE_GROUPS.HeadOfService).users.select('Id')();
    expect(members.map((m) => m.Id)).toContain(hos.Id);
    expect(members.map((m) => m.Id)).not.toContain(me.Id);
  });

  it('answers Graph checkMemberGroups and transitiveMembers for the app, transitively, and refuses a person', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const ids = [ENTRA.councillors.objectId, ENTRA.headsOfService.objectId];
    expect((await graph.api(`/users/${VIA_ENTRA.nestedHeadOfService.objectId}/checkMemberGroups`).post({ groupIds: ids })).value).toEqual([
      ENTRA.headsOfService.objectId,
    ]);
    expect((await graph.api(`/users/${PERSONAS.hale}/checkMemberGroups`).post({ groupIds: ids })).value).toEqual([]);
    const members = (await graph.api(`/groups/${ENTRA.headsOfService.objectId}/transitiveMembers`).get()).value as Array<{ '@odata.type': string; id: string }>;
    expect(
      members
        .filter((m) => m['@odata.type'] === '#microsoft.graph.user')
        .map((m) => m.id)
        .sort(),
    ).toEqual([VIA_ENTRA.headOfService.objectId, VIA_ENTRA.nestedHeadOfService.objectId].sort());
    const tooMany = await failureOf(graph.api(`/users/${PERSONAS.hale}/checkMemberGroups`).post({ groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`) }));
    expect(tooMany.statusCode).toBe(400);
    const asPerson = await fetch(`${fixture.sandbox.url}/v1.0/users/${VIA_ENTRA.councillor.objectId}/checkMemberGroups`, {
      method: 'POST',
      headers: { 'X-Sandbox-User': VIA_ENTRA.councillor.email, 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupIds: ids }),
    });
    expect(asPerson.status).toBe(403);
    expect((await asPerson.json()).error.code).toBe('Authorization_RequestDenied');
  });
});

describe('sandbox: Graph directory calls need directory permissions, not a site grant', () => {
  const fixture = withSandbox({ today: TODAY, directoryFile: entraDirectoryFile(), botApp: { directoryRead: false } });

  it('refuses the app checkMemberGroups and transitiveMembers without User.Read.All and GroupMember.Read.All', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const check = await failureOf(
      graph.api(`/users/${VIA_ENTRA.headOfService.objectId}/checkMemberGroups`).post({ groupIds: [ENTRA.headsOfService.objectId] }),
    );
    expect([check.statusCode, check.code]).toEqual([403, 'Authorization_RequestDenied']);
    const members = await failureOf(graph.api(`/groups/${ENTRA.headsOfService.objectId}/transitiveMembers`).get());
    expect([members.statusCode, members.code]).toEqual([403, 'Authorization_RequestDenied']);
    // Its site grant is untouched: the lists still answer.
    expect((await graph.api('/sites/localhost:/sites/frontline-visits:/lists').get()).value.length).toBeGreaterThan(0);
  });
});
