/** List items: reading with `$select`/`$expand`/`$filter`/paging, adding, updating and deleting with ETags, and each item's own permissions. */
import { randomUUID } from 'node:crypto';
import type { FieldDefinition } from '../../data/listContract';
import { mailboxOf } from '../directory';
import { SpError, spErrors } from '../errors';
import { entityTypeName, fieldNamed, parseRestWrite, restEtag } from '../listModel';
import { itemPermissionsRoute } from '../permissions';
import { annotate, collectionBody, collectionValue, emptyResponse, entityBody, InnerResponse, jsonResponse, ODataMode } from '../restShapes';
import type { Caller } from '../security';
import type { SiteUser, StoredItem, StoredList } from '../store';
import { argValue, namedArg, Segment, splitList } from './apiPath';
import { header, InnerRequest, parseJsonBody, SpContext } from './context';

export interface Selection {
  /** No $select, or `*`: every default property. */
  all: boolean;
  top: string[];
  subs: Map<string, string[]>;
  expand: string[];
}

type Expandable = { kind: 'user'; field?: FieldDefinition; builtIn?: 'Author' | 'Editor'; multi: boolean } | { kind: 'lookup'; field: FieldDefinition };

function expandable(list: StoredList, name: string): Expandable | undefined {
  if (name === 'Author' || name === 'Editor') {
    return { kind: 'user', builtIn: name, multi: false };
  }
  const field = fieldNamed(list.definition, name);
  if (!field) {
    return undefined;
  }
  if (field.type === 'User' || field.type === 'UserMulti') {
    return { kind: 'user', field, multi: field.type === 'UserMulti' };
  }
  return field.type === 'Lookup' ? { kind: 'lookup', field } : undefined;
}

function parseSelection(list: StoredList, params: URLSearchParams): Selection {
  const select = splitList(params.get('$select'));
  const expand = splitList(params.get('$expand'));
  for (const name of expand) {
    if (!expandable(list, name)) {
      throw spErrors.unknownField(name);
    }
  }
  const selection: Selection = { all: !select.length || select.indexOf('*') !== -1, top: [], subs: new Map(), expand };
  for (const path of select) {
    if (path === '*') {
      continue;
    }
    const [head, sub] = path.split('/');
    if (sub) {
      if (expand.indexOf(head) === -1) {
        throw spErrors.invalidSelect(path, head);
      }
      selection.subs.set(head, (selection.subs.get(head) || []).concat([sub]));
      if (selection.top.indexOf(head) === -1) {
        selection.top.push(head);
      }
    } else if (selection.top.indexOf(head) === -1) {
      selection.top.push(head);
    }
  }
  return selection;
}

const USER_SUBS: { [name: string]: (u: SiteUser) => unknown } = {
  Id: (u) => u.id,
  Title: (u) => u.title,
  EMail: (u) => mailboxOf(u) || null,
  Name: (u) => u.loginName,
  UserName: (u) => u.email,
  SipAddress: (u) => mailboxOf(u) || null,
  FirstName: (u) => u.title.split(' ')[0],
  LastName: (u) => u.title.split(' ').slice(1).join(' '),
  JobTitle: () => null,
  Department: () => null,
};

export class ItemSerializer {
  public constructor(
    private readonly ctx: SpContext,
    private readonly mode: ODataMode,
  ) {}

  private get apiUrl(): string {
    return `${this.ctx.siteUrl}/_api`;
  }

  public editLink(list: StoredList, item: StoredItem): string {
    return `Web/Lists(guid'${list.id}')/Items(${item.id})`;
  }

  private userObject(id: number, subs: string[] | undefined): unknown {
    const user = this.ctx.store.userById(id);
    if (!user) {
      return null;
    }
    const out: { [k: string]: unknown } = {};
    for (const sub of subs && subs.length ? subs : ['Id', 'Title', 'EMail']) {
      const read = USER_SUBS[sub];
      if (!read) {
        throw spErrors.unknownField(sub);
      }
      out[sub] = read(user);
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: 'SP.Data.UserInfoItem', editLink: `Web/SiteUserInfoList/Items(${user.id})`, id: entityIdFor('user', user.id) },
      out,
    );
  }

  private lookupObject(field: FieldDefinition, id: unknown, subs: string[] | undefined): unknown {
    const target = this.ctx.store.listByUrlName(field.lookupList as string);
    const item = target && typeof id === 'number' ? target.items.get(id) : undefined;
    if (!target || !item) {
      return null;
    }
    const out: { [k: string]: unknown } = {};
    for (const sub of subs && subs.length ? subs : ['Id', 'Title']) {
      if (sub === 'Id' || sub === 'ID') {
        out[sub] = item.id;
        continue;
      }
      const targetField = sub === 'Title' ? { type: 'Text', internalName: 'Title' } : fieldNamed(target.definition, sub);
      if (!targetField || ['Lookup', 'User', 'UserMulti'].indexOf(targetField.type) !== -1) {
        throw spErrors.unknownField(`${field.internalName}/${sub}`);
      }
      const value = item.fields[targetField.internalName];
      out[sub] = value === undefined ? null : value;
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: `${entityTypeName(target.definition)}`, editLink: `Web/Lists(guid'${target.id}')/Items(${item.id})`, id: item.uniqueId },
      out,
    );
  }

  private expanded(list: StoredList, item: StoredItem, name: string, subs: string[] | undefined): unknown {
    const how = expandable(list, name) as Expandable;
    if (how.kind === 'lookup') {
      return this.lookupObject(how.field, item.fields[how.field.internalName], subs);
    }
    if (how.builtIn) {
      return this.userObject(how.builtIn === 'Author' ? item.authorId : item.editorId, subs);
    }
    const field = how.field as FieldDefinition;
    const value = item.fields[field.internalName];
    if (how.multi) {
      const users = (Array.isArray(value) ? value : []).map((id: number) => this.userObject(id, subs)).filter((u) => u !== null);
      // SharePoint fails the whole query when a projected property of a multi-value column is
      // empty for any of its values (e.g. EMail of a person with no mailbox).
      for (const user of users as Array<{ [k: string]: unknown }>) {
        const missing = (subs && subs.length ? subs : ['Id', 'Title', 'EMail']).find((sub) => user[sub] === null || user[sub] === '');
        if (missing) {
          throw new SpError(
            500,
            '-2146232832, Microsoft.SharePoint.SPException',
            `Cannot get value for projected field ${field.internalName}_x005f_${missing}.`,
          );
        }
      }
      return this.mode === 'verbose' ? { results: users } : users;
    }
    return typeof value === 'number' ? this.userObject(value, subs) : null;
  }

  /** The value of one non-expanded property, or undefined when the item has no such property. */
  private property(list: StoredList, item: StoredItem, name: string): unknown {
    switch (name) {
      case 'Id':
      case 'ID':
        return item.id;
      case 'Created':
        return item.created;
      case 'Modified':
        return item.modified;
      case 'AuthorId':
        return item.authorId;
      case 'EditorId':
        return item.editorId;
      case 'GUID':
        return item.uniqueId;
      case 'Attachments':
        return false;
      case 'FileSystemObjectType':
        return 0;
      case 'ContentTypeId':
        return '0x0100' + list.id.replace(/-/g, '').toUpperCase();
      case 'OData__UIVersionString':
        return `${item.version}.0`;
      case 'HasUniqueRoleAssignments':
        return !!item.roleAssignments;
      default:
        break;
    }
    const field = fieldNamed(list.definition, name);
    if (field && ['Lookup', 'User', 'UserMulti'].indexOf(field.type) === -1) {
      const value = item.fields[name];
      return value === undefined ? null : value;
    }
    const idMatch = /^(.*?)(String)?Id$/.exec(name);
    const idField = idMatch ? fieldNamed(list.definition, idMatch[1]) : undefined;
    if (idField && idMatch && ['Lookup', 'User', 'UserMulti'].indexOf(idField.type) !== -1 && !(idMatch[2] && idField.type === 'Lookup')) {
      const value = item.fields[idField.internalName];
      const asString = !!idMatch[2];
      if (idField.type === 'UserMulti') {
        const ids = Array.isArray(value) ? value : [];
        return collectionValue(this.mode, asString ? 'Edm.String' : 'Edm.Int32', asString ? ids.map(String) : ids);
      }
      return typeof value === 'number' ? (asString ? String(value) : value) : null;
    }
    return undefined;
  }

  private defaultNames(list: StoredList): string[] {
    const names = ['FileSystemObjectType', 'Id', 'ContentTypeId'];
    for (const f of list.definition.fields) {
      if (f.type === 'Lookup') {
        names.push(`${f.internalName}Id`);
      } else if (f.type === 'User' || f.type === 'UserMulti') {
        names.push(`${f.internalName}Id`, `${f.internalName}StringId`);
      } else {
        names.push(f.internalName);
      }
    }
    return names.concat(['ID', 'Modified', 'Created', 'AuthorId', 'EditorId', 'OData__UIVersionString', 'Attachments', 'GUID']);
  }

  public item(list: StoredList, item: StoredItem, selection: Selection): { [k: string]: unknown } {
    const out: { [k: string]: unknown } = {};
    const names = selection.all ? this.defaultNames(list).concat(selection.top) : selection.top;
    for (const name of names) {
      if (name in out) {
        continue;
      }
      if (selection.expand.indexOf(name) !== -1) {
        out[name] = this.expanded(list, item, name, selection.subs.get(name));
        continue;
      }
      const value = this.property(list, item, name);
      if (value === undefined) {
        throw spErrors.unknownField(name);
      }
      out[name] = value;
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: entityTypeName(list.definition), editLink: this.editLink(list, item), id: item.uniqueId, etag: restEtag(item) },
      out,
    );
  }
}

function entityIdFor(kind: string, id: number): string {
  return `${kind}-${id}`;
}

/** The items of a list: the collection (query, add), one item (read, update, delete) and its permissions; undefined when the path is not theirs. */
export function itemsRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  list: StoredList,
  rest: Segment[],
  mode: ODataMode,
  method: string,
): InnerResponse | undefined {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const params = req.url.searchParams;
  const serializer = new ItemSerializer(ctx, mode);
  const collectionName = `SP.ListData.${list.definition.urlName}ListItems`;
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
        skipToken: params.get('$skiptoken') || undefined,
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
        Location: `${apiUrl}/${serializer.editLink(list, item)}`,
      });
    }
    throw spErrors.notSupported(`${method} on items`);
  }

  const itemId =
    s1.name === 'items' && s1.args !== undefined
      ? Number(argValue(s1.args))
      : s1.name === 'items' && s2 && s2.name === 'getbyid'
        ? Number(argValue(s2.args))
        : s1.name === 'getitembyid'
          ? Number(argValue(s1.args))
          : NaN;
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
    const answer = itemPermissionsRoute(
      ctx.store,
      caller,
      list,
      itemId,
      rest.slice(itemDepth),
      method,
      mode,
      apiUrl,
      splitList(params.get('$expand')),
      namedArg,
    );
    if (answer) {
      return answer;
    }
    const sub = rest[itemDepth];
    if (rest.length === itemDepth + 1 && sub.name === 'recycle' && sub.args === undefined && method === 'POST') {
      // PnPjs `item.recycle()`: a delete that SharePoint keeps in the recycle bin (Delete Items
      // permission, the same as a delete); it answers with the recycle bin item's id. The sandbox
      // has no recycle bin: the item is gone, as it is from the list.
      ctx.ops.remove(list, caller, itemId, header(req.headers, 'if-match'));
      const recycleBinId = randomUUID();
      return jsonResponse(mode, 200, mode === 'verbose' ? { d: { Recycle: recycleBinId } } : { value: recycleBinId });
    }
  }
  return undefined;
}
