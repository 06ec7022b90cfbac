/**
 * The SharePoint REST calls that set a site up, beyond site scripts (`siteScripts.ts`), as
 * `npm run provision` makes them:
 *
 * - `web/sitegroups` POST `{ Title, Description }` — a new site group (a title in use: SharePoint's
 *   "The specified name is already in use."); `web/sitegroups/getbyid(n)/users` POST
 *   `{ LoginName }` — adds a person (or an Entra group's claim) to it;
 * - `web/lists/getbytitle('…')` MERGE `{ EnableVersioning, MajorVersionLimit, ReadSecurity,
 *   WriteSecurity }` — list settings (ReadSecurity/WriteSecurity 2: "read/edit items the user
 *   created", the sandbox's item-level security for that list);
 * - `web/roleassignments`, `web/lists/getbytitle('…')/roleassignments` GET (with
 *   `$expand=RoleDefinitionBindings`) and `…/addroleassignment(principalid=…,roledefid=…)` POST;
 *   `…/breakroleinheritance(copyRoleAssignments=…,clearSubscopes=…)` POST on a list;
 * - `web/regionalsettings` and `web/regionalsettings/timezone` GET.
 *
 * The sandbox records web and list role assignments and answers them back, so provisioning can be
 * checked and rerun, but what people may do is still decided by `security.ts` from their groups'
 * titles: the list-level grants here are not what enforces access (item-level locks are).
 * Changes need Manage Permissions, which in the sandbox only an app with full control has.
 */
import { SiteRole } from './appIdentity';
import { SpError, spErrors } from './errors';
import { annotate, collectionBody, emptyResponse, entityBody, InnerResponse, jsonResponse, ODataMode } from './restShapes';
import { regionalSettingsOf, TIME_ZONES } from './siteScripts';
import { RoleAssignment, ROLE_DEFINITIONS, SandboxStore, SiteGroup, StoredList } from './store';
import { userEntity } from './sharepoint/users';
import type { ListDefinition } from '../data/listContract';

export interface SiteSetupContext {
  store: SandboxStore;
  siteUrl: string;
}

export interface SetupSegment {
  name: string;
  args?: string;
}

export interface ListSettings {
  EnableVersioning: boolean;
  MajorVersionLimit: number;
  /** 1 = read all items, 2 = read items the user created. */
  ReadSecurity: 1 | 2;
  /** 1 = edit all items, 2 = edit items the user created, 4 = none. */
  WriteSecurity: 1 | 2 | 4;
}

const SP_EXCEPTION = '-2146232832, Microsoft.SharePoint.SPException';

/** SharePoint's base permission masks (Int64 halves, sent as strings) of the levels each role stands for. */
const BASE_PERMISSIONS: { [role in SiteRole]: { High: string; Low: string } } = {
  read: { High: '176', Low: '138612833' },
  write: { High: '432', Low: '1011030767' },
  manage: { High: '432', Low: '1012866047' },
  fullcontrol: { High: '2147483647', Low: '4294967295' },
};

function listSettingsKey(list: StoredList): string {
  return `listSettings:${list.id}`;
}

/** A list's settings: what provisioning set, or a new list's defaults (the contract's lists are demo-ready). */
export function listSettingsOf(store: SandboxStore, list: StoredList): ListSettings {
  const stored = store.getMeta(listSettingsKey(list));
  if (stored) {
    return JSON.parse(stored) as ListSettings;
  }
  const itemLevel = list.definition.itemLevelSecurity;
  return {
    EnableVersioning: !store.bareSite,
    MajorVersionLimit: store.bareSite ? 0 : 500,
    ReadSecurity: itemLevel.read === 'own' ? 2 : 1,
    WriteSecurity: itemLevel.write === 'own' ? 2 : 1,
  };
}

interface ScopeRoles {
  unique: boolean;
  assignments: RoleAssignment[];
}

const WEB_ROLES_KEY = 'webRoleAssignments';

/** The site's Owners group (a new site's default groups: Owners, Members, Visitors). */
export const OWNER_GROUP_KEY = 'associatedOwnerGroup';

function listRolesKey(list: StoredList): string {
  return `listRoles:${list.id}`;
}

function webRoles(store: SandboxStore): ScopeRoles {
  const stored = store.getMeta(WEB_ROLES_KEY);
  return { unique: true, assignments: stored ? (JSON.parse(stored) as RoleAssignment[]) : [] };
}

/** A list's role assignments: its own once inheritance is broken, else the web's. */
export function listRolesOf(store: SandboxStore, list: StoredList): ScopeRoles {
  const stored = store.getMeta(listRolesKey(list));
  return stored ? { unique: true, assignments: JSON.parse(stored) as RoleAssignment[] } : { unique: false, assignments: webRoles(store).assignments };
}

function argValue(args: string | undefined): string {
  const trimmed = (args || '').trim();
  const quoted = /^(?:guid)?'((?:[^']|'')*)'$/i.exec(trimmed);
  return quoted ? quoted[1].replace(/''/g, "'") : trimmed;
}

function namedArg(args: string | undefined, name: string): string | undefined {
  const match = args ? new RegExp(`${name}\\s*=\\s*('(?:[^']|'')*'|[^,]+)`, 'i').exec(args) : null;
  return match ? argValue(match[1]) : undefined;
}

function parseBody(body: string): { [k: string]: unknown } {
  if (!body.trim()) {
    return {};
  }
  try {
    const parsed = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as { [k: string]: unknown }) : {};
  } catch {
    throw spErrors.invalidJson();
  }
}

function groupEntity(group: SiteGroup): { [k: string]: unknown } {
  return { Id: group.id, LoginName: group.title, Title: group.title, PrincipalType: 8, Description: group.description };
}

function roleAssignmentsResponse(ctx: SiteSetupContext, mode: ODataMode, scope: ScopeRoles, scopeLink: string, expand: string[]): InnerResponse {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const byPrincipal = new Map<number, number[]>();
  for (const a of scope.assignments) {
    byPrincipal.set(a.principalId, (byPrincipal.get(a.principalId) || []).concat([a.roleDefId]));
  }
  const wants = (name: string): boolean => expand.some((e) => e.toLowerCase() === name);
  const entities = Array.from(byPrincipal.entries()).map(([principalId, roleIds]) => {
    const entity: { [k: string]: unknown } = { PrincipalId: principalId };
    if (wants('roledefinitionbindings')) {
      const bindings = roleIds
        .map((id) => ROLE_DEFINITIONS.filter((r) => r.id === id)[0])
        .filter((r) => !!r)
        .map((r) => ({ Id: r.id, Name: r.name }));
      entity.RoleDefinitionBindings = mode === 'verbose' ? { results: bindings } : bindings;
    }
    if (wants('member')) {
      const group = ctx.store.groupById(principalId);
      const user = ctx.store.userById(principalId);
      entity.Member = group ? groupEntity(group) : user ? { Id: user.id, LoginName: user.loginName, Title: user.title, PrincipalType: 1 } : null;
    }
    return annotate(mode, apiUrl, { type: 'SP.RoleAssignment', editLink: `${scopeLink}/RoleAssignments/GetByPrincipalId(${principalId})` }, entity);
  });
  return jsonResponse(mode, 200, collectionBody(mode, apiUrl, 'SP.ApiData.RoleAssignments', entities));
}

function addRoleAssignment(ctx: SiteSetupContext, scope: ScopeRoles, args: string | undefined): RoleAssignment[] {
  const principalId = Number(namedArg(args, 'principalid'));
  const roleDefId = Number(namedArg(args, 'roledefid'));
  if (!ctx.store.userById(principalId) && !ctx.store.groupById(principalId)) {
    throw new SpError(400, SP_EXCEPTION, 'The user or group does not exist.');
  }
  if (!ROLE_DEFINITIONS.some((r) => r.id === roleDefId)) {
    throw new SpError(400, SP_EXCEPTION, 'Cannot find the role definition.');
  }
  if (!scope.unique) {
    throw new SpError(400, SP_EXCEPTION, 'This operation is not allowed on an object that inherits permissions.');
  }
  const same = (a: RoleAssignment): boolean => a.principalId === principalId && a.roleDefId === roleDefId;
  return scope.assignments.some(same) ? scope.assignments : scope.assignments.concat([{ principalId, roleDefId }]);
}

const LIST_SETTING_NAMES: ReadonlyArray<keyof ListSettings> = ['EnableVersioning', 'MajorVersionLimit', 'ReadSecurity', 'WriteSecurity'];

/**
 * Answers the set-up calls on a list (`rest` after the list's own segment); undefined for
 * anything else, which the list route then serves.
 */
export function handleListSetup(
  ctx: SiteSetupContext,
  list: StoredList,
  rest: SetupSegment[],
  method: string,
  body: string,
  mayManage: boolean,
  mode: ODataMode,
  expand: string[],
): InnerResponse | undefined {
  const scopeLink = `Web/Lists(guid'${list.id}')`;
  if (!rest.length && (method === 'MERGE' || method === 'PATCH')) {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    const changes = parseBody(body);
    const settings = { ...listSettingsOf(ctx.store, list) } as ListSettings & { [k: string]: unknown };
    for (const key of Object.keys(changes)) {
      if (key === '__metadata') {
        continue;
      }
      if (LIST_SETTING_NAMES.indexOf(key as keyof ListSettings) === -1) {
        throw spErrors.notSupported(`setting the list property ${key}`);
      }
      settings[key] = changes[key];
    }
    if ([1, 2].indexOf(Number(settings.ReadSecurity)) === -1 || [1, 2, 4].indexOf(Number(settings.WriteSecurity)) === -1) {
      throw new SpError(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range.');
    }
    ctx.store.setMeta(listSettingsKey(list), JSON.stringify(settings));
    const itemLevel: ListDefinition['itemLevelSecurity'] = {
      read: Number(settings.ReadSecurity) === 2 ? 'own' : 'all',
      write: Number(settings.WriteSecurity) === 2 ? 'own' : 'all',
    };
    if (list.definition.itemLevelSecurity.read !== itemLevel.read || list.definition.itemLevelSecurity.write !== itemLevel.write) {
      ctx.store.updateListDefinition(list, { ...list.definition, itemLevelSecurity: itemLevel });
    }
    return emptyResponse(204);
  }
  const [s1, s2] = rest;
  if (s1 && s1.name === 'fields' && rest.length === 1 && s1.args === undefined && method === 'GET') {
    // The list's columns as SharePoint REST lists them: what `npm run doctor` compares with the contract.
    const apiUrl = `${ctx.siteUrl}/_api`;
    const entities = list.definition.fields.map((f) =>
      annotate(
        mode,
        apiUrl,
        { type: 'SP.Field', editLink: `${scopeLink}/Fields/GetByInternalNameOrTitle('${f.internalName}')` },
        {
          InternalName: f.internalName,
          StaticName: f.internalName,
          Title: f.displayName,
          TypeAsString: f.type,
          Required: !!f.required,
          Indexed: !!f.indexed,
          Hidden: false,
          ...(f.type === 'Choice' ? { Choices: mode === 'verbose' ? { results: (f.choices || []).slice() } : (f.choices || []).slice() } : {}),
          ...(f.type === 'DateTime' ? { DisplayFormat: f.dateOnly ? 0 : 1 } : {}),
          ...(f.type === 'Lookup'
            ? {
                LookupList: (() => {
                  const target = ctx.store.listByUrlName(f.lookupList || '');
                  return target ? `{${target.id}}` : '';
                })(),
              }
            : {}),
        },
      ),
    );
    return jsonResponse(mode, 200, collectionBody(mode, apiUrl, 'SP.ApiData.Fields', entities));
  }
  if (s1 && s1.name === 'breakroleinheritance' && rest.length === 1) {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    if (method !== 'POST') {
      throw new SpError(400, SP_EXCEPTION, `${method} is not supported on breakroleinheritance.`);
    }
    const scope = listRolesOf(ctx.store, list);
    if (!scope.unique) {
      const copy = (namedArg(s1.args, 'copyRoleAssignments') || 'true').toLowerCase() === 'true';
      ctx.store.setMeta(listRolesKey(list), JSON.stringify(copy ? scope.assignments : []));
    }
    return emptyResponse(200);
  }
  if (s1 && s1.name === 'roleassignments' && s1.args === undefined) {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    const scope = listRolesOf(ctx.store, list);
    if (rest.length === 1 && method === 'GET') {
      return roleAssignmentsResponse(ctx, mode, scope, scopeLink, expand);
    }
    if (rest.length === 2 && method === 'POST' && s2.name === 'addroleassignment') {
      ctx.store.setMeta(listRolesKey(list), JSON.stringify(addRoleAssignment(ctx, scope, s2.args)));
      return emptyResponse(200);
    }
  }
  return undefined;
}

/**
 * Answers the set-up calls on the web (`segments` after `web`): site groups' creation and
 * membership, the web's role assignments, regional settings. Undefined for anything else.
 */
export function handleWebSetup(
  ctx: SiteSetupContext,
  rest: SetupSegment[],
  method: string,
  body: string,
  mayManage: boolean,
  mode: ODataMode,
  params: URLSearchParams,
  appRole?: SiteRole,
): InnerResponse | undefined {
  const expand = (params.get('$expand') || '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => !!e);
  const apiUrl = `${ctx.siteUrl}/_api`;
  const [s1, s2] = rest;
  if (!s1) {
    return undefined;
  }
  if (s1.name === 'sitegroups' && rest.length === 1 && method === 'POST') {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    const payload = parseBody(body);
    const title = typeof payload.Title === 'string' ? payload.Title.trim() : '';
    if (!title) {
      throw new SpError(400, '-2147024809, System.ArgumentException', 'The group name is empty. You must specify a group name.');
    }
    if (ctx.store.groupByTitle(title) || ctx.store.userByLoginName(title)) {
      throw new SpError(500, '-2130575293, Microsoft.SharePoint.SPException', 'The specified name is already in use.\n\nPlease go back and type a new name.');
    }
    const group = ctx.store.addGroup(title, typeof payload.Description === 'string' ? payload.Description : '');
    return jsonResponse(
      mode,
      201,
      entityBody(
        mode,
        apiUrl,
        'SP.ApiData.Groups',
        annotate(mode, apiUrl, { type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${group.id})` }, groupEntity(group)),
      ),
    );
  }
  // A group's members: `sitegroups(n)/users` (PnPjs), `sitegroups/getbyid(n)/users`, `…/getbyname('…')/users`.
  const groupSegments = s1.name === 'sitegroups' && s1.args !== undefined ? 1 : 2;
  const membersSeg = rest[groupSegments];
  if (s1.name === 'sitegroups' && membersSeg && membersSeg.name === 'users') {
    const by = groupSegments === 1 ? { name: 'getbyid', args: s1.args } : s2;
    const group =
      by.name === 'getbyid' ? ctx.store.groupById(Number(argValue(by.args))) : by.name === 'getbyname' ? ctx.store.groupByTitle(argValue(by.args)) : undefined;
    const after = rest.slice(groupSegments + 1);
    // `users('!@v::login')` arrives as `users(@v)?@v='login'`; `users/getbyloginname('login')` as it is.
    const alias = (args: string | undefined): string => {
      const raw = argValue(args);
      return raw.startsWith('@') ? argValue(params.get(raw) || '') : raw;
    };
    const login =
      membersSeg.args !== undefined && !after.length
        ? alias(membersSeg.args)
        : after.length === 1 && after[0].name === 'getbyloginname'
          ? alias(after[0].args)
          : undefined;
    if (method === 'GET' && login !== undefined) {
      const user = ctx.store.userByLoginName(login);
      if (!group || !user || !group.memberIds.has(user.id)) {
        throw new SpError(404, SP_EXCEPTION, 'User cannot be found.');
      }
      return jsonResponse(
        mode,
        200,
        entityBody(mode, apiUrl, 'SP.ApiData.Users', annotate(mode, apiUrl, { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user))),
      );
    }
    if (method === 'POST' && membersSeg.args === undefined && !after.length) {
      if (!mayManage) {
        throw spErrors.accessDenied();
      }
      if (!group) {
        throw new SpError(404, SP_EXCEPTION, 'Group cannot be found.');
      }
      const loginName = String(parseBody(body).LoginName || '');
      const user = ctx.store.userByLoginName(loginName) || ctx.store.userByEmail(loginName.replace(/^i:0#\.f\|membership\|/i, ''));
      if (!user) {
        throw new SpError(500, SP_EXCEPTION, `The specified user ${loginName} could not be found.`);
      }
      ctx.store.setGroupMember(group.id, user.id, true);
      return jsonResponse(
        mode,
        201,
        entityBody(mode, apiUrl, 'SP.ApiData.Users', annotate(mode, apiUrl, { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user))),
      );
    }
  }
  if (s1.name === 'roleassignments' && s1.args === undefined) {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    const scope = webRoles(ctx.store);
    if (rest.length === 1 && method === 'GET') {
      return roleAssignmentsResponse(ctx, mode, scope, 'Web', expand);
    }
    if (rest.length === 2 && method === 'POST' && s2.name === 'addroleassignment') {
      ctx.store.setMeta(WEB_ROLES_KEY, JSON.stringify(addRoleAssignment(ctx, scope, s2.args)));
      return emptyResponse(200);
    }
  }
  if (s1.name === 'associatedownergroup' && rest.length === 1 && method === 'GET') {
    const owners = ctx.store.getMeta(OWNER_GROUP_KEY);
    const group = owners ? ctx.store.groupById(Number(owners)) : undefined;
    if (!group) {
      throw new SpError(404, SP_EXCEPTION, 'Group cannot be found.');
    }
    return jsonResponse(
      mode,
      200,
      entityBody(
        mode,
        apiUrl,
        'SP.ApiData.Groups',
        annotate(mode, apiUrl, { type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${group.id})` }, groupEntity(group)),
      ),
    );
  }
  if (s1.name === 'sitegroups' && method === 'POST' && rest.length >= 2 && rest[rest.length - 1].name === 'setuserasowner') {
    if (!mayManage) {
      throw spErrors.accessDenied();
    }
    const by = s1.args !== undefined ? { name: 'getbyid', args: s1.args } : s2;
    const group = by.name === 'getbyid' ? ctx.store.groupById(Number(argValue(by.args))) : undefined;
    const ownerId = Number(argValue(rest[rest.length - 1].args));
    if (!group || (!ctx.store.groupById(ownerId) && !ctx.store.userById(ownerId))) {
      throw new SpError(404, SP_EXCEPTION, 'Group cannot be found.');
    }
    ctx.store.setMeta(`groupOwner:${group.id}`, String(ownerId));
    return emptyResponse(200);
  }
  if (s1.name === 'effectivebasepermissions' && rest.length === 1 && method === 'GET') {
    // The caller's rights on the site: an app's by its Sites.Selected role (SharePoint's Read,
    // Contribute, Design and Full Control masks); a person's as Read.
    const value = BASE_PERMISSIONS[appRole || (mayManage ? 'fullcontrol' : 'read')];
    return jsonResponse(mode, 200, mode === 'verbose' ? { d: { EffectiveBasePermissions: { __metadata: { type: 'SP.BasePermissions' }, ...value } } } : value);
  }
  if (s1.name === 'regionalsettings' && method === 'GET') {
    const settings = regionalSettingsOf(ctx.store);
    if (rest.length === 1) {
      const entity = { LocaleId: settings.locale, Time24: settings.hourFormat === '24', TimeZoneId: settings.timeZone };
      return jsonResponse(
        mode,
        200,
        entityBody(
          mode,
          apiUrl,
          'SP.ApiData.RegionalSettingss',
          annotate(mode, apiUrl, { type: 'SP.RegionalSettings', editLink: 'Web/RegionalSettings' }, entity),
        ),
      );
    }
    if (rest.length === 2 && s2.name === 'timezone') {
      const entity = { Id: settings.timeZone, Description: TIME_ZONES[settings.timeZone].description };
      return jsonResponse(
        mode,
        200,
        entityBody(mode, apiUrl, 'SP.ApiData.TimeZones', annotate(mode, apiUrl, { type: 'SP.TimeZone', editLink: 'Web/RegionalSettings/TimeZone' }, entity)),
      );
    }
  }
  return undefined;
}
