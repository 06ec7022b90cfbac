/**
 * The rota's reads and writes through PnPjs against the sandbox: one round trip to read a year,
 * proposals published in batches without duplicates, changes made with ETags, the threshold kept.
 */
import { RotaInputError, RotaService } from '../../../src/data/RotaService';
import { VISIT_ROTA } from '../../../src/data/listContract';
import { englandBankHolidays } from '../../../src/domain/bankHolidays';
import { municipalYearRange } from '../../../src/domain/municipalYear';
import { proposeRota } from '../../../src/domain/rotaPlanner';
import { councillorCalendarVisits, visitCalendar } from '../../../src/domain/visitCalendar';
import ICAL from 'ical.js';
import { PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const TODAY = '2026-06-15';

/** The SharePoint requests made (the form digest is fetched once per page in SPFx, so left out), with their bodies. */
function roundTrips(spy: jest.SpyInstance): string[] {
  return spy.mock.calls
    .filter((c) => String(c[0]).indexOf('/_api/') !== -1 && String(c[0]).indexOf('/_api/contextinfo') === -1)
    .map((c) => `${String(c[0])}\n${String((c[1] as RequestInit | undefined)?.body || '')}`);
}
const R = VISIT_ROTA.fields;

/** The year 2026/27 as the improvement team reads it, with the SharePoint requests it took. */
async function readYearCounted(siteUrl: string): Promise<{ year: Awaited<ReturnType<RotaService['getRotaYear']>>; requests: string[] }> {
  const service = new RotaService(spForUser(siteUrl, PERSONAS.improvement));
  const spy = jest.spyOn(globalThis, 'fetch');
  try {
    const year = await service.getRotaYear('2026/27');
    return { year, requests: roundTrips(spy) };
  } finally {
    spy.mockRestore();
  }
}

async function proposalFor(service: RotaService, year: string) {
  const data = await service.getRotaYear(year);
  const range = municipalYearRange(year);
  const proposal = proposeRota({
    municipalYear: year,
    teams: data.teams,
    councillors: data.councillors,
    bankHolidays: englandBankHolidays(range.start, range.end),
    bookedVisits: data.bookedBefore,
  });
  return proposal.visits.map((v) => ({ title: v.title, visitDate: v.visitDate, teamId: v.teamId, memberIds: v.members.map((m) => m.id) }));
}

describe('rota service against the sandbox', () => {
  const fixture = withSandbox({ today: TODAY });

  it("reads a year's rota, the four weeks before it, the teams and the councillors booked lately, never the hidden members' group", async () => {
    const { year, requests } = await readYearCounted(fixture.sandbox.siteUrl);
    expect(requests).toHaveLength(1);
    // Membership of the members' group is hidden from the improvement team (SharePoint's default).
    expect(requests[0]).not.toMatch(/sitegroups/i);
    expect(year.visits.length).toBeGreaterThan(6);
    expect(year.visits.every((v) => v.visitDate >= '2026-04-01' && v.visitDate <= '2027-03-31')).toBe(true);
    expect(year.visits.map((v) => v.visitDate)).toEqual(
      year.visits
        .map((v) => v.visitDate)
        .slice()
        .sort(),
    );
    expect(year.visits.every((v) => /^"\d+"$/.test(v.etag))).toBe(true);
    expect(year.bookedBefore.every((b) => b.visitDate >= '2026-03-04' && b.visitDate < '2026-04-01')).toBe(true);
    expect(year.teams.map((t) => t.title)).toEqual(['Child in Need Team', 'Child Protection Team', 'Consultation Team (front door)']);
    expect(year.councillors.map((c) => c.displayName)).toEqual([
      'Cllr Ashby',
      'Cllr Fenwick',
      'Cllr Hale',
      'Cllr Marlow',
      'Cllr Osei',
      'Cllr Penrose',
      'Cllr Trent',
    ]);
  });

  it('publishes a proposal in one batch, and publishing it again writes nothing twice', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const visits = await proposalFor(service, '2028/29');
    expect(visits).toHaveLength(12);

    const requests = jest.spyOn(globalThis, 'fetch');
    const first = await service.publishProposal('2028/29', visits);
    // One read of the year, one batch of twelve adds.
    expect(roundTrips(requests)).toHaveLength(2);
    requests.mockRestore();
    expect(first.failed).toEqual([]);
    expect(first.alreadyThere).toEqual([]);
    expect(first.added.map((a) => a.visit)).toEqual(visits);

    const written = (await service.getRotaYear('2028/29')).visits;
    expect(written.map((v) => [v.visitDate, v.teamId, v.members.map((m) => m.id), v.municipalYear, v.status, v.title])).toEqual(
      visits.map((v) => [v.visitDate, v.teamId, v.memberIds, '2028/29', 'Scheduled', v.title]),
    );

    const again = await service.publishProposal('2028/29', visits);
    expect(again.added).toEqual([]);
    expect(again.alreadyThere).toHaveLength(12);
    expect((await service.getRotaYear('2028/29')).visits).toHaveLength(12);
  });

  it('finishes an interrupted publish: only the visits missing are written', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const visits = await proposalFor(service, '2029/30');
    const half = await service.publishProposal('2029/30', visits.slice(0, 5));
    expect(half.added).toHaveLength(5);
    const rest = await service.publishProposal('2029/30', visits);
    expect(rest.alreadyThere).toHaveLength(5);
    expect(rest.added.map((a) => a.visit)).toEqual(visits.slice(5));
    expect((await service.getRotaYear('2029/30')).visits).toHaveLength(12);
  });

  it('publishes through a throttled SharePoint: the batch of adds refused with 429 is sent again after Retry-After, and nothing is written twice', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement, { retries: 3, interval: 50 }));
    const visits = await proposalFor(service, '2030/31');
    // Throttle the second $batch of the publish (the adds), as SharePoint does under load.
    const realFetch = globalThis.fetch;
    let batches = 0;
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).indexOf('/_api/$batch') !== -1 && ++batches === 2) {
        await realFetch(`${fixture.sandbox.url}/_sandbox/faults`, {
          method: 'POST',
          body: JSON.stringify({ count: 1, status: 429, retryAfter: 1, pathContains: '/_api/$batch' }),
        });
      }
      return realFetch(input, init);
    });
    try {
      const published = await service.publishProposal('2030/31', visits);
      expect(published.failed).toEqual([]);
      expect(published.added).toHaveLength(12);
    } finally {
      spy.mockRestore();
    }
    expect(batches).toBe(3);
    expect((await service.getRotaYear('2030/31')).visits).toHaveLength(12);
    expect((await (await fetch(`${fixture.sandbox.url}/_sandbox/faults`)).json()).pending).toEqual([]);
  });

  it('refuses, before writing anything, a proposal for a year that already has other visits or a visit outside the year', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const before = (await service.getRotaYear('2026/27')).visits.length;
    const visits = await proposalFor(service, '2026/27');
    const refused = await service.publishProposal('2026/27', visits).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RotaInputError);
    expect((refused as Error).message).toMatch(/^2026\/27 already has \d+ visits on the rota that are not in this proposal\. Nothing was published/);
    expect((await service.getRotaYear('2026/27')).visits).toHaveLength(before);
    const outside = await service.publishProposal('2030/31', [{ title: 'x', visitDate: '2031-04-02', teamId: 1, memberIds: [] }]).catch((e: unknown) => e);
    expect((outside as Error).message).toBe('One visit is outside 2030/31 (1 April to 31 March). Move it into the year before publishing.');
  });

  it('moves a visit and swaps a councillor in one batch with ETags; a stale ETag is a conflict, not an overwrite', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const year = await service.getRotaYear('2028/29');
    const [a, b] = year.visits;
    const trent = year.councillors.find((c) => c.displayName === 'Cllr Trent') as { id: number };
    const results = await service.applyChanges([
      { kind: 'move', id: a.id, etag: a.etag, visitDate: '2028-04-25', title: `2028-04 ${a.teamTitle}` },
      { kind: 'members', id: b.id, etag: b.etag, memberIds: [b.members[0].id, trent.id] },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results.every((r) => r.ok && /^"\d+"$/.test(r.etag) && r.etag !== (r.id === a.id ? a.etag : b.etag))).toBe(true);

    const after = (await service.getRotaYear('2028/29')).visits;
    expect(after.find((v) => v.id === a.id)).toMatchObject({ visitDate: '2028-04-25', municipalYear: '2028/29', status: 'Scheduled' });
    expect(after.find((v) => v.id === b.id)?.members.map((m) => m.id)).toEqual([b.members[0].id, trent.id]);

    const stale = await service.applyChanges([{ kind: 'move', id: a.id, etag: a.etag, visitDate: '2028-05-02' }]);
    expect(stale).toEqual([
      { id: a.id, ok: false, conflict: true, message: 'Someone else changed this visit after you opened the rota. Reload the rota and make the change again.' },
    ]);
    expect((await service.getRotaYear('2028/29')).visits.find((v) => v.id === a.id)?.visitDate).toBe('2028-04-25');
  });

  it("a councillor's calendar file keeps the visit's UID when the visit moves, with a higher sequence", async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const options = { uidDomain: 'localhost', generatedAt: new Date('2026-06-15T09:00:00Z') };
    const eventsOf = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const before = await service.getRotaYear('2028/29');
    const visit = before.visits[3];
    const councillorId = visit.members[0].id;
    const beforeEvents = eventsOf(visitCalendar(councillorCalendarVisits(before.visits, councillorId, before.teams), options));
    const [moved] = await service.applyChanges([{ kind: 'move', id: visit.id, etag: visit.etag, visitDate: '2028-07-26' }]);
    expect(moved.ok).toBe(true);
    const after = await service.getRotaYear('2028/29');
    const afterEvents = eventsOf(visitCalendar(councillorCalendarVisits(after.visits, councillorId, after.teams), options));
    expect(afterEvents.map((e) => e.uid)).toEqual(beforeEvents.map((e) => e.uid));
    const uid = `frontline-visit-${visit.id}@localhost`;
    const old = beforeEvents.find((e) => e.uid === uid) as ICAL.Event;
    const now = afterEvents.find((e) => e.uid === uid) as ICAL.Event;
    expect([old.startDate.toString(), now.startDate.toString()]).toEqual([visit.visitDate, '2028-07-26']);
    expect(now.sequence).toBeGreaterThan(old.sequence);
    expect(now.component.getFirstPropertyValue('x-microsoft-cdo-alldayevent')).toBe('TRUE');
  });

  it('records a visit as not held only with a reason', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const [visit] = (await service.getRotaYear('2029/30')).visits;
    const refused = await service.applyChanges([{ kind: 'notHeld', id: visit.id, etag: visit.etag, reason: '   ' }]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RotaInputError);
    expect((refused as Error).message).toBe('Say why the visit did not happen, for example "Cancelled: special Cabinet meeting".');
    const [done] = await service.applyChanges([{ kind: 'notHeld', id: visit.id, etag: visit.etag, reason: ' No replacement available at short notice. ' }]);
    expect(done.ok).toBe(true);
    expect((await service.getRotaYear('2029/30')).visits[0]).toMatchObject({ status: 'NotHeld', notHeldReason: 'No replacement available at short notice.' });
  });

  it('lets a councillor read the rota but not write it, and logs the refusals', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    const year = await service.getRotaYear('2026/27');
    expect(year.visits.length).toBeGreaterThan(0);
    const [own] = year.visits;
    const [denied] = await service.applyChanges([{ kind: 'move', id: own.id, etag: own.etag, visitDate: '2026-12-01' }]);
    expect(denied).toMatchObject({
      ok: false,
      conflict: false,
      message: 'You do not have permission to change the rota. Ask the Children’s Improvement Team or a committee clerk.',
    });
    const publish = await service.publishProposal('2031/32', [{ title: 'x', visitDate: '2031-05-06', teamId: 1, memberIds: [] }]);
    expect(publish.added).toEqual([]);
    expect(publish.failed.map((f) => f.message)).toEqual([
      'You do not have permission to change the rota. Ask the Children’s Improvement Team or a committee clerk.',
    ]);
    expect(logged.mock.calls.map((c) => [c[0], (c[1] as { status: number }).status])).toEqual([
      ['Frontline Visits: a rota change was not saved', 403],
      ['Frontline Visits: a rota visit was not published', 403],
    ]);
    logged.mockRestore();
  });
});

describe('rota service past the list view threshold', () => {
  const fixture = withSandbox({ today: TODAY });

  beforeAll(() => {
    // set-up only: forty years of fortnightly history, past 5,000 items
    const rows = Array.from({ length: 5200 }, (_, i) => ({
      [R.Title]: `History ${i}`,
      [R.VisitDate]: new Date(Date.UTC(1980, 0, 1) + i * 2 * 86400000).toISOString().replace('.000Z', 'Z'),
      [R.RotaStatus]: 'Held',
      [R.MunicipalYear]: 'old',
    }));
    fixture.sandbox.bulkAddItems(VISIT_ROTA.title, rows, PERSONAS.improvement);
  });

  it("still reads a year's rota in one round trip", async () => {
    const { year, requests } = await readYearCounted(fixture.sandbox.siteUrl);
    expect(requests).toHaveLength(1);
    expect(year.visits.length).toBeGreaterThan(6);
    expect(year.visits.some((v) => v.title.indexOf('History') === 0)).toBe(false);
  });
});
