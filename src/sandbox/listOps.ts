/**
 * The list operations both faces (SharePoint REST and Graph) share: query with filter, order and
 * paging under the list view threshold; get; add; update with ETag; delete. Security is applied
 * here, so no endpoint can skip it.
 */
import { graphErrors, spErrors } from './errors';
import { ColumnAccessor, etagMatches, resolveColumn, restEtag, withDefaults } from './listModel';
import { evaluateFilter, FilterNode, filterPaths, firstClause, firstClauseIndexed, parseFilter } from './odataFilter';
import { assertMayCreate, assertMayDelete, assertMayUpdate, Caller, DEFAULT_SECURITY_RULES, mayReadItem, SecurityRules, visibleItems } from './security';
import { FieldValues, SandboxStore, StoredItem, StoredList } from './store';

/** SharePoint Online's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
/** SharePoint REST's page size when `$top` is not given. */
export const DEFAULT_PAGE_SIZE = 100;

export type ChangeKind = 'added' | 'updated' | 'deleted';

export interface OrderBy {
  path: string;
  desc: boolean;
}

export interface QueryOptions {
  filter?: string;
  orderBy?: string;
  top?: number;
  skipToken?: string;
  /** Graph field names (`XLookupId`) instead of REST ones (`XId`). */
  graph?: boolean;
  /** Graph: the caller allowed filtering on columns that are not indexed. */
  allowNonIndexed?: boolean;
}

export interface QueryResult {
  items: StoredItem[];
  /** The `$skiptoken` of the next page, when there is one. */
  nextSkipToken?: string;
}

export function parseOrderBy(text: string | undefined): OrderBy[] {
  if (!text || !text.trim()) {
    return [];
  }
  return text.split(',').map((part) => {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)?)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!match) {
      throw spErrors.invalidExpression(text);
    }
    return { path: match[1], desc: (match[2] || '').toLowerCase() === 'desc' };
  });
}

function sortable(value: unknown): unknown {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.toLowerCase() : v === undefined ? null : v;
}

function compareValues(a: unknown, b: unknown): number {
  const x = sortable(a);
  const y = sortable(b);
  if (x === y) {
    return 0;
  }
  if (x === null) {
    return -1;
  }
  if (y === null) {
    return 1;
  }
  return (x as number) < (y as number) ? -1 : 1;
}

const uniqueKey = (value: unknown): string | undefined =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ? undefined : String(value).toLowerCase();

/**
 * "Enforce unique values": no other item of the list — whoever can see it — may hold the same
 * value (case-insensitive; empty values never clash), or SharePoint refuses the whole write.
 */
export function assertUniqueValues(list: StoredList, changes: FieldValues, exceptId?: number): void {
  const clashes = list.definition.fields.filter((field) => {
    if (!field.unique || !Object.prototype.hasOwnProperty.call(changes, field.internalName)) {
      return false;
    }
    const key = uniqueKey(changes[field.internalName]);
    if (key === undefined) {
      return false;
    }
    for (const other of list.items.values()) {
      if (other.id !== exceptId && uniqueKey(other.fields[field.internalName]) === key) {
        return true;
      }
    }
    return false;
  });
  if (clashes.length) {
    throw spErrors.duplicateValues(clashes.map((f) => f.displayName));
  }
}

export class ListOps {
  public constructor(
    private readonly store: SandboxStore,
    private readonly onChange: (list: StoredList, kind: ChangeKind, item: StoredItem) => void,
    private readonly rules: SecurityRules = DEFAULT_SECURITY_RULES,
  ) {}

  public query(list: StoredList, caller: Caller, options: QueryOptions): QueryResult {
    const resolve = (path: string): ColumnAccessor => resolveColumn(this.store, list, options.graph ? path.replace(/^fields\//, '') : path, options.graph);
    const filter: FilterNode | undefined = options.filter && options.filter.trim() ? parseFilter(options.filter) : undefined;
    const orderBy = parseOrderBy(options.orderBy);
    const accessors = new Map<string, ColumnAccessor>();
    const accessor = (path: string): ColumnAccessor => {
      let found = accessors.get(path);
      if (!found) {
        found = resolve(path);
        accessors.set(path, found);
      }
      return found;
    };
    if (filter) {
      // resolving every path up front rejects unknown columns before anything is read
      const paths = filterPaths(filter);
      paths.forEach((p) => accessor(p));
      if (options.graph && !options.allowNonIndexed) {
        const nonIndexed = paths.filter((p) => !accessor(p).indexed);
        if (nonIndexed.length) {
          throw graphErrors.notIndexed(nonIndexed[0].replace(/^fields\//, ''));
        }
      }
    }
    orderBy.forEach((o) => accessor(o.path));

    if (list.items.size > LIST_VIEW_THRESHOLD) {
      this.assertUnderThreshold(list, filter, orderBy, accessor);
    }

    let items = visibleItems(list, caller);
    if (filter) {
      items = items.filter((item) => evaluateFilter(filter, (path) => accessor(path).read(item)));
    }
    const keys = orderBy.filter((o) => o.path.toLowerCase() !== 'id');
    const idDesc = orderBy.some((o) => o.path.toLowerCase() === 'id' && o.desc);
    const tuple = (item: StoredItem): unknown[] => keys.map((k) => accessor(k.path).read(item)).concat([item.id]);
    const compareTuples = (a: unknown[], b: unknown[]): number => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a[i], b[i]);
        if (c !== 0) {
          return keys[i].desc ? -c : c;
        }
      }
      const c = compareValues(a[keys.length], b[keys.length]);
      return idDesc ? -c : c;
    };
    const sorted = items.map((item) => ({ item, key: tuple(item) })).sort((a, b) => compareTuples(a.key, b.key));

    let start = 0;
    if (options.skipToken) {
      const position = this.decodeSkipToken(options.skipToken, keys);
      if (position) {
        start = sorted.findIndex((entry) => compareTuples(entry.key, position) > 0);
        start = start === -1 ? sorted.length : start;
      }
    }
    const top = Math.min(Math.max(options.top === undefined ? DEFAULT_PAGE_SIZE : options.top, 0), LIST_VIEW_THRESHOLD);
    const page = sorted.slice(start, start + top);
    const hasMore = start + top < sorted.length && page.length > 0;
    return {
      items: page.map((e) => e.item),
      nextSkipToken: hasMore ? this.encodeSkipToken(page[page.length - 1].key, keys) : undefined,
    };
  }

  /**
   * SharePoint refuses, on a list over the threshold, a query that would scan it: one whose first
   * filter clause is not on an indexed column (or still matches more than the threshold), or an
   * unfiltered one ordered on a column that is not indexed.
   */
  private assertUnderThreshold(list: StoredList, filter: FilterNode | undefined, orderBy: OrderBy[], accessor: (p: string) => ColumnAccessor): void {
    if (filter) {
      if (!firstClauseIndexed(filter, (p) => accessor(p).indexed)) {
        throw spErrors.throttled();
      }
      const clause = firstClause(filter);
      let matches = 0;
      for (const item of list.items.values()) {
        if (evaluateFilter(clause, (path) => accessor(path).read(item)) && ++matches > LIST_VIEW_THRESHOLD) {
          throw spErrors.throttled();
        }
      }
      return;
    }
    if (orderBy.some((o) => !accessor(o.path).indexed)) {
      throw spErrors.throttled();
    }
  }

  private encodeSkipToken(key: unknown[], keys: OrderBy[]): string {
    const params = new URLSearchParams();
    params.set('Paged', 'TRUE');
    keys.forEach((k, i) => params.set(`p_${k.path.replace('/', '_')}`, JSON.stringify(key[i] === undefined ? null : key[i])));
    params.set('p_ID', String(key[keys.length]));
    return params.toString();
  }

  private decodeSkipToken(token: string, keys: OrderBy[]): unknown[] | undefined {
    const params = new URLSearchParams(token);
    const id = Number(params.get('p_ID'));
    if (!params.has('p_ID') || isNaN(id)) {
      return undefined;
    }
    const values = keys.map((k) => {
      const raw = params.get(`p_${k.path.replace('/', '_')}`);
      try {
        return raw === null ? null : JSON.parse(raw);
      } catch {
        return raw;
      }
    });
    return values.concat([id]);
  }

  /** An item the caller may read, or SharePoint's "does not exist". */
  public get(list: StoredList, caller: Caller, id: number): StoredItem {
    visibleItems(list, caller); // list-level read check
    const item = list.items.get(id);
    if (!item || !mayReadItem(list, item, caller)) {
      throw spErrors.itemNotFound();
    }
    return item;
  }

  public add(list: StoredList, caller: Caller, changes: FieldValues): StoredItem {
    assertMayCreate(list, changes, caller, this.rules);
    const fields = withDefaults(list, changes);
    assertUniqueValues(list, fields);
    const item = this.store.addItem(list, fields, caller.user.id);
    this.onChange(list, 'added', item);
    return item;
  }

  /** Checks the ETag, then the caller's rights, then writes; a 412 changes nothing. */
  public update(list: StoredList, caller: Caller, id: number, changes: FieldValues, ifMatch: string | undefined): StoredItem {
    const item = this.writableItem(list, caller, id);
    if (!etagMatches(ifMatch, item)) {
      throw spErrors.etagMismatch(ifMatch as string, restEtag(item));
    }
    assertMayUpdate(list, item, changes, caller, this.rules);
    assertUniqueValues(list, changes, id);
    const updated = this.store.updateItem(list, id, changes, caller.user.id);
    this.onChange(list, 'updated', updated);
    return updated;
  }

  public remove(list: StoredList, caller: Caller, id: number, ifMatch: string | undefined): void {
    const item = this.writableItem(list, caller, id);
    if (!etagMatches(ifMatch, item)) {
      throw spErrors.etagMismatch(ifMatch as string, restEtag(item));
    }
    assertMayDelete(list, item, caller);
    this.store.deleteItem(list, id);
    this.onChange(list, 'deleted', item);
  }

  /** A write to an item the caller cannot even read is refused as access denied. */
  private writableItem(list: StoredList, caller: Caller, id: number): StoredItem {
    visibleItems(list, caller);
    const item = list.items.get(id);
    if (!item) {
      throw spErrors.itemNotFound();
    }
    if (!mayReadItem(list, item, caller)) {
      throw spErrors.accessDenied();
    }
    return item;
  }
}
