/** List items as SharePoint REST shapes them: `$select`, `$expand`, the user and lookup sub-properties. */
import { FieldDefinition } from '../../data/listContract';
import { spErrors } from '../errors';
import { entityTypeName, fieldNamed, restEtag } from '../listModel';
import { annotate, collectionValue, ODataMode } from '../restShapes';
import { SiteUser, StoredItem, StoredList } from '../store';
import type { SpContext } from './context';

export interface Selection {
  /** No $select, or `*`: every default property. */
  all: boolean;
  top: string[];
  subs: Map<string, string[]>;
  expand: string[];
}

export function splitList(value: string | null): string[] {
  return (value || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export type Expandable = { kind: 'user'; field?: FieldDefinition; builtIn?: 'Author' | 'Editor'; multi: boolean } | { kind: 'lookup'; field: FieldDefinition };

export function expandable(list: StoredList, name: string): Expandable | undefined {
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

export function parseSelection(list: StoredList, params: URLSearchParams): Selection {
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

export const USER_SUBS: { [name: string]: (u: SiteUser) => unknown } = {
  Id: (u) => u.id,
  Title: (u) => u.title,
  EMail: (u) => u.email,
  Name: (u) => u.loginName,
  UserName: (u) => u.email,
  SipAddress: (u) => u.email,
  FirstName: (u) => u.title.split(' ')[0],
  LastName: (u) => u.title.split(' ').slice(1).join(' '),
  JobTitle: () => null,
  Department: () => null
};

export class ItemSerializer {
  public constructor(
    private readonly ctx: SpContext,
    private readonly mode: ODataMode
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
    return annotate(this.mode, this.apiUrl, { type: 'SP.Data.UserInfoItem', editLink: `Web/SiteUserInfoList/Items(${user.id})`, id: entityIdFor('user', user.id) }, out);
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
    return annotate(this.mode, this.apiUrl, { type: `${entityTypeName(target.definition)}`, editLink: `Web/Lists(guid'${target.id}')/Items(${item.id})`, id: item.uniqueId }, out);
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
    return annotate(this.mode, this.apiUrl, { type: entityTypeName(list.definition), editLink: this.editLink(list, item), id: item.uniqueId, etag: restEtag(item) }, out);
  }
}

export function entityIdFor(kind: string, id: number): string {
  return `${kind}-${id}`;
}
