/** Site users, site groups and the directory's Entra security groups: who the site knows and who is in what. */
import { DirectoryEntry, EntraGroupEntry } from '../directory';
import { ListStore } from './lists';

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

export const APP_PRINCIPAL = {
  title: 'Frontline Visits (app)',
  email: '',
  objectId: '6a1d0e50-0000-4000-8000-0000000000ab',
  loginName: 'i:0i.t|ms.sp.ext|6a1d0e50-0000-4000-8000-0000000000ab@9188040d-6c67-4c5b-b112-36a304b66dad',
};

export abstract class PrincipalStore extends ListStore {
  protected readonly usersById = new Map<number, SiteUser>();
  protected readonly groupsById = new Map<number, SiteGroup>();
  protected readonly entraGroupsById = new Map<string, EntraGroup>();

  protected loadPrincipals(): void {
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
  }

  protected nextUserId(): number {
    // SharePoint's first ids belong to system accounts; people start a little higher.
    return Math.max(9, ...Array.from(this.usersById.keys())) + 1;
  }

  protected insertUser(user: SiteUser): void {
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
}
