/**
 * The sandbox's storage: SQLite on disk through Node's built-in `node:sqlite`.
 *
 * Durability: WAL journal with `synchronous = FULL`, every write in one transaction, and callers
 * acknowledge a write only after `COMMIT` returns — so a crash or `kill -9` at any point loses no
 * acknowledged write and leaves the data consistent. Reads are served from an in-memory copy that
 * is updated only after a commit succeeds; one process owns a data directory at a time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, StatementSync } from '../sqlite';

/** SharePoint's instant format: UTC, whole seconds, `Z`. */
export function spNow(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The database every entity's storage shares: its tables, its transactions and the site's settings (`meta`). */
export abstract class StoreDatabase {
  protected readonly db: DatabaseSync;
  protected readonly meta = new Map<string, string>();
  private readonly statements: { [name: string]: StatementSync } = {};

  protected constructor(public readonly dataDir: string) {
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
  }

  /** A data directory from before a column existed gains it, with the column's default. */
  private addColumnIfMissing(table: string, column: string, definition: string): void {
    const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) {
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
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
  protected write<T>(work: () => { result: T; apply: () => void }): T {
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

  protected stmt(name: string, sql: string): StatementSync {
    if (!this.statements[name]) {
      this.statements[name] = this.db.prepare(sql);
    }
    return this.statements[name];
  }

  protected loadMeta(): void {
    for (const row of this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>) {
      this.meta.set(row.key, row.value);
    }
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
}
