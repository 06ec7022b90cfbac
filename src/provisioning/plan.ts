/**
 * Turns the declarative assets in `sharepoint/lists/` into the ordered steps that provision a
 * site. Pure, so the plan can be printed (`--dry-run`) and tested without a tenant.
 */
import { PermissionKind } from '@pnp/sp/security';
import { VISIT_THEMES } from '../data/listContract';
import { DEFAULT_THEMES, formatThemeWords } from '../domain/themes';

export interface SiteScriptAction {
  verb: string;
  listName: string;
  templateType?: number;
  subactions: Array<{ verb: string; title?: string; [k: string]: unknown }>;
}

export interface SiteScript {
  actions: SiteScriptAction[];
}

export interface RegionalSettingsAsset {
  /** SharePoint's time zone id (2: London). */
  timeZone: number;
  /** Locale id (2057: English, United Kingdom). */
  locale: number;
  hourFormat: '12' | '24';
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
  regionalSettings: RegionalSettingsAsset;
  groupSettings: GroupSettings;
  lists: { [urlName: string]: { EnableVersioning: boolean; MajorVersionLimit: number; ReadSecurity: 1 | 2; WriteSecurity: 1 | 2 | 4 } };
  roleDefinitions: Array<{ name: string; description: string; basePermissions: string[] }>;
  /** `site`: the permission level the group has on the site itself (to open it and its pages). */
  groups: Array<{ title: string; role: string; site: string; permissions: { [urlName: string]: string } }>;
  appPermission: { graphApplicationPermission: string; siteRole: string };
}

export type ProvisioningStep =
  /** A list and its fields: the site script's `createSPList`, applied without `setTitle` (see apply.ts). */
  | { kind: 'list'; listName: string; title: string; action: SiteScriptAction }
  | { kind: 'regionalSettings'; settings: RegionalSettingsAsset }
  | { kind: 'listSettings'; listName: string; settings: ListSettings['lists'][string] }
  | { kind: 'roleDefinition'; name: string; description: string; basePermissions: { Low: number; High: number } }
  | { kind: 'group'; title: string; description: string; settings: GroupSettings }
  | { kind: 'siteAccess'; group: string; roleDefinition: string }
  | { kind: 'breakInheritance'; listName: string }
  | { kind: 'grant'; listName: string; group: string; roleDefinition: string }
  /** First items of a list the council keeps (the themes): added only while the list is empty, never over the council's edits. */
  | { kind: 'seedItems'; listName: string; items: Array<{ [field: string]: string | boolean }> }
  /** The bot's app on this one site (Sites.Selected): printed, or made with the administrator's consent. */
  | { kind: 'appGrant'; role: string };

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

const GROUP_DESCRIPTIONS: { [role: string]: string } = {
  Councillor: 'Councillors who visit the intake teams and write the visit reports.',
  ImprovementTeam: "The Children's Improvement Team: reads every report, keeps the rota and the teams.",
  HeadOfService: 'Heads of Service: read every report and answer them in the Teams card.',
  Clerk: 'Committee clerks: read every report, keep the rota, build the committee pack.',
};

/** The settings SharePoint takes, and nothing else from the file (its comments never reach the site). */
function groupSettingsOf(given: GroupSettings): GroupSettings {
  return {
    owner: given.owner,
    OnlyAllowMembersViewMembership: given.OnlyAllowMembersViewMembership,
    AllowMembersEditMembership: given.AllowMembersEditMembership,
    AllowRequestToJoinLeave: given.AllowRequestToJoinLeave,
    AutoAcceptRequestToJoinLeave: given.AutoAcceptRequestToJoinLeave,
  };
}

/** A group's permission on a list that grants it nothing there. */
export const NO_ACCESS = 'None';

export function provisioningPlan(script: SiteScript, settings: ListSettings): ProvisioningStep[] {
  const steps: ProvisioningStep[] = [];
  for (const action of script.actions) {
    const rename = action.subactions.filter((s) => s.verb === 'setTitle')[0];
    steps.push({
      kind: 'list',
      listName: action.listName,
      title: rename && typeof rename.title === 'string' ? rename.title : action.listName,
      action: { ...action, subactions: action.subactions.filter((s) => s.verb !== 'setTitle') },
    });
  }
  steps.push({
    kind: 'regionalSettings',
    settings: { timeZone: settings.regionalSettings.timeZone, locale: settings.regionalSettings.locale, hourFormat: settings.regionalSettings.hourFormat },
  });
  for (const listName of Object.keys(settings.lists)) {
    steps.push({ kind: 'listSettings', listName, settings: settings.lists[listName] });
  }
  for (const role of settings.roleDefinitions) {
    steps.push({ kind: 'roleDefinition', name: role.name, description: role.description, basePermissions: basePermissionMask(role.basePermissions) });
  }
  for (const group of settings.groups) {
    steps.push({
      kind: 'group',
      title: group.title,
      description: GROUP_DESCRIPTIONS[group.role] || group.title,
      settings: groupSettingsOf(settings.groupSettings),
    });
    steps.push({ kind: 'siteAccess', group: group.title, roleDefinition: group.site });
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
  if (settings.lists[VISIT_THEMES.urlName]) {
    steps.push({ kind: 'seedItems', listName: VISIT_THEMES.urlName, items: defaultThemeItems() });
  }
  steps.push({ kind: 'appGrant', role: settings.appPermission.siteRole });
  return steps;
}

/** The themes a new site starts with, as Visit Themes items. */
export function defaultThemeItems(): Array<{ [field: string]: string | boolean }> {
  return DEFAULT_THEMES.map((theme) => ({
    [VISIT_THEMES.fields.Title]: theme.title,
    [VISIT_THEMES.fields.SuggestingWords]: formatThemeWords(theme.words),
    [VISIT_THEMES.fields.IsActive]: true,
  }));
}

/** The lists' titles by URL name, as the plan's list steps give them. */
export function planTitles(steps: ReadonlyArray<ProvisioningStep>): { [urlName: string]: string } {
  const titles: { [urlName: string]: string } = {};
  for (const step of steps) {
    if (step.kind === 'list') {
      titles[step.listName] = step.title;
    }
  }
  return titles;
}

export function describeStep(step: ProvisioningStep, titles: { [urlName: string]: string } = {}): string {
  const list = (urlName: string): string => titles[urlName] || urlName;
  switch (step.kind) {
    case 'list':
      return `list "${step.title}" (Lists/${step.listName}) with its ${step.action.subactions.filter((s) => /Field/.test(s.verb)).length} fields and their indexes (site script)`;
    case 'regionalSettings':
      return `regional settings: time zone ${step.settings.timeZone}${step.settings.timeZone === 2 ? ' (London)' : ''}, locale ${step.settings.locale}, ${step.settings.hourFormat}-hour clock (site script)`;
    case 'listSettings':
      return `settings of ${list(step.listName)}: versioning ${step.settings.EnableVersioning ? `on (${step.settings.MajorVersionLimit} versions)` : 'off'}, ${step.settings.ReadSecurity === 2 ? 'people read and edit only their own items' : 'everyone with access reads all items'}`;
    case 'roleDefinition':
      return `permission level "${step.name}"`;
    case 'group':
      return `SharePoint group "${step.title}", owned by the site owners, membership ${
        step.settings.OnlyAllowMembersViewMembership ? 'visible to its members only' : 'visible to everyone'
      }, ${step.settings.AllowMembersEditMembership ? 'members may edit it' : 'only its owners edit it'}`;
    case 'siteAccess':
      return `"${step.group}" may open the site (${step.roleDefinition})`;
    case 'breakInheritance':
      return `${list(step.listName)} has its own permissions (not the site's)`;
    case 'grant':
      return `"${step.group}" has ${step.roleDefinition} on ${list(step.listName)}`;
    case 'seedItems':
      return `${list(step.listName)} starts with ${step.items.length} items (only while it is empty)`;
    case 'appGrant':
      return `the bot's app has Sites.Selected "${step.role}" on this site (Microsoft Graph and SharePoint)`;
  }
}
