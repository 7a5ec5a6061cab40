// What the admin services that change compiled metadata share: the app they work on, and the
// aftermath of every successful change — a bumped metadata version, a rebuilt registry (so the
// change applies to the next request here) and a notice to the other instances.
import type { AuditActor } from '../audit/actor.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { bumpMetadataVersion } from './fresh-registry.js';
import { reloadRegistry } from './metadata-admin.js';

export abstract class AdminService {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly log: Logger,
    private readonly announce: (app: string) => Promise<void>,
    /** Who makes the change, for services whose table is audited (`_permissions`, observability-and-audit.md §B2). */
    protected readonly audit?: () => Promise<AuditActor>,
  ) {}

  /**
   * Set by a caller that makes many changes in a row (an import, core/schema-io/): `changed()` then
   * only bumps the stored version, and the caller rebuilds the registry and notifies once at the
   * end instead of once per change (a rebuild compiles every entity, so per change it is quadratic).
   * The services' checks do not read what the rebuild would add (they query their own table).
   */
  deferReload = false;

  protected get db() {
    return this.ctx.db;
  }

  /**
   * Runs a write whose uniqueness a query has already checked; a unique violation (a concurrent
   * write got there between that query and this write) becomes the same `conflict`.
   */
  protected async unlessTaken<T>(conflict: () => Error, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (this.db.dialect.isUniqueViolation(err)) throw conflict();
      throw err;
    }
  }

  /** Call after a successful write of the service's table. */
  protected async changed(): Promise<void> {
    await bumpMetadataVersion(this.db);
    if (this.deferReload) return;
    await reloadRegistry(this.ctx, this.log);
    await this.announce(this.ctx.name);
  }

  /** Only the notice to the other instances, after a write of a table the registry does not hold (UI configs). */
  protected async announceChange(): Promise<void> {
    await this.announce(this.ctx.name);
  }
}
