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
  | 'exportPack';

/** The SharePoint group that carries each role. */
export const ROLE_GROUPS: { readonly [role in Role]: string } = {
  Councillor: 'Frontline Visit Members',
  ImprovementTeam: "Children's Improvement Team",
  HeadOfService: 'Heads of Service',
  Clerk: 'Committee Clerks'
};

export const ROLE_LABELS: { readonly [role in Role]: string } = {
  Councillor: 'Councillor',
  ImprovementTeam: 'Improvement Team',
  HeadOfService: 'Head of Service',
  Clerk: 'Committee Clerk'
};

export const ROLE_PERMISSIONS: { readonly [role in Role]: ReadonlyArray<Permission> } = {
  Councillor: ['readRota', 'createReport', 'editOwnDraft', 'submitOwnReport', 'readOwnReports'],
  ImprovementTeam: ['readRota', 'editRota', 'editTeams', 'readOwnReports', 'readAllReports'],
  HeadOfService: ['readRota', 'readOwnReports', 'readAllReports', 'writeFeedback'],
  Clerk: ['readRota', 'editRota', 'readOwnReports', 'readAllReports', 'exportPack']
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].indexOf(permission) !== -1;
}

/** A person's roles from the titles of the SharePoint groups they belong to. */
export function rolesFromGroups(groupTitles: ReadonlyArray<string>): Role[] {
  return ROLES.filter((role) => groupTitles.indexOf(ROLE_GROUPS[role]) !== -1);
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
