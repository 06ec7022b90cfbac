import { memberChoices } from '../../../src/features/common/people';
import { Permission, primaryRole, Role, ROLE_GROUPS, RoleGroupView, roleMay, rolesFromGroups, rolesFromMembership, rolesMay } from '../../../src/domain/roles';

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
    ['Clerk', 'writeFeedback', false],
    ['ImprovementTeam', 'chaseOverdue', true],
    ['Councillor', 'chaseOverdue', false],
    ['HeadOfService', 'chaseOverdue', false],
    ['Clerk', 'chaseOverdue', false],
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

describe('roles counting membership through an Entra security group', () => {
  const hidden = (title: string, canViewMembership: boolean, canManage = false): RoleGroupView => ({
    title,
    onlyMembersView: true,
    canViewMembership,
    canManage,
  });

  it('counts a group the person was added to directly', () => {
    expect(rolesFromMembership([ROLE_GROUPS.Clerk], [hidden(ROLE_GROUPS.Clerk, true)])).toEqual(['Clerk']);
  });

  it('counts a hidden group the person may view: they are in it through an Entra group', () => {
    const views = [hidden(ROLE_GROUPS.Councillor, true), hidden(ROLE_GROUPS.HeadOfService, false), hidden(ROLE_GROUPS.Clerk, false)];
    expect(rolesFromMembership([], views)).toEqual(['Councillor']);
  });

  it('does not count a group the person may view only because they manage it (a site owner)', () => {
    expect(rolesFromMembership([], [hidden(ROLE_GROUPS.HeadOfService, true, true)])).toEqual([]);
  });

  it('does not count a group whose membership everyone may view, unless the person was added directly', () => {
    const open: RoleGroupView = { title: ROLE_GROUPS.Councillor, onlyMembersView: false, canViewMembership: true, canManage: false };
    expect(rolesFromMembership([], [open])).toEqual([]);
    expect(rolesFromMembership([ROLE_GROUPS.Councillor], [open])).toEqual(['Councillor']);
  });
});

describe('who the members picker offers', () => {
  const person = (id: number, displayName: string): { id: number; displayName: string; email: string } => ({
    id,
    displayName,
    email: `${displayName.toLowerCase()}@northshire.example`,
  });

  it('offers the group people, the signed-in councillor and anyone already named, each once', () => {
    const group = [person(1, 'Hale'), person(2, 'Osei')];
    const choices = memberChoices(group, person(7, 'Wren'), [person(2, 'Osei'), person(9, 'Marsh')]);
    expect(choices.map((p) => p.id)).toEqual([1, 2, 7, 9]);
  });

  it('leaves the signed-in person out when they are not a councillor', () => {
    expect(memberChoices([person(1, 'Hale')], undefined, []).map((p) => p.id)).toEqual([1]);
  });
});
