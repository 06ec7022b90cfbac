/**
 * How a list's fields are read and written: the column paths a query may use, the values they
 * hold, and the validation of a write payload — shared by the SharePoint REST and Graph faces.
 */
import { FieldDefinition, ListDefinition, SITE_RELATIVE_URL } from '../data/listContract';
import { spErrors } from './errors';
import { dateOnlyStored, instantOf, siteTimeZone } from './regional';
import { FieldValues, SandboxStore, spNow, StoredItem, StoredList } from './store';

/** SharePoint's entity type name for a list's items, e.g. `SP.Data.VisitReportsListItem`. */
export function entityTypeName(list: ListDefinition): string {
  return `SP.Data.${list.urlName.replace(/_/g, '_x005f_')}ListItem`;
}

export function fieldNamed(list: ListDefinition, name: string): FieldDefinition | undefined {
  return list.fields.filter((f) => f.internalName === name)[0];
}

const isIdField = (f: FieldDefinition): boolean => f.type === 'Lookup' || f.type === 'User' || f.type === 'UserMulti';

/** The REST property that carries a field's value in a write: `TeamId` for lookups and people. */
export function restWriteName(f: FieldDefinition): string {
  return isIdField(f) ? `${f.internalName}Id` : f.internalName;
}

export const USER_BUILT_INS = ['Author', 'Editor'];

/** A column path as queries use it, resolved to how to read it and whether it is indexed. */
export interface ColumnAccessor {
  indexed: boolean;
  /** For $filter / $orderby: epoch ms for dates, ids for lookups/people, arrays for multi-value. */
  read(item: StoredItem): unknown;
}

function dateValue(value: unknown): number | null {
  return typeof value === 'string' && value ? Date.parse(value) : null;
}

/**
 * Resolves a REST path (`VisitDate`, `TeamId`, `Team/Id`, `Author/EMail`, `Members/Id`) or, with
 * `graph`, a Graph field name (`TeamLookupId`). Throws SharePoint's error for an unknown column.
 */
export function resolveColumn(store: SandboxStore, list: StoredList, path: string, graph = false): ColumnAccessor {
  const def = list.definition;
  const [head, sub] = path.split('/');
  const userProp = (id: unknown, prop: string): unknown => {
    if (typeof id !== 'number') {
      return null;
    }
    const user = store.userById(id);
    if (!user) {
      return null;
    }
    switch (prop.toLowerCase()) {
      case 'id':
        return user.id;
      case 'title':
        return user.title;
      case 'email':
      case 'name':
      case 'username':
        return prop.toLowerCase() === 'name' ? user.loginName : user.email;
      default:
        throw spErrors.unknownField(path);
    }
  };
  if (path.split('/').length > 2) {
    throw spErrors.unknownField(path);
  }
  if (!sub) {
    const lower = head.toLowerCase();
    if (lower === 'id') {
      return { indexed: true, read: (i) => i.id };
    }
    if (head === 'Created' || head === 'Modified') {
      return { indexed: false, read: (i) => dateValue(head === 'Created' ? i.created : i.modified) };
    }
    if (head === (graph ? 'AuthorLookupId' : 'AuthorId')) {
      return { indexed: false, read: (i) => i.authorId };
    }
    if (head === (graph ? 'EditorLookupId' : 'EditorId')) {
      return { indexed: false, read: (i) => i.editorId };
    }
    const plain = fieldNamed(def, head);
    if (plain && !isIdField(plain)) {
      const read =
        plain.type === 'DateTime' ? (i: StoredItem) => dateValue(i.fields[plain.internalName]) : (i: StoredItem) => valueOrNull(i.fields[plain.internalName]);
      return { indexed: !!plain.indexed, read };
    }
    const suffix = graph ? 'LookupId' : 'Id';
    if (head.endsWith(suffix)) {
      const idField = fieldNamed(def, head.slice(0, -suffix.length));
      if (idField && isIdField(idField)) {
        return { indexed: !!idField.indexed, read: (i) => idValue(i.fields[idField.internalName], idField) };
      }
    }
    throw spErrors.unknownField(path);
  }
  if (USER_BUILT_INS.indexOf(head) !== -1) {
    return { indexed: false, read: (i) => userProp(head === 'Author' ? i.authorId : i.editorId, sub) };
  }
  const field = fieldNamed(def, head);
  if (!field || !isIdField(field)) {
    throw spErrors.unknownField(path);
  }
  if (sub.toLowerCase() === 'id') {
    return { indexed: !!field.indexed, read: (i) => idValue(i.fields[field.internalName], field) };
  }
  if (field.type === 'Lookup') {
    const target = store.listByUrlName(field.lookupList as string);
    const targetField = target && (sub === 'Title' ? { internalName: 'Title', type: 'Text' } : fieldNamed(target.definition, sub));
    if (!target || !targetField || isIdField(targetField as FieldDefinition)) {
      throw spErrors.unknownField(path);
    }
    return {
      indexed: false,
      read: (i) => {
        const id = i.fields[field.internalName];
        const targetItem = typeof id === 'number' ? target.items.get(id) : undefined;
        const value = targetItem ? targetItem.fields[targetField.internalName] : null;
        return targetField.type === 'DateTime' ? dateValue(value) : valueOrNull(value);
      },
    };
  }
  userProp(undefined, sub); // validates the property name
  return {
    indexed: false,
    read: (i) => {
      const value = i.fields[field.internalName];
      return Array.isArray(value) ? value.map((id) => userProp(id, sub)) : userProp(value, sub);
    },
  };
}

function valueOrNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

function idValue(value: unknown, field: FieldDefinition): unknown {
  if (field.type === 'UserMulti') {
    return Array.isArray(value) ? value : [];
  }
  return typeof value === 'number' ? value : null;
}

// ---- writes ---------------------------------------------------------------------------------

const EDM: { [type: string]: string } = {
  Text: 'Edm.String',
  Note: 'Edm.String',
  Choice: 'Edm.String',
  Number: 'Edm.Double',
  Boolean: 'Edm.Boolean',
  DateTime: 'Edm.DateTime',
  Lookup: 'Edm.Int32',
  User: 'Edm.Int32',
  UserMulti: 'Collection(Edm.Int32)',
};

/** Keys a payload may carry that describe it rather than set a field. */
const ANNOTATION = /^(__metadata|odata\.|@odata\.)|@odata\.type$/;

function toId(value: unknown, field: FieldDefinition): number | null {
  if (value === null) {
    return null;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return Number(value);
  }
  throw spErrors.wrongType(EDM[field.type === 'UserMulti' ? 'Lookup' : field.type]);
}

/** Converts one field's incoming value to its stored form, or throws SharePoint's error. */
export function convertFieldValue(store: SandboxStore, field: FieldDefinition, value: unknown): unknown {
  switch (field.type) {
    case 'Text':
    case 'Note':
    case 'Choice': {
      if (value === null) {
        return null;
      }
      if (typeof value !== 'string') {
        throw spErrors.wrongType(EDM[field.type]);
      }
      if (field.type === 'Text' && value.length > (field.maxLength || 255)) {
        throw spErrors.fieldValidation(`The value of field '${field.displayName}' is longer than its maximum length of ${field.maxLength || 255} characters.`);
      }
      if (field.type === 'Choice' && value !== '' && (field.choices || []).indexOf(value) === -1) {
        throw spErrors.fieldValidation(
          `'${value}' is not a valid choice for field '${field.displayName}'. Valid choices: ${(field.choices || []).join(', ')}.`,
        );
      }
      return value === '' && field.type === 'Choice' ? null : value;
    }
    case 'Number': {
      if (value === null) {
        return null;
      }
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value)) ? Number(value) : NaN;
      if (isNaN(n) || !isFinite(n)) {
        throw spErrors.wrongType(EDM.Number);
      }
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        throw spErrors.fieldValidation(`The value of field '${field.displayName}' must be between ${field.min} and ${field.max}.`);
      }
      return n;
    }
    case 'Boolean':
      if (value === null || typeof value === 'boolean') {
        return value;
      }
      if (value === 'true' || value === 'false') {
        return value === 'true';
      }
      throw spErrors.wrongType(EDM.Boolean);
    case 'DateTime': {
      if (value === null || value === '') {
        return null;
      }
      if (typeof value !== 'string' || !isCalendarValid(value) || isNaN(Date.parse(value))) {
        throw spErrors.wrongType(EDM.DateTime);
      }
      if (!withinSharePointRange(value)) {
        throw spErrors.dateOutOfRange();
      }
      // A value without a zone is the site's local time in SharePoint. A date-only column keeps
      // midnight of the site-local day the value falls on (docs/architecture.md §3: the site's regional time
      // zone decides which day that is).
      const zone = siteTimeZone(store, SITE_RELATIVE_URL);
      return spNow(new Date(field.dateOnly ? dateOnlyStored(zone, value) : instantOf(zone, value)));
    }
    case 'Lookup': {
      return toId(value, field);
    }
    case 'User': {
      const id = toId(value, field);
      if (id !== null && !store.userById(id)) {
        throw spErrors.userNotFound();
      }
      return id;
    }
    case 'UserMulti': {
      if (value === null) {
        return [];
      }
      const raw = Array.isArray(value)
        ? value
        : value && typeof value === 'object' && Array.isArray((value as { results?: unknown }).results)
          ? (value as { results: unknown[] }).results
          : undefined;
      if (!raw) {
        throw spErrors.wrongType(EDM.UserMulti);
      }
      const ids = raw.map((v) => toId(v, field) as number);
      if (ids.some((id) => id === null || !store.userById(id))) {
        throw spErrors.userNotFound();
      }
      return ids.filter((id, index) => ids.indexOf(id) === index);
    }
  }
}

/** A REST add/MERGE body → stored field changes (SharePoint's errors for anything wrong). */
export function parseRestWrite(store: SandboxStore, list: StoredList, body: unknown): FieldValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw spErrors.invalidJson();
  }
  const changes: FieldValues = {};
  for (const key of Object.keys(body)) {
    if (ANNOTATION.test(key)) {
      continue;
    }
    const field = list.definition.fields.filter((f) => restWriteName(f) === key)[0];
    if (!field) {
      throw spErrors.unknownProperty(key, entityTypeName(list.definition));
    }
    changes[field.internalName] = convertFieldValue(store, field, (body as { [k: string]: unknown })[key]);
  }
  return changes;
}

/** A Graph `fields` body (`TeamLookupId`, `MembersLookupId`, plain names) → stored changes. */
export function parseGraphWrite(store: SandboxStore, list: StoredList, body: unknown): FieldValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw spErrors.invalidJson();
  }
  const changes: FieldValues = {};
  for (const key of Object.keys(body)) {
    if (ANNOTATION.test(key) || key === 'id') {
      continue;
    }
    const field = list.definition.fields.filter((f) => (isIdField(f) ? `${f.internalName}LookupId` : f.internalName) === key)[0];
    if (!field) {
      throw spErrors.unknownProperty(key, entityTypeName(list.definition));
    }
    changes[field.internalName] = convertFieldValue(store, field, (body as { [k: string]: unknown })[key]);
  }
  return changes;
}

/** Every field of a new item, absent ones null (multi-user: empty). */
export function withDefaults(list: StoredList, changes: FieldValues): FieldValues {
  const fields: FieldValues = {};
  for (const f of list.definition.fields) {
    fields[f.internalName] = f.type === 'UserMulti' ? [] : null;
  }
  return { ...fields, ...changes };
}

/** An item's ETag for SharePoint REST: its version, quoted. */
export function restEtag(item: StoredItem): string {
  return `"${item.version}"`;
}

/** An item's ETag for Graph: `"{uniqueId},{version}"`. */
export function graphEtag(item: StoredItem): string {
  return `"${item.uniqueId},${item.version}"`;
}

/**
 * Whether an `If-Match` value matches the item. Accepts `*`, `"3"`, `"{guid},3"` (either API's
 * form), and a list of them, as HTTP allows.
 */
export function etagMatches(ifMatch: string | undefined, item: StoredItem): boolean {
  if (!ifMatch || ifMatch.trim() === '*') {
    return true;
  }
  return ifMatch.split(/,(?=\s*(?:W\/)?")/).some((candidate) => {
    const inner = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    const parts = inner.split(',');
    const version = Number(parts[parts.length - 1]);
    const uid = parts.length > 1 ? parts[0].replace(/[{}]/g, '').toLowerCase() : undefined;
    return version === item.version && (!uid || uid === item.uniqueId.toLowerCase());
  });
}

/**
 * A real calendar day: JavaScript rolls 30 February over to 2 March, where SharePoint's OData
 * reader refuses the value as not a DateTime at all.
 */
function isCalendarValid(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(2000, 0, 1));
  probe.setUTCFullYear(year, month - 1, day);
  return month >= 1 && month <= 12 && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** SharePoint's date and time columns hold 1 January 1900 to 31 December 8900, nothing outside. */
function withinSharePointRange(value: string): boolean {
  const day = value.slice(0, 10);
  return day >= '1900-01-01' && day <= '8900-12-31';
}
