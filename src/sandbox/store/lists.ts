/** Lists and their items, with each item's own role assignments once its inheritance is broken. */
import { randomUUID } from 'node:crypto';
import { LIST_DEFINITIONS, ListDefinition } from '../../data/listContract';
import { spNow, StoreDatabase } from './database';
import type { RoleAssignment } from './roles';

export type FieldValues = { [internalName: string]: unknown };

export interface StoredItem {
  id: number;
  uniqueId: string;
  /** Bumped on every update; the ETag is derived from it. */
  version: number;
  authorId: number;
  editorId: number;
  /** ISO instants, UTC, whole seconds (as SharePoint returns them). */
  created: string;
  modified: string;
  /** By internal name; lookups and users as ids (numbers), multi-user as arrays of ids. */
  fields: FieldValues;
  /**
   * Present once the item's role inheritance is broken (SharePoint's HasUniqueRoleAssignments):
   * then these, and nothing inherited from the list, say who may do what with it.
   */
  roleAssignments?: RoleAssignment[];
}

export interface StoredList {
  id: string;
  definition: ListDefinition;
  created: string;
  items: Map<number, StoredItem>;
  nextItemId: number;
}

/** Where a list made by a site script keeps its schema (contract lists are read from the contract). */
export function listSchemaKey(listId: string): string {
  return `listSchema:${listId}`;
}

export abstract class ListStore extends StoreDatabase {
  protected readonly listsById = new Map<string, StoredList>();

  protected loadLists(): void {
    for (const row of this.db.prepare('SELECT id, title, created, next_item_id FROM lists').all() as Array<{
      id: string;
      title: string;
      created: string;
      next_item_id: number;
    }>) {
      const schema = this.meta.get(listSchemaKey(row.id));
      const definition: ListDefinition | undefined = schema ? JSON.parse(schema) : LIST_DEFINITIONS.filter((d) => d.title === row.title)[0];
      if (!definition) {
        continue; // a list the contract no longer has: keep its rows, serve nothing
      }
      this.listsById.set(row.id, { id: row.id, definition, created: row.created, items: new Map(), nextItemId: Number(row.next_item_id) });
    }
    const itemRows = this.db
      .prepare('SELECT list_id, id, unique_id, version, author_id, editor_id, created, modified, fields FROM items ORDER BY list_id, id')
      .all() as Array<{
      list_id: string;
      id: number;
      unique_id: string;
      version: number;
      author_id: number;
      editor_id: number;
      created: string;
      modified: string;
      fields: string;
    }>;
    for (const row of itemRows) {
      const list = this.listsById.get(row.list_id);
      if (list) {
        list.items.set(Number(row.id), {
          id: Number(row.id),
          uniqueId: row.unique_id,
          version: Number(row.version),
          authorId: Number(row.author_id),
          editorId: Number(row.editor_id),
          created: row.created,
          modified: row.modified,
          fields: JSON.parse(row.fields),
        });
      }
    }
    for (const row of this.db.prepare('SELECT list_id, item_id, assignments FROM item_role_assignments').all() as Array<{
      list_id: string;
      item_id: number;
      assignments: string;
    }>) {
      const list = this.listsById.get(row.list_id);
      const item = list && list.items.get(Number(row.item_id));
      if (item) {
        item.roleAssignments = JSON.parse(row.assignments);
      }
    }
  }

  /** The contract's lists in contract order, then any other list (one a site script made) by age. */
  public lists(): StoredList[] {
    const contract = LIST_DEFINITIONS.map((d) => this.listByTitle(d.title)).filter((l): l is StoredList => !!l);
    const others = Array.from(this.listsById.values())
      .filter((l) => contract.indexOf(l) === -1)
      .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
    return contract.concat(others);
  }

  /** Creates a list from a definition (a site script's `createSPList`); its schema is kept with it. */
  public createList(definition: ListDefinition, at: Date = new Date()): StoredList {
    const list: StoredList = { id: randomUUID(), definition, created: spNow(at), items: new Map(), nextItemId: 1 };
    return this.write(() => {
      this.db.prepare('INSERT INTO lists (id, title, created, next_item_id) VALUES (?, ?, ?, 1)').run(list.id, definition.title, list.created);
      this.stmt('metaPut', 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(listSchemaKey(list.id), JSON.stringify(definition));
      return {
        result: list,
        apply: () => {
          this.listsById.set(list.id, list);
          this.meta.set(listSchemaKey(list.id), JSON.stringify(definition));
        },
      };
    });
  }

  /** Replaces a list's schema (title, description, fields, item-level security); its items stay. */
  public updateListDefinition(list: StoredList, definition: ListDefinition): void {
    this.write(() => {
      this.db.prepare('UPDATE lists SET title = ? WHERE id = ?').run(definition.title, list.id);
      this.stmt('metaPut', 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(listSchemaKey(list.id), JSON.stringify(definition));
      return {
        result: undefined,
        apply: () => {
          list.definition = definition;
          this.meta.set(listSchemaKey(list.id), JSON.stringify(definition));
        },
      };
    });
  }

  public listById(id: string): StoredList | undefined {
    return this.listsById.get(id.toLowerCase());
  }

  /** SharePoint matches list titles case-insensitively. */
  public listByTitle(title: string): StoredList | undefined {
    const wanted = title.toLowerCase();
    return Array.from(this.listsById.values()).filter((l) => l.definition.title.toLowerCase() === wanted)[0];
  }

  public listByUrlName(urlName: string): StoredList | undefined {
    const wanted = urlName.toLowerCase();
    return Array.from(this.listsById.values()).filter((l) => l.definition.urlName.toLowerCase() === wanted)[0];
  }

  private insertItem(list: StoredList, item: StoredItem): void {
    this.stmt(
      'itemInsert',
      'INSERT INTO items (list_id, id, unique_id, version, author_id, editor_id, created, modified, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(list.id, item.id, item.uniqueId, item.version, item.authorId, item.editorId, item.created, item.modified, JSON.stringify(item.fields));
  }

  /** Adds one item (fields already validated) and returns it once it is on disk. */
  public addItem(list: StoredList, fields: FieldValues, authorId: number, at: Date = new Date()): StoredItem {
    return this.bulkAddItems(list, [fields], authorId, at)[0];
  }

  /**
   * Adds many items in one transaction. Besides `addItem`, this is the store-level bulk path tests
   * use to build a large list quickly (e.g. past the 5,000-item threshold); it skips HTTP, not rules.
   */
  public bulkAddItems(list: StoredList, fieldsList: ReadonlyArray<FieldValues>, authorId: number, at: Date = new Date()): StoredItem[] {
    const when = spNow(at);
    return this.write(() => {
      let nextId = list.nextItemId;
      const items = fieldsList.map((fields) => ({
        id: nextId++,
        uniqueId: randomUUID(),
        version: 1,
        authorId,
        editorId: authorId,
        created: when,
        modified: when,
        fields: { ...fields },
      }));
      items.forEach((item) => this.insertItem(list, item));
      this.stmt('listNext', 'UPDATE lists SET next_item_id = ? WHERE id = ?').run(nextId, list.id);
      return {
        result: items,
        apply: () => {
          items.forEach((item) => list.items.set(item.id, item));
          list.nextItemId = nextId;
        },
      };
    });
  }

  /** Merges `changes` into an item, bumping its version; the caller has checked the ETag. */
  public updateItem(list: StoredList, id: number, changes: FieldValues, editorId: number, at: Date = new Date()): StoredItem {
    const current = list.items.get(id);
    if (!current) {
      throw new RangeError(`No item ${id} in ${list.definition.title}`);
    }
    const updated: StoredItem = { ...current, version: current.version + 1, editorId, modified: spNow(at), fields: { ...current.fields, ...changes } };
    return this.write(() => {
      this.stmt('itemUpdate', 'UPDATE items SET version = ?, editor_id = ?, modified = ?, fields = ? WHERE list_id = ? AND id = ?').run(
        updated.version,
        updated.editorId,
        updated.modified,
        JSON.stringify(updated.fields),
        list.id,
        id,
      );
      return { result: updated, apply: () => list.items.set(id, updated) };
    });
  }

  /**
   * Sets an item's own role assignments (`undefined`: inherit from the list again). Not a change
   * to the item's fields: its version, Modified and ETag stay, as in SharePoint.
   */
  public setRoleAssignments(list: StoredList, id: number, assignments: RoleAssignment[] | undefined): StoredItem {
    const current = list.items.get(id);
    if (!current) {
      throw new RangeError(`No item ${id} in ${list.definition.title}`);
    }
    const updated: StoredItem = { ...current, roleAssignments: assignments ? assignments.map((a) => ({ ...a })) : undefined };
    return this.write(() => {
      if (assignments) {
        this.stmt('rolesPut', 'INSERT OR REPLACE INTO item_role_assignments (list_id, item_id, assignments) VALUES (?, ?, ?)').run(
          list.id,
          id,
          JSON.stringify(assignments),
        );
      } else {
        this.stmt('rolesDelete', 'DELETE FROM item_role_assignments WHERE list_id = ? AND item_id = ?').run(list.id, id);
      }
      return { result: updated, apply: () => list.items.set(id, updated) };
    });
  }

  public deleteItem(list: StoredList, id: number): void {
    this.write(() => {
      this.stmt('rolesDelete', 'DELETE FROM item_role_assignments WHERE list_id = ? AND item_id = ?').run(list.id, id);
      this.stmt('itemDelete', 'DELETE FROM items WHERE list_id = ? AND id = ?').run(list.id, id);
      return { result: undefined, apply: () => list.items.delete(id) };
    });
  }
}
