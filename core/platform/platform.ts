// The control plane in one object: the management database (migrated, admin seeded), platform
// sessions, the app manager and, on PostgreSQL, change propagation between instances.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RocketConfig } from '../../config/schema.js';
import { platformMigrations } from '../../migrations/platform/index.js';
import { PostgresAppStorage, SqliteAppStorage, type AppStorage } from '../db/app-storage.js';
import { migrate } from '../db/migrator.js';
import { PostgresDatabase, openOrCreate } from '../db/postgres.js';
import { SqliteDatabase } from '../db/sqlite.js';
import type { Database } from '../db/types.js';
import { SessionService } from '../auth/sessions.js';
import { TokenIssuer } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import { AppManager } from './app-manager.js';
import { Notifier } from './notifier.js';
import { seedPlatformAdmin } from './seed.js';

export function managementUrl(config: RocketConfig): string {
  const db = config.database;
  if (db.url) return db.url;
  const auth = `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`;
  return `postgres://${auth}@${db.host}:${db.port}/${encodeURIComponent(db.name)}`;
}

export class Platform {
  /** Random id of this server instance (ignores its own notifications). */
  readonly instanceId = randomUUID();
  readonly issuer: TokenIssuer;
  readonly sessions: SessionService;
  readonly apps: AppManager;
  private notifier?: Notifier;

  private constructor(
    readonly config: RocketConfig,
    readonly mgmt: Database,
    storages: Partial<Record<'postgres' | 'sqlite', AppStorage>>,
    private readonly log: Logger,
  ) {
    this.issuer = new TokenIssuer(config.platform_jwt_secret!);
    this.sessions = new SessionService(mgmt, { users: '_platform_users', tokens: '_platform_refresh_tokens' }, this.issuer);
    this.apps = new AppManager(mgmt, storages, config, log);
  }

  static async start(config: RocketConfig, log: Logger): Promise<Platform> {
    const db = config.database;
    const sqliteStorage = new SqliteAppStorage(db.data_dir);
    let mgmt: Database;
    const storages: Partial<Record<'postgres' | 'sqlite', AppStorage>> = { sqlite: sqliteStorage };
    if (db.driver === 'postgres') {
      const url = managementUrl(config);
      const pg = await openOrCreate({ url, max: db.pool_size }, db.name);
      mgmt = pg;
      storages.postgres = new PostgresAppStorage(pg, url, config.app_pool_size);
    } else {
      mgmt = new SqliteDatabase(join(db.data_dir, `${db.name}.db`));
    }
    const platform = new Platform(config, mgmt, storages, log);
    try {
      await migrate(mgmt, platformMigrations, 'platform');
      await seedPlatformAdmin(mgmt, config, log);
      if (mgmt instanceof PostgresDatabase) {
        platform.notifier = new Notifier(mgmt, platform.instanceId, platform.apps, log);
        await platform.notifier.start();
      }
    } catch (err) {
      await platform.close();
      throw err;
    }
    return platform;
  }

  /** Receives metadata-change notifications from other instances (set by the metadata plugin). */
  set onMetadataNotification(reload: (app: string) => Promise<void>) {
    if (this.notifier) this.notifier.reloadMetadata = reload;
  }

  /** Announces an admin change of an app's metadata to the other instances (no-op on SQLite). */
  async metadataChanged(app: string): Promise<void> {
    await this.notifier?.metadataChanged(app);
  }

  async close(): Promise<void> {
    await this.apps.close();
    await this.mgmt.close();
  }
}
