/** Role definitions (SharePoint's built-in ones and the product's) and the role assignments items hold. */

/** A principal (site user or site group id) bound to a role definition on one item. */
export interface RoleAssignment {
  principalId: number;
  roleDefId: number;
}

export interface RoleDefinition {
  id: number;
  name: string;
  /** What the role lets its holder do to an item; 'none' grants nothing on items (Limited Access). */
  itemRights: 'none' | 'read' | 'write';
}

/**
 * SharePoint's built-in role definitions (their ids are the same on every site) and the product's
 * own from `sharepoint/lists/list-settings.json`.
 */
export const ROLE_DEFINITIONS: ReadonlyArray<RoleDefinition> = [
  { id: 1073741829, name: 'Full Control', itemRights: 'write' },
  { id: 1073741828, name: 'Design', itemRights: 'write' },
  { id: 1073741830, name: 'Edit', itemRights: 'write' },
  { id: 1073741827, name: 'Contribute', itemRights: 'write' },
  { id: 1073741826, name: 'Read', itemRights: 'read' },
  { id: 1073741825, name: 'Limited Access', itemRights: 'none' },
  { id: 1073741924, name: 'Frontline Visits - Read all reports', itemRights: 'read' },
  { id: 1073741925, name: 'Frontline Visits - Submit reports', itemRights: 'read' },
  { id: 1073741926, name: "Frontline Visits - Keep everyone's dates", itemRights: 'write' },
];

export const FULL_CONTROL_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Full Control')[0];
export const READ_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Read')[0];
export const READ_ALL_REPORTS_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Frontline Visits - Read all reports')[0];
