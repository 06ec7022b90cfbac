/** Site groups (`sitegroups`): their settings and members, as SharePoint lets each person see and change them. */
import { SpError, spErrors } from '../errors';
import { emptyResponse, InnerResponse, jsonResponse } from '../restShapes';
import { Caller, mayManageGroup, mayViewMembership } from '../security';
import type { SiteGroup, SiteUser } from '../store';
import { argValue, namedArg, Segment } from './apiPath';
import { InnerRequest, ManyResponder, parseJsonBody, SpContext, WebRequest } from './context';
import { userEntity } from './users';

/** The group properties SharePoint leaves out unless `$select` names them (evaluated per caller). */
const PER_CALLER_GROUP_PROPERTIES = ['cancurrentuserviewmembership', 'cancurrentusereditmembership', 'cancurrentusermanagegroup'];

export function groupEntity(ctx: SpContext, group: SiteGroup, caller: Caller, select: string[]): { [k: string]: unknown } {
  const entity: { [k: string]: unknown } = {
    Id: group.id,
    IsHiddenInUI: false,
    LoginName: group.title,
    Title: group.title,
    PrincipalType: 8,
    AllowMembersEditMembership: false,
    AllowRequestToJoinLeave: false,
    AutoAcceptRequestToJoinLeave: false,
    Description: group.description,
    OnlyAllowMembersViewMembership: group.onlyMembersView,
    OwnerTitle: 'Frontline Visits Owners',
    RequestToJoinLeaveEmailSetting: null,
  };
  if (select.some((name) => PER_CALLER_GROUP_PROPERTIES.indexOf(name.toLowerCase()) !== -1)) {
    const manages = mayManageGroup(caller);
    entity.CanCurrentUserViewMembership = mayViewMembership(ctx.store, group, caller);
    entity.CanCurrentUserEditMembership = manages;
    entity.CanCurrentUserManageGroup = manages;
  }
  return entity;
}

/** `sitegroups`, one group, its settings and its `users`; undefined when the path is not theirs. */
export function siteGroupsRoute(web: WebRequest): InnerResponse | undefined {
  const { ctx, req, caller, method, select, one, many } = web;
  let rest = web.rest;
  let [s1, s2, s3] = rest;
  if (s1.name === 'sitegroups' && s1.args !== undefined) {
    // `sitegroups(5)` (PnPjs's getById) is `sitegroups/getbyid(5)`.
    rest = [{ name: 'sitegroups' }, { name: 'getbyid', args: s1.args }, ...rest.slice(1)];
    [s1, s2, s3] = rest;
  }
  if (s1.name === 'sitegroups') {
    const groupMeta = (g: SiteGroup): { type: string; editLink: string } => ({ type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${g.id})` });
    if (rest.length === 1) {
      return many(
        'SP.ApiData.Groups',
        ctx.store.groups().map((g) => ({ meta: groupMeta(g), entity: groupEntity(ctx, g, caller, select) })),
      );
    }
    const group =
      s2.name === 'getbyid' ? ctx.store.groupById(Number(argValue(s2.args))) : s2.name === 'getbyname' ? ctx.store.groupByTitle(argValue(s2.args)) : undefined;
    if (!group) {
      throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Group cannot be found.');
    }
    if (rest.length === 2) {
      if (method === 'MERGE' || method === 'PATCH') {
        return updateGroup(ctx, group, caller, parseJsonBody(req.body));
      }
      return one('SP.ApiData.Groups', groupMeta(group), groupEntity(ctx, group, caller, select));
    }
    if (s3.name === 'users') {
      return groupUsersRoute(ctx, req, caller, group, rest.slice(3), method, many);
    }
  }
  return undefined;
}

/**
 * A group's members: read as SharePoint allows (members only, when the group hides its
 * membership), added or removed only by those who manage the group — never by a list role.
 */
function groupUsersRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  group: SiteGroup,
  rest: Segment[],
  method: string,
  many: ManyResponder,
): InnerResponse {
  if (!rest.length && method === 'GET') {
    if (!mayViewMembership(ctx.store, group, caller)) {
      throw spErrors.accessDenied();
    }
    const members = ctx.store.users().filter((u) => group.memberIds.has(u.id));
    return many(
      'SP.ApiData.Users',
      members.map((u) => ({ meta: { type: 'SP.User', editLink: `Web/GetUserById(${u.id})` }, entity: userEntity(u) })),
    );
  }
  const adds = !rest.length && method === 'POST';
  const removes = rest.length === 1 && method === 'POST' && (rest[0].name === 'removebyid' || rest[0].name === 'removebyloginname');
  const deletes = rest.length === 1 && method === 'DELETE' && rest[0].name === 'getbyid';
  if (!adds && !removes && !deletes) {
    throw spErrors.notSupported(`${method} on a group's users`);
  }
  if (!mayManageGroup(caller)) {
    throw spErrors.accessDenied();
  }
  let user: SiteUser | undefined;
  if (adds) {
    const body = parseJsonBody(req.body) as { LoginName?: unknown };
    user = typeof body.LoginName === 'string' ? ctx.store.userByLoginName(body.LoginName) : undefined;
  } else if (rest[0].name === 'removebyloginname') {
    user = ctx.store.userByLoginName(namedArg(rest[0].args, 'loginName') || argValue(rest[0].args));
  } else {
    user = ctx.store.userById(Number(argValue(rest[0].args)));
  }
  if (!user) {
    throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.');
  }
  ctx.store.setGroupMember(group.id, user.id, adds);
  return adds ? jsonResponse('nometadata', 201, userEntity(user)) : emptyResponse(200);
}

/** A group's settings: only "who can view the membership", and only by those who manage the group. */
function updateGroup(ctx: SpContext, group: SiteGroup, caller: Caller, body: unknown): InnerResponse {
  if (!mayManageGroup(caller)) {
    throw spErrors.accessDenied();
  }
  const changes = (body || {}) as { [k: string]: unknown };
  for (const name of Object.keys(changes)) {
    if (name === '__metadata') {
      continue;
    }
    if (name !== 'OnlyAllowMembersViewMembership' || typeof changes[name] !== 'boolean') {
      throw spErrors.notSupported(`setting ${name} on a group (the sandbox stores OnlyAllowMembersViewMembership only)`);
    }
  }
  if (typeof changes.OnlyAllowMembersViewMembership === 'boolean') {
    ctx.store.setOnlyMembersView(group.id, changes.OnlyAllowMembersViewMembership);
  }
  return emptyResponse(204);
}
