/**
 * Applies a provisioning plan to a site, step by step. Each step reads what is there first and
 * changes only what differs, so a second run changes nothing and a rerun repairs a site that has
 * drifted. The first step that fails stops the run with a `ProvisioningError` naming the step and,
 * for a site script, the action and SharePoint's own words.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import '@pnp/sp/site-scripts';
import '@pnp/sp/regional-settings';
import { SiteScripts } from '@pnp/sp/site-scripts';
import { describeStep, planTitles, ProvisioningStep, SiteScriptAction } from './plan';

export class ProvisioningError extends Error {
  constructor(
    readonly step: ProvisioningStep,
    message: string,
  ) {
    super(message);
    this.name = 'ProvisioningError';
  }
}

/** One site script action's outcome, as SharePoint answers it (`Outcome` is an Int64, sent as a string). */
export interface SiteScriptActionResult {
  Title: string;
  Outcome: string | number;
  OutcomeText: string | null;
  Target?: string | null;
  TargetId?: string | null;
}

const OUTCOME_FAILURE = 1;
const OUTCOME_SUCCEEDED_WITH_EXCEPTION = 3;

export type StepOutcome = 'unchanged' | 'changed' | 'printed';

export interface AppGrantOptions {
  /** The bot's Entra app (client) id and its name. */
  appId?: string;
  displayName?: string;
  /**
   * Make the grant (the administrator's consent): a function that ensures the app has at least
   * `role` on the site through Graph, answering whether it changed anything. Absent: the grant is
   * printed for an administrator to make.
   */
  ensure?: (appId: string, displayName: string, role: string) => Promise<StepOutcome>;
}

export interface ApplyOptions {
  /** The site's server-relative URL, e.g. `/sites/frontline-visits`. */
  siteRelativeUrl: string;
  /** The site's absolute URL. */
  siteUrl: string;
  log: (line: string) => void;
  app?: AppGrantOptions;
}

export interface ApplyResult {
  outcomes: Array<{ step: ProvisioningStep; outcome: StepOutcome }>;
  changed: number;
}

/** SharePoint's own message from a PnPjs error (its `odata.error`), or the error's message. */
export function sharePointMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const json = text.indexOf('{');
  if (json !== -1) {
    try {
      const body = JSON.parse(text.slice(json));
      const inner = body['odata.error'] || body.error;
      if (inner && inner.message) {
        return typeof inner.message === 'string' ? inner.message : inner.message.value;
      }
    } catch {
      // not JSON: the message as it is
    }
  }
  return text;
}

/** What to do about a refused token, before SharePoint's own words. */
function accessAdvice(error: unknown, siteUrl: string): string {
  const status = statusOf(error);
  if (status === 401) {
    return `SharePoint did not accept the access token. Get a new one for ${new URL(siteUrl).origin} (they last about an hour); an app-only token must come from a certificate, not a client secret. SharePoint said (401): `;
  }
  if (status === 403) {
    return 'the signed-in account may not change this site: use a site collection administrator of it. SharePoint said (403): ';
  }
  return '';
}

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

/** POSTs a site script to ExecuteTemplateScript and answers every action's outcome. */
export async function executeTemplateScript(sp: SPFI, actions: unknown[]): Promise<SiteScriptActionResult[]> {
  const answer = await SiteScripts(sp.web, 'ExecuteTemplateScript()').run<unknown>({ script: JSON.stringify({ actions }) });
  // JSON light answers `value` (PnPjs unwraps it); verbose `d.ExecuteTemplateScript.results`.
  const results = Array.isArray(answer) ? answer : ((answer as { ExecuteTemplateScript?: { results?: unknown[] } }).ExecuteTemplateScript || {}).results;
  if (!Array.isArray(results)) {
    throw new Error(`SharePoint answered the site script with no action results: ${JSON.stringify(answer).slice(0, 200)}`);
  }
  return results as SiteScriptActionResult[];
}

/** The first action that failed, in words; undefined when all succeeded. */
export function firstFailure(results: SiteScriptActionResult[]): string | undefined {
  const failed = results.filter((r) => Number(r.Outcome) === OUTCOME_FAILURE)[0];
  return failed ? `the action "${failed.Title}" failed: ${failed.OutcomeText || 'SharePoint gave no reason'}` : undefined;
}

async function runScript(sp: SPFI, step: ProvisioningStep, actions: unknown[], options: ApplyOptions): Promise<void> {
  const log = options.log;
  let results: SiteScriptActionResult[];
  try {
    results = await executeTemplateScript(sp, actions);
  } catch (error) {
    throw new ProvisioningError(step, `SharePoint refused the site script: ${accessAdvice(error, options.siteUrl)}${sharePointMessage(error)}`);
  }
  const failure = firstFailure(results);
  if (failure) {
    throw new ProvisioningError(step, failure);
  }
  for (const r of results.filter((x) => Number(x.Outcome) === OUTCOME_SUCCEEDED_WITH_EXCEPTION)) {
    log(`  warning: "${r.Title}" succeeded with an exception: ${r.OutcomeText || ''}`);
  }
}

async function listTitleAt(sp: SPFI, serverRelativeUrl: string): Promise<string | undefined> {
  try {
    const list = await sp.web.getList(serverRelativeUrl).select('Title')<{ Title: string }>();
    return list.Title;
  } catch (error) {
    if (statusOf(error) === 404) {
      return undefined;
    }
    throw error;
  }
}

/**
 * A list through site scripts. `createSPList` finds its list by title and `setTitle` renames it,
 * so a script that does both makes a second list when applied again: the list is created (or
 * updated) under its current title, and renamed by a second script of its own.
 */
/** Actions and subactions SharePoint runs in one directly applied site script. */
export const DIRECT_SCRIPT_MAX_ACTIONS = 30;

async function ensureList(sp: SPFI, step: Extract<ProvisioningStep, { kind: 'list' }>, options: ApplyOptions): Promise<StepOutcome> {
  const url = `${options.siteRelativeUrl}/Lists/${step.listName}`;
  const current = await listTitleAt(sp, url);
  const before = current === undefined ? undefined : await sp.siteScripts.getSiteScriptFromList(`${options.siteUrl}/Lists/${step.listName}`);
  // SharePoint runs at most 30 actions and subactions in a script applied directly: a list with
  // more columns goes in parts, each a createSPList that finds the list by its name and adds to it.
  const perPart = DIRECT_SCRIPT_MAX_ACTIONS - 1;
  const subactions = step.action.subactions;
  for (let start = 0; start === 0 || start < subactions.length; start += perPart) {
    const action: SiteScriptAction = { ...step.action, listName: current || step.listName, subactions: subactions.slice(start, start + perPart) };
    await runScript(sp, step, [action], options);
  }
  const title = current || (await listTitleAt(sp, url));
  if (title === undefined) {
    throw new ProvisioningError(
      step,
      `the site script reported success but there is no list at ${url}; check that no other list is titled "${step.listName}".`,
    );
  }
  if (title !== step.title) {
    await runScript(
      sp,
      step,
      [{ verb: 'createSPList', listName: title, templateType: step.action.templateType || 100, subactions: [{ verb: 'setTitle', title: step.title }] }],
      options,
    );
  }
  const after = await sp.siteScripts.getSiteScriptFromList(`${options.siteUrl}/Lists/${step.listName}`);
  return before !== undefined && before === after && title === step.title ? 'unchanged' : 'changed';
}

async function ensureRegionalSettings(sp: SPFI, step: Extract<ProvisioningStep, { kind: 'regionalSettings' }>, options: ApplyOptions): Promise<StepOutcome> {
  const [zone, regional] = await Promise.all([
    sp.web.regionalSettings.timeZone.select('Id')<{ Id: number }>(),
    sp.web.regionalSettings.select('LocaleId', 'Time24')<{ LocaleId: number; Time24: boolean }>(),
  ]);
  if (zone.Id === step.settings.timeZone && regional.LocaleId === step.settings.locale && regional.Time24 === (step.settings.hourFormat === '24')) {
    return 'unchanged';
  }
  await runScript(sp, step, [{ verb: 'setRegionalSettings', ...step.settings }], options);
  return 'changed';
}

/** Applies the steps in order; stops at the first that fails. */
export async function applyPlan(sp: SPFI, steps: ProvisioningStep[], options: ApplyOptions): Promise<ApplyResult> {
  const titles = planTitles(steps);
  const listOf = (urlName: string): ReturnType<SPFI['web']['lists']['getByTitle']> => sp.web.lists.getByTitle(titles[urlName] || urlName);
  let roles: Array<{ Id: number; Name: string }> | undefined;
  const roleId = async (name: string): Promise<number> => {
    roles = roles || (await sp.web.roleDefinitions.select('Id', 'Name')<Array<{ Id: number; Name: string }>>());
    const found = roles.filter((r) => r.Name === name)[0];
    if (!found) {
      throw new Error(`the site has no permission level "${name}"`);
    }
    return found.Id;
  };
  let groups: Array<{ Id: number; Title: string }> | undefined;
  const groupId = async (title: string): Promise<number | undefined> => {
    groups = groups || (await sp.web.siteGroups.select('Id', 'Title')<Array<{ Id: number; Title: string }>>());
    const found = groups.filter((g) => g.Title.toLowerCase() === title.toLowerCase())[0];
    return found && found.Id;
  };
  /** A group bound to a permission level on the web or a list, unless it already is. */
  const ensureBinding = async (
    scope: ReturnType<SPFI['web']['lists']['getByTitle']>['roleAssignments'],
    group: string,
    roleDefinition: string,
  ): Promise<StepOutcome> => {
    const principalId = await groupId(group);
    if (principalId === undefined) {
      throw new Error(`the group "${group}" does not exist`);
    }
    const roleDefId = await roleId(roleDefinition);
    const assignments = await scope.expand('RoleDefinitionBindings').select('PrincipalId', 'RoleDefinitionBindings/Id')<
      Array<{ PrincipalId: number; RoleDefinitionBindings: Array<{ Id: number }> }>
    >();
    if (assignments.some((a) => a.PrincipalId === principalId && a.RoleDefinitionBindings.some((b) => b.Id === roleDefId))) {
      return 'unchanged';
    }
    await scope.add(principalId, roleDefId);
    return 'changed';
  };

  const result: ApplyResult = { outcomes: [], changed: 0 };
  for (const step of steps) {
    const what = describeStep(step, titles);
    let outcome: StepOutcome;
    try {
      switch (step.kind) {
        case 'list':
          outcome = await ensureList(sp, step, options);
          break;
        case 'regionalSettings':
          outcome = await ensureRegionalSettings(sp, step, options);
          break;
        case 'listSettings': {
          const names = Object.keys(step.settings) as Array<keyof typeof step.settings>;
          const current = await listOf(step.listName).select(...names)<{ [k: string]: unknown }>();
          if (names.every((n) => current[n] === step.settings[n])) {
            outcome = 'unchanged';
          } else {
            await listOf(step.listName).update({ ...step.settings });
            outcome = 'changed';
          }
          break;
        }
        case 'roleDefinition': {
          roles = await sp.web.roleDefinitions.select('Id', 'Name')<Array<{ Id: number; Name: string }>>();
          if (roles.some((r) => r.Name === step.name)) {
            outcome = 'unchanged';
          } else {
            await sp.web.roleDefinitions.add(step.name, step.description, 100, step.basePermissions);
            roles = undefined;
            outcome = 'changed';
          }
          break;
        }
        case 'group': {
          let id = await groupId(step.title);
          outcome = 'unchanged';
          if (id === undefined) {
            await sp.web.siteGroups.add({ Title: step.title, Description: step.description });
            groups = undefined;
            id = (await groupId(step.title)) as number;
            outcome = 'changed';
          }
          const { owner, ...flags } = step.settings;
          const names = Object.keys(flags) as Array<keyof typeof flags>;
          const current = await sp.web.siteGroups.getById(id).select('OwnerTitle', ...names)<{ OwnerTitle: string; [k: string]: unknown }>();
          const changed: { [k: string]: boolean } = {};
          names.filter((n) => current[n] !== flags[n]).forEach((n) => (changed[n] = flags[n]));
          if (Object.keys(changed).length) {
            await sp.web.siteGroups.getById(id).update(changed);
            outcome = 'changed';
          }
          if (owner === 'AssociatedOwnerGroup') {
            // Only the site owners change who holds a role: not the improvement team, not the group's own members.
            const owners = await sp.web.associatedOwnerGroup.select('Id', 'Title')<{ Id: number; Title: string }>();
            if (current.OwnerTitle !== owners.Title) {
              await sp.web.siteGroups.getById(id).setUserAsOwner(owners.Id);
              outcome = 'changed';
            }
          }
          break;
        }
        case 'siteAccess':
          outcome = await ensureBinding(sp.web.roleAssignments, step.group, step.roleDefinition);
          break;
        case 'breakInheritance': {
          const list = await listOf(step.listName).select('HasUniqueRoleAssignments')<{ HasUniqueRoleAssignments: boolean }>();
          if (list.HasUniqueRoleAssignments) {
            outcome = 'unchanged';
          } else {
            // Not copied: the site's own groups (its default members and visitors) get nothing on
            // the lists; only the product's groups are granted, below.
            await listOf(step.listName).breakRoleInheritance(false, false);
            outcome = 'changed';
          }
          break;
        }
        case 'grant':
          outcome = await ensureBinding(listOf(step.listName).roleAssignments, step.group, step.roleDefinition);
          break;
        case 'seedItems': {
          const any = await listOf(step.listName).items.select('Id').top(1)<Array<{ Id: number }>>();
          if (any.length) {
            outcome = 'unchanged';
          } else {
            for (const item of step.items) {
              await listOf(step.listName).items.add(item);
            }
            outcome = 'changed';
          }
          break;
        }
        case 'appGrant': {
          const app = options.app || {};
          if (app.appId && app.ensure) {
            outcome = await app.ensure(app.appId, app.displayName || 'Frontline Visits bot', step.role);
          } else {
            outcome = 'printed';
          }
          break;
        }
      }
    } catch (error) {
      if (error instanceof ProvisioningError) {
        throw new ProvisioningError(step, `Provisioning stopped at "${what}": ${error.message}`);
      }
      throw new ProvisioningError(step, `Provisioning stopped at "${what}": ${accessAdvice(error, options.siteUrl)}${sharePointMessage(error)}`);
    }
    result.outcomes.push({ step, outcome });
    if (outcome === 'changed') {
      result.changed++;
    }
    options.log(`${outcome === 'unchanged' ? 'already so' : outcome === 'changed' ? 'done      ' : 'to do     '}  ${what}`);
  }
  return result;
}
