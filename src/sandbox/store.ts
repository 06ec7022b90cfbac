/**
 * The sandbox's storage: SQLite on disk through Node's built-in `node:sqlite`.
 *
 * Durability: WAL journal with `synchronous = FULL`, every write in one transaction, and callers
 * acknowledge a write only after `COMMIT` returns — so a crash or `kill -9` at any point loses no
 * acknowledged write and leaves the data consistent. Reads are served from an in-memory copy that
 * is updated only after a commit succeeds; one process owns a data directory at a time.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, StatementSync } from './sqlite';
import { LIST_DEFINITIONS, ListDefinition } from '../data/listContract';
import { DirectoryEntry, EntraGroupEntry, SITE_GROUP_DESCRIPTIONS } from './directory';
import { ROLE_GROUPS, ROLES } from '../domain/roles';

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

/** A principal (site user or site group id) bound to a role definition on one item. */
export interface RoleAssignment {
  principalId: number;
  roleDefId: number;
}

export interface RoleDefinition {
  id: number;
  name: string;
  /** What the role lets its holder do to an item; 'none' grants nothing on items (Limited Access). */
  itemRights: 'none' | 'read' | 'write';
}

/**
 * SharePoint's built-in role definitions (their ids are the same on every site) and the read-all
 * role from `sharepoint/lists/list-settings.json`.
 */
export const ROLE_DEFINITIONS: ReadonlyArray<RoleDefinition> = [
  { id: 1073741829, name: 'Full Control', itemRights: 'write' },
  { id: 1073741828, name: 'Design', itemRights: 'write' },
  { id: 1073741830, name: 'Edit', itemRights: 'write' },
  { id: 1073741827, name: 'Contribute', itemRights: 'write' },
  { id: 1073741826, name: 'Read', itemRights: 'read' },
  { id: 1073741825, name: 'Limited Access', itemRights: 'none' },
  { id: 1073741924, name: 'Frontline Visits - Read all reports', itemRights: 'read' },
  { id: 1073741925, name: 'Frontline Visits - Submit reports', itemRights: 'read' },
];

export const FULL_CONTROL_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Full Control')[0];
export const READ_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Read')[0];
export const READ_ALL_REPORTS_ROLE = ROLE_DEFINITIONS.filter((r) => r.name === 'Frontline Visits - Read all reports')[0];

export interface StoredList {
  id: string;
  definition: ListDefinition;
  created: string;
  items: Map<number, StoredItem>;
  nextItemId: number;
}

export interface SiteUser {
  id: number;
  email: string;
  title: string;
  objectId: string;
  loginName: string;
  /** 1 = user; the app principal is also 1 in SharePoint but flagged here. */
  isApp: boolean;
  /**
   * SharePoint's PrincipalType: 1 a person (or the app), 4 an Entra security group added to the
   * site (login `c:0t.c|tenant|<objectId>`, `objectId` the group's).
   */
  principalType: 1 | 4;
}

/** An Entra security group in the sandbox's directory: members are people's or other groups' object ids. */
export interface EntraGroup {
  objectId: string;
  displayName: string;
  memberObjectIds: Set<string>;
}

/** SharePoint's claim for an Entra security group (what a site user's LoginName shows). */
export function securityGroupLoginName(objectId: string): string {
  return `c:0t.c|tenant|${objectId}`;
}

export interface SiteGroup {
  id: number;
  title: string;
  description: string;
  memberIds: Set<number>;
  /** "Who can view the membership of the group?": true (SharePoint's default) = group members only. */
  onlyMembersView: boolean;
}

export interface Subscription {
  id: string;
  listId: string;
  notificationUrl: string;
  clientState: string | null;
  expirationDateTime: string;
}

export interface StoreOptions {
  /** A new data directory starts as a bare site: no lists, no role groups (see `bareSite`). */
  bareSite?: boolean;
}

const BARE_SITE_KEY = 'bareSite';

/** Where a list made by a site script keeps its schema (contract lists are read from the contract). */
function listSchemaKey(listId: string): string {
  return `listSchema:${listId}`;
}

export const APP_PRINCIPAL = {
  title: 'Frontline Visits (app)',
  email: '',
  objectId: '6a1d0e50-0000-4000-8000-0000000000ab',
  loginName: 'i:0i.t|ms.sp.ext|6a1d0e50-0000-4000-8000-0000000000ab@9188040d-6c67-4c5b-b112-36a304b66dad',
};

/** SharePoint's instant format: UTC, whole seconds, `Z`. */
export function spNow(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class SandboxStore {
  private readonly db: DatabaseSync;
  private readonly listsById = new Map<string, StoredList>();
  private readonly usersById = new Map<number, SiteUser>();
  private readonly groupsById = new Map<number, SiteGroup>();
  private readonly entraGroupsById = new Map<string, EntraGroup>();
  private readonly subscriptionsById = new Map<string, Subscription>();
  private readonly meta = new Map<string, string>();
  private readonly statements: { [name: string]: StatementSync } = {};

  private constructor(
    public readonly dataDir: string,
    options: StoreOptions = {},
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(join(dataDir, 'sandbox.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS lists (id TEXT PRIMARY KEY, title TEXT NOT NULL UNIQUE, created TEXT NOT NULL, next_item_id INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS items (
        list_id TEXT NOT NULL REFERENCES lists(id), id INTEGER NOT NULL, unique_id TEXT NOT NULL, version INTEGER NOT NULL,
        author_id INTEGER NOT NULL, editor_id INTEGER NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL, fields TEXT NOT NULL,
        PRIMARY KEY (list_id, id));
      CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, title TEXT NOT NULL, object_id TEXT NOT NULL,
        login_name TEXT NOT NULL UNIQUE, is_app INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS site_groups (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, description TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS group_members (group_id INTEGER NOT NULL REFERENCES site_groups(id), user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (group_id, user_id));
      CREATE TABLE IF NOT EXISTS item_role_assignments (list_id TEXT NOT NULL, item_id INTEGER NOT NULL, assignments TEXT NOT NULL,
        PRIMARY KEY (list_id, item_id));
      CREATE TABLE IF NOT EXISTS entra_groups (object_id TEXT PRIMARY KEY, display_name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS entra_group_members (group_object_id TEXT NOT NULL REFERENCES entra_groups(object_id), member_object_id TEXT NOT NULL,
        PRIMARY KEY (group_object_id, member_object_id));
      CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, list_id TEXT NOT NULL REFERENCES lists(id), notification_url TEXT NOT NULL,
        client_state TEXT, expiration TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS activity_notifications (seq INTEGER PRIMARY KEY AUTOINCREMENT, received TEXT NOT NULL,
        recipient_object_id TEXT NOT NULL, body TEXT NOT NULL);
    `);
    this.addColumnIfMissing('users', 'principal_type', 'INTEGER NOT NULL DEFAULT 1');
    this.addColumnIfMissing('site_groups', 'only_members_view', 'INTEGER NOT NULL DEFAULT 1');
    this.load();
    const newBareSite = !!options.bareSite && !this.meta.has('siteId');
    if (newBareSite) {
      // Only a new data directory is made bare; a provisioned one keeps what it was given.
      this.setMeta(BARE_SITE_KEY, '1');
    }
    this.ensureStructure();
    if (newBareSite) {
      // What SharePoint gives every new site: its Owners, Members and Visitors groups.
      const owners = this.addGroup(
        'Frontline Visits Owners',
        'Use this group to grant people full control permissions to the SharePoint site: Frontline Visits',
      );
      this.addGroup('Frontline Visits Members', 'Use this group to grant people contribute permissions to the SharePoint site: Frontline Visits');
      this.addGroup('Frontline Visits Visitors', 'Use this group to grant people read permissions to the SharePoint site: Frontline Visits');
      this.setMeta('associatedOwnerGroup', String(owners.id));
    }
  }

  /** A data directory from before a column existed gains it, with the column's default. */
  private addColumnIfMissing(table: string, column: string, definition: string): void {
    const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) {
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }

  /** Opens (creating if need be) the store in a data directory. */
  public static open(dataDir: string, options: StoreOptions = {}): SandboxStore {
    return new SandboxStore(dataDir, options);
  }

  /** A site created with no lists and no role groups: provisioning builds them. */
  public get bareSite(): boolean {
    return this.meta.get(BARE_SITE_KEY) === '1';
  }

  public close(): void {
    this.db.close();
  }

  // ---- transactions ---------------------------------------------------------------------------

  /** Depth of `transaction()` nesting: inside one, writes join it instead of committing. */
  private depth = 0;

  /**
   * Runs `work` in one SQLite transaction. `work` returns the in-memory changes to apply, which
   * run only after COMMIT succeeds, so readers never see a write the disk does not hold. Inside
   * `transaction()` the changes apply at once (later steps read them) and commit together.
   */
  private write<T>(work: () => { result: T; apply: () => void }): T {
    if (this.depth > 0) {
      const nested = work();
      nested.apply();
      return nested.result;
    }
    this.db.exec('BEGIN IMMEDIATE');
    let outcome: { result: T; apply: () => void };
    try {
      outcome = work();
      this.db.exec('COMMIT');
    } catch (error) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // the failed statement may already have ended the transaction
      }
      throw error;
    }
    outcome.apply();
    return outcome.result;
  }

  /**
   * Runs several writes as one transaction — all or nothing on disk (used for the first start:
   * directory and demo seed). If it fails the in-memory copy may hold part of it: reopen the store.
   */
  public transaction<T>(steps: () => T): T {
    if (this.depth > 0) {
      return steps();
    }
    this.db.exec('BEGIN IMMEDIATE');
    this.depth = 1;
    try {
      const result = steps();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // already ended
      }
      throw error;
    } finally {
      this.depth = 0;
    }
  }

  private stmt(name: string, sql: string): StatementSync {
    if (!this.statements[name]) {
      this.statements[name] = this.db.prepare(sql);
    }
    return this.statements[name];
  }

  // ---- loading --------------------------------------------------------------------------------

  private load(): void {
    for (const row of this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>) {
      this.meta.set(row.key, row.value);
    }
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
    for (const row of this.db.prepare('SELECT id, email, title, object_id, login_name, is_app, principal_type FROM users').all() as Array<{
      id: number;
      email: string;
      title: string;
      object_id: string;
      login_name: string;
      is_app: number;
      principal_type: number;
    }>) {
      this.usersById.set(Number(row.id), {
        id: Number(row.id),
        email: row.email,
        title: row.title,
        objectId: row.object_id,
        loginName: row.login_name,
        isApp: !!row.is_app,
        principalType: Number(row.principal_type) === 4 ? 4 : 1,
      });
    }
    for (const row of this.db.prepare('SELECT id, title, description, only_members_view FROM site_groups').all() as Array<{
      id: number;
      title: string;
      description: string;
      only_members_view: number;
    }>) {
      this.groupsById.set(Number(row.id), {
        id: Number(row.id),
        title: row.title,
        description: row.description,
        memberIds: new Set(),
        onlyMembersView: !!row.only_members_view,
      });
    }
    for (const row of this.db.prepare('SELECT object_id, display_name FROM entra_groups').all() as Array<{ object_id: string; display_name: string }>) {
      this.entraGroupsById.set(row.object_id, { objectId: row.object_id, displayName: row.display_name, memberObjectIds: new Set() });
    }
    for (const row of this.db.prepare('SELECT group_object_id, member_object_id FROM entra_group_members').all() as Array<{
      group_object_id: string;
      member_object_id: string;
    }>) {
      const group = this.entraGroupsById.get(row.group_object_id);
      if (group) {
        group.memberObjectIds.add(row.member_object_id);
      }
    }
    for (const row of this.db.prepare('SELECT group_id, user_id FROM group_members').all() as Array<{ group_id: number; user_id: number }>) {
      const group = this.groupsById.get(Number(row.group_id));
      if (group) {
        group.memberIds.add(Number(row.user_id));
      }
    }
    for (const row of this.db.prepare('SELECT id, list_id, notification_url, client_state, expiration FROM subscriptions').all() as Array<{
      id: string;
      list_id: string;
      notification_url: string;
      client_state: string | null;
      expiration: string;
    }>) {
      this.subscriptionsById.set(row.id, {
        id: row.id,
        listId: row.list_id,
        notificationUrl: row.notification_url,
        clientState: row.client_state,
        expirationDateTime: row.expiration,
      });
    }
  }

  /** Site ids, the contract's lists, the role groups and the app principal exist in every store. */
  private ensureStructure(): void {
    const now = spNow();
    const bare = this.bareSite;
    const missingLists = bare ? [] : LIST_DEFINITIONS.filter((d) => !this.listByTitle(d.title));
    const missingGroups = bare ? [] : ROLES.map((r) => ROLE_GROUPS[r]).filter((title) => !this.groupByTitle(title));
    const needsIds = !this.meta.has('siteId');
    const needsApp = !this.appPrincipal();
    if (!missingLists.length && !missingGroups.length && !needsIds && !needsApp) {
      return;
    }
    this.write(() => {
      const newMeta: Array<[string, string]> = [];
      if (needsIds) {
        newMeta.push(['siteId', randomUUID()], ['webId', randomUUID()], ['created', now]);
      }
      for (const [key, value] of newMeta) {
        this.stmt('metaPut', 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
      }
      const newLists: StoredList[] = missingLists.map((definition) => ({ id: randomUUID(), definition, created: now, items: new Map(), nextItemId: 1 }));
      for (const list of newLists) {
        this.db.prepare('INSERT INTO lists (id, title, created, next_item_id) VALUES (?, ?, ?, 1)').run(list.id, list.definition.title, now);
      }
      let nextGroupId = Math.max(2, ...Array.from(this.groupsById.keys())) + 1;
      const newGroups: SiteGroup[] = missingGroups.map((title) => {
        const role = ROLES.filter((r) => ROLE_GROUPS[r] === title)[0];
        return { id: nextGroupId++, title, description: SITE_GROUP_DESCRIPTIONS[role], memberIds: new Set<number>(), onlyMembersView: true };
      });
      for (const group of newGroups) {
        this.db.prepare('INSERT INTO site_groups (id, title, description) VALUES (?, ?, ?)').run(group.id, group.title, group.description);
      }
      let app: SiteUser | undefined;
      if (needsApp) {
        app = {
          id: this.nextUserId(),
          email: APP_PRINCIPAL.email,
          title: APP_PRINCIPAL.title,
          objectId: APP_PRINCIPAL.objectId,
          loginName: APP_PRINCIPAL.loginName,
          isApp: true,
          principalType: 1,
        };
        this.insertUser(app);
      }
      return {
        result: undefined,
        apply: () => {
          newMeta.forEach(([k, v]) => this.meta.set(k, v));
          newLists.forEach((l) => this.listsById.set(l.id, l));
          newGroups.forEach((g) => this.groupsById.set(g.id, g));
          if (app) {
            this.usersById.set(app.id, app);
          }
        },
      };
    });
  }

  // ---- site -----------------------------------------------------------------------------------

  public get siteId(): string {
    return this.meta.get('siteId') as string;
  }

  public get webId(): string {
    return this.meta.get('webId') as string;
  }

  public get siteCreated(): string {
    return this.meta.get('created') as string;
  }

  public getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }

  public setMeta(key: string, value: string): void {
    this.write(() => {
      this.stmt('metaPut', 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
      return { result: undefined, apply: () => this.meta.set(key, value) };
    });
  }

  /** True when no person and no item has been added yet: the moment to seed. */
  public isEmpty(): boolean {
    const people = Array.from(this.usersById.values()).filter((u) => !u.isApp && u.principalType === 1).length;
    const items = this.lists().reduce((n, l) => n + l.items.size, 0);
    return people === 0 && items === 0;
  }

  // ---- lists and items ------------------------------------------------------------------------

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

  // ---- users and groups -----------------------------------------------------------------------

  private nextUserId(): number {
    // SharePoint's first ids belong to system accounts; people start a little higher.
    return Math.max(9, ...Array.from(this.usersById.keys())) + 1;
  }

  private insertUser(user: SiteUser): void {
    this.stmt('userInsert', 'INSERT INTO users (id, email, title, object_id, login_name, is_app, principal_type) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      user.id,
      user.email,
      user.title,
      user.objectId,
      user.loginName,
      user.isApp ? 1 : 0,
      user.principalType,
    );
  }

  public users(): SiteUser[] {
    return Array.from(this.usersById.values()).sort((a, b) => a.id - b.id);
  }

  public userById(id: number): SiteUser | undefined {
    return this.usersById.get(id);
  }

  public userByEmail(email: string): SiteUser | undefined {
    const wanted = email.trim().toLowerCase();
    return Array.from(this.usersById.values()).filter((u) => !u.isApp && u.principalType === 1 && u.email.toLowerCase() === wanted)[0];
  }

  public userByLoginName(loginName: string): SiteUser | undefined {
    const wanted = loginName.trim().toLowerCase();
    return Array.from(this.usersById.values()).filter((u) => u.loginName.toLowerCase() === wanted)[0];
  }

  public appPrincipal(): SiteUser | undefined {
    return Array.from(this.usersById.values()).filter((u) => u.isApp)[0];
  }

  /**
   * Makes directory people site users and sets their group membership to exactly what the
   * directory says. Entra security groups become directory groups with their members; one that
   * is added to a SharePoint group is also a site principal (PrincipalType 4) in that group, as
   * SharePoint holds it. Existing users keep their ids (items refer to them).
   */
  public upsertDirectory(entries: ReadonlyArray<DirectoryEntry>, entraGroups: ReadonlyArray<EntraGroupEntry> = []): void {
    this.write(() => {
      const added: SiteUser[] = [];
      const renamed: SiteUser[] = [];
      const membership: Array<[SiteGroup, Set<number>]> = [];
      let nextId = this.nextUserId();
      const principalIds = new Map<string, number>();
      const wantedGroups = new Map<string, string[]>();
      for (const entry of entries) {
        const existing = this.userByEmail(entry.email) || added.filter((u) => u.principalType === 1 && u.email === entry.email)[0];
        wantedGroups.set(entry.email, entry.groups);
        if (existing) {
          principalIds.set(entry.email, existing.id);
          if (existing.title !== entry.displayName || existing.objectId !== entry.objectId) {
            const changed = { ...existing, title: entry.displayName, objectId: entry.objectId };
            this.db.prepare('UPDATE users SET title = ?, object_id = ? WHERE id = ?').run(changed.title, changed.objectId, changed.id);
            renamed.push(changed);
          }
          continue;
        }
        const user: SiteUser = {
          id: nextId++,
          email: entry.email,
          title: entry.displayName,
          objectId: entry.objectId,
          loginName: `i:0#.f|membership|${entry.email}`,
          isApp: false,
          principalType: 1,
        };
        this.insertUser(user);
        added.push(user);
        principalIds.set(entry.email, user.id);
      }
      const entra: EntraGroup[] = [];
      for (const group of entraGroups) {
        const key = `entra:${group.objectId}`;
        wantedGroups.set(key, group.groups);
        const loginName = securityGroupLoginName(group.objectId);
        const existing = this.userByLoginName(loginName);
        if (existing) {
          principalIds.set(key, existing.id);
          if (existing.title !== group.displayName) {
            this.db.prepare('UPDATE users SET title = ? WHERE id = ?').run(group.displayName, existing.id);
            renamed.push({ ...existing, title: group.displayName });
          }
        } else if (group.groups.length) {
          const principal: SiteUser = {
            id: nextId++,
            email: '',
            title: group.displayName,
            objectId: group.objectId,
            loginName,
            isApp: false,
            principalType: 4,
          };
          this.insertUser(principal);
          added.push(principal);
          principalIds.set(key, principal.id);
        }
        this.db.prepare('INSERT OR REPLACE INTO entra_groups (object_id, display_name) VALUES (?, ?)').run(group.objectId, group.displayName);
        this.db.prepare('DELETE FROM entra_group_members WHERE group_object_id = ?').run(group.objectId);
        const members = new Set<string>();
        for (const member of group.members) {
          const person = entries.filter((e) => e.email === member.toLowerCase())[0];
          const objectId = (person ? person.objectId : member).toLowerCase();
          if (!members.has(objectId)) {
            this.db.prepare('INSERT INTO entra_group_members (group_object_id, member_object_id) VALUES (?, ?)').run(group.objectId, objectId);
            members.add(objectId);
          }
        }
        entra.push({ objectId: group.objectId, displayName: group.displayName, memberObjectIds: members });
      }
      for (const group of this.groupsById.values()) {
        const members = new Set(group.memberIds);
        for (const [key, id] of Array.from(principalIds.entries())) {
          if ((wantedGroups.get(key) || []).indexOf(group.title) !== -1) {
            if (!members.has(id)) {
              this.db.prepare('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)').run(group.id, id);
              members.add(id);
            }
          } else if (members.has(id)) {
            this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(group.id, id);
            members.delete(id);
          }
        }
        membership.push([group, members]);
      }
      return {
        result: undefined,
        apply: () => {
          added.concat(renamed).forEach((u) => this.usersById.set(u.id, u));
          membership.forEach(([group, members]) => (group.memberIds = members));
          entra.forEach((g) => this.entraGroupsById.set(g.objectId, g));
        },
      };
    });
  }

  /** Creates a site group (the caller has checked the title is free). */
  public addGroup(title: string, description: string): SiteGroup {
    const group: SiteGroup = {
      id: Math.max(2, ...Array.from(this.groupsById.keys())) + 1,
      title,
      description,
      memberIds: new Set<number>(),
      onlyMembersView: true,
    };
    return this.write(() => {
      this.db.prepare('INSERT INTO site_groups (id, title, description) VALUES (?, ?, ?)').run(group.id, group.title, group.description);
      return { result: group, apply: () => this.groupsById.set(group.id, group) };
    });
  }

  /** Adds a principal (person or Entra group) to a site group, or removes it. */
  public setGroupMember(groupId: number, principalId: number, member: boolean): void {
    const group = this.groupsById.get(groupId);
    if (!group || !this.usersById.has(principalId)) {
      throw new RangeError(`No site group ${groupId} or principal ${principalId}`);
    }
    this.write(() => {
      if (member) {
        this.db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)').run(groupId, principalId);
      } else {
        this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, principalId);
      }
      const members = new Set(group.memberIds);
      if (member) {
        members.add(principalId);
      } else {
        members.delete(principalId);
      }
      return { result: undefined, apply: () => (group.memberIds = members) };
    });
  }

  /** Sets "Who can view the membership of the group?" (true: group members only). */
  public setOnlyMembersView(groupId: number, onlyMembers: boolean): void {
    const group = this.groupsById.get(groupId);
    if (!group) {
      throw new RangeError(`No site group ${groupId}`);
    }
    this.write(() => {
      this.db.prepare('UPDATE site_groups SET only_members_view = ? WHERE id = ?').run(onlyMembers ? 1 : 0, groupId);
      return { result: undefined, apply: () => (group.onlyMembersView = onlyMembers) };
    });
  }

  // ---- Entra groups ---------------------------------------------------------------------------

  public entraGroups(): EntraGroup[] {
    return Array.from(this.entraGroupsById.values());
  }

  public entraGroup(objectId: string): EntraGroup | undefined {
    return this.entraGroupsById.get(objectId.toLowerCase());
  }

  /** The Entra groups an object (person or group) belongs to, directly or through nested groups. */
  public transitiveEntraGroupsOf(objectId: string): Set<string> {
    const found = new Set<string>();
    const pending = [objectId.toLowerCase()];
    while (pending.length) {
      const member = pending.pop() as string;
      for (const group of this.entraGroupsById.values()) {
        if (group.memberObjectIds.has(member) && !found.has(group.objectId)) {
          found.add(group.objectId);
          pending.push(group.objectId);
        }
      }
    }
    return found;
  }

  /** The object ids of everyone and every group inside an Entra group, nested groups expanded. */
  public transitiveEntraMembers(objectId: string): Set<string> {
    const found = new Set<string>();
    const pending = [objectId.toLowerCase()];
    while (pending.length) {
      const group = this.entraGroupsById.get(pending.pop() as string);
      for (const member of group ? Array.from(group.memberObjectIds) : []) {
        if (!found.has(member)) {
          found.add(member);
          pending.push(member);
        }
      }
    }
    return found;
  }

  /**
   * The site principals that stand for a person: their own site user and every Entra security
   * group principal whose group holds them (SharePoint evaluates a person's rights with both).
   */
  public principalIdsOf(userId: number): number[] {
    const user = this.usersById.get(userId);
    if (!user) {
      return [];
    }
    const entra = this.transitiveEntraGroupsOf(user.objectId);
    const viaGroups = Array.from(this.usersById.values()).filter((u) => u.principalType === 4 && entra.has(u.objectId.toLowerCase()));
    return [userId].concat(viaGroups.map((u) => u.id));
  }

  public groups(): SiteGroup[] {
    return Array.from(this.groupsById.values()).sort((a, b) => a.id - b.id);
  }

  public groupById(id: number): SiteGroup | undefined {
    return this.groupsById.get(id);
  }

  public groupByTitle(title: string): SiteGroup | undefined {
    const wanted = title.toLowerCase();
    return Array.from(this.groupsById.values()).filter((g) => g.title.toLowerCase() === wanted)[0];
  }

  /** The groups a principal is directly in: what SharePoint's `currentuser/groups` lists. */
  public groupsOf(userId: number): SiteGroup[] {
    return this.groups().filter((g) => g.memberIds.has(userId));
  }

  /**
   * The groups a person is in directly or through an Entra security group (nested groups too):
   * what SharePoint grants rights by, since their sign-in carries their Entra groups.
   */
  public effectiveGroupsOf(userId: number): SiteGroup[] {
    const principals = this.principalIdsOf(userId);
    return this.groups().filter((g) => principals.some((id) => g.memberIds.has(id)));
  }

  // ---- webhook subscriptions ------------------------------------------------------------------

  /** Records a Teams activity feed notification the sandbox accepted (the notification log). */
  public addActivityNotification(recipientObjectId: string, body: object, at: Date = new Date()): number {
    const result = this.db
      .prepare('INSERT INTO activity_notifications (received, recipient_object_id, body) VALUES (?, ?, ?)')
      .run(at.toISOString(), recipientObjectId.toLowerCase(), JSON.stringify(body));
    return Number(result.lastInsertRowid);
  }

  /** The notification log, oldest first; one recipient's when an object id is given. */
  public activityNotifications(
    recipientObjectId?: string,
  ): Array<{ seq: number; received: string; recipientObjectId: string; body: { [k: string]: unknown } }> {
    const rows = (
      recipientObjectId
        ? this.db
            .prepare('SELECT seq, received, recipient_object_id, body FROM activity_notifications WHERE recipient_object_id = ? ORDER BY seq')
            .all(recipientObjectId.toLowerCase())
        : this.db.prepare('SELECT seq, received, recipient_object_id, body FROM activity_notifications ORDER BY seq').all()
    ) as Array<{ seq: number; received: string; recipient_object_id: string; body: string }>;
    return rows.map((r) => ({ seq: Number(r.seq), received: r.received, recipientObjectId: r.recipient_object_id, body: JSON.parse(r.body) }));
  }

  public subscriptions(listId?: string): Subscription[] {
    return Array.from(this.subscriptionsById.values()).filter((s) => !listId || s.listId === listId);
  }

  public subscription(id: string): Subscription | undefined {
    return this.subscriptionsById.get(id.toLowerCase());
  }

  public putSubscription(subscription: Subscription): Subscription {
    const s = { ...subscription, id: subscription.id.toLowerCase() };
    return this.write(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO subscriptions (id, list_id, notification_url, client_state, expiration) VALUES (?, ?, ?, ?, ?)')
        .run(s.id, s.listId, s.notificationUrl, s.clientState, s.expirationDateTime);
      return { result: s, apply: () => this.subscriptionsById.set(s.id, s) };
    });
  }

  public deleteSubscription(id: string): void {
    this.write(() => {
      this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id.toLowerCase());
      return { result: undefined, apply: () => this.subscriptionsById.delete(id.toLowerCase()) };
    });
  }
}
