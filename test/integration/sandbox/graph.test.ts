/**
 * The sandbox's Graph list-item face, driven through @microsoft/microsoft-graph-client as the bot
 * drives it, over the same store as SharePoint REST.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { failureOf, graphClientForApp, PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const F = VISIT_REPORTS.fields;

describe('sandbox Graph list items through the Graph client', () => {
  const fixture = withSandbox({ today: '2026-06-15' });

  it('finds the site by path, the list by display name, and reads submitted reports with fields', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const site = await graph.api('/sites/localhost:/sites/frontline-visits').get();
    expect(site.id.split(',')).toHaveLength(3);
    const lists = await graph.api(`/sites/${site.id}/lists`).get();
    const reportsList = lists.value.find((l: { displayName: string }) => l.displayName === VISIT_REPORTS.title);
    const page = await graph
      .api(`/sites/${site.id}/lists/${encodeURIComponent(VISIT_REPORTS.title)}/items`)
      .expand(`fields(select=${F.Title},${F.ReportStatus},${F.HosFeedbackBy}LookupId,${F.Members})`)
      .filter(`fields/${F.ReportStatus} eq 'Responded'`)
      .top(2)
      .get();
    expect(page.value).toHaveLength(2);
    expect(page.value[0].fields[F.ReportStatus]).toBe('Responded');
    expect(typeof page.value[0].fields[`${F.HosFeedbackBy}LookupId`]).toBe('string');
    expect(page.value[0].fields[F.Members][0]).toEqual(expect.objectContaining({ LookupId: expect.any(Number), LookupValue: expect.stringMatching(/^Cllr /) }));
    expect(page['@odata.nextLink']).toContain('skiptoken');
    const next = await graph.api(page['@odata.nextLink']).get();
    expect(next.value[0].id).not.toBe(page.value[0].id);
    const byId = await graph.api(`/sites/${site.id}/lists/${reportsList.id}/items/${page.value[0].id}`).expand('fields').get();
    expect(byId.fields.id).toBe(page.value[0].id);
  });

  it('refuses a filter on a column that is not indexed unless the caller accepts the risk', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const site = await graph.api('/sites/localhost:/sites/frontline-visits').get();
    const items = `/sites/${site.id}/lists/${encodeURIComponent(VISIT_REPORTS.title)}/items`;
    const refused = await failureOf(graph.api(items).filter(`fields/${F.Title} eq 'x'`).get());
    expect(refused.statusCode).toBe(400);
    const allowed = await graph.api(items).header('Prefer', 'HonorNonIndexedQueriesWarningMayFailRandomly').filter(`fields/${F.Title} eq 'x'`).get();
    expect(allowed.value).toEqual([]);
  });

  it('creates an item and writes feedback with If-Match; a stale ETag gets 412 and changes nothing', async () => {
    const graph = graphClientForApp(fixture.sandbox.url);
    const site = await graph.api('/sites/localhost:/sites/frontline-visits').get();
    const items = `/sites/${site.id}/lists/${encodeURIComponent(VISIT_REPORTS.title)}/items`;
    const created = await graph.api(items).post({ fields: { [F.Title]: 'Made by the app', [F.ReportStatus]: 'Submitted', [`${F.Team}LookupId`]: '2' } });
    expect(created.fields[`${F.Team}LookupId`]).toBe('2');
    const first = await graph
      .api(`${items}/${created.id}/fields`)
      .header('If-Match', created.eTag)
      .patch({ [F.HosFeedback]: 'First answer', [F.ReportStatus]: 'Responded' });
    expect(first[F.HosFeedback]).toBe('First answer');
    const stale = await failureOf(
      graph
        .api(`${items}/${created.id}/fields`)
        .header('If-Match', created.eTag)
        .patch({ [F.HosFeedback]: 'Second answer' }),
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe('preconditionFailed');
    const now = await graph.api(`${items}/${created.id}`).expand('fields').get();
    expect(now.fields[F.HosFeedback]).toBe('First answer');
    const unknown = await failureOf(graph.api(`${items}/${created.id}/fields`).patch({ NoSuchField: 'x' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('invalidRequest');
    await graph.api(`${items}/${created.id}`).delete();
    const gone = await failureOf(graph.api(`${items}/${created.id}`).get());
    expect(gone.statusCode).toBe(404);
    expect(gone.code).toBe('itemNotFound');
  });

  it('applies item-level security to a councillor on Graph as on REST', async () => {
    const { url, siteUrl } = fixture.sandbox;
    const graph = graphClientForApp(url);
    const site = await graph.api('/sites/localhost:/sites/frontline-visits').get();
    const items = `${url}/v1.0/sites/${site.id}/lists/${encodeURIComponent(VISIT_REPORTS.title)}/items`;
    const oseiReports = await spForUser(siteUrl, PERSONAS.osei).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id')();
    const haleReports = await spForUser(siteUrl, PERSONAS.hale).web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id')();
    const asOsei = await (await fetch(`${items}?$top=500`, { headers: { 'X-Sandbox-User': PERSONAS.osei } })).json();
    expect(asOsei.value.map((i: { id: string }) => Number(i.id)).sort()).toEqual(oseiReports.map((i: { Id: number }) => i.Id).sort());
    const patch = await fetch(`${items}/${haleReports[0].Id}/fields`, {
      method: 'PATCH',
      headers: { 'X-Sandbox-User': PERSONAS.osei, 'Content-Type': 'application/json' },
      body: '{"Title":"x"}',
    });
    expect(patch.status).toBe(403);
    expect((await patch.json()).error.code).toBe('accessDenied');
    const noToken = await fetch(items);
    expect(noToken.status).toBe(401);
  });

  it('retries an injected 429 honouring Retry-After', async () => {
    const { url } = fixture.sandbox;
    await fetch(`${url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ count: 1, status: 429, retryAfter: 1, pathContains: '/v1.0/sites/localhost:' }),
    });
    const graph = graphClientForApp(url);
    const started = Date.now();
    const site = await graph.api('/sites/localhost:/sites/frontline-visits').get();
    expect(site.displayName).toBe('Frontline Visits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await (await fetch(`${url}/_sandbox/faults`)).json()).pending).toEqual([]);
  });
});
