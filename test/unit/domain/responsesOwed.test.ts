import { responsesOwed } from '../../../src/domain/responsesOwed';
import { FrontlineTeam, VisitReport } from '../../../src/domain/types';
import { emptyGrid } from '../../../src/domain/grid';

const person = (id: number, name: string) => ({ id, displayName: name, email: '' });
const teams: FrontlineTeam[] = [
  { id: 1, title: 'Consultation Team', isActive: true },
  { id: 2, title: 'Child in Need Team', isActive: true, headOfService: person(20, 'Head of CIN/CP') },
  { id: 3, title: 'Child Protection Team', isActive: true, headOfService: person(21, 'Other Head') },
];
const report = (id: number, teamId: number, submittedOn: string, status: VisitReport['status'] = 'Submitted'): VisitReport =>
  ({ id, teamId, submittedOn, status, members: [], grid: emptyGrid() }) as unknown as VisitReport;

describe("the Head of Service's responses to write", () => {
  const reports = [
    report(1, 1, '2026-11-20T10:00:00Z'),
    report(2, 2, '2026-10-01T10:00:00Z'),
    report(3, 3, '2026-09-01T10:00:00Z'),
    report(4, 1, '2026-08-01T10:00:00Z', 'Responded'),
    report(5, 2, '2026-11-01T23:30:00Z'),
  ];

  it('lists the submitted reports of teams naming them or no one, oldest first, with the due date in words', () => {
    const owed = responsesOwed(reports, teams, 20, '2026-11-30');
    expect(owed.mine.map((r) => r.report.id)).toEqual([2, 5, 1]);
    expect(owed.mine[0]).toMatchObject({ overdue: true, teamTitle: 'Child in Need Team', dueText: 'Response overdue (32 days): was due 29 Oct 2026' });
    // Submitted 23:30 UTC on 1 Nov is 1 Nov in London (GMT): due 29 Nov, one day overdue on the 30th.
    expect(owed.mine[1].dueText).toBe('Response overdue (1 day): was due 29 Nov 2026');
    expect(owed.mine[2]).toMatchObject({ overdue: false, dueText: 'Response due 18 Dec 2026 (18 days left)' });
  });

  it('lists apart the reports of a team that names another Head of Service, and never an answered one', () => {
    const owed = responsesOwed(reports, teams, 20, '2026-11-30');
    expect(owed.others.map((r) => [r.report.id, r.namedElsewhere])).toEqual([[3, 'Other Head']]);
    expect(owed.mine.concat(owed.others).some((r) => r.report.id === 4)).toBe(false);
  });
});
