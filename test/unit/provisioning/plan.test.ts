import * as fs from 'fs';
import * as path from 'path';
import { hasPermissions } from '@pnp/sp/security/funcs';
import { PermissionKind } from '@pnp/sp/security';
import { basePermissionMask, ListSettings, NO_ACCESS, provisioningPlan, ProvisioningStep, SiteScript } from '../../../src/provisioning/plan';

const listsDir = path.join(__dirname, '../../../sharepoint/lists');
const script = JSON.parse(fs.readFileSync(path.join(listsDir, 'frontline-visits.sitescript.json'), 'utf8')) as SiteScript;
const settings = JSON.parse(fs.readFileSync(path.join(listsDir, 'list-settings.json'), 'utf8')) as ListSettings;

describe('provisioning plan', () => {
  it('computes SharePoint base permission masks that SharePoint reads back as the same rights', () => {
    const mask = basePermissionMask(['ViewListItems', 'CancelCheckout', 'UseRemoteAPIs']);
    const numeric = mask;
    expect(hasPermissions(numeric, PermissionKind.ViewListItems)).toBe(true);
    expect(hasPermissions(numeric, PermissionKind.CancelCheckout)).toBe(true);
    expect(hasPermissions(numeric, PermissionKind.UseRemoteAPIs)).toBe(true);
    expect(hasPermissions(numeric, PermissionKind.EditListItems)).toBe(false);
    expect(hasPermissions(numeric, PermissionKind.ManageLists)).toBe(false);
  });

  it('rejects a permission SharePoint does not have', () => {
    expect(() => basePermissionMask(['ReadEverything'])).toThrow('Unknown SharePoint permission: ReadEverything');
  });

  it('gives the readers of all reports Override List Behaviors and no right to edit', () => {
    const role = settings.roleDefinitions[0];
    const mask = basePermissionMask(role.basePermissions);
    const numeric = mask;
    expect(hasPermissions(numeric, PermissionKind.CancelCheckout)).toBe(true);
    expect(hasPermissions(numeric, PermissionKind.AddListItems)).toBe(false);
    expect(hasPermissions(numeric, PermissionKind.EditListItems)).toBe(false);
  });

  it("creates lists, then regional and list settings, roles and groups, then grants, every group on every list, then the bot's grant", () => {
    const steps = provisioningPlan(script, settings);
    const kinds = steps.map((s) => s.kind);
    const first = (kind: string): number => kinds.indexOf(kind as never);
    const last = (kind: string): number => kinds.lastIndexOf(kind as never);
    expect(last('list')).toBeLessThan(first('regionalSettings'));
    expect(last('list')).toBeLessThan(first('listSettings'));
    expect(last('roleDefinition')).toBeLessThan(first('grant'));
    expect(last('group')).toBeLessThan(first('grant'));
    expect(first('group')).toBeLessThan(first('siteAccess'));
    expect(kinds[kinds.length - 1]).toBe('appGrant');
    const grants = settings.groups.reduce((n, g) => n + Object.keys(settings.lists).filter((l) => g.permissions[l] !== NO_ACCESS).length, 0);
    expect(steps.filter((s) => s.kind === 'grant')).toHaveLength(grants);
    // Councillors get no role on what the bot sent: they see nothing of it.
    expect(steps.some((s) => s.kind === 'grant' && s.listName === 'NotificationsSent' && s.group === 'Frontline Visit Members')).toBe(false);
    expect(steps.filter((s) => s.kind === 'siteAccess')).toHaveLength(settings.groups.length);
    const councillorsOnReports = steps.find((s) => s.kind === 'grant' && s.listName === 'VisitReports' && s.group === 'Frontline Visit Members');
    expect(councillorsOnReports).toEqual({
      kind: 'grant',
      listName: 'VisitReports',
      group: 'Frontline Visit Members',
      roleDefinition: 'Frontline Visits - Submit reports',
    });
    const councillorsOnDrafts = steps.find((s) => s.kind === 'grant' && s.listName === 'VisitReportDrafts' && s.group === 'Frontline Visit Members');
    expect(councillorsOnDrafts).toEqual({ kind: 'grant', listName: 'VisitReportDrafts', group: 'Frontline Visit Members', roleDefinition: 'Contribute' });
  });

  it('applies each list under its URL name and renames it in a step of its own (setTitle in createSPList makes a second list when reapplied)', () => {
    const lists = provisioningPlan(script, settings).filter((s): s is Extract<ProvisioningStep, { kind: 'list' }> => s.kind === 'list');
    expect(lists.map((l) => [l.listName, l.title])).toEqual([
      ['FrontlineTeams', 'Frontline Teams'],
      ['VisitRota', 'Visit Rota'],
      ['UnavailableDates', 'Councillor Unavailable Dates'],
      ['VisitReportDrafts', 'Visit Report Drafts'],
      ['VisitReports', 'Visit Reports'],
      ['NotificationsSent', 'Notifications Sent'],
      ['CommitteeReports', 'Committee Reports'],
      ['ChaseRequests', 'Chase Requests'],
      ['VisitThemes', 'Visit Themes'],
      ['ReportThemes', 'Report Themes'],
    ]);
    for (const list of lists) {
      expect(list.action.subactions.some((s) => s.verb === 'setTitle')).toBe(false);
    }
  });

  it('starts the themes list with the council report’s themes, each with its suggesting words, and councillors have no access to themes', () => {
    const steps = provisioningPlan(script, settings);
    const seed = steps.find((s): s is Extract<ProvisioningStep, { kind: 'seedItems' }> => s.kind === 'seedItems');
    expect(seed!.listName).toBe('VisitThemes');
    expect(seed!.items.map((i) => i.Title)).toEqual([
      'Recruitment and retention',
      'Agency staff',
      'Caseloads and complexity',
      'Management and supervision',
      'IT systems',
      'Accommodation',
      'Multi-agency working',
      'Courts',
      'Training',
      'Staff safety',
      'Partner agencies',
    ]);
    expect(
      seed!.items.every((i) => typeof i.SuggestingWords === 'string' && (i.SuggestingWords as string).split('\n').length >= 5 && i.IsActive === true),
    ).toBe(true);
    for (const listName of ['VisitThemes', 'ReportThemes']) {
      expect(steps.some((s) => s.kind === 'grant' && s.listName === listName && s.group === 'Frontline Visit Members')).toBe(false);
      expect(steps.find((s) => s.kind === 'grant' && s.listName === listName && s.group === "Children's Improvement Team")).toMatchObject({
        roleDefinition: 'Contribute',
      });
    }
  });

  it('sets London time and the least role for the bot that works', () => {
    const steps = provisioningPlan(script, settings);
    expect(steps.find((s) => s.kind === 'regionalSettings')).toEqual({ kind: 'regionalSettings', settings: { timeZone: 2, locale: 2057, hourFormat: '24' } });
    expect(steps.find((s) => s.kind === 'appGrant')).toEqual({ kind: 'appGrant', role: 'fullcontrol' });
  });

  it('makes the site owners own every role group, hides its membership from non-members and lets no member change it', () => {
    const groups = provisioningPlan(script, settings).filter((s) => s.kind === 'group');
    expect(groups.map((g) => g.kind === 'group' && g.title)).toEqual(settings.groups.map((g) => g.title));
    for (const step of groups) {
      expect(step.kind === 'group' && step.settings).toEqual({
        owner: 'AssociatedOwnerGroup',
        OnlyAllowMembersViewMembership: true,
        AllowMembersEditMembership: false,
        AllowRequestToJoinLeave: false,
        AutoAcceptRequestToJoinLeave: false,
      });
    }
  });

  it('gives the improvement team no right over who may answer: no group-management permission anywhere', () => {
    const improvement = settings.groups.filter((g) => g.role === 'ImprovementTeam')[0];
    const levels = Object.keys(improvement.permissions).map((list) => improvement.permissions[list]);
    // Read, Contribute, or one of the product's own levels (add a chase request, keep everyone's dates): none manages anything.
    const ownLevels = settings.roleDefinitions.map((r) => r.name);
    expect(levels.every((level) => ['Read', 'Contribute', ...ownLevels].indexOf(level) !== -1)).toBe(true);
    for (const role of settings.roleDefinitions) {
      expect(role.basePermissions).not.toContain('ManagePermissions');
      expect(role.basePermissions).not.toContain('ManageWeb');
    }
  });
});
