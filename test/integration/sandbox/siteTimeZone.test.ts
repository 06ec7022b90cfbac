/**
 * A visit stays on its date whatever the data site's regional time zone. SharePoint keeps a
 * date-only value as midnight of its day in the site's time zone, so the same visit is held as a
 * different instant on a site in UTC, in London and (a tenant default) in Pacific time; the days the
 * clocks change in the UK (29 March and 25 October 2026) are where London midnight is easiest to
 * get wrong.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/batching';
import { FrontlineDataService } from '../../../src/data/FrontlineDataService';
import { VISIT_REPORT_DRAFTS, VISIT_ROTA } from '../../../src/data/listContract';
import { dateOnlyFromSharePoint, dateOnlyToSharePoint } from '../../../src/domain/calendarDate';
import { readItemsInPeriod } from '../../../src/report/packData';
import { localDayOf, SiteTimeZoneName } from '../../../src/sandbox/regional';
import { buildForm } from '../../helpers/reportFixtures';
import { graphClientForApp, PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const CLOCKS_FORWARD = '2026-03-29';
const CLOCKS_BACK = '2026-10-25';
const ZONES: SiteTimeZoneName[] = ['UTC', 'London', 'Pacific'];

describe.each(ZONES)('date-only visit dates on a data site in %s time', (zone) => {
  const fixture = withSandbox({ seed: 'demo', today: CLOCKS_BACK, siteTimeZone: zone });

  it('reports the site says so: /_api/web/RegionalSettings/TimeZone', async () => {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/web/RegionalSettings/TimeZone`, {
      headers: { Accept: 'application/json;odata=nometadata', 'X-Sandbox-User': PERSONAS.hale },
    });
    const body = (await response.json()) as { Id: number; Description: string };
    expect(body.Id).toBe({ UTC: 93, London: 2, Pacific: 13 }[zone]);
  });

  it('a report drafted for 29 March and 25 October reads back on those days, in the app, the site and Graph', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const service = new FrontlineDataService(sp);
    const me = await sp.web.currentUser();
    const options = await service.getFormOptions();
    for (const day of [CLOCKS_FORWARD, CLOCKS_BACK]) {
      const saved = await service.saveDraft(
        buildForm({
          title: `Visit on ${day}`,
          teamId: options.teams[0].id,
          visitDate: day,
          members: [{ id: me.Id, displayName: me.Title, email: '' }],
          staffInvolved: '',
        }),
        {},
      );
      // The app: the report screen and the form show the day written.
      expect((await service.getDraft(saved.reportId)).visitDate).toBe(day);
      expect((await service.getDraftScreen(saved.reportId)).report.visitDate).toBe(day);
      // The site: it holds midnight of that day in its own time zone, so its own pages show the same day.
      const raw = await sp.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items.getById(saved.reportId).select(VISIT_REPORT_DRAFTS.fields.VisitDate)();
      const held = raw[VISIT_REPORT_DRAFTS.fields.VisitDate] as string;
      expect(localDayOf(zone, Date.parse(held))).toBe(day);
      expect(held).not.toBe(dateOnlyToSharePoint(day));
      // Graph, as the bot reads it.
      const graph = graphClientForApp(fixture.sandbox.url);
      const site = await graph.api(`/sites/localhost:${new URL(fixture.sandbox.siteUrl).pathname}`).get();
      const item = await graph.api(`/sites/${site.id}/lists/${VISIT_REPORT_DRAFTS.urlName}/items/${saved.reportId}`).expand('fields').get();
      expect(dateOnlyFromSharePoint(item.fields[VISIT_REPORT_DRAFTS.fields.VisitDate])).toBe(day);
    }
  });

  it('filters on a day select exactly that day: the committee pack and My visits', async () => {
    const improvement = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement);
    const hale = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const haleId = (await hale.web.currentUser()).Id;
    const team = (await improvement.web.lists.getByTitle('Frontline Teams').items.select('Id').top(1)())[0].Id;
    const R = VISIT_ROTA.fields;
    for (const day of [CLOCKS_FORWARD, CLOCKS_BACK]) {
      await improvement.web.lists.getByTitle(VISIT_ROTA.title).items.add({
        [R.Title]: `Clock change visit ${day}`,
        [R.VisitDate]: dateOnlyToSharePoint(day),
        [`${R.Team}Id`]: team,
        [`${R.Members}Id`]: [haleId],
        [R.RotaStatus]: 'Scheduled',
      });
    }
    const clerk = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk);
    const titlesIn = async (from: string, to: string): Promise<string[]> =>
      (await readItemsInPeriod(clerk, VISIT_ROTA.title, { from, to }, { select: ['Id', R.Title, R.VisitDate], expand: [] }))
        .map((i) => String(i[R.Title]))
        .filter((t) => t.startsWith('Clock change'))
        .sort();
    expect(await titlesIn(CLOCKS_FORWARD, CLOCKS_FORWARD)).toEqual([`Clock change visit ${CLOCKS_FORWARD}`]);
    expect(await titlesIn(CLOCKS_BACK, CLOCKS_BACK)).toEqual([`Clock change visit ${CLOCKS_BACK}`]);
    expect(await titlesIn('2026-03-30', '2026-10-24')).toEqual([]);
    expect(await titlesIn('2026-03-28', '2026-03-28')).toEqual([]);
    expect(await titlesIn('2026-10-26', '2026-10-26')).toEqual([]);

    // My visits on 25 October: that day's visit is upcoming (today), 29 March is past.
    const page = await new FrontlineDataService(hale).getStartPage(CLOCKS_BACK);
    expect(page.upcomingRota.filter((r) => r.title.startsWith('Clock change')).map((r) => r.visitDate)).toEqual([CLOCKS_BACK]);
    expect(page.pastRota.filter((r) => r.title.startsWith('Clock change')).map((r) => r.visitDate)).toEqual([CLOCKS_FORWARD]);
  });
});
