// Where app databases live: a PostgreSQL database per app on the management server, or a SQLite
// file per app in the data directory (platform-and-apps.md §2.1, §4.2–4.3).
import { join } from 'node:path';
import {
  PostgresDatabase, createDatabase, databaseExists, databaseUrl, dropDatabase,
} from './postgres.js';
import { SqliteDatabase, removeSqliteFiles, sqliteFileExists } from './sqlite.js';
import type { Database } from './types.js';

export interface AppStorage {
  exists(dbName: string): Promise<boolean>;
  create(dbName: string): Promise<void>;
  drop(dbName: string): Promise<void>;
  open(dbName: string): Database;
  /** Connections one open app database may use (for the global budget). */
  readonly poolSize: number;
}

export class PostgresAppStorage implements AppStorage {
  constructor(
    private readonly admin: PostgresDatabase,
    private readonly baseUrl: string,
    readonly poolSize: number,
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

  open(dbName: string): Database {
    return new PostgresDatabase({ url: databaseUrl(this.baseUrl, dbName), max: this.poolSize });
  }
}

export class SqliteAppStorage implements AppStorage {
  readonly poolSize = 1;

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

  open(dbName: string): Database {
    return new SqliteDatabase(this.path(dbName));
  }
}
