/** The web (`_api/web`) and the tenant's other sites, which have a web but none of the product's lists. */
import { SpError, spErrors } from '../errors';
import { InnerResponse } from '../restShapes';
import type { Caller } from '../security';
import { argValue, listSeg, Segment } from './apiPath';
import type { SpContext } from './context';
import { userEntity } from './users';

const WEB_TITLE = 'Frontline Visits';

/**
 * A site of the tenant that is not the data site: its web, the signed-in user, and no lists —
 * asking it for one of the product's lists fails as SharePoint fails.
 */
export function otherSiteRoute(
  ctx: SpContext,
  caller: Caller,
  rest: Segment[],
  method: string,
  one: (metadataName: string, meta: { type: string; editLink: string }, entity: { [k: string]: unknown }) => InnerResponse,
  many: (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>) => InnerResponse,
): InnerResponse {
  const [s1, s2] = rest;
  if (s1.name === 'currentuser' && method === 'GET') {
    if (rest.length === 1) {
      return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${caller.user.id})` }, userEntity(caller.user));
    }
    if (rest.length === 2 && s2.name === 'groups') {
      return many('SP.ApiData.Groups', []);
    }
  }
  if (listSeg(s1)) {
    if (s1.name === 'lists' && s1.args === undefined && rest.length === 1) {
      return many('SP.ApiData.Lists', []);
    }
    const title =
      s1.name === 'lists' && s1.args === undefined
        ? s2 && s2.name === 'getbytitle'
          ? argValue(s2.args)
          : undefined
        : s1.name === 'getbytitle'
          ? argValue(s1.args)
          : undefined;
    if (title !== undefined) {
      throw spErrors.listNotFound(title, ctx.siteUrl);
    }
    throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
  }
  throw spErrors.notSupported(
    `/_api/web/${rest.map((r) => r.name).join('/')} on ${ctx.siteRelativeUrl || '/'} (the sandbox serves only the web, the current user and regional settings there)`,
  );
}

export function webEntity(ctx: SpContext): { [k: string]: unknown } {
  return {
    Created: ctx.store.siteCreated,
    Description: ctx.otherSite ? '' : 'Councillors’ visits to children’s social care intake teams (local sandbox).',
    Id: ctx.otherSite ? ctx.otherSite.webId : ctx.store.webId,
    Language: 1033,
    ServerRelativeUrl: ctx.siteRelativeUrl || '/',
    Title: ctx.otherSite ? ctx.otherSite.title : WEB_TITLE,
    Url: ctx.siteUrl,
    WebTemplate: 'STS',
  };
}
