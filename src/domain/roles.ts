/**
 * Who may do what (docs/architecture.md §4), as one table that the UI, the bot, the sandbox and the tests
 * all read. Enforcement lives where the data lives (list permissions, the bot's check); the UI
 * only uses this to decide what to offer.
 */

export type Role = 'Councillor' | 'ImprovementTeam' | 'HeadOfService' | 'Clerk';
export const ROLES: ReadonlyArray<Role> = ['Councillor', 'ImprovementTeam', 'HeadOfService', 'Clerk'];

export type Permission =
  | 'readRota'
  | 'editRota'
  | 'editTeams'
  | 'createReport'
  | 'editOwnDraft'
  | 'submitOwnReport'
  | 'readOwnReports'
  | 'readAllReports'
  | 'writeFeedback'
  | 'exportPack'
  | 'writeCommitteeReports'
  /** Ask the bot to remind whoever is overdue (a form, a response): the improvement team's job. */
  | 'chaseOverdue'
  /** Keep the council's list of themes and the words that suggest them. */
  | 'editThemes'
  /** Confirm or change the themes suggested for a submitted report. */
  | 'confirmThemes';

/** The SharePoint group that carries each role. */
export const ROLE_GROUPS: { readonly [role in Role]: string } = {
  Councillor: 'Frontline Visit Members',
  ImprovementTeam: "Children's Improvement Team",
  HeadOfService: 'Heads of Service',
  Clerk: 'Committee Clerks',
};

export const ROLE_LABELS: { readonly [role in Role]: string } = {
  Councillor: 'Councillor',
  ImprovementTeam: 'Improvement Team',
  HeadOfService: 'Head of Service',
  Clerk: 'Committee Clerk',
};

export const ROLE_PERMISSIONS: { readonly [role in Role]: ReadonlyArray<Permission> } = {
  Councillor: ['readRota', 'createReport', 'editOwnDraft', 'submitOwnReport', 'readOwnReports'],
  ImprovementTeam: ['readRota', 'editRota', 'editTeams', 'readOwnReports', 'readAllReports', 'chaseOverdue', 'editThemes', 'confirmThemes'],
  HeadOfService: ['readRota', 'readOwnReports', 'readAllReports', 'writeFeedback'],
  Clerk: ['readRota', 'editRota', 'readOwnReports', 'readAllReports', 'exportPack', 'writeCommitteeReports'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].indexOf(permission) !== -1;
}

/** A person's roles from the titles of the SharePoint groups they belong to. */
export function rolesFromGroups(groupTitles: ReadonlyArray<string>): Role[] {
  return ROLES.filter((role) => groupTitles.indexOf(ROLE_GROUPS[role]) !== -1);
}

/**
 * What SharePoint says of the signed-in person and one role group, read from the group itself
 * (`CanCurrentUserViewMembership` and friends are evaluated for the caller).
 */
export interface RoleGroupView {
  title: string;
  /** "Who can view the membership of the group?" is group members only. */
  onlyMembersView: boolean;
  canViewMembership: boolean;
  /** Owners of the group (site owners) can always view it, member or not. */
  canManage: boolean;
}

/**
 * A person's roles, counting membership through an Entra security group. SharePoint's
 * `currentuser/groups` lists only the groups a person was added to directly; a group that hides
 * its membership from non-members lets the caller view it only if they are in it — directly or
 * through an Entra group — or manage it. So: a direct member, or able to view a hidden group they
 * do not manage. (A group visible to everyone says nothing this way: only direct members count.)
 */
export function rolesFromMembership(directGroupTitles: ReadonlyArray<string>, groups: ReadonlyArray<RoleGroupView>): Role[] {
  const member = (title: string): boolean =>
    directGroupTitles.indexOf(title) !== -1 || groups.some((g) => g.title === title && g.onlyMembersView && g.canViewMembership && !g.canManage);
  return ROLES.filter((role) => member(ROLE_GROUPS[role]));
}

/** A person with several roles may do what any of them may. */
export function rolesMay(roles: ReadonlyArray<Role>, permission: Permission): boolean {
  return roles.some((role) => roleMay(role, permission));
}

/**
 * The role whose start page a person sees first when they hold several: the one with the
 * widest reading rights and the most specific job wins.
 */
export function primaryRole(roles: ReadonlyArray<Role>): Role | undefined {
  const order: Role[] = ['Clerk', 'HeadOfService', 'ImprovementTeam', 'Councillor'];
  return order.filter((role) => roles.indexOf(role) !== -1)[0];
}
