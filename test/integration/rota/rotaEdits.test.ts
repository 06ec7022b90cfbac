/**
 * The rota screen's writes against the sandbox through PnPjs: a visit moved and re-crewed in one
 * update that keeps the date it was moved from, visits added in one batch, and councillors'
 * unavailable dates kept by the councillor or by the improvement team and read with the year.
 */
import '@pnp/sp/site-users/web';
import { RotaService } from '../../../src/data/RotaService';
import { UnavailableDatesError, UnavailableDatesService } from '../../../src/data/UnavailableDatesService';
import { PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';

const TODAY = '2026-06-15';

function batches(spy: jest.SpyInstance): string[] {
  return spy.mock.calls.map((c) => String(c[0])).filter((url) => url.indexOf('/_api/') !== -1 && url.indexOf('/_api/contextinfo') === -1);
}

describe('rota screen writes against the sandbox', () => {
  const fixture = withSandbox({ today: TODAY });
  const idOf = async (email: string): Promise<number> => {
    const users = (await spForApp(fixture.sandbox.siteUrl).web.siteUsers.select('Id', 'Email')()) as Array<{ Id: number; Email: string }>;
    return users.filter((u) => u.Email === email)[0].Id;
  };

  it('moves a visit and changes its councillors in one update, keeps the date it was first booked for, and refuses the old ETag afterwards', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const visit = (await service.getRotaYear('2026/27')).visits.filter((v) => v.visitDate > TODAY && v.status === 'Scheduled')[0];
    const osei = await idOf(PERSONAS.osei);
    const spy = jest.spyOn(globalThis, 'fetch');
    let results;
    try {
      results = await service.applyChanges([
        { kind: 'move', id: visit.id, etag: visit.etag, visitDate: '2026-09-08', title: '2026-09 moved', movedFrom: visit.visitDate },
        { kind: 'members', id: visit.id, etag: visit.etag, memberIds: [osei] },
      ]);
      expect(batches(spy)).toEqual([`${fixture.sandbox.siteUrl}/_api/$batch`]);
    } finally {
      spy.mockRestore();
    }
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: visit.id, ok: true });
    const after = (await service.getRotaYear('2026/27')).visits.filter((v) => v.id === visit.id)[0];
    expect([after.visitDate, after.movedFrom, after.members.map((m) => m.id), after.title]).toEqual(['2026-09-08', visit.visitDate, [osei], '2026-09 moved']);
    expect(after.etag).not.toBe(visit.etag);

    const stale = await service.applyChanges([{ kind: 'notHeld', id: visit.id, etag: visit.etag, reason: 'Cancelled' }]);
    expect(stale).toEqual([{ id: visit.id, ok: false, conflict: true, message: expect.stringMatching(/^Someone else changed this visit/) }]);
    const back = await service.applyChanges([{ kind: 'move', id: visit.id, etag: after.etag, visitDate: visit.visitDate, movedFrom: null }]);
    expect(back[0].ok).toBe(true);
    expect((await service.getRotaYear('2026/27')).visits.filter((v) => v.id === visit.id)[0].movedFrom).toBeUndefined();
  });

  it('adds visits from the rota screen in one batch, each labelled with its own municipal year', async () => {
    const service = new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk));
    const year = await service.getRotaYear('2026/27');
    const hale = await idOf(PERSONAS.hale);
    const spy = jest.spyOn(globalThis, 'fetch');
    let added;
    try {
      added = await service.addVisits([
        { title: '2027-03 extra', visitDate: '2027-03-10', teamId: year.teams[0].id, memberIds: [hale] },
        { title: '2027-04 extra', visitDate: '2027-04-14', teamId: year.teams[1].id, memberIds: [hale] },
      ]);
      expect(batches(spy)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
    expect(added.failed).toEqual([]);
    const stored = (await service.getRotaYear('2027/28')).visits.filter((v) => v.title === '2027-04 extra');
    expect(stored.map((v) => [v.visitDate, v.municipalYear, v.status])).toEqual([['2027-04-14', '2027/28', 'Scheduled']]);
  });

  it('keeps unavailable dates: a councillor enters and removes their own, never another’s; the improvement team enters anyone’s; the year reads them', async () => {
    const [hale, osei] = [await idOf(PERSONAS.hale), await idOf(PERSONAS.osei)];
    const asHale = new UnavailableDatesService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    const asOsei = new UnavailableDatesService(spForUser(fixture.sandbox.siteUrl, PERSONAS.osei));
    const asTeam = new UnavailableDatesService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement));
    const halesOwn = await asHale.add({ councillorId: hale, from: '2027-05-03', to: '2027-05-07', note: 'Conference' });
    const forOsei = await asTeam.add({ councillorId: osei, from: '2027-08-02', to: '2027-08-20', note: '' });
    await expect(asOsei.remove(halesOwn)).rejects.toThrow(
      new UnavailableDatesError('You may not remove these dates: councillors change only the dates they entered. Ask the Children’s Improvement Team.'),
    );
    await expect(asHale.add({ councillorId: hale, from: '2027-05-07', to: '2027-05-03', note: '' })).rejects.toThrow(/is before the first/);
    await expect(asHale.add({ councillorId: hale, from: '2027-01-01', to: '2028-06-01', note: '' })).rejects.toThrow(/no more than a year/);

    const year = await new RotaService(spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement)).getRotaYear('2027/28');
    expect(year.unavailable.map((u) => [u.councillor.id, u.from, u.to, u.note, u.enteredBy && u.enteredBy.id])).toEqual([
      [hale, '2027-05-03', '2027-05-07', 'Conference', hale],
      [osei, '2027-08-02', '2027-08-20', 'Unavailable', await idOf(PERSONAS.improvement)],
    ]);
    await asHale.remove(halesOwn);
    await asTeam.remove(forOsei);
    expect((await asHale.list('2027-04-01', '2028-03-31')).map((u) => u.id)).toEqual([]);
  });
});
