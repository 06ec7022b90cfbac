/**
 * Turns the declarative assets in `sharepoint/lists/` into the ordered steps that provision a
 * site. Pure, so the plan can be printed (`--dry-run`) and tested without a tenant.
 */
import { PermissionKind } from '@pnp/sp/security';

export interface SiteScript {
  actions: Array<{ verb: string; listName: string; subactions: unknown[] }>;
}

/** What every role group is set to: who owns it, who may see and change its members. */
export interface GroupSettings {
  /** The group that owns each role group: the site's associated Owners group. */
  owner: 'AssociatedOwnerGroup';
  OnlyAllowMembersViewMembership: boolean;
  AllowMembersEditMembership: boolean;
  AllowRequestToJoinLeave: boolean;
  AutoAcceptRequestToJoinLeave: boolean;
}

export interface ListSettings {
  lists: { [urlName: string]: { EnableVersioning: boolean; MajorVersionLimit: number; ReadSecurity: 1 | 2; WriteSecurity: 1 | 2 | 4 } };
  roleDefinitions: Array<{ name: string; description: string; basePermissions: string[] }>;
  groupSettings: GroupSettings;
  groups: Array<{ title: string; role: string; permissions: { [urlName: string]: string } }>;
}

export type ProvisioningStep =
  | { kind: 'siteScriptAction'; listName: string; action: string }
  | { kind: 'listSettings'; listName: string; settings: ListSettings['lists'][string] }
  | { kind: 'roleDefinition'; name: string; description: string; basePermissions: { Low: number; High: number } }
  | { kind: 'group'; title: string; settings: GroupSettings }
  | { kind: 'breakInheritance'; listName: string }
  | { kind: 'grant'; listName: string; group: string; roleDefinition: string };

/** SharePoint's base permission mask (two unsigned 32-bit halves) for permission names. */
export function basePermissionMask(names: ReadonlyArray<string>): { Low: number; High: number } {
  let low = 0;
  let high = 0;
  for (const name of names) {
    const kind = (PermissionKind as unknown as { [name: string]: number })[name];
    if (typeof kind !== 'number' || kind <= 0 || kind > 64) {
      throw new RangeError(`Unknown SharePoint permission: ${name}`);
    }
    const bit = kind - 1;
    // Unsigned arithmetic: bit 31 would otherwise turn the half negative.
    if (bit < 32) {
      low = (low + 2 ** bit) >>> 0;
    } else {
      high = (high + 2 ** (bit - 32)) >>> 0;
    }
  }
  return { Low: low, High: high };
}

/** The settings SharePoint takes, and nothing else from the file (its comments never reach the site). */
function groupSettingsOf(given: GroupSettings): GroupSettings {
  return {
    owner: given.owner,
    OnlyAllowMembersViewMembership: given.OnlyAllowMembersViewMembership,
    AllowMembersEditMembership: given.AllowMembersEditMembership,
    AllowRequestToJoinLeave: given.AllowRequestToJoinLeave,
    AutoAcceptRequestToJoinLeave: given.AutoAcceptRequestToJoinLeave
  };
}

/** A group's permission on a list that grants it nothing there. */
export const NO_ACCESS = 'None';

export function provisioningPlan(script: SiteScript, settings: ListSettings): ProvisioningStep[] {
  const steps: ProvisioningStep[] = [];
  for (const action of script.actions) {
    steps.push({ kind: 'siteScriptAction', listName: action.listName, action: JSON.stringify(action) });
  }
  for (const listName of Object.keys(settings.lists)) {
    steps.push({ kind: 'listSettings', listName, settings: settings.lists[listName] });
  }
  for (const role of settings.roleDefinitions) {
    steps.push({ kind: 'roleDefinition', name: role.name, description: role.description, basePermissions: basePermissionMask(role.basePermissions) });
  }
  for (const group of settings.groups) {
    steps.push({ kind: 'group', title: group.title, settings: groupSettingsOf(settings.groupSettings) });
  }
  for (const listName of Object.keys(settings.lists)) {
    steps.push({ kind: 'breakInheritance', listName });
    for (const group of settings.groups) {
      // "None": the group gets no role on that list (its inheritance is broken, so it sees nothing of it).
      if (group.permissions[listName] !== NO_ACCESS) {
        steps.push({ kind: 'grant', listName, group: group.title, roleDefinition: group.permissions[listName] });
      }
    }
  }
  return steps;
}

export function describeStep(step: ProvisioningStep): string {
  switch (step.kind) {
    case 'siteScriptAction':
      return `create or update list ${step.listName} and its fields (site script)`;
    case 'listSettings':
      return `set ${step.listName}: versioning ${step.settings.EnableVersioning ? 'on' : 'off'}, read security ${step.settings.ReadSecurity}, write security ${step.settings.WriteSecurity}`;
    case 'roleDefinition':
      return `ensure permission level "${step.name}"`;
    case 'group':
      return `ensure SharePoint group "${step.title}", owned by the site owners, membership ${
        step.settings.OnlyAllowMembersViewMembership ? 'visible to its members only' : 'visible to everyone'
      }, ${step.settings.AllowMembersEditMembership ? 'members may edit it' : 'only its owners edit it'}`;
    case 'breakInheritance':
      return `give ${step.listName} its own permissions`;
    case 'grant':
      return `grant "${step.group}" ${step.roleDefinition} on ${step.listName}`;
  }
}
