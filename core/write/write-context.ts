// What every stage of one write request shares (write-pipeline.md §1): the database, the metadata
// snapshot the request started with, the caller, the one request timestamp and the request's log.
import type { Parent } from '../tracing/index.js';
import type { AuditActor } from '../audit/actor.js';
import type { Caller } from '../auth/tokens.js';
import type { Registry } from '../compile/registry.js';
import type { Database } from '../db/types.js';
import type { EffectServices } from '../effects/types.js';
import type { EventBus } from '../events/bus.js';
import type { WebhookServices } from '../webhooks/services.js';
import type { Logger } from '../logger.js';

export interface WriteContext {
  readonly db: Database;
  readonly registry: Registry;
  readonly caller: Caller | undefined;
  /** One instant per request, used for every auto field and deleted_at. */
  readonly now: Date;
  /** Where post-commit failures are reported (they never change the response). */
  readonly log: Logger | undefined;
  /** Where `records.committed` goes after COMMIT, with the app it names. */
  readonly events: { bus: EventBus; app: string } | undefined;
  /**
   * How post-commit effects (transition webhooks, business events) are performed. Without it they
   * are still recorded, and the effects job performs them.
   */
  readonly effects: EffectServices | undefined;
  /** Entity webhooks (synchronous sends, asynchronous dispatch); without it none is sent (rows are still logged). */
  readonly webhooks: WebhookServices | undefined;
  /**
   * Writes that must happen outside the business transaction once it has ended, committed or
   * rolled back (a synchronous webhook's log row must survive its own veto, §A3.1).
   */
  readonly afterTransaction: Array<() => Promise<void>>;
  /** Who writes and from where, for the audit log (observability-and-audit.md §B6); without it nothing is audited. */
  readonly audit: AuditActor | undefined;
  /**
   * The span the write's work runs under (observability §A3): the request's `record.create` (or
   * update, delete), then, while the plan executes, its `nested_write.execute`, which the steps'
   * spans nest under. A write's steps run one after another, so one field serves the whole write.
   */
  span: Parent;
}

export function writeContext(
  db: Database, registry: Registry, caller: Caller | undefined, log?: Logger, events?: { bus: EventBus; app: string },
  effects?: EffectServices,
  webhooks?: WebhookServices,
  audit?: AuditActor,
  span?: Parent,
): WriteContext {
  return { db, registry, caller, now: new Date(), log, events, effects, webhooks, afterTransaction: [], audit, span };
}
