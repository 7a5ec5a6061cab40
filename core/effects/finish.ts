// The writer's side, after COMMIT (write-pipeline.md §2.2 step 30, in its order): transition
// webhooks start asynchronously, then business events are written and workflow instances started
// before the response. Each
// outcome is written fenced by the writer's lease (`next_retry_at` as recorded): if the effects job
// took the effect over meanwhile, the writer's outcome is dropped and the job's stands.
import type { Parent } from '../tracing/index.js';
import type { Database } from '../db/types.js';
import { performEffect } from './perform.js';
import type { Effect, EffectServices } from './types.js';

const SETTLE_SQL =
  'UPDATE _effects SET status = $1, attempt = 1, next_retry_at = NULL, error = $2, updated_at = $3 WHERE id = $4 AND next_retry_at = $5';

async function performAndSettle(db: Database, services: EffectServices, effect: Effect, leaseUntil: string, app: string, parent?: Parent): Promise<void> {
  let error: string | null = null;
  try {
    await performEffect(db, services, effect, app, parent);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    services.log.warn({ app, effect: effect.id, kind: effect.kind, error }, 'post-commit effect failed');
  }
  try {
    await db.run(SETTLE_SQL, [error === null ? 'done' : 'failed', error, new Date().toISOString(), effect.id, leaseUntil]);
  } catch (err) {
    // The effect stays pending and the effects job repeats it after the recovery delay.
    services.log.error({ err, app, effect: effect.id }, 'could not record the outcome of a post-commit effect');
  }
}

/** Performs the effects one write recorded; failures are logged, never thrown. */
export async function finishEffects(
  db: Database, services: EffectServices, effects: readonly Effect[], leaseUntil: string, app: string, parent?: Parent,
): Promise<void> {
  services.beforeFinish?.();
  for (const effect of effects) {
    if (effect.kind !== 'transition_webhook') continue;
    const sending = performAndSettle(db, services, effect, leaseUntil, app).finally(() => services.inflight.delete(sending));
    services.inflight.add(sending);
  }
  // Business events and workflow starts in their recorded order: an event is stored before the
  // workflows it triggers start (logic.md §3.7), and all of them before the response (§4.6).
  for (const effect of effects) if (effect.kind !== 'transition_webhook') await performAndSettle(db, services, effect, leaseUntil, app, parent);
}

/** Resolves once every transition webhook under way has settled (shutdown, tests). */
export async function effectsIdle(services: EffectServices): Promise<void> {
  while (services.inflight.size > 0) await Promise.allSettled([...services.inflight]);
}
