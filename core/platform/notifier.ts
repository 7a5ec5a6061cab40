// Change propagation between server instances over PostgreSQL LISTEN/NOTIFY on the management
// database (platform-and-apps.md §8.1): app lifecycle and metadata changes.
import type { PostgresDatabase } from '../db/postgres.js';
import type { Logger } from '../logger.js';
import type { AppManager } from './app-manager.js';

const APPS = 'rocket_apps';
const METADATA = 'rocket_metadata';

/** Reloads an app's metadata registry after another instance changed it. */
export type MetadataReloader = (app: string) => Promise<void>;

export class Notifier {
  /** Set by the metadata subsystem; until then a metadata change evicts the app (lazy reload). */
  reloadMetadata: MetadataReloader;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly origin: string,
    private readonly apps: AppManager,
    private readonly log: Logger,
  ) {
    this.reloadMetadata = (app) => this.apps.evict(app);
    apps.onChange = (op, app) => void this.publish(APPS, { op, app });
  }

  async start(): Promise<void> {
    await this.db.listen(APPS, (p) => void this.onApps(p), () => void this.reloadAll());
    await this.db.listen(METADATA, (p) => void this.onMetadata(p), () => void this.reloadAll());
  }

  async metadataChanged(app: string): Promise<void> {
    await this.publish(METADATA, { app });
  }

  private async publish(channel: string, message: Record<string, string>): Promise<void> {
    try {
      await this.db.notify(channel, JSON.stringify({ ...message, origin: this.origin }));
    } catch (err) {
      this.log.error({ err, channel }, 'could not notify other instances');
    }
  }

  private parse(payload: string): Record<string, string> | undefined {
    try {
      const msg = JSON.parse(payload);
      return msg && msg.origin !== this.origin && typeof msg.app === 'string' ? msg : undefined;
    } catch {
      return undefined;
    }
  }

  private async onApps(payload: string): Promise<void> {
    const msg = this.parse(payload);
    if (!msg) return;
    try {
      if (msg.op === 'deleted') await this.apps.evict(msg.app);
      else if (msg.op === 'created') await this.apps.resolve(msg.app);
    } catch (err) {
      this.log.error({ err, app: msg.app }, 'could not apply app change from another instance');
    }
  }

  private async onMetadata(payload: string): Promise<void> {
    const msg = this.parse(payload);
    if (!msg || !this.apps.get(msg.app)) return;
    try {
      await this.reloadMetadata(msg.app);
    } catch (err) {
      this.log.error({ err, app: msg.app }, 'could not reload metadata changed by another instance');
    }
  }

  /** After the listening connection was lost, notifications may have been missed. */
  private async reloadAll(): Promise<void> {
    this.log.warn({}, 'notification connection re-established; reloading all app registries');
    for (const ctx of this.apps.loadedApps()) await this.onMetadata(JSON.stringify({ app: ctx.name, origin: '' }));
  }
}
