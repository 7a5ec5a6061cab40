// Change propagation between server instances over PostgreSQL LISTEN/NOTIFY on the management
// database (platform-and-apps.md §8.1): app lifecycle and metadata changes. A bridge only: local
// events of the bus are published, notifications of other instances become remote events; the
// subsystems that react (AppManager, metadata plugin) subscribe to the bus.
import type { PostgresDatabase } from '../db/postgres.js';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import type { AppManager } from './app-manager.js';

const APPS = 'rocket_apps';
const METADATA = 'rocket_metadata';

export class Notifier {
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly origin: string,
    private readonly events: EventBus,
    private readonly apps: AppManager,
    private readonly log: Logger,
  ) {
    // Only local events are published: remote ones came from the channel and must not echo back.
    this.unsubscribe = [
      events.on('app.created', (e) => (e.origin === 'local' ? this.publish(APPS, { op: 'created', app: e.app }) : undefined)),
      events.on('app.deleted', (e) => (e.origin === 'local' ? this.publish(APPS, { op: 'deleted', app: e.app }) : undefined)),
      events.on('metadata.changed', (e) => (e.origin === 'local' ? this.publish(METADATA, { app: e.app }) : undefined)),
    ];
  }

  async start(): Promise<void> {
    await this.db.listen(APPS, (p) => void this.onApps(p), () => void this.reloadAll());
    await this.db.listen(METADATA, (p) => void this.onMetadata(p), () => void this.reloadAll());
  }

  /** Stops publishing (the listening connection ends with the management pool). */
  close(): void {
    for (const off of this.unsubscribe) off();
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
    if (msg?.op === 'deleted') await this.events.emit('app.deleted', { app: msg.app, origin: 'remote' });
    else if (msg?.op === 'created') await this.events.emit('app.created', { app: msg.app, origin: 'remote' });
  }

  private async onMetadata(payload: string): Promise<void> {
    const msg = this.parse(payload);
    if (msg) await this.events.emit('metadata.changed', { app: msg.app, origin: 'remote' });
  }

  /** After the listening connection was lost, notifications may have been missed. */
  private async reloadAll(): Promise<void> {
    this.log.warn({}, 'notification connection re-established; reloading all app registries');
    for (const ctx of this.apps.loadedApps()) await this.events.emit('metadata.changed', { app: ctx.name, origin: 'remote' });
  }
}
