/**
 * The SharePoint REST subset PnPjs issues for this product, at `{siteUrl}/_api/…`: context info,
 * web, current user and groups, site users, `ensureuser`, site groups, lists by title or id,
 * items (select / filter / orderby / top / expand / paging, add, MERGE, delete with ETags) and
 * list webhook subscriptions. `$batch` is in batch.ts and comes back through `handleSpRest`. The
 * pieces are in `sharepoint/` by what they shape (digests, the path, entities, items); the routes are here.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SpError, spErrors } from './errors';
import { parseRestWrite, restEtag } from './listModel';
import { annotate, collectionBody, emptyResponse, entityBody, errorResponse, InnerResponse, jsonResponse, ODataMode, odataMode, selectProps } from './restShapes';
import { itemPermissionsRoute, roleDefinitionsRoute } from './permissions';
import { assertMayManageSubscriptions, assertMayReadList, Caller, mayManageGroup, mayViewMembership } from './security';
import { SiteGroup, SiteUser, StoredList, Subscription } from './store';
import { MAX_SUBSCRIPTION_DAYS } from './webhooks';
import { InnerRequest, SpContext } from './sharepoint/context';
import { DIGEST_TIMEOUT_SECONDS, issueDigest } from './sharepoint/digest';
import { argValue, listSeg, namedArg, parseApiPath, Segment } from './sharepoint/apiPath';
import { groupEntity, listEntity, subscriptionEntity, userEntity, webEntity } from './sharepoint/entities';
import { ItemSerializer, parseSelection, splitList } from './sharepoint/items';

export type { InnerRequest, SpContext } from './sharepoint/context';
export { digestValid, issueDigest } from './sharepoint/digest';
export { parseApiPath } from './sharepoint/apiPath';
export { userEntity } from './sharepoint/entities';
export { ItemSerializer } from './sharepoint/items';

// ---- the handler ----------------------------------------------------------------------------

function parseJsonBody(body: string): unknown {
  if (!body.trim()) {
    return {};
  }
  try {
    return JSON.parse(body);
  } catch {
    throw spErrors.invalidJson();
  }
}

function effectiveMethod(req: InnerRequest): string {
  const override = req.headers['x-http-method'];
  const value = (Array.isArray(override) ? override[0] : override) || '';
  return (req.method === 'POST' && value ? value : req.method).toUpperCase();
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers one SharePoint REST request (already authenticated) with SharePoint's shapes. */
export async function handleSpRest(ctx: SpContext, req: InnerRequest, caller: Caller, apiPath: string): Promise<InnerResponse> {
  const mode = odataMode(header(req.headers, 'accept'));
  try {
    return await route(ctx, req, caller, apiPath, mode);
  } catch (error) {
    if (error instanceof SpError) {
      return errorResponse(mode, error);
    }
    console.error('Sandbox: SharePoint REST request failed', req.method, req.url.toString(), error);
    return errorResponse(mode, new SpError(500, '-2146233088, System.InvalidOperationException', `The sandbox failed on this request: ${(error as Error).message}`));
  }
}

async function route(ctx: SpContext, req: InnerRequest, caller: Caller, apiPath: string, mode: ODataMode): Promise<InnerResponse> {
  const method = effectiveMethod(req);
  const segments = parseApiPath(apiPath);
  const params = req.url.searchParams;
  const apiUrl = `${ctx.siteUrl}/_api`;
  const select = splitList(params.get('$select'));
  const first = segments[0] ? segments[0].name : '';
  const one = (metadataName: string, meta: { type: string; editLink: string }, entity: { [k: string]: unknown }, extra: { [k: string]: string } = {}): InnerResponse =>
    jsonResponse(mode, 200, entityBody(mode, apiUrl, metadataName, annotate(mode, apiUrl, meta, selectProps(entity, select, (n) => spErrors.unknownField(n)))), extra);
  const many = (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>): InnerResponse =>
    jsonResponse(
      mode,
      200,
      collectionBody(
        mode,
        apiUrl,
        metadataName,
        entities.map((e) => annotate(mode, apiUrl, e.meta, selectProps(e.entity, select, (n) => spErrors.unknownField(n))))
      )
    );

  if (first === 'contextinfo' && segments.length === 1) {
    if (method !== 'POST') {
      throw spErrors.notSupported(`${method} contextinfo`);
    }
    const info = {
      FormDigestTimeoutSeconds: DIGEST_TIMEOUT_SECONDS,
      FormDigestValue: issueDigest(caller.user.loginName),
      LibraryVersion: '16.0.0.0',
      SiteFullUrl: ctx.siteUrl,
      SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
      WebFullUrl: ctx.siteUrl
    };
    return jsonResponse(
      mode,
      200,
      mode === 'verbose'
        ? { d: { GetContextWebInformation: { __metadata: { type: 'SP.ContextWebInformation' }, ...info } } }
        : mode === 'minimalmetadata'
          ? { 'odata.metadata': `${apiUrl}/$metadata#SP.ContextWebInformation`, ...info }
          : info
    );
  }

  if (first === 'site' && segments.length === 1) {
    return one('SP.ApiData.Sites', { type: 'SP.Site', editLink: 'site' }, { Id: ctx.store.siteId, ServerRelativeUrl: ctx.siteRelativeUrl, Url: ctx.siteUrl });
  }

  if (first !== 'web') {
    throw spErrors.notSupported(`/_api/${apiPath}`);
  }
  const rest = segments.slice(1);
  if (!rest.length) {
    return one('SP.ApiData.Webs', { type: 'SP.Web', editLink: 'Web' }, webEntity(ctx));
  }
  const [s1, s2, s3] = rest;

  // current user and groups
  if (s1.name === 'currentuser') {
    const user = caller.user;
    if (rest.length === 1) {
      return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
    }
    if (s2.name === 'groups' && rest.length === 2) {
      // Direct membership only, as SharePoint answers: a group reached through an Entra security
      // group is not listed here (its CanCurrentUserViewMembership says so instead).
      return many('SP.ApiData.Groups', ctx.store.groupsOf(user.id).map((g) => ({ meta: { type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${g.id})` }, entity: groupEntity(ctx, g, caller, select) })));
    }
  }

  // site users
  const userBy = (seg: Segment): SiteUser | undefined => {
    const arg = argValue(seg.args);
    if (seg.name === 'getbyid' || seg.name === 'getuserbyid') {
      return ctx.store.userById(Number(arg));
    }
    if (seg.name === 'getbyemail') {
      return ctx.store.userByEmail(arg);
    }
    if (seg.name === 'getbyloginname') {
      return ctx.store.userByLoginName(arg);
    }
    return undefined;
  };
  const oneUser = (user: SiteUser | undefined): InnerResponse => {
    if (!user) {
      throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.');
    }
    return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
  };
  if (s1.name === 'siteusers') {
    if (rest.length === 1) {
      return many('SP.ApiData.Users', ctx.store.users().map((u) => ({ meta: { type: 'SP.User', editLink: `Web/GetUserById(${u.id})` }, entity: userEntity(u) })));
    }
    if (rest.length === 2) {
      return oneUser(userBy(s2));
    }
  }
  if (s1.name === 'getuserbyid' && rest.length === 1) {
    return oneUser(userBy(s1));
  }
  if (s1.name === 'ensureuser' && rest.length === 1) {
    if (method !== 'POST') {
      throw spErrors.notSupported(`${method} ensureuser`);
    }
    const body = parseJsonBody(req.body) as { logonName?: unknown };
    const logonName = typeof body.logonName === 'string' ? body.logonName : namedArg(s1.args, 'logonName') || argValue(s1.args);
    const user = logonName ? ctx.store.userByLoginName(logonName) || ctx.store.userByEmail(logonName.replace(/^i:0#\.f\|membership\|/i, '')) : undefined;
    if (!user) {
      throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', `The specified user ${logonName || ''} could not be found.`);
    }
    return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
  }

  if (s1.name === 'roledefinitions') {
    return roleDefinitionsRoute(apiUrl, mode, rest, argValue);
  }

  // site groups
  if (s1.name === 'sitegroups') {
    const groupMeta = (g: SiteGroup): { type: string; editLink: string } => ({ type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${g.id})` });
    if (rest.length === 1) {
      return many('SP.ApiData.Groups', ctx.store.groups().map((g) => ({ meta: groupMeta(g), entity: groupEntity(ctx, g, caller, select) })));
    }
    const group = s2.name === 'getbyid' ? ctx.store.groupById(Number(argValue(s2.args))) : s2.name === 'getbyname' ? ctx.store.groupByTitle(argValue(s2.args)) : undefined;
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

  // lists
  if (listSeg(s1)) {
    let list: StoredList | undefined;
    let index = 1;
    if (s1.name === 'lists' && s1.args === undefined) {
      if (rest.length === 1) {
        assertMayReadList(caller);
        return many('SP.ApiData.Lists', ctx.store.lists().map((l) => ({ meta: { type: 'SP.List', editLink: `Web/Lists(guid'${l.id}')` }, entity: listEntity(ctx, l) })));
      }
      if (s2.name === 'getbytitle') {
        const title = argValue(s2.args);
        list = ctx.store.listByTitle(title);
        if (!list) {
          throw spErrors.listNotFound(title, ctx.siteUrl);
        }
        index = 2;
      } else if (s2.name === 'getbyid') {
        list = ctx.store.listById(argValue(s2.args));
        index = 2;
      }
    } else if (s1.name === 'lists') {
      list = ctx.store.listById(argValue(s1.args));
    } else if (s1.name === 'getlist') {
      const url = argValue(s1.args);
      const urlName = url.replace(/\/$/, '').split('/').pop() || '';
      list = ctx.store.listByUrlName(urlName);
    }
    if (!list) {
      throw new SpError(404, '-1, System.ArgumentException', 'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.');
    }
    return listRoute(ctx, req, caller, list, rest.slice(index), mode, method);
  }

  throw spErrors.notSupported(`/_api/${apiPath}`);
}

type ManyResponder = (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>) => InnerResponse;

/**
 * A group's members: read as SharePoint allows (members only, when the group hides its
 * membership), added or removed only by those who manage the group — never by a list role.
 */
function groupUsersRoute(ctx: SpContext, req: InnerRequest, caller: Caller, group: SiteGroup, rest: Segment[], method: string, many: ManyResponder): InnerResponse {
  if (!rest.length && method === 'GET') {
    if (!mayViewMembership(ctx.store, group, caller)) {
      throw spErrors.accessDenied();
    }
    const members = ctx.store.users().filter((u) => group.memberIds.has(u.id));
    return many('SP.ApiData.Users', members.map((u) => ({ meta: { type: 'SP.User', editLink: `Web/GetUserById(${u.id})` }, entity: userEntity(u) })));
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

async function listRoute(ctx: SpContext, req: InnerRequest, caller: Caller, list: StoredList, rest: Segment[], mode: ODataMode, method: string): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const params = req.url.searchParams;
  const serializer = new ItemSerializer(ctx, mode);
  const collectionName = `SP.ListData.${list.definition.urlName}ListItems`;
  assertMayReadList(caller);

  if (!rest.length) {
    const select = splitList(params.get('$select'));
    const entity = annotate(mode, apiUrl, { type: 'SP.List', editLink: `Web/Lists(guid'${list.id}')` }, selectProps(listEntity(ctx, list), select, (n) => spErrors.unknownField(n)));
    return jsonResponse(mode, 200, entityBody(mode, apiUrl, 'SP.ApiData.Lists', entity));
  }
  const [s1, s2] = rest;

  if (s1.name === 'items' && rest.length === 1 && s1.args === undefined) {
    if (method === 'GET') {
      const selection = parseSelection(list, params);
      const topText = params.get('$top');
      const top = topText === null ? undefined : Number(topText);
      if (top !== undefined && (!Number.isInteger(top) || top < 0)) {
        throw spErrors.invalidExpression(topText as string);
      }
      const result = ctx.ops.query(list, caller, {
        filter: params.get('$filter') || undefined,
        orderBy: params.get('$orderby') || undefined,
        top,
        skipToken: params.get('$skiptoken') || undefined
      });
      let nextLink: string | undefined;
      if (result.nextSkipToken) {
        const next = new URLSearchParams();
        next.set('$skiptoken', result.nextSkipToken);
        for (const key of ['$top', '$select', '$expand', '$filter', '$orderby']) {
          const value = params.get(key);
          if (value !== null) {
            next.set(key, value);
          } else if (key === '$top') {
            next.set(key, String(100));
          }
        }
        nextLink = `${apiUrl}/Web/Lists(guid'${list.id}')/Items?${next.toString().replace(/\+/g, '%20')}`;
      }
      const entities = result.items.map((item) => serializer.item(list, item, selection));
      return jsonResponse(mode, 200, collectionBody(mode, apiUrl, collectionName, entities, nextLink));
    }
    if (method === 'POST') {
      const changes = parseRestWrite(ctx.store, list, parseJsonBody(req.body));
      const item = ctx.ops.add(list, caller, changes);
      const entity = serializer.item(list, item, { all: true, top: [], subs: new Map(), expand: [] });
      return jsonResponse(mode, 201, entityBody(mode, apiUrl, collectionName, entity), {
        ETag: restEtag(item),
        Location: `${apiUrl}/${serializer.editLink(list, item)}`
      });
    }
    throw spErrors.notSupported(`${method} on items`);
  }

  const itemId = s1.name === 'items' && s1.args !== undefined ? Number(argValue(s1.args)) : s1.name === 'items' && s2 && s2.name === 'getbyid' ? Number(argValue(s2.args)) : s1.name === 'getitembyid' ? Number(argValue(s1.args)) : NaN;
  const itemDepth = s1.name === 'items' && s1.args === undefined ? 2 : 1;
  if (!isNaN(itemId) && rest.length === itemDepth) {
    if (!Number.isInteger(itemId)) {
      throw spErrors.itemNotFound();
    }
    const ifMatch = header(req.headers, 'if-match');
    if (method === 'GET') {
      const item = ctx.ops.get(list, caller, itemId);
      const entity = serializer.item(list, item, parseSelection(list, params));
      return jsonResponse(mode, 200, entityBody(mode, apiUrl, collectionName, entity), { ETag: restEtag(item) });
    }
    if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') {
      const changes = parseRestWrite(ctx.store, list, parseJsonBody(req.body));
      const item = ctx.ops.update(list, caller, itemId, changes, ifMatch);
      return emptyResponse(204, { ETag: restEtag(item) });
    }
    if (method === 'DELETE') {
      ctx.ops.remove(list, caller, itemId, ifMatch);
      return emptyResponse(200);
    }
    throw spErrors.notSupported(`${method} on an item`);
  }

  if (!isNaN(itemId) && Number.isInteger(itemId) && rest.length > itemDepth) {
    ctx.ops.get(list, caller, itemId); // an item the caller cannot read does not exist for them
    const answer = itemPermissionsRoute(ctx.store, caller, list, itemId, rest.slice(itemDepth), method, mode, apiUrl, splitList(params.get('$expand')), namedArg);
    if (answer) {
      return answer;
    }
  }

  if (s1.name === 'subscriptions') {
    return subscriptionsRoute(ctx, req, caller, list, rest, mode, method);
  }
  throw spErrors.notSupported(`/${rest.map((s) => s.name).join('/')} on a list`);
}

async function subscriptionsRoute(ctx: SpContext, req: InnerRequest, caller: Caller, list: StoredList, rest: Segment[], mode: ODataMode, method: string): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const meta = (s: Subscription): { type: string; editLink: string } => ({ type: 'Microsoft.SharePoint.Webhooks.Subscription', editLink: `Web/Lists(guid'${list.id}')/subscriptions('${s.id}')` });
  assertMayManageSubscriptions(caller);
  const checkExpiry = (value: unknown): string => {
    const when = typeof value === 'string' ? Date.parse(value) : NaN;
    if (isNaN(when)) {
      throw spErrors.badRequest('The expirationDateTime parameter is missing or is not a valid date.');
    }
    if (when <= Date.now() || when > Date.now() + MAX_SUBSCRIPTION_DAYS * 86400000) {
      throw spErrors.badRequest(`The expirationDateTime must be in the future and at most ${MAX_SUBSCRIPTION_DAYS} days from now.`);
    }
    return new Date(when).toISOString();
  };
  const checkUrl = async (value: unknown): Promise<string> => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw spErrors.badRequest('The notificationUrl parameter is not a valid absolute URL.');
    }
    if (!(await ctx.webhooks.validate(url.toString()))) {
      throw new SpError(400, '-1, System.InvalidOperationException', `Failed to validate the notification URL '${url.toString()}'.`);
    }
    return url.toString();
  };

  if (rest.length === 1 && rest[0].args === undefined) {
    if (method === 'GET') {
      const subs = ctx.webhooks.active(list.id);
      return jsonResponse(mode, 200, collectionBody(mode, apiUrl, 'Collection(Microsoft.SharePoint.Webhooks.Subscription)', subs.map((s) => annotate(mode, apiUrl, meta(s), subscriptionEntity(s)))));
    }
    if (method === 'POST') {
      const body = parseJsonBody(req.body) as { [k: string]: unknown };
      const expirationDateTime = checkExpiry(body.expirationDateTime);
      const notificationUrl = await checkUrl(body.notificationUrl);
      const subscription = ctx.store.putSubscription({
        id: randomUUID(),
        listId: list.id,
        notificationUrl,
        clientState: typeof body.clientState === 'string' ? body.clientState : null,
        expirationDateTime
      });
      return jsonResponse(mode, 201, entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(subscription), subscriptionEntity(subscription))));
    }
  }
  if (rest.length === 2 && rest[1].args === undefined && rest[0].name === 'subscriptions') {
    throw spErrors.notSupported('that subscription path');
  }
  const id = rest.length === 1 ? argValue(rest[0].args) : rest.length === 2 && rest[1].name === 'getbyid' ? argValue(rest[1].args) : '';
  const existing = id ? ctx.store.subscription(id) : undefined;
  if (!existing || existing.listId !== list.id) {
    throw new SpError(404, '-1, System.ArgumentException', 'The subscription does not exist.');
  }
  if (method === 'GET') {
    return jsonResponse(mode, 200, entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(existing), subscriptionEntity(existing))));
  }
  if (method === 'PATCH' || method === 'MERGE') {
    const body = parseJsonBody(req.body) as { [k: string]: unknown };
    const updated: Subscription = { ...existing };
    if (body.expirationDateTime !== undefined) {
      updated.expirationDateTime = checkExpiry(body.expirationDateTime);
    }
    if (body.notificationUrl !== undefined && body.notificationUrl !== existing.notificationUrl) {
      updated.notificationUrl = await checkUrl(body.notificationUrl);
    }
    if (body.clientState !== undefined) {
      updated.clientState = typeof body.clientState === 'string' ? body.clientState : null;
    }
    ctx.store.putSubscription(updated);
    return emptyResponse(204);
  }
  if (method === 'DELETE') {
    ctx.store.deleteSubscription(existing.id);
    return emptyResponse(204);
  }
  throw spErrors.notSupported(`${method} on a subscription`);
}

