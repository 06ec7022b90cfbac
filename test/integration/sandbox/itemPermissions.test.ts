/**
 * Item-level role assignments as SharePoint has them: breaking an item's inheritance, binding
 * users and groups to roles, and what a person may then do — exactly what the item's assignments
 * give them, on REST, `$batch` and Graph. Run with the sandbox's own submitted-report rule off, so
 * what holds here is what production's list settings plus the bot's lock give.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { ROLE_GROUPS } from '../../../src/domain/roles';
import { PERSONAS, sandboxAppToken, spForUser, withSandbox } from '../../helpers/sandbox';
import { ALL_REFUSED, tryToChangeReport } from '../../helpers/writeAttempts';

const F = VISIT_REPORTS.fields;
const READ = 1073741826;
const READ_ALL_NAME = 'Frontline Visits - Read all reports';

describe('sandbox item-level permissions (submittedLockRule off)', () => {
  const fixture = withSandbox({ today: '2026-06-15', seed: 'empty', submittedLockRule: false });

  async function api(who: string | 'app', method: string, path: string, body?: unknown): Promise<{ status: number; json: { [k: string]: unknown } }> {
    const identity: { [k: string]: string } = who === 'app' ? { Authorization: `Bearer ${sandboxAppToken()}` } : { 'X-Sandbox-User': who };
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/${path}`, {
      method,
      headers: { ...identity, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  }

  const itemPath = (id: number): string => `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})`;

  async function submittedByHale(): Promise<number> {
    const list = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title);
    const added = await list.items.add({ [F.Title]: 'Hale visit', [F.ReportStatus]: 'Draft', [F.StaffingWorries]: 'A worry' });
    await list.items.getById(added.Id).update({ [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: '2026-06-15T09:00:00Z' });
    return added.Id;
  }

  /** What the bot does on pickup, in the same REST calls. */
  async function lockAsTheBotDoes(id: number, authorId: number): Promise<void> {
    expect((await api('app', 'POST', `${itemPath(id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(200);
    const readAll = (await api('app', 'GET', `web/roledefinitions/getbyname('${READ_ALL_NAME}')?$select=Id`)).json.Id as number;
    const read = (await api('app', 'GET', `web/roledefinitions/getbyname('Read')`)).json.Id as number;
    expect(read).toBe(READ);
    const assignments: Array<[number, number]> = [[authorId, read]];
    for (const title of [ROLE_GROUPS.ImprovementTeam, ROLE_GROUPS.HeadOfService, ROLE_GROUPS.Clerk]) {
      const group = await api('app', 'GET', `web/sitegroups/getbyname('${encodeURIComponent(title.replace(/'/g, "''"))}')?$select=Id`);
      assignments.push([group.json.Id as number, readAll]);
    }
    for (const [principal, role] of assignments) {
      expect((await api('app', 'POST', `${itemPath(id)}/roleassignments/addroleassignment(principalid=${principal},roledefid=${role})`)).status).toBe(200);
    }
  }

  it('without a lock, production list settings let the author change a submitted report, feedback and card fields included', async () => {
    const id = await submittedByHale();
    await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).items.getById(id).update({ [F.HosFeedback]: 'Written by the author', [F.CardActivityId]: 'fake' });
    const item = await api('app', 'GET', `${itemPath(id)}?$select=HosFeedback,HasUniqueRoleAssignments`);
    expect(item.json).toEqual({ HosFeedback: 'Written by the author', HasUniqueRoleAssignments: false });
  });

  it('once locked, the author reads but cannot write through REST, $batch or Graph; the reading groups read; others see nothing', async () => {
    const id = await submittedByHale();
    const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    await lockAsTheBotDoes(id, hale.Id);

    expect((await api('app', 'GET', `${itemPath(id)}?$select=HasUniqueRoleAssignments`)).json).toEqual({ HasUniqueRoleAssignments: true });
    expect((await api('app', 'GET', `${itemPath(id)}/HasUniqueRoleAssignments`)).json).toEqual({ value: true });

    expect(await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.Title]: 'Changed after submission', [F.HosFeedback]: 'Self-answered' })).toEqual(ALL_REFUSED);
    for (const reader of [PERSONAS.hale, PERSONAS.improvement, PERSONAS.headOfService, PERSONAS.clerk]) {
      const read = await api(reader, 'GET', `${itemPath(id)}?$select=Title,HosFeedback`);
      expect({ reader, status: read.status, json: read.json }).toEqual({ reader, status: 200, json: { Title: 'Hale visit', HosFeedback: null } });
    }
    expect((await api(PERSONAS.osei, 'GET', itemPath(id))).status).toBe(404);
    // Read-all is read only: a Head of Service's direct answer is refused too (the bot writes it).
    expect((await tryToChangeReport(fixture.sandbox, PERSONAS.headOfService, id, { [F.HosFeedback]: 'Direct', [F.ReportStatus]: 'Responded' })).graphPatch).toBe(403);
    // The app (Sites.Selected, full control) still writes.
    const graph = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${VISIT_REPORTS.urlName}/items/${id}/fields`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sandboxAppToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ [F.CardActivityId]: 'activity-1' })
    });
    expect(graph.status).toBe(200);
  });

  it('lets only the app change permissions, refuses bindings on an inheriting item, and adds a binding once however often it is asked', async () => {
    const id = await submittedByHale();
    const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    for (const who of [PERSONAS.hale, PERSONAS.improvement]) {
      expect((await api(who, 'POST', `${itemPath(id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(403);
      expect((await api(who, 'POST', `${itemPath(id)}/roleassignments/addroleassignment(principalid=${hale.Id},roledefid=1073741827)`)).status).toBe(403);
    }
    expect((await api('app', 'POST', `${itemPath(id)}/roleassignments/addroleassignment(principalid=${hale.Id},roledefid=${READ})`)).status).toBe(400);
    await lockAsTheBotDoes(id, hale.Id);
    await lockAsTheBotDoes(id, hale.Id);
    const listed = await api('app', 'GET', `${itemPath(id)}/roleassignments?$expand=RoleDefinitionBindings`);
    const pairs = (listed.json.value as Array<{ PrincipalId: number; RoleDefinitionBindings: Array<{ Id: number }> }>).map((a) => a.RoleDefinitionBindings.map((b) => `${a.PrincipalId}:${b.Id}`)).flat();
    // The app (the caller that broke inheritance) with Full Control, the author, the three groups.
    expect(pairs.length).toBe(5);
    expect(pairs).toContain(`${hale.Id}:${READ}`);
    // A person bound with Contribute on a locked item may write it: the assignments alone decide.
    expect((await api('app', 'POST', `${itemPath(id)}/roleassignments/addroleassignment(principalid=${hale.Id},roledefid=1073741827)`)).status).toBe(200);
    expect((await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.Title]: 'Allowed again' })).restMerge).toBe(204);
  });
});

describe('sandbox demo seed and item permissions', () => {
  const fixture = withSandbox({ today: '2026-06-15' });

  it('locks the answered reports as the bot would have and leaves the submitted ones for the bot to pick up', async () => {
    const response = await fetch(
      `${fixture.sandbox.siteUrl}/_api/web/lists/getbytitle('${VISIT_REPORTS.title}')/items?$filter=${encodeURIComponent("ReportStatus eq 'Submitted' or ReportStatus eq 'Responded'")}&$select=Id,ReportStatus,HasUniqueRoleAssignments,AuthorId&$top=5000`,
      { headers: { Authorization: `Bearer ${sandboxAppToken()}`, Accept: 'application/json;odata=nometadata' } }
    );
    const rows = ((await response.json()) as { value: Array<{ Id: number; ReportStatus: string; HasUniqueRoleAssignments: boolean; AuthorId: number }> }).value;
    const responded = rows.filter((r) => r.ReportStatus === 'Responded');
    expect(responded.length).toBeGreaterThan(0);
    expect(responded.every((r) => r.HasUniqueRoleAssignments)).toBe(true);
    expect(rows.filter((r) => r.ReportStatus === 'Submitted').every((r) => !r.HasUniqueRoleAssignments)).toBe(true);
    // Hale still reads her own answered reports, and the clerk every one of them.
    const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    const hers = responded.filter((r) => r.AuthorId === hale.Id);
    expect(hers.length).toBeGreaterThan(0);
    const seenByHale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).items.filter("ReportStatus eq 'Responded'").select('Id')();
    expect(seenByHale.map((r: { Id: number }) => r.Id).sort()).toEqual(hers.map((r) => r.Id).sort());
    const seenByClerk = await spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title).items.filter("ReportStatus eq 'Responded'").select('Id')();
    expect(seenByClerk).toHaveLength(responded.length);
  });
});
