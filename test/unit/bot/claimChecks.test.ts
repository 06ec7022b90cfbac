import { checkClaims, ClaimFacts, serverCheckNotice } from '../../../src/bot/claimChecks';
import { RotaRecord } from '../../../src/bot/lists';
import { emptyGrid } from '../../../src/domain/grid';
import { reasonsNotUsed } from '../../../src/domain/serverCheck';
import { VisitReport } from '../../../src/domain/types';
import { buildReport } from '../../helpers/reportFixtures';

const HALE = { id: 11, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
const OSEI = { id: 12, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
const HOS = { id: 20, displayName: 'Head of Service', email: 'hos.cincp@northshire.example' };
const SUBMITTED = '2026-06-15T09:00:00Z';
const CHECKED = '2026-06-15T09:00:05Z';

const rota: RotaRecord = { id: 5, visitDate: '2026-06-10', teamId: 1, status: 'Held', members: ['Cllr Hale', 'Cllr Osei'], memberIds: [11, 12] };
const facts: ClaimFacts = { councillorIds: [11, 12, 13], authorId: 11, rota, teamExists: true };

function report(overrides: Partial<VisitReport> = {}): VisitReport {
  return {
    ...buildReport(),
    id: 7,
    title: 'Visit',
    rotaEntryId: 5,
    teamId: 1,
    visitDate: '2026-06-10',
    members: [HALE, OSEI],
    staffInvolved: 'Team manager',
    grid: { ...emptyGrid(), staffingWorries: 'Vacancies' },
    safetyScale: 6,
    status: 'Submitted',
    submittedOn: SUBMITTED,
    ...overrides,
  };
}

describe('the server checks what a report claims', () => {
  it('finds nothing wrong with a rota visit reported by its booked councillors', () => {
    expect(checkClaims(report(), facts, SUBMITTED, CHECKED)).toEqual({ problems: [], notes: [], checkedOn: CHECKED });
    expect(serverCheckNotice(checkClaims(report(), facts, SUBMITTED, CHECKED))).toBeUndefined();
  });

  it('flags members who are not councillors (the Head of Service named as a member)', () => {
    const check = checkClaims(report({ members: [HALE, HOS] }), facts, SUBMITTED, CHECKED);
    expect(check.problems).toEqual(['Its elected members include people who are not councillors: Head of Service.']);
  });

  it('flags members changed from the rota as a change, not a failure', () => {
    const check = checkClaims(report({ members: [HALE, { id: 13, displayName: 'Cllr Marlow', email: 'm@x' }] }), facts, SUBMITTED, CHECKED);
    expect(check.problems).toEqual([]);
    expect(check.notes).toEqual(['Changed from the rota: the rota booked Cllr Hale, Cllr Osei.']);
    expect(serverCheckNotice(check)).toBe('Changed from the rota: the rota booked Cllr Hale, Cllr Osei.');
  });

  it('flags a rota entry that belongs to someone else, and one that does not exist', () => {
    const othersRota = { ...rota, memberIds: [12], members: ['Cllr Osei'] };
    const taken = checkClaims(report({ members: [HALE] }), { ...facts, rota: othersRota, names: { 11: 'Cllr Hale' } }, SUBMITTED, CHECKED);
    expect(taken.problems).toEqual(['It names a rota visit its author (Cllr Hale) was not booked on.']);
    const missing = checkClaims(report(), { ...facts, rota: undefined }, SUBMITTED, CHECKED);
    expect(missing.problems).toEqual(['It names a rota visit that does not exist.']);
  });

  it("flags a team that does not exist, and a team other than the rota visit's", () => {
    expect(checkClaims(report(), { ...facts, teamExists: false }, SUBMITTED, CHECKED).problems).toEqual([
      'It names a team that is not on the list of Frontline Teams.',
    ]);
    expect(checkClaims(report({ teamId: 2 }), facts, SUBMITTED, CHECKED).problems).toEqual(['Its team is not the team of the rota visit it names.']);
  });

  it('flags a visit date more than a year before submission, and notes one that differs from the rota', () => {
    const old = checkClaims(report({ rotaEntryId: undefined, visitDate: '2025-06-13' }), facts, SUBMITTED, CHECKED);
    expect(old.problems).toEqual(['Its visit date (Friday 13 June 2025) is more than a year before it was submitted.']);
    expect(checkClaims(report({ rotaEntryId: undefined, visitDate: '2025-06-14' }), facts, SUBMITTED, CHECKED).problems).toEqual([]);
    expect(checkClaims(report({ visitDate: '2026-06-11' }), facts, SUBMITTED, CHECKED).notes).toEqual([
      'Changed from the rota: the rota dated the visit Wednesday 10 June 2026.',
    ]);
  });

  it('leaves out of use a scale that is not a whole number from 0 to 10, text over the limits and a visit after submission', () => {
    expect(reasonsNotUsed(report())).toEqual([]);
    expect(reasonsNotUsed(report({ safetyScale: 3.5 }))).toEqual(['Choose a whole number from 0 to 10 for how safe the service keeps children.']);
    expect(reasonsNotUsed(report({ safetyScale: 11 }))).toHaveLength(1);
    expect(reasonsNotUsed(report({ staffInvolved: 'x'.repeat(2001) }))[0]).toMatch(/Names of staff involved must be 2,000 characters or fewer/);
    expect(reasonsNotUsed(report({ visitDate: '2026-06-16' }))).toEqual(['The date of the visit must be today or in the past.']);
    const flagged = report({ serverCheck: { problems: ['It names a team that is not on the list of Frontline Teams.'], notes: [], checkedOn: CHECKED } });
    expect(reasonsNotUsed(flagged)).toEqual(['It names a team that is not on the list of Frontline Teams.']);
  });
});
