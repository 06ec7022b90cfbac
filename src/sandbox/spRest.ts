/**
 * The SharePoint REST subset PnPjs issues for this product, at `{siteUrl}/_api/…`: context info,
 * web, current user and groups, site users, `ensureuser`, site groups, lists by title or id,
 * items (select / filter / orderby / top / expand / paging, add, MERGE, delete with ETags) and
 * list webhook subscriptions. `$batch` is in batch.ts and comes back through `handleSpRest`.
 *
 * This module routes a request to the entity it names; each entity's shapes and rules are in
 * `sharepoint/` (one file per entity, as PnPjs splits them).
 */
import { SpError, spErrors } from './errors';
import { errorResponse, InnerResponse, ODataMode, odataMode } from './restShapes';
import { roleDefinitionsRoute } from './permissions';
import { Caller } from './security';
import { handleSiteScriptUtility } from './siteScripts';
import { handleWebSetup } from './siteSetup';
import { siteTimeZone, timeZoneEntity } from './regional';
import { argValue, parseApiPath, splitList } from './sharepoint/apiPath';
import { effectiveMethod, header, InnerRequest, mayManageSite, responders, SpContext, WebRequest } from './sharepoint/context';
import { contextInfoResponse } from './sharepoint/contextInfo';
import { currentUserRoute } from './sharepoint/currentUser';
import { listsRoute } from './sharepoint/lists';
import { siteGroupsRoute } from './sharepoint/siteGroups';
import { siteUsersRoute } from './sharepoint/users';
import { otherSiteRoute, webEntity } from './sharepoint/web';

export type { InnerRequest, SpContext } from './sharepoint/context';
export { digestValid, issueDigest } from './sharepoint/contextInfo';
export { parseApiPath } from './sharepoint/apiPath';
export { ItemSerializer } from './sharepoint/items';
export { userEntity } from './sharepoint/users';

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
    return errorResponse(
      mode,
      new SpError(500, '-2146233088, System.InvalidOperationException', `The sandbox failed on this request: ${(error as Error).message}`),
    );
  }
}

async function route(ctx: SpContext, req: InnerRequest, caller: Caller, apiPath: string, mode: ODataMode): Promise<InnerResponse> {
  const method = effectiveMethod(req);
  const segments = parseApiPath(apiPath);
  const params = req.url.searchParams;
  const apiUrl = `${ctx.siteUrl}/_api`;
  const select = splitList(params.get('$select'));
  const first = segments[0] ? segments[0].name : '';
  const { one, many } = responders(mode, apiUrl, select);

  if (first === 'contextinfo' && segments.length === 1) {
    if (method !== 'POST') {
      throw spErrors.notSupported(`${method} contextinfo`);
    }
    return contextInfoResponse(ctx, caller, mode);
  }

  if (first === 'site' && segments.length === 1) {
    return one(
      'SP.ApiData.Sites',
      { type: 'SP.Site', editLink: 'site' },
      { Id: ctx.otherSite ? ctx.otherSite.webId : ctx.store.siteId, ServerRelativeUrl: ctx.siteRelativeUrl || '/', Url: ctx.siteUrl },
    );
  }

  const mayManage = mayManageSite(ctx, caller);
  const siteScript = handleSiteScriptUtility(ctx, method, apiPath, req.body, mayManage, mode);
  if (siteScript) {
    return siteScript;
  }
  if (first !== 'web') {
    throw spErrors.notSupported(`/_api/${apiPath}`);
  }
  const rest = segments.slice(1);
  const setup = handleWebSetup(
    ctx,
    rest,
    method,
    req.body,
    mayManage,
    mode,
    params,
    ctx.siteRoleOf && caller.kind === 'app' ? ctx.siteRoleOf(caller) : undefined,
  );
  if (setup) {
    return setup;
  }
  if (!rest.length) {
    return one('SP.ApiData.Webs', { type: 'SP.Web', editLink: 'Web' }, webEntity(ctx));
  }
  const [s1, s2] = rest;

  if (s1.name === 'regionalsettings' && rest.length === 2 && s2.name === 'timezone' && method === 'GET') {
    return one(
      'SP.ApiData.TimeZones',
      { type: 'SP.TimeZone', editLink: 'Web/RegionalSettings/TimeZone' },
      timeZoneEntity(siteTimeZone(ctx.store, ctx.siteRelativeUrl)),
    );
  }
  if (ctx.otherSite) {
    return otherSiteRoute(ctx, caller, rest, method, one, many);
  }
  const web: WebRequest = { ctx, req, caller, method, mode, rest, select, one, many };
  const answer = currentUserRoute(web) || siteUsersRoute(web);
  if (answer) {
    return answer;
  }
  if (s1.name === 'roledefinitions') {
    return roleDefinitionsRoute(apiUrl, mode, rest, argValue);
  }
  const groupsOrList = siteGroupsRoute(web) || listsRoute(web);
  if (groupsOrList) {
    return groupsOrList;
  }

  throw spErrors.notSupported(`/_api/${apiPath}`);
}
