import { RotaEntry, VisitReport } from '../../../src/domain/types';
import { buildVisitsOverview, filterVisitsOverview } from '../../../src/domain/visitsOverview';
import { emptyGrid } from '../../../src/domain/grid';
import { buildReport } from '../../helpers/reportFixtures';

const hale = { id: 1, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
const osei = { id: 2, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
const trent = { id: 3, displayName: 'Cllr Trent', email: 'cllr.trent@northshire.example' };
const TODAY = '2026-07-14';

function rota(id: number, visitDate: string, teamId: number, members = [hale, osei], extra: Partial<RotaEntry> = {}): RotaEntry {
  return {
    id,
    title: `${visitDate.slice(0, 7)} team ${teamId}`,
    visitDate,
    teamId,
    teamTitle: teamId === 1 ? 'Child in Need Team' : 'Child Protection Team',
    members,
    municipalYear: '2026/27',
    status: 'Scheduled',
    ...extra,
  };
}

function report(id: number, rotaEntryId: number | undefined, status: VisitReport['status'], extra: Partial<VisitReport> = {}): VisitReport {
  return buildReport({ id, title: `Report ${id}`, rotaEntryId, members: [hale, osei], staffInvolved: '', grid: emptyGrid(), status, ...extra });
}

const ROTA = [
  rota(10, '2026-05-12', 1, [hale, osei], { status: 'NotHeld', notHeldReason: 'Special Cabinet meeting' }),
  rota(11, '2026-06-09', 2),
  rota(12, '2026-06-23', 1, [osei, trent]),
  rota(13, '2026-07-07', 2, [hale, trent]),
  rota(14, '2026-08-11', 1, [hale, trent]),
];
const REPORTS = [
  report(40, 11, 'Submitted', { submittedOn: '2026-06-10T09:00:00Z' }),
  report(41, 12, 'Draft'),
  report(42, undefined, 'Draft', { visitDate: '2026-06-30', teamId: 2, teamTitle: 'Child Protection Team', members: [trent] }),
];

describe('visits overview', () => {
  const rows = buildVisitsOverview(ROTA, REPORTS, TODAY, { start: '2026-04-01', end: '2027-03-31' });

  it('joins each rota visit to its report, and lists an unscheduled visit on its own', () => {
    expect(rows.map((r) => [r.key, r.visitDate, r.status.label])).toEqual([
      ['rota-10', '2026-05-12', 'Not held'],
      ['rota-11', '2026-06-09', 'Response overdue (6 days)'],
      ['rota-12', '2026-06-23', 'Draft'],
      ['report-42', '2026-06-30', 'Draft'],
      ['rota-13', '2026-07-07', 'Form not started'],
      ['rota-14', '2026-08-11', 'Upcoming'],
    ]);
  });

  it('filters by team, state and councillor, counting states under the team and councillor filters', () => {
    const trents = filterVisitsOverview(rows, { councillorId: 3 });
    expect(trents.rows.map((r) => r.key)).toEqual(['rota-12', 'report-42', 'rota-13', 'rota-14']);
    expect(trents.counts.filter((c) => c.count > 0).map((c) => [c.state, c.count])).toEqual([
      ['upcoming', 1],
      ['formNotStarted', 1],
      ['draft', 2],
    ]);
    const drafts = filterVisitsOverview(rows, { councillorId: 3, state: 'draft', teamId: 1 });
    expect(drafts.rows.map((r) => r.key)).toEqual(['rota-12']);
    expect(filterVisitsOverview(rows, {}).counts.reduce((sum, c) => sum + c.count, 0)).toBe(rows.length);
  });

  it('keeps to the period', () => {
    const june = buildVisitsOverview(ROTA, REPORTS, TODAY, { start: '2026-06-01', end: '2026-06-30' });
    expect(june.map((r) => r.key)).toEqual(['rota-11', 'rota-12', 'report-42']);
  });
});
