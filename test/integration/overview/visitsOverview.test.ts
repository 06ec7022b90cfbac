/**
 * The improvement team's overview and the Head of Service's page against the sandbox: one round
 * trip each, the states the domain derives from what the lists hold, exactly the outstanding
 * responses of the demo, and still working past the list view threshold (ten years of rota,
 * 20,000 reports), which the sandbox enforces by the query's first clause as SharePoint does.
 */
import { ResponsesService } from '../../../src/data/ResponsesService';
import { VisitsOverviewService } from '../../../src/data/VisitsOverviewService';
import { VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { addDays, londonMidnightUtc, londonToday } from '../../../src/domain/calendarDate';
import { municipalYearOf, municipalYearRange } from '../../../src/domain/municipalYear';
import { responsesOwed } from '../../../src/domain/responsesOwed';
import { buildVisitsOverview, filterVisitsOverview } from '../../../src/domain/visitsOverview';
import { listItemsAs } from '../../e2e/support/api';
import { PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

function roundTrips(spy: jest.SpyInstance): string[] {
  return spy.mock.calls.map((c) => String(c[0])).filter((url) => url.indexOf('/_api/') !== -1 && url.indexOf('/_api/contextinfo') === -1);
}

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const spy = jest.spyOn(globalThis, 'fetch');
  try {
    const result = await run();
    return { result, requests: roundTrips(spy) };
  } finally {
    spy.mockRestore();
  }
}

const today = londonToday();
const thisYear = municipalYearRange(municipalYearOf(today));

describe('visits overview and responses to write, on the demo data', () => {
  const fixture = withSandbox({ seed: 'demo', today });

  it('reads a year of visits, reports, drafts, teams and chases in one round trip, every visit of the year once', async () => {
    const service = new VisitsOverviewService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const { result, requests } = await counted(() => service.getOverview(thisYear, today));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/\/_api\/\$batch$/);
    const rows = buildVisitsOverview(result.rota, result.reports, today, thisYear);
    const rotaInYear = await listItemsAs(
      fixture.sandbox.siteUrl,
      PERSONAS.improvement,
      `${VISIT_ROTA.fields.VisitDate} ge datetime'${londonMidnightUtc(thisYear.start)}' and ${VISIT_ROTA.fields.VisitDate} lt datetime'${londonMidnightUtc(addDays(thisYear.end, 1))}'`,
      VISIT_ROTA.title,
    );
    expect(
      rows
        .filter((r) => r.rotaEntry)
        .map((r) => r.rotaEntry!.id)
        .sort((a, b) => a - b),
    ).toEqual(rotaInYear.map((i) => i.Id).sort((a, b) => a - b));
    const counts = filterVisitsOverview(rows, {}).counts;
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(rows.length);
    // The demo spreads its visits over the process: some overdue, some awaiting, some not held.
    for (const state of ['formOverdue', 'responseOverdue', 'notHeld', 'upcoming']) {
      expect(counts.find((c) => c.state === state)!.count).toBeGreaterThan(0);
    }
  });

  it('gives the Head of Service exactly the submitted reports awaiting a response, oldest first, in one round trip', async () => {
    const service = new ResponsesService(spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService));
    const { result, requests } = await counted(() => service.getAwaitingResponse());
    expect(requests).toHaveLength(1);
    const waiting = await listItemsAs(fixture.sandbox.siteUrl, PERSONAS.headOfService, `${VISIT_REPORTS.fields.ReportStatus} eq 'Submitted'`);
    const me = await (
      await fetch(`${fixture.sandbox.siteUrl}/_api/web/currentuser`, {
        headers: { Accept: 'application/json;odata=nometadata', 'X-Sandbox-User': PERSONAS.headOfService },
      })
    ).json();
    const owed = responsesOwed(result.reports, result.teams, me.Id, today);
    // The demo's Head of Service answers for every team.
    expect(owed.others).toEqual([]);
    expect(owed.mine.map((r) => r.report.id).sort((a, b) => a - b)).toEqual(waiting.map((i) => i.Id).sort((a, b) => a - b));
    const submitted = owed.mine.map((r) => r.report.submittedOn as string);
    expect(submitted).toEqual(submitted.slice().sort());
    expect(owed.mine.some((r) => r.overdue)).toBe(true);
  });
});

describe('past the list view threshold: ten years of rota and 20,000 reports', () => {
  const fixture = withSandbox({ seed: 'demo', today });

  beforeAll(() => {
    // set-up only: ten years before this one, three visits a month and 2,000 reports a year
    const tenYearsBack = addDays(thisYear.start, -3653);
    const rota = Array.from({ length: 360 }, (_, i) => ({
      [VISIT_ROTA.fields.Title]: `History ${i}`,
      [VISIT_ROTA.fields.VisitDate]: londonMidnightUtc(addDays(tenYearsBack, Math.floor(i * 10.1))),
      [VISIT_ROTA.fields.RotaStatus]: 'Held',
      [VISIT_ROTA.fields.MunicipalYear]: 'old',
    }));
    fixture.sandbox.bulkAddItems(VISIT_ROTA.title, rota, PERSONAS.improvement);
    const reports = Array.from({ length: 20000 }, (_, i) => ({
      [VISIT_REPORTS.fields.Title]: `Old report ${i}`,
      [VISIT_REPORTS.fields.VisitDate]: londonMidnightUtc(addDays(tenYearsBack, Math.floor(i / 5.5))),
      [VISIT_REPORTS.fields.ReportStatus]: 'Responded',
      [VISIT_REPORTS.fields.SubmittedOn]: new Date(Date.parse(londonMidnightUtc(addDays(tenYearsBack, Math.floor(i / 5.5)))) + 86400000).toISOString(),
    }));
    fixture.sandbox.bulkAddItems(VISIT_REPORTS.title, reports, PERSONAS.hale);
  }, 120000);

  it('still reads this year, and a year ten years back, in one round trip each', async () => {
    const service = new VisitsOverviewService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const now = await counted(() => service.getOverview(thisYear, today));
    expect(now.requests).toHaveLength(1);
    // Only the year, and 60 days either side (a visit held late still finds its report).
    expect(now.result.reports.every((r) => !r.visitDate || r.visitDate >= addDays(thisYear.start, -60))).toBe(true);
    expect(now.result.reports.length).toBeLessThan(1000);
    expect(now.result.rota.length).toBeGreaterThan(6);
    const oldYear = municipalYearRange(municipalYearOf(addDays(thisYear.start, -3600)));
    const then = await counted(() => service.getOverview(oldYear, today));
    expect(then.requests).toHaveLength(1);
    expect(then.result.rota.length).toBeGreaterThan(0);
    expect(then.result.reports.length).toBeGreaterThan(0);
    expect(then.result.reports.length).toBeLessThan(5000);
  });

  it("still reads the Head of Service's page", async () => {
    const { result } = await counted(() => new ResponsesService(spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService)).getAwaitingResponse());
    expect(result.reports.every((r) => r.status === 'Submitted')).toBe(true);
    expect(result.reports.length).toBeGreaterThan(0);
  });
});
