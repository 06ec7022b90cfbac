/**
 * The sandbox's SharePoint REST face, driven through PnPjs itself as production code drives it.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/batching';
import { FrontlineDataService } from '../../../src/data/FrontlineDataService';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { DRAFT_EXPAND, DRAFT_SELECT, toDraftReport } from '../../../src/data/mappers';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';

const TODAY = '2026-06-15';
const F = VISIT_REPORTS.fields;

describe('sandbox SharePoint REST through PnPjs', () => {
  const fixture = withSandbox({ today: TODAY });

  it('answers the start page batch: current user, groups and the upcoming rota in one round trip', async () => {
    const service = new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    const page = await service.getStartPage(TODAY);
    expect(page.user.email).toBe(PERSONAS.hale);
    expect(page.user.roles).toEqual(['Councillor']);
    expect(page.upcomingRota.length).toBeGreaterThan(6);
    expect(page.upcomingRota.every((r) => r.visitDate >= TODAY)).toBe(true);
    // members are people by site user id (a multi-person column is never asked for emails)
    expect(page.upcomingRota.some((r) => r.members.some((m) => m.id === page.user.id))).toBe(true);
    expect(page.upcomingRota[0].teamTitle).toMatch(/Team/);
  });

  it('returns site users with Entra object ids, and ensureuser finds a persona by login name', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk);
    type SiteUserJson = { Id: number; Email: string; AadObjectId: unknown; UserPrincipalName: string; LoginName: string };
    const users = (await sp.web.siteUsers()) as unknown as SiteUserJson[];
    const hos = users.find((u) => u.Email === PERSONAS.headOfService) as SiteUserJson;
    expect(hos.AadObjectId).toEqual({ NameId: '0b6f3c1e-0000-4000-8000-000000000020', NameIdIssuer: 'urn:federation:microsoftonline' });
    expect(hos.UserPrincipalName).toBe(PERSONAS.headOfService);
    expect(hos.LoginName).toBe(`i:0#.f|membership|${PERSONAS.headOfService}`);
    const ensured = await sp.web.ensureUser(`i:0#.f|membership|${PERSONAS.osei}`);
    expect((ensured as unknown as { Id: number }).Id).toBe((users.find((u) => u.Email === PERSONAS.osei) as SiteUserJson).Id);
    const groups = await spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService).web.currentUser.groups();
    expect(groups.map((g: { Title: string }) => g.Title)).toEqual(['Heads of Service']);
  });

  it('adds, reads with expanded lookups and people, updates with the ETag and refuses a stale one (412)', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const me = await sp.web.currentUser();
    const reports = sp.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title);
    const added = await reports.items.add({ [F.Title]: 'Smart “quotes” • bullets 😀', [`${F.Team}Id`]: 1, [`${F.Members}Id`]: [me.Id], [F.SafetyScale]: 7 });
    expect(added.Id).toBeGreaterThan(0);
    const raw = await reports.items
      .getById(added.Id)
      .select(...DRAFT_SELECT)
      .expand(...DRAFT_EXPAND)();
    const report = toDraftReport(raw);
    expect(report.title).toBe('Smart “quotes” • bullets 😀');
    expect(report.teamTitle).toBe('Consultation Team (front door)');
    expect(report.members.map((m) => m.id)).toEqual([fixture.sandbox.store.userByEmail(PERSONAS.hale)!.id]);
    expect(report.author && report.author.email).toBe(PERSONAS.hale);
    expect(report.etag).toBe('"1"');

    const updated = await reports.items.getById(added.Id).update({ [F.SafetyScale]: 8 }, report.etag);
    expect(updated.etag).toBe('"2"');
    const stale = await failureOf(reports.items.getById(added.Id).update({ [F.SafetyScale]: 3 }, report.etag));
    expect(stale.status).toBe(412);
    expect(stale.message).toContain('-1, Microsoft.SharePoint.Client.ClientServiceException');
    const after = await reports.items.getById(added.Id)();
    expect(after[F.SafetyScale]).toBe(8);
  });

  it('runs a $batch of reads and writes in order with per-request answers', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement);
    const [batched, execute] = sp.batched();
    const rota = batched.web.lists.getByTitle(VISIT_ROTA.title);
    const adds = [1, 2, 3].map((n) =>
      rota.items.add({
        [VISIT_ROTA.fields.Title]: `Batch ${n}`,
        [VISIT_ROTA.fields.VisitDate]: '2027-09-01T23:00:00Z',
        [`${VISIT_ROTA.fields.Team}Id`]: 2,
        [VISIT_ROTA.fields.RotaStatus]: 'Scheduled',
      }),
    );
    const count = batched.web.lists.getByTitle(VISIT_ROTA.title).select('ItemCount')();
    await execute();
    const ids = (await Promise.all(adds)).map((a) => a.Id);
    expect(ids[1]).toBe(ids[0] + 1);
    expect((await count).ItemCount).toBeGreaterThanOrEqual(ids.length);
    const back = await sp.web.lists.getByTitle(VISIT_ROTA.title).items.filter(`startswith(Title, 'Batch ')`).select('Id', 'Title')();
    expect(back.map((i: { Title: string }) => i.Title).sort()).toEqual(['Batch 1', 'Batch 2', 'Batch 3']);
  });

  it('pages with odata.nextLink through the async iterator', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk);
    const seen: number[] = [];
    let pages = 0;
    for await (const page of sp.web.lists.getByTitle(VISIT_ROTA.title).items.select('Id', 'VisitDate').orderBy('VisitDate', true).top(7)) {
      pages++;
      seen.push(...page.map((i: { Id: number }) => i.Id));
    }
    const all = await sp.web.lists.getByTitle(VISIT_ROTA.title).items.select('Id').top(500)();
    expect(pages).toBeGreaterThan(2);
    expect(seen.sort((a, b) => a - b)).toEqual(all.map((i: { Id: number }) => i.Id).sort((a: number, b: number) => a - b));
  });

  it('answers in verbose and nometadata shapes too', async () => {
    const { siteUrl } = fixture.sandbox;
    const headers = { 'X-Sandbox-User': PERSONAS.clerk };
    const url = `${siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(VISIT_ROTA.title)}')/items?$top=1&$select=Id,Members/Id&$expand=Members`;
    const verbose = await (await fetch(url, { headers: { ...headers, Accept: 'application/json;odata=verbose' } })).json();
    expect(verbose.d.results[0].__metadata.type).toBe('SP.Data.VisitRotaListItem');
    expect(Array.isArray(verbose.d.results[0].Members.results)).toBe(true);
    expect(verbose.d.__next).toContain('skiptoken');
    const verboseError = await (
      await fetch(`${siteUrl}/_api/web/lists/getByTitle('Nope')/items`, { headers: { ...headers, Accept: 'application/json;odata=verbose' } })
    ).json();
    expect(verboseError.error.code).toBe('-1, System.ArgumentException');
    expect(verboseError.error.message.lang).toBe('en-US');
    const plain = await (await fetch(url, { headers: { ...headers, Accept: 'application/json;odata=nometadata' } })).json();
    expect(Object.keys(plain.value[0])).toEqual(['Id', 'Members']);
    expect(plain['odata.nextLink']).toContain('skiptoken');
  });

  it('lets every councillor read the report lists but write only their own drafts, also inside $batch', async () => {
    const { siteUrl } = fixture.sandbox;
    const hale = spForUser(siteUrl, PERSONAS.hale);
    const osei = spForUser(siteUrl, PERSONAS.osei);
    const haleUser = await hale.web.currentUser();
    const haleDrafts = (await osei.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.select('Id', 'AuthorId')()).filter(
      (i: { AuthorId: number }) => i.AuthorId === haleUser.Id,
    );
    expect(haleDrafts.length).toBeGreaterThan(0);
    const submitted = await osei.web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id').top(500)();
    const all = await spForUser(siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id').top(500)();
    expect(submitted.length).toBe(all.length);

    const target = haleDrafts[0].Id;
    const [batched, execute] = osei.batched();
    const write = batched.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.getById(target)
      .update({ [F.Title]: 'not mine' });
    const peek = batched.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.getById(target)();
    await execute();
    const writeError = await failureOf(write);
    expect(writeError.status).toBe(403);
    expect(writeError.message).toContain('-2147024891, System.UnauthorizedAccessException');
    expect((await peek)[F.Title]).not.toBe('not mine');
  });

  it('keeps a submitted report from its author and feedback fields from councillors', async () => {
    const { siteUrl } = fixture.sandbox;
    const hale = spForUser(siteUrl, PERSONAS.hale);
    const reports = hale.web.lists.getByTitle(VISIT_REPORTS.title);
    const report = await reports.items.add({ [F.Title]: 'Submitted', [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: '2026-06-15T09:00:00Z' });
    const feedback = await failureOf(reports.items.getById(report.Id).update({ [F.HosFeedback]: 'self-answered' }));
    expect(feedback.status).toBe(403);
    const edit = await failureOf(reports.items.getById(report.Id).update({ [F.Title]: 'changed after submitting' }));
    expect(edit.status).toBe(403);
    expect(edit.message).toContain('Access denied');
    // the app records the card and the answer
    await spForApp(siteUrl)
      .web.lists.getByTitle(VISIT_REPORTS.title)
      .items.getById(report.Id)
      .update({ [F.HosFeedback]: 'Answered', [F.ReportStatus]: 'Responded', [F.CardConversationId]: 'conv-1' });
    const rotaWrite = await failureOf(
      hale.web.lists
        .getByTitle(VISIT_ROTA.title)
        .items.getById(1)
        .update({ [VISIT_ROTA.fields.Title]: 'mine now' }),
    );
    expect(rotaWrite.status).toBe(403);
    const final = await hale.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(report.Id)();
    expect([final[F.HosFeedback], final[F.ReportStatus], final[F.CardConversationId]]).toEqual(['Answered', 'Responded', 'conv-1']);
  });

  it('refuses bad requests with SharePoint errors and changes nothing', async () => {
    const { siteUrl } = fixture.sandbox;
    const sp = spForUser(siteUrl, PERSONAS.hale);
    const reports = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    const before = (await reports.items.select('Id').top(500)()).length;
    const unknown = await failureOf(reports.items.add({ Nonsense: 1 }));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain("The property 'Nonsense' does not exist on type 'SP.Data.VisitReportsListItem'");
    const wrongType = await failureOf(reports.items.add({ [F.SafetyScale]: 'very' }));
    expect(wrongType.message).toContain('Edm.Double');
    const choice = await failureOf(reports.items.add({ [F.ReportStatus]: 'Approved' }));
    expect(choice.status).toBe(400);
    const noList = await failureOf(sp.web.lists.getByTitle('No Such List').items());
    expect(noList.status).toBe(404);
    expect(noList.message).toContain("List 'No Such List' does not exist at site with URL");
    const filter = await failureOf(reports.items.filter("Title eq 'x' or 1 eq 1")());
    expect(filter.status).toBe(400);
    const injected = await reports.items.filter(`Title eq 'x'' or Title ne ''x'`).select('Id')();
    expect(injected).toEqual([]);
    const raw = await fetch(`${siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(VISIT_REPORTS.title)}')/items`, {
      method: 'POST',
      headers: { 'X-Sandbox-User': PERSONAS.hale, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"Title": ',
    });
    expect(raw.status).toBe(400);
    expect((await raw.json())['odata.error'].code).toBe('-1, Microsoft.SharePoint.Client.InvalidClientQueryException');
    expect((await reports.items.select('Id').top(500)()).length).toBe(before);
  });

  it('signs in by cookie as the workbench does, and then wants a request digest for writes', async () => {
    const { siteUrl } = fixture.sandbox;
    const items = `${siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(VISIT_REPORT_DRAFTS.title)}')/items`;
    const cookie = {
      Cookie: `sandbox_user=${encodeURIComponent(PERSONAS.osei)}`,
      Accept: 'application/json;odata=nometadata',
      'Content-Type': 'application/json',
    };
    const body = JSON.stringify({ [F.Title]: 'By cookie' });
    const noDigest = await fetch(items, { method: 'POST', headers: cookie, body });
    expect(noDigest.status).toBe(403);
    expect((await noDigest.json())['odata.error'].code).toBe('-2130575252, Microsoft.SharePoint.SPException');
    const info = await (await fetch(`${siteUrl}/_api/contextinfo`, { method: 'POST', headers: cookie })).json();
    const added = await fetch(items, { method: 'POST', headers: { ...cookie, 'X-RequestDigest': info.FormDigestValue }, body });
    expect(added.status).toBe(201);
    expect(added.headers.get('etag')).toBe('"1"');
    const forged = await fetch(items, { method: 'POST', headers: { ...cookie, 'X-RequestDigest': '0xABC,Sun, 22 Nov 2026 00:00:00 GMT' }, body });
    expect(forged.status).toBe(403);
  });

  it('refuses a request digest that was issued to someone else, as SharePoint binds it to the person', async () => {
    const { siteUrl } = fixture.sandbox;
    const items = `${siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(VISIT_REPORT_DRAFTS.title)}')/items`;
    const as = (email: string): Record<string, string> => ({
      Cookie: `sandbox_user=${encodeURIComponent(email)}`,
      Accept: 'application/json;odata=nometadata',
      'Content-Type': 'application/json',
    });
    const body = JSON.stringify({ [F.Title]: 'Borrowed digest' });
    const haleDigest = (await (await fetch(`${siteUrl}/_api/contextinfo`, { method: 'POST', headers: as(PERSONAS.hale) })).json()).FormDigestValue;
    const borrowed = await fetch(items, { method: 'POST', headers: { ...as(PERSONAS.osei), 'X-RequestDigest': haleDigest }, body });
    expect(borrowed.status).toBe(403);
    expect((await borrowed.json())['odata.error'].code).toBe('-2130575252, Microsoft.SharePoint.SPException');
    const own = await fetch(items, { method: 'POST', headers: { ...as(PERSONAS.hale), 'X-RequestDigest': haleDigest }, body });
    expect(own.status).toBe(201);
  });

  it("refuses impossible dates and dates outside SharePoint's range, as SharePoint does, and keeps the edge days", async () => {
    const reports = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title);
    const draft = await reports.items.add({ [F.Title]: 'Dates' });
    for (const day of ['2026-02-30', '2026-13-01', '2026-04-31', '2025-02-29']) {
      const refused = await failureOf(reports.items.getById(draft.Id).update({ [F.VisitDate]: `${day}T00:00:00Z` }));
      expect([day, refused.status]).toEqual([day, 400]);
      expect(refused.message).toContain("Cannot convert a primitive value to the expected type 'Edm.DateTime'");
    }
    for (const day of ['0001-01-01', '1899-12-31', '8901-01-01']) {
      const refused = await failureOf(reports.items.getById(draft.Id).update({ [F.VisitDate]: `${day}T00:00:00Z` }));
      expect([day, refused.status]).toEqual([day, 400]);
      expect(refused.message).toContain('Invalid date/time value');
    }
    for (const day of ['1900-01-01', '2028-02-29', '8900-12-31']) {
      await reports.items.getById(draft.Id).update({ [F.VisitDate]: `${day}T12:00:00Z` });
      expect((await reports.items.getById(draft.Id).select(F.VisitDate)())[F.VisitDate].slice(0, 10)).toBe(day);
    }
  });

  it('answers 401 to a caller it cannot name', async () => {
    const nobody = await failureOf(spForUser(fixture.sandbox.siteUrl, 'stranger@elsewhere.example').web());
    expect(nobody.status).toBe(401);
  });
});
