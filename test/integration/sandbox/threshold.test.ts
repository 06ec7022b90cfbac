/**
 * The 5,000-item list view threshold, through PnPjs: a list over the threshold refuses queries
 * that would scan it and serves the ones filtered first on an indexed column.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { failureOf, PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const F = VISIT_REPORTS.fields;

describe('list view threshold', () => {
  const fixture = withSandbox({ seed: 'empty' });

  beforeAll(() => {
    // set-up only: 5,200 reports in one transaction (the bench measures adds over HTTP)
    const rows = Array.from({ length: 5200 }, (_, i) => ({
      [F.Title]: `Report ${i}`,
      [F.ReportStatus]: i % 50 === 0 ? 'Submitted' : 'Draft',
      [F.VisitDate]: new Date(Date.UTC(2020, 0, 1) + i * 3600000).toISOString().replace('.000Z', 'Z'),
    }));
    fixture.sandbox.bulkAddItems(VISIT_REPORTS.title, rows, PERSONAS.hale);
  });

  it('refuses a query whose first filter is not on an indexed column, as SharePoint Online does', async () => {
    const reports = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title);
    const error = await failureOf(reports.items.filter(`${F.Title} eq 'Report 7' and ${F.ReportStatus} eq 'Draft'`)());
    expect(error.status).toBe(500);
    expect(error.message).toContain('-2147024860, Microsoft.SharePoint.SPQueryThrottledException');
    expect(error.message).toContain('The attempted operation is prohibited because it exceeds the list view threshold.');
    const ordered = await failureOf(reports.items.orderBy(F.Title)());
    expect(ordered.status).toBe(500);
    const tooBroad = await failureOf(reports.items.filter(`${F.ReportStatus} eq 'Draft'`)());
    expect(tooBroad.status).toBe(500);
  });

  it('serves a query filtered first on an indexed column, and unfiltered paging by id', async () => {
    const reports = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk).web.lists.getByTitle(VISIT_REPORTS.title);
    const submitted = await reports.items.filter(`${F.ReportStatus} eq 'Submitted' and substringof('Report 1', ${F.Title})`).select('Id', F.Title).top(500)();
    expect(submitted.length).toBeGreaterThan(0);
    expect(submitted.every((i: { Title: string }) => i.Title.indexOf('Report 1') === 0)).toBe(true);
    // the first clause alone must narrow the list below the threshold: here the upper bound does
    const byDate = await reports.items
      .filter(`${F.VisitDate} lt datetime'2020-01-06T00:00:00Z' and ${F.VisitDate} ge datetime'2020-01-05T00:00:00Z'`)
      .select('Id')();
    expect(byDate).toHaveLength(24);
    const broadFirst = await failureOf(
      reports.items.filter(`${F.VisitDate} ge datetime'2020-01-05T00:00:00Z' and ${F.VisitDate} lt datetime'2020-01-06T00:00:00Z'`)(),
    );
    expect(broadFirst.status).toBe(500);
    const firstPage = await reports.items.select('Id').top(5000)();
    expect(firstPage).toHaveLength(5000);
  });
});
