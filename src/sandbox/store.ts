/**
 * The sandbox's storage: SQLite on disk through Node's built-in `node:sqlite`, one module per
 * SharePoint entity under `store/` (the database and its transactions, lists and items, roles,
 * users and groups, webhook subscriptions, the activity notification log). This module is the
 * site: it opens the data directory and makes sure every store has the site's structure.
 */
import { randomUUID } from 'node:crypto';
import { LIST_DEFINITIONS } from '../data/listContract';
import { SITE_GROUP_DESCRIPTIONS } from './directory';
import { ROLE_GROUPS, ROLES } from '../domain/roles';
import { ActivityNotificationStore } from './store/activityNotifications';
import { spNow } from './store/database';
import type { StoredList } from './store/lists';
import { APP_PRINCIPAL, SiteGroup, SiteUser } from './store/principals';

export { spNow } from './store/database';
export type { FieldValues, StoredItem, StoredList } from './store/lists';
export { FULL_CONTROL_ROLE, READ_ALL_REPORTS_ROLE, READ_ROLE, ROLE_DEFINITIONS } from './store/roles';
export type { RoleAssignment, RoleDefinition } from './store/roles';
export { APP_PRINCIPAL, securityGroupLoginName } from './store/principals';
export type { EntraGroup, SiteGroup, SiteUser } from './store/principals';
export type { Subscription } from './store/subscriptions';

export interface StoreOptions {
  /** A new data directory starts as a bare site: no lists, no role groups (see `bareSite`). */
  bareSite?: boolean;
}

const BARE_SITE_KEY = 'bareSite';

export class SandboxStore extends ActivityNotificationStore {
  private constructor(dataDir: string, options: StoreOptions = {}) {
    super(dataDir);
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

  /** Opens (creating if need be) the store in a data directory. */
  public static open(dataDir: string, options: StoreOptions = {}): SandboxStore {
    return new SandboxStore(dataDir, options);
  }

  /** A site created with no lists and no role groups: provisioning builds them. */
  public get bareSite(): boolean {
    return this.meta.get(BARE_SITE_KEY) === '1';
  }

  private load(): void {
    this.loadMeta();
    this.loadLists();
    this.loadPrincipals();
    this.loadSubscriptions();
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

  /** True when no person and no item has been added yet: the moment to seed. */
  public isEmpty(): boolean {
    const people = Array.from(this.usersById.values()).filter((u) => !u.isApp && u.principalType === 1).length;
    const items = this.lists().reduce((n, l) => n + l.items.size, 0);
    return people === 0 && items === 0;
  }
}
