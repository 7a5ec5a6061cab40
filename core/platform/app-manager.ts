// The app lifecycle (platform-and-apps.md §4): create, delete, list, and the in-memory set of loaded
// apps that the request path resolves against. PostgreSQL pools open connections as their load
// needs them, within the instance's ConnectionBudget (core/db/pg-pool.ts); the idle sweep
// (plugins/idle-pools.ts) closes idle connections and SQLite handles, and at most
// database.max_connections SQLite app files stay open (least recently used idle ones close).
//
// Several instances (§8): a delete marks the app `deleting`, tells the others (they evict it and
// close their pools), waits for their connections to drain, then drops the database; a request that
// loses its connection to an app that is gone answers APP_NOT_FOUND. A create or delete that died
// half-way (kill -9) is rolled back by whichever instance claims the stale row (reclaimStale).
import { randomBytes } from 'node:crypto';
import type { RocketConfig } from '../../config/schema.js';
import { appMigrations } from '../../migrations/app/index.js';
import { migrate } from '../db/migrator.js';
import type { AppStorage } from '../db/app-storage.js';
import { DIALECT_NAMES, isDialectName } from '../db/dialects/index.js';
import type { AppStorages } from '../db/management.js';
import type { Database } from '../db/types.js';
import { isEmail, normaliseEmail } from '../ids.js';
import { errors } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { BlobStorage } from '../files/storage.js';
import type { Logger } from '../logger.js';
import { assertAppName, couldBeAppName, dbNameFor } from './app-names.js';
import { AppContext, type AppInfo, type AppRow } from './app-context.js';
import { seedAppAdmin } from './seed.js';
import { instrumentDatabase } from '../tracing/db.js';

export interface CreateAppInput {
  name?: unknown;
  display_name?: unknown;
  db_driver?: unknown;
  admin_email?: unknown;
  admin_password?: unknown;
}

/** Runs when an app is loaded into memory (e.g. to compile its metadata registry). */
export type AppLoadHook = (ctx: AppContext) => Promise<void>;

export class AppManager {
  private readonly loaded = new Map<string, AppContext>();
  private readonly loading = new Map<string, Promise<AppContext | undefined>>();
  private readonly loadHooks: AppLoadHook[] = [];
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly mgmt: Database,
    private readonly storages: AppStorages,
    private readonly config: RocketConfig,
    private readonly log: Logger,
    private readonly events: EventBus,
    /** Uploaded files' blobs: an app's go with its database (platform-and-apps.md §4.3 step 4). */
    private readonly blobs: BlobStorage,
  ) {
    // Another instance created or deleted an app: load it here too / drop it and close its pool.
    const remote = (what: string, fn: (app: string) => Promise<unknown> | unknown) => async (e: { app: string; origin: string }) => {
      if (e.origin !== 'remote') return;
      try {
        await fn(e.app);
      } catch (err) {
        this.log.error({ err, app: e.app, op: what }, 'could not apply app change from another instance');
      }
    };
    this.unsubscribe = [
      events.on('app.created', remote('created', (app) => this.resolve(app))),
      events.on('app.deleted', remote('deleted', (app) => this.evict(app))),
    ];
  }

  get defaultDriver(): 'postgres' | 'sqlite' {
    return this.config.database.driver;
  }

  addLoadHook(hook: AppLoadHook): void {
    this.loadHooks.push(hook);
  }

  /** Hot path: the loaded context, if any. */
  get(name: string): AppContext | undefined {
    return this.loaded.get(name);
  }

  loadedApps(): AppContext[] {
    return [...this.loaded.values()];
  }

  /** Loaded context, or load it on demand; undefined when no active app has that name. */
  resolve(name: string): Promise<AppContext | undefined> | AppContext | undefined {
    const ctx = this.loaded.get(name);
    if (ctx) return ctx;
    if (!couldBeAppName(name)) return undefined;
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async load(name: string): Promise<AppContext | undefined> {
    const [row] = await this.mgmt.query<Record<string, unknown>>('SELECT * FROM _apps WHERE name = $1', [name]);
    if (!row || row.status !== 'active') return undefined;
    const app = this.toRow(row);
    const ctx = this.newContext(app);
    await this.bootstrap(ctx, {});
    this.loaded.set(name, ctx);
    return ctx;
  }

  /** Loads every active app at start; failures are logged and retried lazily. */
  async loadAll(): Promise<void> {
    const rows = await this.mgmt.query<{ name: string }>("SELECT name FROM _apps WHERE status = 'active' ORDER BY name");
    for (const { name } of rows) {
      try {
        await this.resolve(name);
      } catch (err) {
        this.log.error({ err, app: name }, 'app failed to load; it will be retried on its next request');
      }
    }
  }

  private storage(driver: string): AppStorage {
    const storage = isDialectName(driver) ? this.storages[driver] : undefined;
    if (!storage) throw errors.dbDriverUnavailable(driver);
    return storage;
  }

  private newContext(app: AppRow): AppContext {
    const storage = this.storage(app.db_driver);
    const { jwt_secret, ...info } = app;
    let ctx: AppContext | undefined = undefined;
    const onConnectionError = (err: unknown) => this.connectionLost(ctx!, err);
    const onReopen = () => this.enforceOpenHandles(ctx!);
    const open = () => storage.open(app.db_name, { onConnectionError, onReopen });
    // `instrumentation.db_queries`: every statement a query.execute span; otherwise the database as it is.
    const traced = this.config.instrumentation.enabled && this.config.instrumentation.db_queries;
    ctx = new AppContext(info, jwt_secret, traced ? () => instrumentDatabase(open()) : open, (c) => this.enforceOpenHandles(c));
    return ctx;
  }

  /**
   * A statement failed because its connection was lost or its database closed. If the app is
   * being deleted (here, or by another instance: the management database says so) the caller gets
   * APP_NOT_FOUND and the app is evicted; otherwise the original error stands.
   */
  private async connectionLost(ctx: AppContext, err: unknown): Promise<unknown> {
    if (ctx.isGone) return errors.appNotFound(ctx.name);
    if (ctx.info.status !== 'active') return err; // being created: the create's rollback answers
    try {
      const [row] = await this.mgmt.query<{ status: string; created_at: unknown }>('SELECT status, created_at FROM _apps WHERE name = $1', [ctx.name]);
      const same = row && this.mgmt.dialect.decodeTimestamp(row.created_at) === ctx.info.created_at;
      if (row?.status === 'active' && same) return err;
    } catch {
      return err;
    }
    ctx.markGone();
    if (this.loaded.get(ctx.name) === ctx) void this.evict(ctx.name).catch(() => {});
    return errors.appNotFound(ctx.name);
  }

  /** Idempotent per-app bootstrap: system migrations, seeded admin, load hooks. */
  private async bootstrap(ctx: AppContext, seed: { email?: string; password?: string }): Promise<void> {
    await migrate(ctx.db, appMigrations, 'app');
    await seedAppAdmin(ctx.db, ctx.name, seed, this.config, this.log);
    for (const hook of this.loadHooks) await hook(ctx);
  }

  async create(input: unknown): Promise<AppInfo> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw errors.invalidRequestBody();
    }
    const body = input as CreateAppInput;
    assertAppName(body.name);
    const name = body.name;
    const driver = body.db_driver ?? this.defaultDriver;
    if (!isDialectName(driver)) {
      throw errors.invalidDbDriver(DIALECT_NAMES);
    }
    // Checked before anything is reserved: a NUL byte or junk would otherwise fail the seed insert.
    if (body.admin_email !== undefined && (typeof body.admin_email !== 'string' || !isEmail(normaliseEmail(body.admin_email)))) {
      throw errors.invalidAdminEmail();
    }
    const storage = this.storage(driver);
    const displayName = typeof body.display_name === 'string' && body.display_name !== '' ? body.display_name : name;
    const dbName = dbNameFor(name);
    const now = new Date().toISOString();
    try {
      await this.mgmt.run(
        `INSERT INTO _apps (name, display_name, db_name, jwt_secret, db_driver, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'provisioning', $6, $6)`,
        [name, displayName, dbName, randomBytes(32).toString('hex'), driver, now],
      );
    } catch (err) {
      if (this.mgmt.dialect.isUniqueViolation(err)) throw errors.appExists(name);
      throw err;
    }
    if (await storage.exists(dbName)) {
      await this.mgmt.run('DELETE FROM _apps WHERE name = $1', [name]);
      throw errors.databaseExists(dbName);
    }
    let created = false;
    let reclaimed = false;
    let ctx: AppContext | undefined;
    try {
      await storage.create(dbName);
      created = true;
      const [row] = await this.mgmt.query<Record<string, unknown>>('SELECT * FROM _apps WHERE name = $1', [name]);
      ctx = this.newContext(this.toRow(row));
      const seed = {
        email: typeof body.admin_email === 'string' ? body.admin_email : undefined,
        password: typeof body.admin_password === 'string' ? body.admin_password : undefined,
      };
      await this.bootstrap(ctx, seed);
      // Conditional: if this create outlived its lease, another instance may have rolled it back
      // (reclaimStale); then the storage and row are no longer ours to touch.
      const activated = await this.mgmt.run(
        "UPDATE _apps SET status = 'active', updated_at = $1 WHERE name = $2 AND status = 'provisioning' AND created_at = $3",
        [new Date().toISOString(), name, now],
      );
      if (activated === 0) {
        created = false;
        reclaimed = true;
        throw new Error('the provisioning lease ran out and the app was rolled back');
      }
      ctx.info.status = 'active';
      this.loaded.set(name, ctx);
    } catch (err) {
      this.log.error({ err, app: name }, 'app provisioning failed; rolling back');
      await ctx?.close().catch(() => {});
      if (created) await storage.drop(dbName).catch((e) => this.log.error({ err: e, app: name }, 'could not drop storage'));
      if (!reclaimed) await this.mgmt.run('DELETE FROM _apps WHERE name = $1 AND created_at = $2', [name, now]).catch(() => {});
      throw errors.appCreateFailed();
    }
    await this.events.emit('app.created', { app: name, origin: 'local' });
    return (await this.info(name))!;
  }

  async delete(name: string): Promise<void> {
    const [row] = await this.mgmt.query<Record<string, unknown>>('SELECT * FROM _apps WHERE name = $1', [name]);
    if (!row) throw errors.platformAppNotFound();
    await this.mgmt.run("UPDATE _apps SET status = 'deleting', updated_at = $1 WHERE name = $2", [new Date().toISOString(), name]);
    // The other instances evict the app and close their pools (draining what runs) while this one
    // does the same; the drop waits for their connections to go (up to app_delete_drain_ms).
    await this.events.emit('app.deleted', { app: name, origin: 'local' });
    await this.evict(name);
    try {
      await this.teardown(String(row.db_driver), String(row.db_name), name);
    } catch (err) {
      this.log.error({ err, app: name }, 'app teardown failed; the app stays in status deleting');
      throw errors.internal();
    }
    await this.mgmt.run('DELETE FROM _apps WHERE name = $1', [name]);
  }

  /** Drops an app's storage once other sessions have left it (or the drain time is up), and its
   * uploaded files. Idempotent. */
  private async teardown(driver: string, dbName: string, name: string): Promise<void> {
    const storage = this.storage(driver);
    const until = Date.now() + this.config.app_delete_drain_ms;
    while ((await storage.otherSessions(dbName)) > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await storage.drop(dbName);
    await this.blobs.deleteApp(name);
  }

  /**
   * Rolls back apps whose create or delete died half-way (platform-and-apps.md §4.2–4.3): rows still
   * `provisioning` or `deleting` whose last update is older than app_provisioning_lease_ms. Each
   * row is claimed with a conditional UPDATE (so one instance handles it), then its storage and
   * files are dropped and the row deleted. A failure leaves it `deleting`, retried after another
   * lease. Returns the names rolled back.
   */
  async reclaimStale(now = Date.now()): Promise<string[]> {
    const cutoff = new Date(now - this.config.app_provisioning_lease_ms).toISOString();
    const rows = await this.mgmt.query<{ name: string; db_name: string; db_driver: string; status: string }>(
      "SELECT name, db_name, db_driver, status FROM _apps WHERE status IN ('provisioning', 'deleting') AND updated_at < $1 ORDER BY name",
      [cutoff],
    );
    const done: string[] = [];
    for (const row of rows) {
      const claimed = await this.mgmt.run(
        "UPDATE _apps SET status = 'deleting', updated_at = $1 WHERE name = $2 AND status = $3 AND updated_at < $4",
        [new Date(now).toISOString(), row.name, row.status, cutoff],
      );
      if (claimed === 0) continue; // another instance took it
      this.log.warn({ app: row.name, status: row.status }, 'rolling back an app left half-created or half-deleted');
      try {
        await this.evict(row.name);
        await this.teardown(row.db_driver, row.db_name, row.name);
        await this.mgmt.run("DELETE FROM _apps WHERE name = $1 AND status = 'deleting'", [row.name]);
        done.push(row.name);
      } catch (err) {
        this.log.error({ err, app: row.name }, 'could not roll back the app; retrying after the lease');
      }
    }
    return done;
  }

  /** Forgets a loaded app and closes its pool (local delete, or another instance's notification):
   * running statements finish, later ones (and requests still holding it) get APP_NOT_FOUND. */
  async evict(name: string): Promise<void> {
    // A load in progress would otherwise register the app after this eviction.
    const pending = this.loading.get(name);
    if (pending) await pending.catch(() => undefined);
    const ctx = this.loaded.get(name);
    this.loaded.delete(name);
    if (!ctx) return;
    ctx.markGone();
    await ctx.close();
  }

  async list(): Promise<AppInfo[]> {
    const rows = await this.mgmt.query<Record<string, unknown>>('SELECT * FROM _apps ORDER BY name');
    return rows.map((r) => this.publicInfo(this.toRow(r)));
  }

  async info(name: string): Promise<AppInfo | undefined> {
    const [row] = await this.mgmt.query<Record<string, unknown>>('SELECT * FROM _apps WHERE name = $1', [name]);
    return row ? this.publicInfo(this.toRow(row)) : undefined;
  }

  private toRow(r: Record<string, unknown>): AppRow {
    const d = this.mgmt.dialect;
    return {
      name: String(r.name),
      display_name: String(r.display_name),
      db_name: String(r.db_name),
      db_driver: r.db_driver as AppRow['db_driver'],
      status: r.status as AppRow['status'],
      created_at: d.decodeTimestamp(r.created_at)!,
      updated_at: d.decodeTimestamp(r.updated_at)!,
      jwt_secret: String(r.jwt_secret),
    };
  }

  /** AppInfo without the secret (jwt_secret is never returned). */
  private publicInfo(row: AppRow): AppInfo {
    const { jwt_secret: _secret, ...info } = row;
    return info;
  }

  /** Keeps at most database.max_connections app database files (SQLite) open by closing the least
   * recently used idle ones; PostgreSQL pools are bounded by their ConnectionBudget instead. */
  private enforceOpenHandles(opened: AppContext): void {
    const counts = (c: AppContext) => this.storages[c.info.db_driver]?.countsAsOpenHandle ?? false;
    if (!counts(opened)) return;
    const limit = this.config.database.max_connections;
    const open = [...this.loaded.values()].filter((c) => c !== opened && c.isOpen && counts(c));
    let total = open.length + 1;
    if (total <= limit) return;
    for (const ctx of open.sort((a, b) => a.lastUsed - b.lastUsed)) {
      if (total <= limit) break;
      // closeIfIdle leaves a busy handle open (the limit is a soft one then); a released one
      // reopens on its next statement.
      total--;
      void ctx.closeIfIdle();
    }
  }

  /** The idle sweep: closes app connections unused for idleMs, and the app databases (pools,
   * SQLite handles) of apps unused for idleMs. */
  async closeIdlePools(idleMs: number, now = Date.now()): Promise<void> {
    const cutoff = now - idleMs;
    for (const ctx of this.loaded.values()) {
      if (!ctx.isOpen) continue;
      if (ctx.lastUsed <= cutoff) await ctx.closeIfIdle().catch(() => {});
      else ctx.closeIdleConnections(idleMs, now);
    }
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    for (const name of [...this.loaded.keys()]) await this.evict(name).catch(() => {});
  }
}
