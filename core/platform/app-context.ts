// Everything the request path needs about one loaded app: its database (opened lazily, closed when
// idle by the AppManager), its token issuer and session service, and its compiled metadata.
import { dialectFor } from '../db/dialects/index.js';
import type { Database } from '../db/types.js';
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
  private database: Database | undefined;

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
      this.database = this.openDatabase();
      this.onOpen(this);
    }
    return this.database;
  }

  get isOpen(): boolean {
    return this.database !== undefined;
  }

  /** Closes the pool if nothing is running on it; returns whether it closed. */
  async closeIfIdle(): Promise<boolean> {
    const db = this.database;
    if (!db || db.busy > 0) return false;
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
