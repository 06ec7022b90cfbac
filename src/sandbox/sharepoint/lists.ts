/** Lists (`lists`, `getbytitle`, `getlist`, `lists(guid)`): finding one, its properties, and the routes below it. */
import { SpError, spErrors } from '../errors';
import { annotate, entityBody, InnerResponse, jsonResponse, ODataMode, selectProps } from '../restShapes';
import { assertMayReadList, Caller } from '../security';
import { handleListSetup, listRolesOf, listSettingsOf } from '../siteSetup';
import type { StoredList } from '../store';
import { entityTypeName } from '../listModel';
import { argValue, listSeg, Segment, splitList } from './apiPath';
import { InnerRequest, mayManageSite, SpContext, WebRequest } from './context';
import { itemsRoute } from './items';
import { subscriptionsRoute } from './subscriptions';

function listEntity(ctx: SpContext, list: StoredList): { [k: string]: unknown } {
  const items = Array.from(list.items.values());
  const last = items.reduce((m, i) => (i.modified > m ? i.modified : m), list.created);
  return {
    AllowContentTypes: true,
    BaseTemplate: 100,
    BaseType: 0,
    ContentTypesEnabled: false,
    Created: list.created,
    Description: list.definition.description,
    ...listSettingsOf(ctx.store, list),
    HasUniqueRoleAssignments: listRolesOf(ctx.store, list).unique,
    EntityTypeName: `${list.definition.urlName}List`,
    Hidden: false,
    Id: list.id,
    ItemCount: list.items.size,
    LastItemModifiedDate: last,
    ListItemEntityTypeFullName: entityTypeName(list.definition),
    ParentWebUrl: ctx.siteRelativeUrl,
    Title: list.definition.title,
  };
}

/** Finds the list a path names and answers below it; undefined when the path names no list. */
export function listsRoute(web: WebRequest): Promise<InnerResponse> | InnerResponse | undefined {
  const { ctx, req, caller, method, mode, rest, many } = web;
  const [s1, s2] = rest;
  if (listSeg(s1)) {
    let list: StoredList | undefined;
    let index = 1;
    if (s1.name === 'lists' && s1.args === undefined) {
      if (rest.length === 1) {
        assertMayReadList(caller);
        return many(
          'SP.ApiData.Lists',
          ctx.store.lists().map((l) => ({ meta: { type: 'SP.List', editLink: `Web/Lists(guid'${l.id}')` }, entity: listEntity(ctx, l) })),
        );
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
      throw new SpError(
        404,
        '-1, System.ArgumentException',
        'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.',
      );
    }
    return listRoute(ctx, req, caller, list, rest.slice(index), mode, method);
  }
  return undefined;
}

async function listRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  list: StoredList,
  rest: Segment[],
  mode: ODataMode,
  method: string,
): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const params = req.url.searchParams;
  assertMayReadList(caller);
  const setup = handleListSetup(ctx, list, rest, method, req.body, mayManageSite(ctx, caller), mode, splitList(params.get('$expand')));
  if (setup) {
    return setup;
  }

  if (!rest.length) {
    const select = splitList(params.get('$select'));
    const entity = annotate(
      mode,
      apiUrl,
      { type: 'SP.List', editLink: `Web/Lists(guid'${list.id}')` },
      selectProps(listEntity(ctx, list), select, (n) => spErrors.unknownField(n)),
    );
    return jsonResponse(mode, 200, entityBody(mode, apiUrl, 'SP.ApiData.Lists', entity));
  }
  const [s1] = rest;
  const items = itemsRoute(ctx, req, caller, list, rest, mode, method);
  if (items) {
    return items;
  }

  if (s1.name === 'subscriptions') {
    return subscriptionsRoute(ctx, req, caller, list, rest, mode, method);
  }
  throw spErrors.notSupported(`/${rest.map((s) => s.name).join('/')} on a list`);
}
