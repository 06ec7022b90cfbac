import { englandBankHolidays } from '../../../src/domain/bankHolidays';
import { daysBetween } from '../../../src/domain/calendarDate';
import { municipalYearRange, quartersOf } from '../../../src/domain/municipalYear';
import { proposeRota, RotaPlanInput, RotaProposal } from '../../../src/domain/rotaPlanner';
import { RotaCouncillor, RotaTeam } from '../../../src/domain/rotaRules';

const YEAR = '2027/28';
const HOLIDAYS = englandBankHolidays('2027-04-01', '2028-03-31');
const SURNAMES = ['Ashby', 'Baines', 'Cole', 'Dunmore', 'Ellery', 'Fenwick', 'Garside', 'Hale', 'Ingram'];
const TEAM_TITLES = ['Child in Need Team', 'Child Protection Team', 'Consultation Team (front door)', 'Disabled Children Team', 'Family Help Team'];

function teams(n: number): RotaTeam[] {
  return TEAM_TITLES.slice(0, n).map((title, i) => ({ id: i + 1, title, isActive: true }));
}

function councillors(n: number): RotaCouncillor[] {
  return SURNAMES.slice(0, n).map((s, i) => ({ id: 100 + i, displayName: `Cllr ${s}`, email: `cllr.${s.toLowerCase()}@northshire.example` }));
}

function input(teamCount: number, councillorCount: number, extra: Partial<RotaPlanInput> = {}): RotaPlanInput {
  return { municipalYear: YEAR, teams: teams(teamCount), councillors: councillors(councillorCount), bankHolidays: HOLIDAYS, ...extra };
}

/** The rules checked here, independently of the planner's own checker. */
function breaches(proposal: RotaProposal, plan: RotaPlanInput): Array<{ rule: string; key: string }> {
  const found: Array<{ rule: string; key: string }> = [];
  const holidays = new Set(plan.bankHolidays.map((h) => h.date));
  const committee = new Set(plan.committeeDates || []);
  const lastSeen = new Map<number, string>();
  for (const b of plan.bookedVisits || []) {
    b.memberIds.forEach((id) => lastSeen.set(id, b.visitDate));
  }
  for (const v of proposal.visits) {
    const weekday = new Date(`${v.visitDate}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) found.push({ rule: 'weekday', key: v.key });
    if (holidays.has(v.visitDate)) found.push({ rule: 'bankHoliday', key: v.key });
    if (committee.has(v.visitDate)) found.push({ rule: 'committeeDate', key: v.key });
    if (v.members.length < 2 || new Set(v.members.map((m) => m.id)).size !== v.members.length) found.push({ rule: 'twoCouncillors', key: v.key });
    for (const m of v.members) {
      const c = plan.councillors.find((x) => x.id === m.id);
      const unavailable = (c?.unavailable || []).some((u) => (typeof u === 'string' ? u === v.visitDate : v.visitDate >= u.from && v.visitDate <= u.to));
      if (unavailable) found.push({ rule: 'unavailable', key: v.key });
      const last = lastSeen.get(m.id);
      if (last && daysBetween(last, v.visitDate) < 28) found.push({ rule: 'fourWeekGap', key: v.key });
      lastSeen.set(m.id, v.visitDate);
    }
  }
  return found;
}

function expectEveryBreachReported(proposal: RotaProposal, plan: RotaPlanInput): void {
  for (const breach of breaches(proposal, plan)) {
    expect(proposal.problems.filter((p) => p.rule === breach.rule && p.visitKeys.indexOf(breach.key) !== -1)).not.toHaveLength(0);
  }
}

function visitsPerCouncillor(proposal: RotaProposal): Map<string, number> {
  const tally = new Map<string, number>();
  proposal.visits.forEach((v) => v.members.forEach((m) => tally.set(m.displayName, (tally.get(m.displayName) || 0) + 1)));
  return tally;
}

function expectEachTeamEveryQuarter(proposal: RotaProposal, teamCount: number): void {
  for (const quarter of quartersOf(YEAR)) {
    const visited = new Set(proposal.visits.filter((v) => v.visitDate >= quarter.start && v.visitDate <= quarter.end).map((v) => v.teamId));
    expect(Array.from(visited).sort()).toEqual(teams(teamCount).map((t) => t.id));
  }
}

describe('rota planner: 3 teams, 12 months, 9 councillors', () => {
  const plan = input(3, 9);
  const proposal = proposeRota(plan);

  it('proposes one visit a month, rotating round the three teams', () => {
    expect(proposal.visits.map((v) => v.visitDate.slice(0, 7))).toEqual([
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
      '2027-12',
      '2028-01',
      '2028-02',
      '2028-03',
    ]);
    // Teams in name order: Child in Need (1), Child Protection (2), Consultation (3).
    expect(proposal.visits.map((v) => v.teamId)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expectEachTeamEveryQuarter(proposal, 3);
  });

  it('books two different councillors a visit, shared 3 or 2 each (24 places, 9 councillors)', () => {
    const counts = Array.from(visitsPerCouncillor(proposal).values()).sort();
    expect(counts).toEqual([2, 2, 2, 3, 3, 3, 3, 3, 3]);
    expect(proposal.notes).toContain('12 visits from April 2027 to March 2028: 24 places for 9 councillors; 6 have 3 visits and 3 have 2.');
  });

  it('meets every rule, so it reports no problem', () => {
    expect(breaches(proposal, plan)).toEqual([]);
    expect(proposal.problems).toEqual([]);
  });

  it('keys and titles each visit as the rota list does', () => {
    expect(proposal.visits[0]).toMatchObject({
      key: '2027/28 visit 01',
      title: `${proposal.visits[0].visitDate.slice(0, 7)} Child in Need Team`,
      quarter: 1,
      status: 'Scheduled',
    });
  });
});

describe('rota planner: 5 teams, 4 quarters, 4 councillors', () => {
  it('visits each team every quarter, two visits in some months, 10 visits each, no rule broken', () => {
    const plan = input(5, 4);
    const proposal = proposeRota(plan);
    expect(proposal.visits).toHaveLength(20);
    expectEachTeamEveryQuarter(proposal, 5);
    const months = new Set(proposal.visits.map((v) => v.visitDate.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(Array.from(visitsPerCouncillor(proposal).values())).toEqual([10, 10, 10, 10]);
    expect(breaches(proposal, plan)).toEqual([]);
    expect(proposal.problems).toEqual([]);
    expect(proposal.notes[0]).toBe('5 active teams need 5 visits a quarter, so some months have two visits.');
  });

  it('reports what it cannot meet when one councillor is away all summer, and breaks nothing silently', () => {
    const group = councillors(4);
    group[0] = { ...group[0], unavailable: [{ from: '2027-07-01', to: '2027-09-30' }] };
    const plan = input(5, 4, { councillors: group });
    const proposal = proposeRota(plan);

    expectEachTeamEveryQuarter(proposal, 5);
    // Never booked while away, and the four-week gap is kept: places are left empty instead.
    expect(breaches(proposal, plan).filter((b) => b.rule !== 'twoCouncillors')).toEqual([]);
    const summer = proposal.visits.filter((v) => v.quarter === 2);
    expect(summer.some((v) => v.members.some((m) => m.displayName === 'Cllr Ashby'))).toBe(false);

    const short = proposal.visits.filter((v) => v.members.length < 2);
    expect(short.length).toBeGreaterThan(0);
    expect(proposal.problems.filter((p) => p.rule === 'twoCouncillors').map((p) => p.visitKeys[0])).toEqual(short.map((v) => v.key));
    expect(proposal.problems.find((p) => p.rule === 'twoCouncillors')?.message).toMatch(
      /^The visit to .+ on \w+day \d+ \w+ 2027 has (one councillor|no councillors); it needs two\. No other councillor is free: .*(said they cannot do that day|another visit within four weeks of it)\.$/,
    );
    expectEveryBreachReported(proposal, plan);
    const share = proposal.problems.find((p) => p.rule === 'evenShare');
    expect(share?.message).toMatch(/^Visits are not shared evenly: .+ Cllr Ashby \d+: Cllr Ashby cannot do \d+ of the 20 visit dates\.$/);
  });

  it('with only 3 councillors for 40 places, leaves places empty and says so for each visit', () => {
    const plan = input(5, 3);
    const proposal = proposeRota(plan);
    expectEachTeamEveryQuarter(proposal, 5);
    expect(breaches(proposal, plan).filter((b) => b.rule !== 'twoCouncillors')).toEqual([]);
    const short = proposal.visits.filter((v) => v.members.length < 2).map((v) => v.key);
    // Three people with four weeks between visits fill at most 13 visits a year; 20 are needed.
    expect(short.length).toBeGreaterThanOrEqual(7);
    expect(proposal.problems.filter((p) => p.rule === 'twoCouncillors').map((p) => p.visitKeys[0])).toEqual(short);
    expectEveryBreachReported(proposal, plan);
    const empty = 40 - proposal.visits.reduce((sum, v) => sum + v.members.length, 0);
    expect(proposal.notes[1]).toMatch(
      new RegExp(`^20 visits from April 2027 to March 2028: 40 places for 3 councillors; .+ \\(${empty} places left empty\\)\\.$`),
    );
  });
});

describe('rota planner: days it must avoid', () => {
  it('never books a bank holiday, a weekend or a committee day, over ten years', () => {
    for (let start = 2026; start < 2036; start++) {
      const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
      const range = municipalYearRange(year);
      const holidays = englandBankHolidays(range.start, range.end);
      const plan: RotaPlanInput = {
        municipalYear: year,
        teams: teams(5),
        councillors: councillors(9),
        bankHolidays: holidays,
        committeeDates: [`${start}-07-14`, `${start}-11-17`],
      };
      const proposal = proposeRota(plan);
      expect(breaches(proposal, plan)).toEqual([]);
      expect(proposal.problems).toEqual([]);
    }
  });

  it('moves a visit off a day that becomes a bank holiday or a committee day', () => {
    const free = proposeRota(input(3, 9, { bankHolidays: [] }));
    const firstHalf = free.visits.slice(0, 6).map((v) => v.visitDate);
    const secondHalf = free.visits.slice(6).map((v) => v.visitDate);
    const plan = input(3, 9, { bankHolidays: firstHalf.map((date) => ({ date, name: 'Test holiday' })), committeeDates: secondHalf });
    const moved = proposeRota(plan);
    expect(moved.visits).toHaveLength(12);
    moved.visits.forEach((v, i) => {
      expect(v.visitDate).not.toBe(free.visits[i].visitDate);
      expect(v.visitDate.slice(0, 7)).toBe(free.visits[i].visitDate.slice(0, 7));
    });
    expect(breaches(moved, plan)).toEqual([]);
  });

  it('respects the days a councillor has said they cannot do', () => {
    const first = proposeRota(input(3, 9));
    const group = councillors(9).map((c) => ({ ...c, unavailable: first.visits.filter((v) => v.members.some((m) => m.id === c.id)).map((v) => v.visitDate) }));
    const plan = input(3, 9, { councillors: group });
    const second = proposeRota(plan);
    expect(breaches(second, plan)).toEqual([]);
    expect(second.problems).toEqual([]);
    // Nobody is on a visit they were on before: every one of those days is now ruled out for them.
    second.visits.forEach((v) => v.members.forEach((m) => expect(group.find((c) => c.id === m.id)?.unavailable).not.toContain(v.visitDate)));
  });

  it("counts last year's visits towards the four-week gap", () => {
    const plan = input(3, 2, { bookedVisits: [{ visitDate: '2027-03-30', memberIds: [100, 101] }] });
    const proposal = proposeRota(plan);
    expect(daysBetween('2027-03-30', proposal.visits[0].visitDate)).toBeGreaterThanOrEqual(28);
    expect(proposal.visits[0].members).toHaveLength(2);
  });
});

describe('rota planner: the same input gives the same proposal', () => {
  it('twice in a row, and whatever order the teams and councillors come in', () => {
    const plan = input(5, 7, { committeeDates: ['2027-09-15'] });
    const once = proposeRota(plan);
    expect(proposeRota(plan)).toEqual(once);
    const reordered = { ...plan, teams: plan.teams.slice().reverse(), councillors: plan.councillors.slice().reverse() };
    expect(proposeRota(reordered)).toEqual(once);
  });
});

describe('rota planner: edge cases', () => {
  it('leaves inactive teams out', () => {
    const plan = input(3, 9);
    const withClosed = { ...plan, teams: plan.teams.concat([{ id: 9, title: 'Closed Team', isActive: false }]) };
    const proposal = proposeRota(withClosed);
    expect(proposal.visits.some((v) => v.teamId === 9)).toBe(false);
    expect(proposal.visits).toHaveLength(12);
  });

  it("says so when the members' group has one councillor", () => {
    const proposal = proposeRota(input(3, 1));
    expect(proposal.problems[0].rule).toBe('twoCouncillors');
    expect(proposal.problems[0].message).toMatch(/has one councillor; it needs two\. The members' group has one councillor\.$/);
  });

  it('proposes nothing, and says why, with no active team', () => {
    const proposal = proposeRota(input(0, 4));
    expect(proposal.visits).toEqual([]);
    expect(proposal.notes).toEqual(['There is no active team to visit.']);
  });

  it('still visits every month with two teams, each at least once a quarter', () => {
    const proposal = proposeRota(input(2, 6));
    expect(proposal.visits).toHaveLength(12);
    expectEachTeamEveryQuarter(proposal, 2);
    expect(proposal.problems).toEqual([]);
  });
});
