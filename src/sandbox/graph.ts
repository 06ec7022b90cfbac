/**
 * The Microsoft Graph list-item endpoints the bot uses, over the same store and the same security
 * as SharePoint REST: the site by path, lists by id or display name, items with
 * `expand=fields(select=…)`, `$filter=fields/X eq 'Y'`, `$top` and `@odata.nextLink`, create,
 * `PATCH …/fields` with `If-Match`, delete — with Graph's JSON and error shapes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SITE_RELATIVE_URL } from '../data/listContract';
import { mailboxOf } from './directory';
import { sendActivityNotification } from './activityFeed';
import { GraphError, graphErrors, SpError } from './errors';
import { handleDirectory, isDirectoryPath } from './graphDirectory';
import { graphEtag, parseGraphWrite } from './listModel';
import { ListOps } from './listOps';
import { InnerResponse } from './restShapes';
import { Caller } from './security';
import { SandboxStore, SiteUser, StoredItem, StoredList } from './store';

export interface GraphContext {
  store: SandboxStore;
  ops: ListOps;
  /** http://localhost:PORT */
  origin: string;
  siteUrl: string;
  hostname: string;
}

const GRAPH_PAGE_SIZE = 200;

function json(status: number, body: unknown, headers: { [k: string]: string } = {}): InnerResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function graphErrorResponse(error: GraphError): InnerResponse {
  const requestId = randomUUID();
  return json(error.status, {
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': requestId },
    },
  });
}

/** The same refusal in Graph's words. */
function fromSpError(error: SpError): GraphError {
  switch (error.status) {
    case 401:
      return graphErrors.unauthenticated();
    case 403:
      return graphErrors.accessDenied();
    case 404:
      return graphErrors.itemNotFound(error.message);
    case 412:
      return graphErrors.etagMismatch();
    case 500:
      return error.code.indexOf('SPDuplicateValuesFoundException') !== -1
        ? graphErrors.duplicateValues()
        : new GraphError(500, 'generalException', error.message);
    case 400:
      return graphErrors.invalidRequest(error.message);
    case 409:
      return new GraphError(409, 'conflict', error.message);
    default:
      return new GraphError(error.status, 'generalException', error.message);
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function siteId(ctx: GraphContext): string {
  return `${ctx.hostname},${ctx.store.siteId},${ctx.store.webId}`;
}

function identityOf(user: SiteUser | undefined): unknown {
  return user ? { user: { email: mailboxOf(user) || undefined, id: user.objectId, displayName: user.title } } : undefined;
}

function graphFields(ctx: GraphContext, list: StoredList, item: StoredItem, select: string[] | undefined): { [k: string]: unknown } {
  const all: { [k: string]: unknown } = { '@odata.etag': graphEtag(item), id: String(item.id), ContentType: 'Item' };
  for (const f of list.definition.fields) {
    const value = item.fields[f.internalName];
    if (f.type === 'Lookup' || f.type === 'User') {
      if (typeof value === 'number') {
        all[`${f.internalName}LookupId`] = String(value);
      }
    } else if (f.type === 'UserMulti') {
      const ids = Array.isArray(value) ? (value as number[]) : [];
      if (ids.length) {
        all[f.internalName] = ids.map((id) => {
          const user = ctx.store.userById(id);
          const email = user ? mailboxOf(user) : '';
          return email ? { LookupId: id, LookupValue: user ? user.title : '', Email: email } : { LookupId: id, LookupValue: user ? user.title : '' };
        });
      }
    } else if (value !== null && value !== undefined && value !== '') {
      all[f.internalName] = value;
    }
  }
  Object.assign(all, {
    Modified: item.modified,
    Created: item.created,
    AuthorLookupId: String(item.authorId),
    EditorLookupId: String(item.editorId),
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
  });
  if (!select || !select.length) {
    return all;
  }
  const out: { [k: string]: unknown } = { '@odata.etag': all['@odata.etag'] };
  for (const name of select) {
    const known = name === 'id' || name in all || list.definition.fields.some((f) => f.internalName === name || `${f.internalName}LookupId` === name);
    if (!known && ['Modified', 'Created', 'AuthorLookupId', 'EditorLookupId', 'ContentType'].indexOf(name) === -1) {
      throw graphErrors.invalidRequest(`Field '${name}' is not recognized`);
    }
    if (name in all) {
      out[name] = all[name];
    }
  }
  return out;
}

function graphItem(ctx: GraphContext, list: StoredList, item: StoredItem, fields: false | string[] | undefined): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {
    '@odata.etag': graphEtag(item),
    createdDateTime: item.created,
    eTag: graphEtag(item),
    id: String(item.id),
    lastModifiedDateTime: item.modified,
    webUrl: `${ctx.siteUrl}/Lists/${list.definition.urlName}/DispForm.aspx?ID=${item.id}`,
    createdBy: identityOf(ctx.store.userById(item.authorId)),
    lastModifiedBy: identityOf(ctx.store.userById(item.editorId)),
    parentReference: { id: list.id, siteId: siteId(ctx) },
    contentType: { id: `0x0100${list.id.replace(/-/g, '').toUpperCase()}`, name: 'Item' },
  };
  if (fields !== false) {
    out.fields = graphFields(ctx, list, item, fields);
  }
  return out;
}

function graphList(ctx: GraphContext, list: StoredList): { [k: string]: unknown } {
  return {
    '@odata.etag': `"${list.id},1"`,
    createdDateTime: list.created,
    description: list.definition.description,
    eTag: `"${list.id},1"`,
    id: list.id,
    lastModifiedDateTime: list.created,
    name: list.definition.urlName,
    webUrl: `${ctx.siteUrl}/Lists/${list.definition.urlName}`,
    displayName: list.definition.title,
    parentReference: { siteId: siteId(ctx) },
    list: { contentTypesEnabled: false, hidden: false, template: 'genericList' },
  };
}

/** `fields`, `fields(select=A,B)` or `fields($select=A,B)` → undefined (all), the names, or false. */
function fieldsExpansion(params: URLSearchParams): false | string[] | undefined {
  const expand = params.get('$expand') || params.get('expand');
  if (!expand) {
    return false;
  }
  const match = /^\s*fields\s*(?:\(\s*\$?select\s*=\s*([^)]*)\))?\s*$/i.exec(expand);
  if (!match) {
    throw graphErrors.invalidRequest(`Parsing OData Select and Expand failed: Could not find a property named '${expand}' on type 'microsoft.graph.listItem'.`);
  }
  return match[1]
    ? match[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

function parseBody(body: string): unknown {
  try {
    return body.trim() ? JSON.parse(body) : {};
  } catch {
    throw graphErrors.invalidRequest('Invalid request body: the JSON could not be read.');
  }
}

/** Answers one Graph request (already authenticated). `path` starts after `/v1.0/`. */
export async function handleGraph(
  ctx: GraphContext,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: string,
  caller: Caller,
): Promise<InnerResponse> {
  try {
    return route(ctx, method.toUpperCase(), url, headers, body, caller);
  } catch (error) {
    if (error instanceof GraphError) {
      return graphErrorResponse(error);
    }
    if (error instanceof SpError) {
      return graphErrorResponse(fromSpError(error));
    }
    console.error('Sandbox: Graph request failed', method, url.toString(), error);
    return graphErrorResponse(new GraphError(500, 'generalException', `The sandbox failed on this request: ${(error as Error).message}`));
  }
}

function route(ctx: GraphContext, method: string, url: URL, headers: IncomingHttpHeaders, body: string, caller: Caller): InnerResponse {
  // The Graph client treats only https URLs as absolute, so an http `@odata.nextLink` from the
  // sandbox comes back appended to the base URL; accept that form too.
  const raw = decodeURIComponent(url.pathname)
    .replace(/^\/v1\.0\//, '')
    .replace(/^https?:\/+[^/]+\/v1\.0\//i, '');
  const feed = /^users\/([^/]+)\/teamwork\/sendActivityNotification$/i.exec(raw);
  if (feed) {
    if (method !== 'POST') {
      throw graphErrors.invalidRequest(`${method} is not supported on sendActivityNotification.`);
    }
    sendActivityNotification({ store: ctx.store }, feed[1], parseBody(body), caller);
    return { status: 204, headers: {}, body: '' };
  }
  if (isDirectoryPath(raw)) {
    return handleDirectory(ctx.store, ctx.origin, method, raw, body, caller);
  }
  if (!/^sites\//i.test(raw)) {
    throw graphErrors.invalidRequest(`The sandbox serves only the Graph site and list-item endpoints, not /${raw}.`);
  }
  let afterSites = raw.slice('sites/'.length);
  let rest: string;
  const byPath = afterSites.toLowerCase().indexOf(`:${SITE_RELATIVE_URL}`);
  if (byPath > 0) {
    rest = afterSites.slice(byPath + 1 + SITE_RELATIVE_URL.length).replace(/^:/, '');
  } else {
    const slash = afterSites.indexOf('/');
    const id = slash === -1 ? afterSites : afterSites.slice(0, slash);
    rest = slash === -1 ? '' : afterSites.slice(slash);
    const parts = id.split(',');
    if (parts.length !== 3 || parts[1].toLowerCase() !== ctx.store.siteId || parts[2].toLowerCase() !== ctx.store.webId) {
      throw graphErrors.itemNotFound('Requested site could not be found');
    }
  }
  afterSites = rest;
  const segments = rest.split('/').filter(Boolean);
  const params = url.searchParams;

  if (!segments.length) {
    if (method !== 'GET') {
      throw graphErrors.invalidRequest(`${method} is not supported on a site.`);
    }
    return json(200, {
      '@odata.context': `${ctx.origin}/v1.0/$metadata#sites/$entity`,
      createdDateTime: ctx.store.siteCreated,
      description: 'Frontline Visits (local sandbox)',
      id: siteId(ctx),
      lastModifiedDateTime: ctx.store.siteCreated,
      name: SITE_RELATIVE_URL.split('/').pop(),
      webUrl: ctx.siteUrl,
      displayName: 'Frontline Visits',
      root: {},
      siteCollection: { hostname: ctx.hostname },
    });
  }
  if (segments[0].toLowerCase() !== 'lists') {
    throw graphErrors.invalidRequest(`The sandbox does not serve /sites/{site}/${segments[0]}.`);
  }
  if (segments.length === 1) {
    return json(200, {
      '@odata.context': `${ctx.origin}/v1.0/$metadata#sites('${siteId(ctx)}')/lists`,
      value: ctx.store.lists().map((l) => graphList(ctx, l)),
    });
  }
  const ref = segments[1];
  const list = ctx.store.listById(ref) || ctx.store.listByTitle(ref) || ctx.store.listByUrlName(ref);
  if (!list) {
    throw graphErrors.listNotFound();
  }
  if (segments.length === 2) {
    return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#sites('${siteId(ctx)}')/lists/$entity`, ...graphList(ctx, list) });
  }
  if (segments[2].toLowerCase() !== 'items') {
    throw graphErrors.invalidRequest(`The sandbox does not serve lists/{list}/${segments[2]}.`);
  }
  const ifMatch = header(headers, 'if-match');

  if (segments.length === 3) {
    if (method === 'GET') {
      const fields = fieldsExpansion(params);
      const top = params.get('$top') || params.get('top');
      const prefer = header(headers, 'prefer') || '';
      const token = params.get('$skiptoken');
      const result = ctx.ops.query(list, caller, {
        filter: params.get('$filter') || params.get('filter') || undefined,
        orderBy: params.get('$orderby') || params.get('orderby') || undefined,
        top: top === null ? GRAPH_PAGE_SIZE : Number(top),
        skipToken: token ? Buffer.from(token, 'base64url').toString('utf8') : undefined,
        graph: true,
        allowNonIndexed: /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(prefer),
      });
      const out: { [k: string]: unknown } = {
        '@odata.context': `${ctx.origin}/v1.0/$metadata#sites('${siteId(ctx)}')/lists('${list.id}')/items`,
        value: result.items.map((item) => graphItem(ctx, list, item, fields)),
      };
      if (result.nextSkipToken) {
        const next = new URL(url.toString());
        next.searchParams.delete('skiptoken');
        next.searchParams.set('$skiptoken', Buffer.from(result.nextSkipToken, 'utf8').toString('base64url'));
        out['@odata.nextLink'] = `${ctx.origin}${next.pathname}${next.search}`;
      }
      return json(200, out);
    }
    if (method === 'POST') {
      const payload = parseBody(body) as { fields?: unknown };
      if (!payload || typeof payload !== 'object' || !payload.fields) {
        throw graphErrors.invalidRequest('A new list item needs a "fields" object.');
      }
      const item = ctx.ops.add(list, caller, parseGraphWrite(ctx.store, list, payload.fields));
      return json(201, {
        '@odata.context': `${ctx.origin}/v1.0/$metadata#sites('${siteId(ctx)}')/lists('${list.id}')/items/$entity`,
        ...graphItem(ctx, list, item, undefined),
      });
    }
    throw graphErrors.invalidRequest(`${method} is not supported on items.`);
  }

  const id = Number(segments[3]);
  if (!Number.isInteger(id)) {
    throw graphErrors.itemNotFound();
  }
  if (segments.length === 4) {
    if (method === 'GET') {
      return json(200, {
        '@odata.context': `${ctx.origin}/v1.0/$metadata#sites('${siteId(ctx)}')/lists('${list.id}')/items/$entity`,
        ...graphItem(ctx, list, ctx.ops.get(list, caller, id), fieldsExpansion(params)),
      });
    }
    if (method === 'PATCH') {
      const payload = parseBody(body) as { fields?: unknown };
      const changes = parseGraphWrite(ctx.store, list, (payload && payload.fields) || {});
      const item = ctx.ops.update(list, caller, id, changes, ifMatch);
      return json(200, graphItem(ctx, list, item, undefined), { ETag: graphEtag(item) });
    }
    if (method === 'DELETE') {
      ctx.ops.remove(list, caller, id, ifMatch);
      return { status: 204, headers: {}, body: '' };
    }
  }
  if (segments.length === 5 && segments[4].toLowerCase() === 'fields') {
    if (method === 'GET') {
      const item = ctx.ops.get(list, caller, id);
      return json(200, graphFields(ctx, list, item, (params.get('$select') || params.get('select') || '').split(',').filter(Boolean)), {
        ETag: graphEtag(item),
      });
    }
    if (method === 'PATCH') {
      const item = ctx.ops.update(list, caller, id, parseGraphWrite(ctx.store, list, parseBody(body)), ifMatch);
      return json(200, graphFields(ctx, list, item, undefined), { ETag: graphEtag(item) });
    }
  }
  throw graphErrors.invalidRequest(`${method} /${segments.join('/')} is not served by the sandbox.`);
}
