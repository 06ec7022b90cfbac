/**
 * Item-level role assignments as SharePoint has them: breaking an item's inheritance, binding
 * users and groups to roles, and what a person may then do — exactly what the item's assignments
 * give them. The report lists cannot have them (a list with a unique column refuses), so they are
 * shown on the rota, which has none.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { PERSONAS, sandboxAppToken, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';

const READ = 1073741826;
const CONTRIBUTE = 1073741827;

describe('sandbox item-level permissions', () => {
  const fixture = withSandbox({ today: '2026-06-15', seed: 'empty', submittedLockRule: false });

  async function api(who: string | 'app', method: string, path: string, body?: unknown): Promise<{ status: number; json: { [k: string]: unknown } }> {
    const identity: { [k: string]: string } = who === 'app' ? { Authorization: `Bearer ${sandboxAppToken()}` } : { 'X-Sandbox-User': who };
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/${path}`, {
      method,
      headers: { ...identity, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', 'If-Match': '*' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  }

  const itemPath = (title: string, id: number): string => `web/lists/getbytitle('${title}')/items(${id})`;

  async function rotaEntry(): Promise<number> {
    return (
      await spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement)
        .web.lists.getByTitle(VISIT_ROTA.title)
        .items.add({ Title: 'Visit', VisitDate: '2026-06-01T23:00:00Z', TeamId: 1, RotaStatus: 'Scheduled' })
    ).Id;
  }

  it('gives a person exactly what the item binds them to once its inheritance is broken', async () => {
    const id = await rotaEntry();
    const path = itemPath(VISIT_ROTA.title, id);
    const clerk = await spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk).web.currentUser();
    expect((await api('app', 'POST', `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(200);
    expect((await api('app', 'POST', `${path}/roleassignments/addroleassignment(principalid=${clerk.Id},roledefid=${READ})`)).status).toBe(200);
    expect((await api('app', 'GET', `${path}/HasUniqueRoleAssignments`)).json).toEqual({ value: true });
    expect((await api(PERSONAS.clerk, 'GET', `${path}?$select=Title`)).json).toEqual({ Title: 'Visit' });
    expect((await api(PERSONAS.clerk, 'MERGE', path, { Title: 'Changed' })).status).toBe(403);
    // The improvement team edits the rota, but not an item that no longer binds them.
    expect((await api(PERSONAS.improvement, 'GET', path)).status).toBe(404);
    expect((await api(PERSONAS.hale, 'GET', path)).status).toBe(404);
    expect((await api('app', 'POST', `${path}/roleassignments/addroleassignment(principalid=${clerk.Id},roledefid=${CONTRIBUTE})`)).status).toBe(200);
    expect((await api(PERSONAS.clerk, 'MERGE', path, { Title: 'Changed' })).status).toBe(204);
    expect((await api('app', 'POST', `${path}/resetroleinheritance`)).status).toBe(200);
    expect((await api(PERSONAS.improvement, 'GET', `${path}?$select=Title`)).json).toEqual({ Title: 'Changed' });
  });

  it('lets only the app change permissions, and refuses bindings on an inheriting item', async () => {
    const id = await rotaEntry();
    const path = itemPath(VISIT_ROTA.title, id);
    const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
    for (const who of [PERSONAS.hale, PERSONAS.improvement]) {
      expect((await api(who, 'POST', `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(403);
      expect((await api(who, 'POST', `${path}/roleassignments/addroleassignment(principalid=${hale.Id},roledefid=${CONTRIBUTE})`)).status).toBe(403);
    }
    expect((await api('app', 'POST', `${path}/roleassignments/addroleassignment(principalid=${hale.Id},roledefid=${READ})`)).status).toBe(400);
  });

  it('refuses unique permissions on the report lists, whose Rota entry column enforces unique values', async () => {
    const visit = await rotaEntry();
    const draft = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale)
      .web.lists.getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.add({ Title: 'Draft', RotaEntryId: visit });
    const report = await spForApp(fixture.sandbox.siteUrl)
      .web.lists.getByTitle(VISIT_REPORTS.title)
      .items.add({ Title: 'Report', RotaEntryId: visit, ReportStatus: 'Submitted' });
    for (const path of [itemPath(VISIT_REPORT_DRAFTS.title, draft.Id), itemPath(VISIT_REPORTS.title, report.Id)]) {
      expect((await api('app', 'POST', `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(400);
      expect((await api('app', 'GET', `${path}/HasUniqueRoleAssignments`)).json).toEqual({ value: false });
    }
  });
});

describe('sandbox demo seed and the bot', () => {
  const fixture = withSandbox({ today: '2026-06-15' });

  it('has the answered reports last changed by the app, as the bot writes answers, and the submitted ones left for the bot to pick up', async () => {
    const response = await fetch(
      `${fixture.sandbox.siteUrl}/_api/web/lists/getbytitle('${VISIT_REPORTS.title}')/items?$filter=${encodeURIComponent("ReportStatus eq 'Submitted' or ReportStatus eq 'Responded'")}&$select=Id,ReportStatus,HasUniqueRoleAssignments,AuthorId,EditorId&$top=5000`,
      { headers: { Authorization: `Bearer ${sandboxAppToken()}`, Accept: 'application/json;odata=nometadata' } },
    );
    const rows = (
      (await response.json()) as { value: Array<{ Id: number; ReportStatus: string; HasUniqueRoleAssignments: boolean; AuthorId: number; EditorId: number }> }
    ).value;
    const app = (await spForApp(fixture.sandbox.siteUrl).web.currentUser()).Id;
    const responded = rows.filter((r) => r.ReportStatus === 'Responded');
    expect(responded.length).toBeGreaterThan(0);
    expect(responded.every((r) => r.EditorId === app && r.AuthorId !== app)).toBe(true);
    expect(rows.filter((r) => r.ReportStatus === 'Submitted').every((r) => r.EditorId === r.AuthorId)).toBe(true);
    expect(rows.every((r) => !r.HasUniqueRoleAssignments)).toBe(true);
  });
});
