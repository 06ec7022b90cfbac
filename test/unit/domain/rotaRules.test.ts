import { englandBankHolidays } from '../../../src/domain/bankHolidays';
import { checkRota, RotaCouncillor, RotaRulesContext, RotaVisitToCheck } from '../../../src/domain/rotaRules';

const hale = { id: 1, displayName: 'Cllr Hale' };
const osei = { id: 2, displayName: 'Cllr Osei' };
const trent = { id: 3, displayName: 'Cllr Trent' };
const ashby = { id: 4, displayName: 'Cllr Ashby' };
const marlow = { id: 5, displayName: 'Cllr Marlow' };
const TEAMS = [
  { id: 10, title: 'Child in Need Team', isActive: true },
  { id: 11, title: 'Closed Team', isActive: false },
];

function context(councillors: RotaCouncillor[] = [hale, osei, trent, ashby, marlow], extra: Partial<RotaRulesContext> = {}): RotaRulesContext {
  return { municipalYear: '2026/27', teams: TEAMS, councillors, bankHolidays: englandBankHolidays('2026-04-01', '2027-03-31'), ...extra };
}

/** Child in Need, once a quarter, a different pair each time: meets every rule with five councillors. */
function goodRota(): RotaVisitToCheck[] {
  return [
    { key: 'a', visitDate: '2026-05-12', teamId: 10, members: [hale, osei] },
    { key: 'b', visitDate: '2026-08-11', teamId: 10, members: [trent, ashby] },
    { key: 'c', visitDate: '2026-11-10', teamId: 10, members: [marlow, hale] },
    { key: 'd', visitDate: '2027-02-09', teamId: 10, members: [osei, trent] },
  ];
}

describe('rota rules on an edited rota', () => {
  it('finds nothing wrong with a rota that keeps every rule', () => {
    expect(checkRota(goodRota(), context())).toEqual([]);
  });

  it('flags a quarter with no visit to an active team, and a visit not held leaves the gap open', () => {
    const rota = goodRota();
    rota[1] = { ...rota[1], status: 'NotHeld' };
    expect(checkRota(rota, context()).map((p) => p.message)).toEqual([
      'Child in Need Team has no visit in July–September 2026.',
      "Visits are not shared evenly: Cllr Hale and Cllr Osei each have 2 visits, Cllr Ashby 0: Cllr Ashby is free to take Cllr Hale's place on 12 May 2026.",
    ]);
  });

  it('says which visit falls on a bank holiday, a weekend or a committee day', () => {
    const rota = goodRota();
    rota[0] = { ...rota[0], visitDate: '2026-05-25' };
    rota[1] = { ...rota[1], visitDate: '2026-08-15' };
    rota[2] = { ...rota[2], visitDate: '2026-11-17' };
    expect(checkRota(rota, context(undefined, { committeeDates: ['2026-11-17'] })).map((p) => [p.rule, p.visitKeys, p.message])).toEqual([
      ['bankHoliday', ['a'], 'The visit to Child in Need Team on Monday 25 May 2026 falls on a bank holiday (Spring bank holiday).'],
      ['committeeDate', ['c'], 'The visit to Child in Need Team on Tuesday 17 November 2026 clashes with a committee meeting.'],
      ['weekday', ['b'], 'The visit to Child in Need Team on Saturday 15 August 2026 falls at a weekend.'],
    ]);
  });

  it('names a councillor booked on a day they said they cannot do', () => {
    const away: RotaCouncillor = { ...trent, unavailable: ['2026-01-01', { from: '2026-08-01', to: '2026-08-31' }] };
    const problems = checkRota(goodRota(), context([hale, osei, away, ashby, marlow]));
    expect(problems.map((p) => [p.rule, p.councillorIds, p.message])).toEqual([
      ['unavailable', [3], 'Cllr Trent is booked for Child in Need Team on Tuesday 11 August 2026 but has said they cannot do that day.'],
    ]);
  });

  it("names a councillor with two visits within four weeks, counting last year's bookings", () => {
    const rota = goodRota().concat([{ key: 'e', visitDate: '2026-05-26', teamId: 10, members: [hale, trent] }]);
    const problems = checkRota(rota, context(undefined, { bookedVisits: [{ visitDate: '2026-03-31', memberIds: [2] }] }));
    expect(problems.filter((p) => p.rule === 'fourWeekGap').map((p) => [p.visitKeys, p.message])).toEqual([
      [['a', 'e'], 'Cllr Hale has visits on 12 May 2026 and 26 May 2026, 14 days apart; no councillor should visit twice within four weeks.'],
    ]);
    // Osei's last visit of the year before was 42 days earlier: fine. Three weeks earlier is not.
    const tooSoon = checkRota(goodRota(), context(undefined, { bookedVisits: [{ visitDate: '2026-04-21', memberIds: [2] }] }));
    expect(tooSoon.map((p) => [p.visitKeys, p.message])).toEqual([
      [['a'], 'Cllr Osei has visits on 21 Apr 2026 and 12 May 2026, 21 days apart; no councillor should visit twice within four weeks.'],
    ]);
  });

  it('says why a visit has one councillor', () => {
    const rota = goodRota();
    rota[0] = { ...rota[0], members: [hale] };
    const away: RotaCouncillor = { ...osei, unavailable: ['2026-05-12'] };
    const problems = checkRota(
      rota.concat([{ key: 'x', visitDate: '2026-05-20', teamId: 10, members: [trent, ashby] }]),
      context([hale, away, trent, ashby, marlow]),
    );
    expect(problems.find((p) => p.rule === 'twoCouncillors')?.message).toBe(
      'The visit to Child in Need Team on Tuesday 12 May 2026 has one councillor; it needs two. One other councillor is free that day.',
    );
  });

  it('explains an uneven share and who could even it out: "Cllr Trent has 6 visits, others 4"', () => {
    const others = [hale, osei, ashby, marlow];
    const months = [
      '2026-04-14',
      '2026-05-12',
      '2026-06-16',
      '2026-07-14',
      '2026-08-11',
      '2026-09-15',
      '2026-10-13',
      '2026-11-10',
      '2026-12-08',
      '2027-01-12',
      '2027-02-09',
    ];
    // Trent on every other month; the others fill the remaining places four each.
    const queue = others.concat(others, others, others);
    const rota: RotaVisitToCheck[] = months.map((visitDate, i) => ({
      key: String(i),
      visitDate,
      teamId: 10,
      members: i % 2 === 0 ? [trent, queue.shift() as typeof hale] : [queue.shift() as typeof hale, queue.shift() as typeof hale],
    }));
    const share = checkRota(rota, context()).filter((p) => p.rule === 'evenShare');
    expect(share.map((p) => p.message)).toEqual([
      "Visits are not shared evenly: Cllr Trent has 6 visits, others 4: Cllr Ashby is free to take Cllr Trent's place on 14 Apr 2026.",
    ]);
  });

  it('blames the numbers when no one with fewer visits is free to take a place', () => {
    const rota: RotaVisitToCheck[] = [
      { key: 'p', visitDate: '2026-05-04', teamId: 10, members: [hale] },
      { key: 'q', visitDate: '2026-05-26', teamId: 10, members: [hale, osei] },
      { key: 'r', visitDate: '2026-06-15', teamId: 10, members: [hale] },
    ];
    const share = checkRota(rota, context([hale, osei])).filter((p) => p.rule === 'evenShare');
    expect(share.map((p) => p.message)).toEqual([
      'Visits are not shared evenly: Cllr Hale has 3 visits, Cllr Osei 1: only 2 councillors for 4 places, and no one may visit twice within four weeks.',
    ]);
  });

  it('counts a councillor named twice on a visit once', () => {
    const rota = goodRota();
    rota[0] = { ...rota[0], members: [hale, hale] };
    expect(
      checkRota(rota, context())
        .filter((p) => p.rule === 'twoCouncillors')
        .map((p) => p.message),
    ).toEqual(['The visit to Child in Need Team on Tuesday 12 May 2026 has one councillor; it needs two. Four other councillors are free that day.']);
  });

  it('ignores inactive teams and visits moved to another date', () => {
    const rota = goodRota().concat([{ key: 'moved', visitDate: '2026-05-16', teamId: 10, members: [hale], status: 'Rescheduled' }]);
    expect(checkRota(rota, context())).toEqual([]);
  });

  it('flags a visit outside the municipal year', () => {
    const rota = goodRota().concat([{ key: 'late', visitDate: '2027-04-13', teamId: 10, members: [ashby, marlow] }]);
    expect(checkRota(rota, context()).map((p) => p.message)).toEqual(['The visit to Child in Need Team on Tuesday 13 April 2027 is outside 2026/27.']);
  });
});
