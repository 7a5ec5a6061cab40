// Everything the request path needs about one loaded app: its database (opened lazily, closed when
// idle by the AppManager), its token issuer and session service, and its compiled metadata.
import { dialectFor } from '../db/dialects/index.js';
import type { Database } from '../db/types.js';
import { errors } from '../errors.js';
import { TokenIssuer } from '../auth/tokens.js';
import { SessionService } from '../auth/sessions.js';
import { Registry } from '../compile/registry.js';

export interface AppInfo {
  name: string;
  display_name: string;
  db_name: string;
  db_driver: 'postgres' | 'sqlite';
  status: 'provisioning' | 'active' | 'deleting';
  created_at: string;
  updated_at: string;
}

export interface AppRow extends AppInfo {
  jwt_secret: string;
}

/** A per-app extension (e.g. the metadata registry) attached when the app loads. */
export interface AppExtension {
  close?(): Promise<void> | void;
}

export class AppContext {
  readonly issuer: TokenIssuer;
  readonly sessions: SessionService;
  /** Extensions keyed by feature name (filled by later subsystems at load time). */
  readonly extensions = new Map<string, AppExtension>();
  lastUsed = Date.now();
  /** The current compiled metadata snapshot; replaced (never mutated) on every change. */
  registry: Registry;
  /** The app's stored metadata version the registry was compiled from (core/admin/fresh-registry.ts);
   * -1 before the first load. */
  metadataVersion = -1;
  private database: Database | undefined;
  /** Deleted (or being deleted): the database is never reopened, callers get APP_NOT_FOUND. */
  private gone = false;

  constructor(
    readonly info: AppInfo,
    jwtSecret: string,
    private readonly openDatabase: () => Database,
    private readonly onOpen: (ctx: AppContext) => void,
  ) {
    this.issuer = new TokenIssuer(jwtSecret);
    this.registry = Registry.empty(dialectFor(info.db_driver));
    // The session service reads the database through this context so a reopened pool is used.
    this.sessions = new SessionService(this.lazyDb(), { users: '_users', tokens: '_refresh_tokens' }, this.issuer);
  }

  get name(): string {
    return this.info.name;
  }

  /** The app database, reopened on demand after the idle sweep closed it. */
  get db(): Database {
    this.lastUsed = Date.now();
    if (!this.database) {
      if (this.gone) throw errors.appNotFound(this.name);
      this.database = this.openDatabase();
      this.onOpen(this);
    }
    return this.database;
  }

  /** Whether the app database holds resources (a pool, an open SQLite file). */
  get isOpen(): boolean {
    const db = this.database as { holdsHandle?: boolean } | undefined;
    return db !== undefined && db.holdsHandle !== false;
  }

  /** The database's in-flight and waiting work, without opening it or counting as use (metrics). */
  get busy(): number {
    return this.database?.busy ?? 0;
  }

  get isGone(): boolean {
    return this.gone;
  }

  /** The app is deleted or being deleted: requests that still hold this context get
   * APP_NOT_FOUND instead of a reopened database. */
  markGone(): void {
    this.gone = true;
  }

  /** Closes the app's connections unused for idleMs (PostgreSQL pools shrink; see pg-pool.ts). */
  closeIdleConnections(idleMs: number, now = Date.now()): number {
    const db = this.database as { closeIdle?: (idleMs: number, now?: number) => number } | undefined;
    return db?.closeIdle?.(idleMs, now) ?? 0;
  }

  /** Releases the app database's file or connections if nothing runs on it; returns whether it did. */
  async closeIfIdle(): Promise<boolean> {
    const db = this.database;
    if (!db || db.busy > 0) return false;
    // Close the file (SQLite) or the idle connections (PostgreSQL) but keep the object, which
    // reopens on its next statement: a request between two statements must not be left holding a
    // closed database.
    const releaseHandle = (db as { releaseHandle?: () => Promise<void> }).releaseHandle;
    if (releaseHandle) {
      await releaseHandle.call(db);
      return true;
    }
    this.database = undefined;
    await db.close();
    return true;
  }

  async close(): Promise<void> {
    for (const ext of this.extensions.values()) await ext.close?.();
    const db = this.database;
    this.database = undefined;
    await db?.close();
  }

  /** A Database facade that always goes through `this.db` (for long-lived services). */
  lazyDb(): Database {
    const self = this;
    return {
      get dialect() { return self.db.dialect; },
      get busy() { return self.isOpen ? self.db.busy : 0; },
      query: (sql, params) => self.db.query(sql, params),
      run: (sql, params) => self.db.run(sql, params),
      transaction: (fn, options) => self.db.transaction(fn, options),
      close: () => self.close(),
    } as Database;
  }
}
