// Where app databases live: a PostgreSQL database per app on the management server, or a SQLite
// file per app in the data directory (platform-and-apps.md §2.1, §4.2–4.3).
import { join } from 'node:path';
import { ConnectionBudget, PgPool } from './pg-pool.js';
import {
  PostgresDatabase, connectionOptions, createDatabase, databaseExists, databaseUrl, dropDatabase,
} from './postgres.js';
import { SqliteDatabase, removeSqliteFiles, sqliteFileExists } from './sqlite.js';
import type { Database } from './types.js';

export interface OpenOptions {
  /** Maps a failure caused by a lost connection or a closed/removed database to the error the
   * caller gets (e.g. "app not found" for an app being deleted). */
  onConnectionError?: (err: unknown) => unknown;
  /** SQLite: a released file handle was opened again. */
  onReopen?: () => void;
}

export interface AppStorage {
  exists(dbName: string): Promise<boolean>;
  create(dbName: string): Promise<void>;
  drop(dbName: string): Promise<void>;
  open(dbName: string, options?: OpenOptions): Database;
  /** Sessions other than ours on the database (PostgreSQL: other instances' connections), so a
   * delete can wait for them to drain before dropping it; SQLite: 0 (one process). */
  otherSessions(dbName: string): Promise<number>;
  /** Whether an open app database counts against the LRU limit of open app databases
   * (SQLite files); PostgreSQL pools are governed by their ConnectionBudget instead. */
  readonly countsAsOpenHandle: boolean;
}

export class PostgresAppStorage implements AppStorage {
  readonly countsAsOpenHandle = false;

  constructor(
    private readonly admin: PostgresDatabase,
    private readonly baseUrl: string,
    /** Connections one app database may open (app_pool_size). */
    readonly poolSize: number,
    /** Real connections of all app pools of this instance. */
    readonly budget: ConnectionBudget,
    /** Statements one app connection may pipeline once its pool is full (app_pool_pipeline). */
    readonly pipeline = 1,
  ) {}

  exists(dbName: string): Promise<boolean> {
    return databaseExists(this.admin, dbName);
  }

  create(dbName: string): Promise<void> {
    return createDatabase(this.admin, dbName);
  }

  drop(dbName: string): Promise<void> {
    return dropDatabase(this.admin, dbName);
  }

  open(dbName: string, options: OpenOptions = {}): PgPool {
    return new PgPool({
      url: databaseUrl(this.baseUrl, dbName),
      max: this.poolSize,
      pipeline: this.pipeline,
      connection: connectionOptions(),
      onConnectionError: options.onConnectionError,
    }, this.budget);
  }

  async otherSessions(dbName: string): Promise<number> {
    const [row] = await this.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName],
    );
    return row?.n ?? 0;
  }
}

export class SqliteAppStorage implements AppStorage {
  readonly countsAsOpenHandle = true;

  constructor(private readonly dataDir: string) {}

  path(dbName: string): string {
    return join(this.dataDir, `${dbName}.db`);
  }

  async exists(dbName: string): Promise<boolean> {
    return sqliteFileExists(this.path(dbName));
  }

  async create(dbName: string): Promise<void> {
    // Opening creates the file; closing at once keeps creation separate from use.
    await new SqliteDatabase(this.path(dbName)).close();
  }

  async drop(dbName: string): Promise<void> {
    removeSqliteFiles(this.path(dbName));
  }

  open(dbName: string, options: OpenOptions = {}): Database {
    return new SqliteDatabase(this.path(dbName), options);
  }

  async otherSessions(): Promise<number> {
    return 0;
  }
}
