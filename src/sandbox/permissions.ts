/**
 * Item-level permissions as SharePoint REST exposes them: breaking an item's role inheritance,
 * binding a principal (site user or group) to a role definition on it, and the web's role
 * definitions. Only a caller with Manage Permissions may use these: the app (Sites.Selected with
 * full control); the sandbox has no site owners. Enforcement of the assignments is in `security.ts`.
 */
import { SpError } from './errors';
import { annotate, collectionBody, emptyResponse, entityBody, InnerResponse, jsonResponse, ODataMode } from './restShapes';
import { assertMayManagePermissions, Caller } from './security';
import { FULL_CONTROL_ROLE, ROLE_DEFINITIONS, RoleAssignment, RoleDefinition, SandboxStore, StoredList } from './store';

export interface PathSegment {
  name: string;
  args?: string;
}

type ArgReader = (args: string | undefined, name: string) => string | undefined;

function roleDefinitionEntity(role: RoleDefinition): { [k: string]: unknown } {
  return { Id: role.id, Name: role.name, Hidden: false, RoleTypeKind: 0 };
}

const SP_EXCEPTION = '-2146232832, Microsoft.SharePoint.SPException';

/** `web/roledefinitions`, `…/getbyname('Read')`, `…/getbyid(n)`, `roledefinitions(n)`. */
export function roleDefinitionsRoute(apiUrl: string, mode: ODataMode, rest: PathSegment[], argValue: (args: string | undefined) => string): InnerResponse {
  const meta = (r: RoleDefinition): { type: string; editLink: string } => ({ type: 'SP.RoleDefinition', editLink: `Web/RoleDefinitions(${r.id})` });
  if (rest.length === 1 && rest[0].args === undefined) {
    return jsonResponse(
      mode,
      200,
      collectionBody(
        mode,
        apiUrl,
        'SP.ApiData.RoleDefinitions',
        ROLE_DEFINITIONS.map((r) => annotate(mode, apiUrl, meta(r), roleDefinitionEntity(r))),
      ),
    );
  }
  const by = rest.length === 1 ? rest[0] : rest[1];
  const arg = argValue(by.args);
  const role =
    by.name === 'getbyname'
      ? ROLE_DEFINITIONS.filter((r) => r.name.toLowerCase() === arg.toLowerCase())[0]
      : by.name === 'getbyid' || by.name === 'roledefinitions'
        ? ROLE_DEFINITIONS.filter((r) => r.id === Number(arg))[0]
        : undefined;
  if (!role || rest.length > 2) {
    throw new SpError(400, SP_EXCEPTION, 'Cannot find the role definition.');
  }
  return jsonResponse(mode, 200, entityBody(mode, apiUrl, 'SP.ApiData.RoleDefinitions', annotate(mode, apiUrl, meta(role), roleDefinitionEntity(role))));
}

/**
 * `items(n)/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
 * `…/resetroleinheritance`, `…/roleassignments` (GET, `$expand=RoleDefinitionBindings`),
 * `…/roleassignments/addroleassignment(principalid=…,roledefid=…)`, `…/removeroleassignment(…)`,
 * `…/HasUniqueRoleAssignments`. The item must be one the caller can read (checked by the caller).
 */
export function itemPermissionsRoute(
  store: SandboxStore,
  caller: Caller,
  list: StoredList,
  itemId: number,
  rest: PathSegment[],
  method: string,
  mode: ODataMode,
  apiUrl: string,
  expand: string[],
  namedArg: ArgReader,
): InnerResponse | undefined {
  const [s1, s2] = rest;
  const item = list.items.get(itemId);
  if (!item) {
    return undefined;
  }
  if (s1.name === 'hasuniqueroleassignments' && rest.length === 1 && method === 'GET') {
    const value = !!item.roleAssignments;
    return jsonResponse(mode, 200, mode === 'verbose' ? { d: { HasUniqueRoleAssignments: value } } : { value });
  }
  const boolArg = (name: string, fallback: boolean): boolean => {
    const text = namedArg(s1.args, name);
    return text === undefined ? fallback : text.toLowerCase() === 'true';
  };
  if (s1.name === 'breakroleinheritance' && rest.length === 1) {
    assertMayManagePermissions(caller);
    if (list.definition.fields.some((f) => f.unique)) {
      // SharePoint keeps unique columns and item-level permissions apart (a clash would reveal
      // an item its caller cannot see); the wording is the sandbox's own.
      throw new SpError(400, SP_EXCEPTION, 'Items of a list with a column that enforces unique values cannot have unique permissions.');
    }
    if (method !== 'POST') {
      throw new SpError(400, SP_EXCEPTION, `${method} is not supported on breakroleinheritance.`);
    }
    if (boolArg('copyRoleAssignments', true)) {
      throw new SpError(
        400,
        SP_EXCEPTION,
        "The sandbox supports breakroleinheritance(copyRoleAssignments=false) only: it does not model the list's own role assignments.",
      );
    }
    if (!item.roleAssignments) {
      // As SharePoint: without copied assignments the caller is left as the one assignment, with full control.
      store.setRoleAssignments(list, itemId, [{ principalId: caller.user.id, roleDefId: FULL_CONTROL_ROLE.id }]);
    }
    return emptyResponse(200);
  }
  if (s1.name === 'resetroleinheritance' && rest.length === 1 && method === 'POST') {
    assertMayManagePermissions(caller);
    store.setRoleAssignments(list, itemId, undefined);
    return emptyResponse(200);
  }
  if (s1.name !== 'roleassignments' || s1.args !== undefined) {
    return undefined;
  }
  assertMayManagePermissions(caller);
  const current = item.roleAssignments || [];
  if (rest.length === 1 && method === 'GET') {
    // Without unique permissions SharePoint lists the inherited (list) assignments; the sandbox
    // does not model those and lists none, which HasUniqueRoleAssignments makes plain.
    const byPrincipal = new Map<number, number[]>();
    for (const a of current) {
      byPrincipal.set(a.principalId, (byPrincipal.get(a.principalId) || []).concat([a.roleDefId]));
    }
    const withBindings = expand.some((e) => e.toLowerCase() === 'roledefinitionbindings');
    const entities = Array.from(byPrincipal.entries()).map(([principalId, roleIds]) => {
      const entity: { [k: string]: unknown } = { PrincipalId: principalId };
      if (withBindings) {
        const bindings = roleIds
          .map((id) => ROLE_DEFINITIONS.filter((r) => r.id === id)[0])
          .filter((r) => !!r)
          .map((r) => roleDefinitionEntity(r));
        entity.RoleDefinitionBindings = mode === 'verbose' ? { results: bindings } : bindings;
      }
      return annotate(
        mode,
        apiUrl,
        { type: 'SP.RoleAssignment', editLink: `Web/Lists(guid'${list.id}')/Items(${itemId})/RoleAssignments/GetByPrincipalId(${principalId})` },
        entity,
      );
    });
    return jsonResponse(mode, 200, collectionBody(mode, apiUrl, 'SP.ApiData.RoleAssignments', entities));
  }
  if (rest.length === 2 && method === 'POST' && (s2.name === 'addroleassignment' || s2.name === 'removeroleassignment')) {
    const principalId = Number(namedArg(s2.args, 'principalid'));
    const roleDefId = Number(namedArg(s2.args, 'roledefid'));
    if (!store.userById(principalId) && !store.groupById(principalId)) {
      throw new SpError(400, SP_EXCEPTION, 'The user or group does not exist.');
    }
    if (!ROLE_DEFINITIONS.some((r) => r.id === roleDefId)) {
      throw new SpError(400, SP_EXCEPTION, 'Cannot find the role definition.');
    }
    if (!item.roleAssignments) {
      throw new SpError(400, SP_EXCEPTION, 'This operation is not allowed on an object that inherits permissions.');
    }
    const same = (a: RoleAssignment): boolean => a.principalId === principalId && a.roleDefId === roleDefId;
    if (s2.name === 'addroleassignment' && !current.some(same)) {
      store.setRoleAssignments(list, itemId, current.concat([{ principalId, roleDefId }]));
    } else if (s2.name === 'removeroleassignment' && current.some(same)) {
      store.setRoleAssignments(
        list,
        itemId,
        current.filter((a) => !same(a)),
      );
    }
    return emptyResponse(200);
  }
  return undefined;
}
