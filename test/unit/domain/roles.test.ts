import { Permission, primaryRole, Role, ROLE_GROUPS, roleMay, rolesFromGroups, rolesMay } from '../../../src/domain/roles';

describe('roles and permissions (docs/architecture.md §4)', () => {
  const table: Array<[Role, Permission, boolean]> = [
    ['Councillor', 'readRota', true],
    ['Councillor', 'createReport', true],
    ['Councillor', 'editOwnDraft', true],
    ['Councillor', 'submitOwnReport', true],
    ['Councillor', 'readOwnReports', true],
    ['Councillor', 'readAllReports', false],
    ['Councillor', 'editRota', false],
    ['Councillor', 'writeFeedback', false],
    ['Councillor', 'exportPack', false],
    ['ImprovementTeam', 'readAllReports', true],
    ['ImprovementTeam', 'editRota', true],
    ['ImprovementTeam', 'editTeams', true],
    ['ImprovementTeam', 'writeFeedback', false],
    ['ImprovementTeam', 'createReport', false],
    ['HeadOfService', 'readAllReports', true],
    ['HeadOfService', 'writeFeedback', true],
    ['HeadOfService', 'editRota', false],
    ['HeadOfService', 'exportPack', false],
    ['Clerk', 'readAllReports', true],
    ['Clerk', 'exportPack', true],
    ['Clerk', 'editRota', true],
    ['Clerk', 'editTeams', false],
    ['Clerk', 'writeFeedback', false]
  ];

  it.each(table)('%s may %s: %s', (role, permission, expected) => {
    expect(roleMay(role, permission)).toBe(expected);
  });

  it('maps SharePoint group titles to roles and ignores other groups', () => {
    expect(rolesFromGroups(['Frontline Visit Members', 'Site Visitors'])).toEqual(['Councillor']);
    expect(rolesFromGroups([ROLE_GROUPS.HeadOfService, ROLE_GROUPS.Clerk])).toEqual(['HeadOfService', 'Clerk']);
    expect(rolesFromGroups(['Frontline Site Owners'])).toEqual([]);
  });

  it('grants what any of several roles grants', () => {
    expect(rolesMay(['Councillor', 'Clerk'], 'exportPack')).toBe(true);
    expect(rolesMay([], 'readRota')).toBe(false);
  });

  it('chooses the start page of the most specific role', () => {
    expect(primaryRole(['Councillor'])).toBe('Councillor');
    expect(primaryRole(['Councillor', 'Clerk'])).toBe('Clerk');
    expect(primaryRole([])).toBeUndefined();
  });
});
