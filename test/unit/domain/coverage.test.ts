import { coverageGaps, CoverageVisit, quarterlyCoverage } from '../../../src/domain/coverage';
import { municipalYearRange } from '../../../src/domain/municipalYear';

const TEAMS = [
  { id: 1, title: 'Child in Need Team', isActive: true },
  { id: 2, title: 'Child Protection Team', isActive: true },
  { id: 3, title: 'Old Duty Team', isActive: false },
];
const YEAR = municipalYearRange('2026/27');
const TODAY = '2026-11-30';

/** Both teams visited every quarter of 2026/27: past ones held, later ones scheduled. */
function fullYear(): CoverageVisit[] {
  const days = ['2026-05-12', '2026-08-11', '2026-11-10', '2027-02-09'];
  const visits: CoverageVisit[] = [];
  for (const d of days) {
    const weekLater = d.replace(/-(\d\d)$/, (m, day) => `-${String(Number(day) + 7).padStart(2, '0')}`);
    visits.push({ teamId: 1, visitDate: d, status: d < TODAY ? 'Held' : 'Scheduled' });
    visits.push({ teamId: 2, visitDate: weekLater, status: weekLater < TODAY ? 'Held' : 'Scheduled' });
  }
  return visits;
}

describe('coverage: each active team at least once a quarter', () => {
  it('flags nothing when every team has a visit held or scheduled in every quarter', () => {
    const rows = quarterlyCoverage({ teams: TEAMS, visits: fullYear(), period: YEAR, today: TODAY });
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.flagged)).toEqual([]);
    // The current quarter (October–December): both held in November, before today.
    expect(rows.filter((r) => r.quarter.number === 3).map((r) => [r.teamTitle, r.held, r.scheduled])).toEqual([
      ['Child in Need Team', 1, 0],
      ['Child Protection Team', 1, 0],
    ]);
  });

  it('flags a past quarter whose only visit was not held', () => {
    const visits = fullYear().map((v) => (v.teamId === 2 && v.visitDate === '2026-05-19' ? { ...v, status: 'NotHeld' as const } : v));
    expect(coverageGaps({ teams: TEAMS, visits, period: YEAR, today: TODAY }).map((r) => r.message)).toEqual([
      'No visit to Child Protection Team was held in April–June 2026.',
    ]);
  });

  it('flags a future quarter with nothing scheduled, and a visit moved out of it does not count', () => {
    const visits = fullYear().map((v) => (v.teamId === 1 && v.visitDate === '2027-02-09' ? { ...v, status: 'Rescheduled' as const } : v));
    expect(coverageGaps({ teams: TEAMS, visits, period: YEAR, today: TODAY }).map((r) => [r.quarter.number, r.message])).toEqual([
      [4, 'No visit to Child in Need Team is scheduled in January–March 2027.'],
    ]);
  });

  it('in the current quarter, a visit still to come covers it; neither held nor scheduled is flagged', () => {
    const visits = fullYear().filter((v) => !(v.visitDate >= '2026-10-01' && v.visitDate <= '2026-12-31'));
    visits.push({ teamId: 1, visitDate: '2026-12-08', status: 'Scheduled' });
    const gaps = coverageGaps({ teams: TEAMS, visits, period: YEAR, today: TODAY });
    expect(gaps.map((r) => r.message)).toEqual(['No visit to Child Protection Team has been held or is scheduled in October–December 2026.']);
  });

  it('counts a past visit still marked scheduled as held until someone records it as not held', () => {
    const visits = fullYear().map((v) => ({ ...v, status: 'Scheduled' as const }));
    expect(coverageGaps({ teams: TEAMS, visits, period: YEAR, today: TODAY })).toEqual([]);
  });

  it("looks only at the quarters a committee pack's period touches, and ignores inactive teams", () => {
    const rows = quarterlyCoverage({ teams: TEAMS, visits: [], period: { start: '2026-04-01', end: '2026-09-30' }, today: TODAY });
    expect(rows.map((r) => `${r.quarter.label}: ${r.message}`)).toEqual([
      'April–June 2026: No visit to Child in Need Team was held in April–June 2026.',
      'April–June 2026: No visit to Child Protection Team was held in April–June 2026.',
      'July–September 2026: No visit to Child in Need Team was held in July–September 2026.',
      'July–September 2026: No visit to Child Protection Team was held in July–September 2026.',
    ]);
  });
});
