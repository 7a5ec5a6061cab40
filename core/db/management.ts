// The server's own database and the app storages it offers, per configured driver
// (platform-and-apps.md §2.1, §4.2–4.3). Keyed by driver name, so the control plane opens whatever
// the configuration names without testing which one it is.
import { join } from 'node:path';
import type { RocketConfig } from '../../config/schema.js';
import { PostgresAppStorage, SqliteAppStorage, type AppStorage } from './app-storage.js';
import { ConnectionBudget } from './pg-pool.js';
import { openOrCreate } from './postgres.js';
import { SqliteDatabase } from './sqlite.js';
import type { Database, DialectName } from './types.js';

/** App storages by `_apps.db_driver`; a driver is missing when this server cannot host it. */
export type AppStorages = Partial<Record<DialectName, AppStorage>>;

interface DriverSetup {
  /** Human description of where the data lives, for the start-up log line. */
  describe(db: RocketConfig['database']): string;
  /** Opens the management database and registers the app storage it makes possible. */
  open(config: RocketConfig, storages: AppStorages): Promise<Database>;
}

export function managementUrl(config: RocketConfig): string {
  const db = config.database;
  if (db.url) return db.url;
  const auth = `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`;
  return `postgres://${auth}@${db.host}:${db.port}/${encodeURIComponent(db.name)}`;
}

const DRIVERS: Readonly<Record<DialectName, DriverSetup>> = {
  postgres: {
    describe: () => 'PostgreSQL',
    async open(config, storages) {
      const url = managementUrl(config);
      // The database to create when missing is the one the URL names (database.name otherwise).
      const name = decodeURIComponent(new URL(url).pathname.slice(1)) || config.database.name;
      const pg = await openOrCreate({ url, max: config.database.pool_size }, name);
      // App databases are created on the management server. database.max_connections is the
      // instance's ceiling: the management pool and the listening connection come out of it, the
      // rest is the budget of real app connections.
      const budget = new ConnectionBudget(appConnectionBudget(config));
      storages.postgres = new PostgresAppStorage(pg, url, config.app_pool_size, budget, config.app_pool_pipeline);
      return pg;
    },
  },
  sqlite: {
    describe: (db) => `SQLite in ${db.data_dir}`,
    async open(config) {
      return new SqliteDatabase(join(config.database.data_dir, `${config.database.name}.db`));
    },
  },
};

/** App connections one instance may hold: max_connections − management pool − listener. */
export function appConnectionBudget(config: RocketConfig): number {
  return Math.max(1, config.database.max_connections - config.database.pool_size - 1);
}

/** The management database plus every app storage: SQLite files always, PostgreSQL when configured. */
export async function openManagement(config: RocketConfig): Promise<{ mgmt: Database; storages: AppStorages }> {
  const storages: AppStorages = { sqlite: new SqliteAppStorage(config.database.data_dir) };
  const mgmt = await DRIVERS[config.database.driver].open(config, storages);
  return { mgmt, storages };
}

/** `PostgreSQL` / `SQLite in <data_dir>`. */
export function describeDatabase(db: RocketConfig['database']): string {
  return DRIVERS[db.driver].describe(db);
}
