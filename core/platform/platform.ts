// The control plane in one object: the management database (migrated, admin seeded), platform
// sessions, the app manager and, on PostgreSQL, change propagation between instances.
import { appHandle, type AppHandle } from '../schema-io/apply.js';
import { randomUUID } from 'node:crypto';
import type { RocketConfig } from '../../config/schema.js';
import { platformMigrations } from '../../migrations/platform/index.js';
import { openManagement, type AppStorages } from '../db/management.js';
import { migrate } from '../db/migrator.js';
import { PostgresDatabase } from '../db/postgres.js';
import type { Database } from '../db/types.js';
import { SessionService } from '../auth/sessions.js';
import { TokenIssuer } from '../auth/tokens.js';
import { EventBus } from '../events/bus.js';
import { createBlobStorage, type BlobStorage } from '../files/storage.js';
import type { Logger } from '../logger.js';
import { auditSettings } from '../audit/settings.js';
import { WorkflowEngine } from '../workflows/engine.js';
import { createOutboundClient, type OutboundClient } from '../outbound/http-client.js';
import { effectsIdle } from '../effects/finish.js';
import type { EffectServices } from '../effects/types.js';
import { WebhookDispatcher } from '../webhooks/dispatcher.js';
import type { WebhookServices } from '../webhooks/services.js';
import { AppManager } from './app-manager.js';
import { Notifier } from './notifier.js';
import { seedPlatformAdmin } from './seed.js';

export { managementUrl } from '../db/management.js';

export class Platform {
  /** Random id of this server instance (ignores its own notifications). */
  readonly instanceId = randomUUID();
  readonly issuer: TokenIssuer;
  readonly sessions: SessionService;
  readonly apps: AppManager;
  /** In-process events (core/events/bus.ts); the notifier bridges them between instances. */
  readonly events: EventBus;
  /** The server's one outbound HTTP client (webhook deliveries); its keep-alive sockets are shared. */
  readonly outbound: OutboundClient;
  /** How post-commit effects (transition webhooks, business events) are performed (core/effects/). */
  readonly effects: EffectServices;
  /** Entity webhooks: the client for synchronous sends and the dispatcher of asynchronous ones. */
  readonly webhooks: WebhookServices;
  /** Workflow instances: starts (the `workflow_start` effect), approvals, timeouts (core/workflows/). */
  readonly workflows: WorkflowEngine;
  private notifier?: Notifier;

  private constructor(
    readonly config: RocketConfig,
    readonly mgmt: Database,
    storages: AppStorages,
    readonly log: Logger,
    /** Where uploaded files' blobs live (storage.driver: core/files/). */
    readonly blobs: BlobStorage,
  ) {
    this.issuer = new TokenIssuer(config.platform_jwt_secret!);
    this.sessions = new SessionService(mgmt, { users: '_platform_users', tokens: '_platform_refresh_tokens' }, this.issuer);
    this.events = new EventBus(log);
    this.apps = new AppManager(mgmt, storages, config, log, this.events, blobs);
    this.outbound = createOutboundClient({ allowPrivateNetworks: config.webhooks.allow_private_networks });
    this.effects = { sender: this.outbound, recoveryDelayMs: config.effects.recovery_delay_ms, log, inflight: new Set() };
    const w = config.webhooks;
    this.webhooks = {
      client: this.outbound,
      leaseMs: w.pending_lease_ms,
      dispatcher: new WebhookDispatcher({
        client: this.outbound, log, concurrency: w.concurrency, appConcurrency: w.app_concurrency, maxQueued: w.queue_size, retryBaseMs: w.retry_base_ms,
      }),
    };
    this.workflows = new WorkflowEngine(this.apps, {
      log, effects: this.effects, webhooks: this.webhooks, bus: this.events, audit: auditSettings(config.audit),
    });
    this.effects.workflows = this.workflows;
  }

  static async start(config: RocketConfig, log: Logger): Promise<Platform> {
    const blobs = await createBlobStorage(config.storage);
    const { mgmt, storages } = await openManagement(config);
    const platform = new Platform(config, mgmt, storages, log, blobs);
    try {
      await migrate(mgmt, platformMigrations, 'platform');
      await seedPlatformAdmin(mgmt, config, log);
      // A create or delete that died half-way (kill -9) is rolled back before apps load.
      await platform.apps.reclaimStale().catch((err) => log.error({ err }, 'could not roll back stale apps'));
      if (mgmt instanceof PostgresDatabase) {
        platform.notifier = new Notifier(mgmt, platform.instanceId, platform.events, platform.apps, log);
        await platform.notifier.start();
      }
    } catch (err) {
      await platform.close();
      throw err;
    }
    return platform;
  }

  /** Metadata as code: `platform.app('shop').apply(document)` applies a schema document to the app
   * (core/schema-io/apply.ts). */
  app(name: string): AppHandle {
    return appHandle(this, name);
  }

  /** Announces a committed admin change of an app's metadata (the notifier tells the other
   * instances; no-op on SQLite). Resolves once it has been published. */
  async metadataChanged(app: string): Promise<void> {
    await this.events.emit('metadata.changed', { app, origin: 'local' });
  }

  /** Runs on the server's onClose after the job runners have stopped (plugins/jobs.ts), so no new
   * delivery starts; the outbound client then waits for those in flight (each within its timeout). */
  async close(): Promise<void> {
    this.notifier?.close();
    await effectsIdle(this.effects);
    await this.webhooks.dispatcher.stop();
    await this.outbound.close();
    await this.apps.close();
    await this.blobs.close();
    await this.mgmt.close();
  }
}
